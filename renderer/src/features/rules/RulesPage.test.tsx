import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEMO_IDS, startConsoleHarness, type ConsoleHarness } from '../../../../tests/support/renderer/console-harness.tsx';
import { until } from '../../../../tests/support/until.ts';

let harness: ConsoleHarness;
const INTEGRATION = DEMO_IDS.integrations.friluftslagCornerstone;
const ORG = DEMO_IDS.organizations.friluftslag;

async function sync(kind: 'full' | 'delta') {
  const done = async () =>
    (await harness.host.db.query<{ n: number }>(`select count(*)::int as n from sync.sync_jobs where status = 'succeeded'`)).rows[0]?.n ?? 0;
  const before = await done();
  expect((await harness.host.dispatch('sync.start', { integrationId: INTEGRATION, kind, dryRun: false })).ok).toBe(true);
  await until(async () => {
    const { rows } = await harness.host.db.query<{ active: number }>(
      `select count(*)::int as active from sync.sync_jobs where status in ('queued', 'running')`,
    );
    return (await done()) > before && rows[0]?.active === 0 ? true : undefined;
  });
}

/** Both sides change one member's roles, the app first. */
async function rolesConflict(index: number) {
  const externalId = harness.host.cornerstone.member(index).memberId;
  await harness.host.db.query(
    `update sync.members m set roles = $3 from sync.member_links l
      where l.member_id = m.id and l.integration_id = $1 and l.external_id = $2`,
    [INTEGRATION, externalId, ['member', 'leader']],
  );
  harness.host.cornerstone.updateMember(index, {
    roles: [
      { code: 'MEDLEM', name: 'Medlem' },
      { code: 'KASSERER', name: 'Kasserer' },
    ],
  });
  await sync('delta');
  return until(async () => {
    const { rows } = await harness.host.db.query<{ status: string; rule_version: number; rule_resolution: string }>(
      `select status, rule_version, rule_resolution from sync.conflicts where integration_id = $1 and external_id = $2`,
      [INTEGRATION, externalId],
    );
    return rows[0];
  });
}

beforeAll(async () => {
  harness = await startConsoleHarness({ memberCount: 30 });
  await sync('full');
});
afterAll(() => harness.close());

describe('the conflict rules', () => {
  it('previews a new rule for roles, saves it after confirmation and shows the version', async () => {
    // Under the default rule the registry's roles win by themselves: one resolved conflict.
    expect(await rolesConflict(2)).toEqual({ status: 'resolved', rule_version: 0, rule_resolution: 'external_wins' });

    harness.renderAt(`/organizations/${ORG}/rules`, { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Conflict rules: Norsk Friluftslag' })).toBeInTheDocument();
    const roles = await waitFor(() => {
      const panel = document.querySelector<HTMLElement>('[data-category="roles"]');
      if (!panel) throw new Error('no roles panel');
      return panel;
    });
    expect(within(roles).getByTestId('rule-in-force')).toHaveTextContent('In force now: The registry wins (built-in default)');
    const group = within(roles).getByRole('group', { name: 'Rule for roles' });
    expect(within(group).getByRole('radio', { name: /The registry wins/ })).toBeChecked();
    expect(within(roles).getByText('No rule has been saved yet: the built-in default applies.')).toBeInTheDocument();

    await userEvent.click(within(group).getByRole('radio', { name: /Ask an administrator/ }));
    const preview = within(roles).getByTestId('rule-preview');
    await waitFor(() => expect(within(preview).getByTestId('preview-recent-total')).toHaveTextContent('1'));
    expect(within(preview).getByTestId('preview-recent-manualReview')).toHaveTextContent('1');
    expect(within(preview).getByTestId('preview-recent-external')).toHaveTextContent('0');
    expect(within(preview).getByTestId('preview-recent-agreeing')).toHaveTextContent('0');
    expect(within(preview).getByTestId('preview-pending-total')).toHaveTextContent('0');

    await userEvent.click(within(roles).getByRole('button', { name: 'Save the rule' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change the rule for roles?' });
    expect(dialog).toHaveTextContent('From now on, “Ask an administrator” applies instead of “The registry wins”.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the rule' }));

    const saved = await within(roles).findByTestId('rule-saved');
    expect(saved).toHaveAttribute('data-changed', 'true');
    expect(saved).toHaveTextContent(/“Ask an administrator” applies to roles from .+\. This is version 1\./);
    await waitFor(() => expect(within(roles).getByTestId('rule-in-force')).toHaveTextContent('In force now: Ask an administrator (version 1)'));
    const history = within(roles).getByRole('table', { name: 'Saved versions of the rule for roles' });
    expect(within(history).getByRole('row', { name: /1 Ask an administrator Gunn Global/ })).toBeInTheDocument();
    expect(screen.getByTestId('live-region')).toHaveTextContent('The rule for roles is saved as version 1.');

    const { rows } = await harness.host.db.query<{ resolution: string; version: number; created_by: string }>(
      `select resolution, version, created_by from sync.conflict_rules where org_id = $1 and category = 'roles'`,
      [ORG],
    );
    expect(rows).toEqual([{ resolution: 'manual_review', version: 1, created_by: DEMO_IDS.admins.global }]);

    // Saving the rule in force again changes nothing, and says so.
    await userEvent.click(within(roles).getByRole('button', { name: 'Save the rule' }));
    await waitFor(() => expect(within(roles).getByTestId('rule-saved')).toHaveAttribute('data-changed', 'false'));
    expect(within(roles).getByTestId('rule-saved')).toHaveTextContent('Nothing changed: “Ask an administrator” was already the rule for roles.');
    expect((await harness.host.db.query(`select 1 from sync.conflict_rules where org_id = $1`, [ORG])).rows).toHaveLength(1);

    // The new rule is in force: the next role conflict waits for review.
    expect(await rolesConflict(4)).toEqual({ status: 'pending', rule_version: 1, rule_resolution: 'manual_review' });
  });
});
