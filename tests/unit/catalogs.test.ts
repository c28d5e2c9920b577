import { describe, expect, it } from 'vitest';
import { catalogs } from '../../renderer/src/i18n/resources.ts';
import { createFormatters } from '../../renderer/src/i18n/format.ts';
import { createI18n } from '../../renderer/src/i18n/i18n.ts';

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`)));
}

function placeholders(tree: Tree): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (node: Tree, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') found.set(`${prefix}${key}`, [...value.matchAll(/{{\s*(\w+)/g)].map((match) => match[1] ?? '').sort());
      else walk(value, `${prefix}${key}.`);
    }
  };
  walk(tree, '');
  return found;
}

describe('the language catalogs', () => {
  for (const [namespace, text] of Object.entries(catalogs)) {
    it(`${namespace}: Norwegian and English have the same keys and the same placeholders`, () => {
      expect(keysOf(text.nb as Tree).sort()).toEqual(keysOf(text.en as Tree).sort());
      expect(placeholders(text.nb as Tree)).toEqual(placeholders(text.en as Tree));
    });

    it(`${namespace}: no text is left empty or untranslated by accident`, () => {
      for (const key of keysOf(text.nb as Tree)) {
        const value = key.split('.').reduce<string | Tree>((node, part) => (node as Tree)[part] as string | Tree, text.nb as Tree);
        expect(typeof value === 'string' && value.trim().length > 0, `${namespace}:${key} is empty`).toBe(true);
      }
    });
  }

  it('plurals follow each language: one and other in both', () => {
    for (const language of ['nb', 'en'] as const) {
      expect(new Intl.PluralRules(language).resolvedOptions().pluralCategories.sort()).toEqual(['one', 'other']);
    }
    const nb = createI18n('nb');
    const en = createI18n('en');
    expect(nb.t('nav.alertsCount', { count: 1 })).toBe('1 åpent varsel');
    expect(nb.t('nav.alertsCount', { count: 3 })).toBe('3 åpne varsler');
    expect(en.t('nav.alertsCount', { count: 1 })).toBe('1 open alert');
    expect(en.t('nav.alertsCount', { count: 3 })).toBe('3 open alerts');
    expect(nb.t('health:organizationErrors', { count: 0 })).toBe('Ingen feil');
    expect(en.t('health:facts.runQuarantined', { count: 2500 })).toBe('2,500 records could not be read');
    expect(nb.t('health:facts.runQuarantined', { count: 2500 })).toBe('2\u00a0500 oppføringer kunne ikke leses');
  });
});

describe('dates, numbers and relative times follow the chosen language', () => {
  const instant = '2026-01-02T01:00:00Z';
  it('in Norwegian', () => {
    const format = createFormatters('nb');
    expect(format.count(2500)).toBe('2\u00a0500');
    expect(format.dateTime(instant)).toBe('2. jan. 2026, 02:00');
    expect(format.relative('2026-01-02T00:57:00Z', Date.parse(instant))).toBe('for 3 minutter siden');
    expect(format.duration(1_400)).toBe('1,4 s');
    expect(format.duration(125_000)).toBe('2 min 5 s');
  });
  it('in English', () => {
    const format = createFormatters('en');
    expect(format.count(2500)).toBe('2,500');
    expect(format.dateTime(instant)).toBe('2 Jan 2026, 02:00');
    expect(format.relative('2026-01-02T00:57:00Z', Date.parse(instant))).toBe('3 minutes ago');
    expect(format.duration(1_400)).toBe('1.4 s');
    expect(format.duration(3_725_000)).toBe('1 h 2 min');
  });
});
