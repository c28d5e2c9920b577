import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { uuidV7, uuidV7Time } from '../../shared/domain/uuid-v7.ts';

describe('uuidV7', () => {
  it('is a version 7, variant 10 UUID that zod and PostgreSQL-style parsers accept', () => {
    const id = uuidV7();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(z.uuid().safeParse(id).success).toBe(true);
  });

  it('carries the millisecond it was made at', () => {
    // Later than any id made so far in this file, so the clock is taken as given.
    const at = Date.UTC(2029, 10, 23, 12, 0, 0, 123);
    expect(uuidV7Time(uuidV7(at))).toBe(at);
  });

  it('sorts in the order the ids were made, within one millisecond and across many', () => {
    const ids = Array.from({ length: 20_000 }, () => uuidV7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stays in order when more than 4 096 ids fall in one millisecond or the clock steps back', () => {
    const frozen = Date.UTC(2030, 0, 1);
    const ids = Array.from({ length: 10_000 }, () => uuidV7(frozen));
    ids.push(uuidV7(frozen - 60_000));
    expect([...ids].sort()).toEqual(ids);
    expect(uuidV7Time(ids[0] ?? '')).toBe(frozen);
    expect(uuidV7Time(ids.at(-1) ?? '')).toBeGreaterThan(frozen);
  });

  it('differs in its random bits between ids of the same millisecond', () => {
    const frozen = Date.UTC(2031, 0, 1);
    const tails = new Set(Array.from({ length: 1_000 }, () => uuidV7(frozen).slice(19)));
    expect(tails.size).toBe(1_000);
  });
});
