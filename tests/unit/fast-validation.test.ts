import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapCornerstoneRecord } from '../../backend/adapters/cornerstone/mapping.ts';
import { CornerstoneMemberRecord } from '../../backend/adapters/cornerstone/schema.ts';
import { CanonicalMember, memberRoles, memberStatuses, passesCanonicalMember } from '../../shared/domain/member.ts';
import { generateMember } from '../../sim/cornerstone/member-generator.ts';
import { awkwardText, hostileValue, isoLikeInstant } from '../support/fuzz/hostile-values.ts';

// The hand-written checks on the sync's hot path may only ever be stricter than the schemas
// they stand in for: whatever they pass, the schema must pass, with the same value. Each case
// is a valid member with one field moved to an edge, so both answers occur often.

const register = Array.from({ length: 500 }, (_, index) => generateMember(7, index));
const validMembers = register.flatMap((raw) => {
  const mapped = mapCornerstoneRecord(raw);
  return mapped.ok ? [mapped.member] : [];
});

const edgeText = fc.oneof(
  fc.constantFrom('', 'a', ' ', 'NULL', 'a\u0000b', '\ud800', 'x'.repeat(40), 'x'.repeat(41), 'x'.repeat(100), 'x'.repeat(101)),
  fc.constantFrom('x'.repeat(200), 'x'.repeat(201), 'ø'.repeat(150)),
  awkwardText,
);
const email = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom('a@b.no', 'a@b', '@b.no', 'a b@c.no', `${'x'.repeat(308)}@example.no`, `${'x'.repeat(309)}@example.no`),
  edgeText,
);
const birthDate = fc.constantFrom('1879-12-31', '1880-01-01', '2100-12-31', '2101-01-01', '2023-02-29', '2024-02-29', '1999-13-01', '1990-1-01', '');
const changedAt = fc.oneof(
  fc.constantFrom(
    '2026-01-01T00:00:00+14:00',
    '2026-01-01T00:00:00+14:01',
    '2026-01-01T00:00:00-15:59',
    '1969-12-31T23:59:59Z',
    '1970-01-01T00:00:00Z',
    '2199-12-31T23:59:59.999999Z',
    '2200-01-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '2026-01-01T00:00:00',
    '2026-01-01 00:00:00Z',
  ),
  isoLikeInstant(),
);
const roles = fc.array(fc.oneof(fc.constantFrom(...memberRoles), edgeText), { maxLength: 22 });

/** One field of a canonical member and a value for it at or past an edge of the schema. */
const canonicalEdge = fc.oneof(
  fc.tuple(fc.constantFrom('externalId', 'firstName', 'lastName', 'phone'), fc.oneof(edgeText, fc.constant(null))),
  fc.tuple(fc.constant('email'), fc.oneof(email, fc.constant(null))),
  fc.tuple(fc.constant('birthDate'), fc.oneof(birthDate, fc.constant(null))),
  fc.tuple(fc.constant('status'), fc.oneof(fc.constantFrom(...memberStatuses), edgeText)),
  fc.tuple(fc.constant('roles'), roles),
  fc.tuple(fc.constant('affiliation'), fc.oneof(fc.constant(null), fc.record({ unitId: edgeText, unitName: edgeText }))),
  fc.tuple(fc.constant('hasPersonnummer'), fc.oneof(fc.boolean(), hostileValue)),
  fc.tuple(fc.constant('sourceUpdatedAt'), changedAt),
);
const canonicalCase = fc
  .tuple(fc.constantFrom(...validMembers), canonicalEdge)
  .map(([member, [field, value]]) => ({ ...member, [field]: value }) as CanonicalMember);

/** One key of a Cornerstone wire record and a value for it, the wrong type included. */
const wireEdge = fc.oneof(
  fc.tuple(
    fc.constantFrom(
      'memberId',
      'firstName',
      'lastName',
      'email',
      'mobile',
      'birthDate',
      'nationalIdentityNumber',
      'membershipStatus',
      'lastModified',
    ),
    fc.oneof(edgeText, fc.constant(null), fc.constant(undefined), hostileValue),
  ),
  fc.tuple(
    fc.constant('roles'),
    fc.oneof(fc.array(fc.record({ code: fc.oneof(edgeText, hostileValue), name: fc.oneof(edgeText, hostileValue) })), hostileValue),
  ),
  fc.tuple(
    fc.constant('unit'),
    fc.oneof(fc.record({ unitId: fc.oneof(edgeText, hostileValue), unitName: fc.oneof(edgeText, hostileValue) }), hostileValue),
  ),
  fc.tuple(fc.constant('lastModified'), changedAt),
  fc.tuple(fc.constant('birthDate'), birthDate),
);
const wireCase = fc.tuple(fc.constantFrom(...register), wireEdge).map(([raw, [key, value]]) => ({ ...raw, [key]: value }) as unknown);

describe('the hot path checks stand in for their schemas', () => {
  it('passesCanonicalMember passes nothing CanonicalMember refuses, and passes most of what it takes', () => {
    let fast = 0;
    let slowButValid = 0;
    fc.assert(
      fc.property(canonicalCase, (candidate) => {
        const parsed = CanonicalMember.safeParse(candidate);
        if (passesCanonicalMember(candidate)) {
          fast++;
          expect(parsed).toEqual({ success: true, data: candidate });
        } else if (parsed.success) slowButValid++;
      }),
      { numRuns: 4_000 },
    );
    // Both answers occur, so the property above was tested; the schema's own passes go the fast way.
    expect(fast).toBeGreaterThan(1_000);
    expect(slowButValid).toBeLessThan(fast / 10);
  });

  it("passes the simulated register's members, so the hot path is the common one", () => {
    expect(validMembers.length).toBeGreaterThan(450);
    expect(validMembers.filter(passesCanonicalMember)).toHaveLength(validMembers.length);
  });

  it('maps a wire record to a member only when both schemas pass it, and refuses what either refuses', () => {
    let mapped = 0;
    let refused = 0;
    fc.assert(
      fc.property(wireCase, (raw) => {
        const result = mapCornerstoneRecord(raw);
        const wire = CornerstoneMemberRecord.safeParse(raw);
        if (!wire.success) expect(result.ok).toBe(false);
        if (result.ok) {
          mapped++;
          expect(CanonicalMember.safeParse(result.member)).toEqual({ success: true, data: result.member });
        } else refused++;
      }),
      { numRuns: 4_000 },
    );
    expect(mapped).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });
});
