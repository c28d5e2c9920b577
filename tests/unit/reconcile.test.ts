import { describe, expect, it } from 'vitest';
import { reconcileMember } from '../../backend/engine/reconcile.ts';
import type { StoredMember } from '../../backend/engine/member-state.ts';
import { ruleSetFrom } from '../../shared/domain/conflict-rules.ts';
import type { CanonicalMember } from '../../shared/domain/member.ts';

const agreed: CanonicalMember = {
  externalId: 'CS-1',
  firstName: 'Kari',
  lastName: 'Nordmann',
  email: 'kari@example.org',
  phone: '+47 400 00 000',
  birthDate: '1980-05-17',
  status: 'active',
  roles: ['member', 'volunteer'],
  affiliation: { unitId: 'LL-1', unitName: 'Bergen lokallag' },
  hasPersonnummer: false,
  sourceUpdatedAt: '2026-11-01T10:00:00+01:00',
};

const stored = (overrides: Partial<StoredMember> = {}): StoredMember => ({
  memberId: 'm-1',
  firstName: agreed.firstName,
  lastName: agreed.lastName,
  email: agreed.email,
  phone: agreed.phone,
  birthDate: agreed.birthDate,
  status: agreed.status,
  roles: [...agreed.roles],
  affiliation: agreed.affiliation,
  hasPersonnummer: false,
  appChanges: {},
  removedAt: null,
  absentSince: null,
  sourceUpdatedAt: agreed.sourceUpdatedAt,
  ...overrides,
});

const later = '2026-11-20T12:00:00+01:00';
const defaults = ruleSetFrom([]);

describe('reconcileMember', () => {
  it('creates a member the app does not hold', () => {
    expect(reconcileMember(agreed, null, defaults)).toEqual({ kind: 'create', member: agreed });
  });

  it('writes nothing when the registry record equals the app, even if its updated-at moved', () => {
    expect(reconcileMember({ ...agreed, sourceUpdatedAt: later, roles: ['volunteer', 'member'] }, stored(), defaults)).toEqual({
      kind: 'unchanged',
    });
  });

  it('takes a registry change the app did not touch, with field-level before and after', () => {
    const decision = reconcileMember({ ...agreed, phone: '+47 911 11 111', sourceUpdatedAt: later }, stored(), defaults);
    expect(decision).toMatchObject({
      kind: 'update',
      conflicts: [],
      fieldChanges: [{ field: 'phone', before: '+47 400 00 000', after: '+47 911 11 111' }],
      deactivation: false,
    });
  });

  it('keeps an app-only edit while the registry still has the agreed value', () => {
    const appEdited = stored({
      email: 'kari.new@example.org',
      appChanges: { contact_details: { at: later, before: { email: agreed.email, phone: agreed.phone } } },
    });
    expect(reconcileMember({ ...agreed, sourceUpdatedAt: later }, appEdited, defaults)).toEqual({ kind: 'unchanged' });
  });

  it('queues a conflict for manual review when both sides changed contact details differently, proposing the newer side', () => {
    const appEdited = stored({
      email: 'kari.app@example.org',
      appChanges: { contact_details: { at: '2026-11-21T08:00:00+01:00', before: { email: agreed.email, phone: agreed.phone } } },
    });
    const decision = reconcileMember({ ...agreed, email: 'kari.registry@example.org', sourceUpdatedAt: later }, appEdited, defaults);
    expect(decision).toMatchObject({
      kind: 'update',
      fieldChanges: [],
      sourceWrites: [],
      conflicts: [
        {
          category: 'contact_details',
          appValue: { email: 'kari.app@example.org', phone: agreed.phone },
          externalValue: { email: 'kari.registry@example.org', phone: agreed.phone },
          proposedWinner: 'app',
          decidedWinner: null,
          rule: { resolution: 'manual_review', version: 0 },
        },
      ],
    });
  });

  it('lets the registry win membership status by default, and says it is a deactivation', () => {
    const appEdited = stored({
      status: 'pending',
      appChanges: { membership_status: { at: later, before: { status: 'active' } } },
    });
    const decision = reconcileMember({ ...agreed, status: 'lapsed', sourceUpdatedAt: later }, appEdited, defaults);
    expect(decision).toMatchObject({
      kind: 'update',
      appChanges: {},
      deactivation: true,
      fieldChanges: [{ field: 'status', before: 'pending', after: 'lapsed' }],
      conflicts: [{ category: 'membership_status', decidedWinner: 'external' }],
    });
  });

  it('keeps the app value under an app-wins rule and owes the registry a write, recording the rule version', () => {
    const rules = ruleSetFrom([{ category: 'roles', resolution: 'app_wins', version: 3 }]);
    const appEdited = stored({
      roles: ['member', 'leader'],
      appChanges: { roles: { at: later, before: { roles: ['volunteer', 'member'] } } },
    });
    const decision = reconcileMember({ ...agreed, roles: ['member'], sourceUpdatedAt: later }, appEdited, rules);
    expect(decision).toMatchObject({
      kind: 'update',
      fieldChanges: [],
      conflicts: [{ category: 'roles', decidedWinner: 'app', rule: { version: 3 } }],
      sourceWrites: [{ category: 'roles', patch: { roles: ['member', 'leader'] } }],
      // Still pending: cleared only when the registry has accepted the write.
      appChanges: { roles: { at: later } },
    });
  });

  it('settles an app edit the registry made too', () => {
    const appEdited = stored({
      affiliation: { unitId: 'LL-2', unitName: 'Oslo lokallag' },
      appChanges: { affiliation: { at: later, before: { affiliation: agreed.affiliation } } },
    });
    const decision = reconcileMember(
      { ...agreed, affiliation: { unitId: 'LL-2', unitName: 'Oslo lokallag' }, sourceUpdatedAt: later },
      appEdited,
      defaults,
    );
    expect(decision).toMatchObject({ kind: 'update', appChanges: {}, conflicts: [], fieldChanges: [] });
  });

  it('records personnummer only as set or not set', () => {
    const decision = reconcileMember({ ...agreed, hasPersonnummer: true, sourceUpdatedAt: later }, stored(), defaults);
    expect(decision).toMatchObject({ fieldChanges: [{ field: 'personnummer', before: 'not set', after: 'set' }] });
  });

  it('brings back a member a full sync had found missing', () => {
    const decision = reconcileMember(agreed, stored({ absentSince: later }), defaults);
    expect(decision).toMatchObject({ kind: 'update', returned: true, fieldChanges: [] });
  });
});

describe('reconcileMember with differently formatted contact details', () => {
  it('treats the same phone number and email in another format as unchanged', () => {
    const appFormatted = stored({ phone: '+47 400 00 000', email: 'Kari@Example.org' });
    expect(reconcileMember({ ...agreed, phone: '+4740000000', email: 'kari@example.org' }, appFormatted, defaults)).toEqual({ kind: 'unchanged' });
  });
});
