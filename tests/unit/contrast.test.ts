import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// axe measures the contrast of what a spec shows, but it skips disabled and busy controls; these
// pairs are checked from the stylesheet itself, so a colour change that breaks 4.5:1 fails here.
const css = readFileSync(join(import.meta.dirname, '../../renderer/src/styles.css'), 'utf8');
const tokens = new Map([...css.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((match) => [match[1] ?? '', match[2] ?? '']));

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(foreground: string, background: string): number {
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const colour = (value: string) => (value.startsWith('#') ? value : (tokens.get(value) ?? `missing --${value}`));

describe('text contrast in the console (WCAG 1.4.3, 4.5:1)', () => {
  const pairs: Array<[string, string, string]> = [
    ['body text', 'text', 'bg'],
    ['text on panels', 'text', 'panel'],
    ['muted text and hints', 'muted', 'panel'],
    ['muted text on the page', 'muted', 'bg'],
    ['links', 'primary', 'panel'],
    ['primary buttons', '#ffffff', 'primary'],
    ['danger buttons', '#ffffff', 'error-text'],
    ['a busy or disabled button ("Syncing…")', '#3f4756', '#e4e7ec'],
    ['ok status', 'ok-text', 'ok-bg'],
    ['warning status', 'warning-text', 'warning-bg'],
    ['error status', 'error-text', 'error-bg'],
    ['info status', 'info-text', 'info-bg'],
    ['neutral status', 'neutral-text', 'neutral-bg'],
    ['table headers', 'text', '#f0f2f5'],
  ];
  for (const [what, foreground, background] of pairs) {
    it(`${what}: at least 4.5:1`, () => {
      expect(contrast(colour(foreground), colour(background))).toBeGreaterThanOrEqual(4.5);
    });
  }

  it('the busy button colours are the ones the stylesheet uses', () => {
    expect(css).toMatch(/\.button\[aria-disabled='true'\],\s*\.button:disabled\s*{[^}]*background: #e4e7ec;[^}]*color: #3f4756;/);
  });

  it('focus rings stand out from the page (WCAG 1.4.11, 3:1)', () => {
    expect(contrast(colour('focus'), colour('bg'))).toBeGreaterThanOrEqual(3);
    expect(contrast(colour('focus'), colour('panel'))).toBeGreaterThanOrEqual(3);
  });
});
