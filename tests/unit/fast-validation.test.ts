import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapCornerstoneRecord } from '../../backend/adapters/cornerstone/mapping.ts';
import { CornerstoneMemberRecord } from '../../backend/adapters/cornerstone/schema.ts';
import { CanonicalMember, memberRoles, memberStatuses, passesCanonicalMember } from '../../shared/domain/member.ts';
import { generateMember } from '../../sim/cornerstone/member-generator.ts';
import { awkwardText, hostileValue, isoLikeInstant } from '../support/fuzz/hostile-values.ts';

// The hand-written checks on the sync's hot path may only ever be stricter than the schemas
// they stand in for: whatever they pass, the schema must pass, with the same value.

const sometimes = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof(arbitrary, fc.constant(null), hostileValue);
const text = fc.oneof(fc.string({ maxLength: 60 }), awkwardText, fc.string({ minLength: 95, maxLength: 330 }));

const canonicalCandidate = fc.record({
  externalId: text,
  firstName: text,
  lastName: text,
  email: fc.oneof(fc.emailAddress(), text, fc.constant(null)),
  phone: fc.oneof(text, fc.constant(null)),
  birthDate: fc.oneof(
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
    text,
    fc.constant(null),
  ),
  status: fc.oneof(fc.constantFrom(...memberStatuses), text),
  roles: fc.array(fc.oneof(fc.constantFrom(...memberRoles), text), { maxLength: 25 }),
  affiliation: fc.oneof(fc.constant(null), fc.record({ unitId: text, unitName: text })),
  hasPersonnummer: fc.boolean(),
  sourceUpdatedAt: fc.oneof(isoLikeInstant(), text),
}) as fc.Arbitrary<CanonicalMember>;

const wireCandidate = fc.record(
  {
    memberId: sometimes(text),
    firstName: sometimes(text),
    lastName: sometimes(text),
    email: sometimes(text),
    mobile: sometimes(text),
    birthDate: sometimes(text),
    nationalIdentityNumber: sometimes(text),
    membershipStatus: sometimes(text),
    roles: sometimes(fc.array(fc.record({ code: sometimes(text), name: sometimes(text) }, { requiredKeys: ['code'] }), { maxLength: 3 })),
    unit: sometimes(fc.record({ unitId: sometimes(text), unitName: sometimes(text) })),
    lastModified: sometimes(isoLikeInstant()),
  },
  { requiredKeys: [] },
);

describe('the hot path checks stand in for their schemas', () => {
  it('passesCanonicalMember passes nothing CanonicalMember refuses', () => {
    fc.assert(
      fc.property(canonicalCandidate, (candidate) => {
        if (passesCanonicalMember(candidate)) expect(CanonicalMember.safeParse(candidate)).toEqual({ success: true, data: candidate });
      }),
      { numRuns: 3_000 },
    );
  });

  it("passes the simulated register's members, so the hot path is the common one", () => {
    let passed = 0;
    for (let index = 0; index < 2_000; index++) {
      const mapped = mapCornerstoneRecord(generateMember(7, index));
      if (mapped.ok && passesCanonicalMember(mapped.member)) passed++;
    }
    expect(passed).toBeGreaterThan(1_900);
  });

  it('maps any wire record exactly as the schemas alone would decide', () => {
    fc.assert(
      fc.property(wireCandidate, (raw) => {
        const mapped = mapCornerstoneRecord(raw);
        // A record the wire schema refuses is never mapped to a member.
        if (!CornerstoneMemberRecord.safeParse(raw).success) expect(mapped.ok).toBe(false);
        // A mapped member is always one the canonical schema passes, unchanged.
        if (mapped.ok) expect(CanonicalMember.safeParse(mapped.member)).toEqual({ success: true, data: mapped.member });
      }),
      { numRuns: 3_000 },
    );
  });
});
