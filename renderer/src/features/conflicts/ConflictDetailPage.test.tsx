import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEMO_IDS, startConsoleHarness, type ConsoleHarness } from '../../../../tests/support/renderer/console-harness.tsx';
import { until } from '../../../../tests/support/until.ts';

let harness: ConsoleHarness;
const INTEGRATION = DEMO_IDS.integrations.friluftslagCornerstone;

async function sync(kind: 'full' | 'delta') {
  const before =
    (await harness.host.db.query<{ n: number }>(`select count(*)::int as n from sync.sync_jobs where status = 'succeeded'`)).rows[0]?.n ?? 0;
  const result = await harness.host.dispatch('sync.start', { integrationId: INTEGRATION, kind, dryRun: false });
  expect(result.ok).toBe(true);
  await until(async () => {
    const { rows } = await harness.host.db.query<{ n: number; active: number }>(
      `select count(*) filter (where status = 'succeeded')::int as n, count(*) filter (where status in ('queued', 'running'))::int as active
         from sync.sync_jobs`,
    );
    return (rows[0]?.n ?? 0) > before && rows[0]?.active === 0 ? true : undefined;
  });
}

/** Both sides change one member's email: the app first (an update as the owner), then the registry. */
async function contactConflict(index: number): Promise<{ id: string; app: string; registry: string }> {
  const externalId = harness.host.cornerstone.member(index).memberId;
  const app = `app.${index}@example.org`;
  const registry = `registry.${index}@example.org`;
  await harness.host.db.query(
    `update sync.members m set email = $3 from sync.member_links l
      where l.member_id = m.id and l.integration_id = $1 and l.external_id = $2`,
    [INTEGRATION, externalId, app],
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  harness.host.cornerstone.updateMember(index, { email: registry });
  await sync('delta');
  const id = await until(async () => {
    const { rows } = await harness.host.db.query<{ id: string }>(`select id from sync.conflicts where integration_id = $1 and external_id = $2`, [
      INTEGRATION,
      externalId,
    ]);
    return rows[0]?.id;
  });
  return { id, app, registry };
}

beforeAll(async () => {
  harness = await startConsoleHarness({ memberCount: 30 });
  await sync('full');
});
afterAll(() => harness.close());

describe('a conflict', () => {
  it('shows both values side by side and applies the proposal: the registry’s value', async () => {
    const { id, app, registry } = await contactConflict(3);
    const member = harness.host.cornerstone.member(3);
    harness.renderAt(`/conflicts/${id}`);
    expect(await screen.findByRole('heading', { level: 1, name: `Konflikt: ${member.firstName} ${member.lastName}` })).toHaveFocus();
    const sides = screen.getByRole('table', { name: 'De to verdiene side om side' });
    expect(within(sides).getByRole('columnheader', { name: 'I appen' })).toBeInTheDocument();
    expect(await within(sides).findByRole('columnheader', { name: 'I Cornerstone' })).toBeInTheDocument();
    expect(within(sides).getByTestId('app-value')).toHaveTextContent(`E-post: ${app}`);
    expect(within(sides).getByTestId('external-value')).toHaveTextContent(`E-post: ${registry}`);
    expect(screen.getByTestId('conflict-rule')).toHaveTextContent('Spør en administrator (standardregelen)');
    // The registry changed last, so that is the proposal.
    expect(screen.getByTestId('conflict-proposal')).toHaveTextContent('Behold verdien i registeret');
    expect(within(sides).getByTestId('external-proposed')).toHaveTextContent('Foreslått');
    expect(within(sides).getByTestId('app-proposed')).toBeEmptyDOMElement();
    const apply = screen.getByRole('button', { name: 'Bruk forslaget' });
    expect(apply).toHaveAccessibleDescription('Verdien i Cornerstone erstatter verdien i appen.');
    expect(screen.getByRole('button', { name: 'Bruk den andre verdien' })).toHaveAccessibleDescription(
      'Verdien i appen beholdes og blir skrevet til Cornerstone.',
    );

    await userEvent.click(apply);
    const result = await screen.findByTestId('conflict-result');
    expect(within(result).getByRole('heading', { name: 'Avgjort' })).toHaveFocus();
    expect(within(result).getByTestId('conflict-winner')).toHaveTextContent('Verdien i registeret ble beholdt');
    expect(within(result).getByTestId('conflict-resolved-by')).toHaveTextContent('Gunn Global');
    expect(within(result).getByTestId('source-write')).toHaveAttribute('data-status', 'not_needed');
    await waitFor(() => expect(screen.getByTestId('live-region')).toHaveTextContent('Konflikten er avgjort: verdien i registeret ble beholdt.'));

    const { rows } = await harness.host.db.query<{ status: string; winner: string; resolved_how: string; resolved_by: string; email: string }>(
      `select c.status, c.winner, c.resolved_how, c.resolved_by, m.email from sync.conflicts c join sync.members m on m.id = c.member_id where c.id = $1`,
      [id],
    );
    expect(rows).toEqual([
      { status: 'resolved', winner: 'external', resolved_how: 'proposal', resolved_by: DEMO_IDS.admins.global, email: registry },
    ]);
  });

  it('uses the other value: the app’s, written to the registry', async () => {
    const { id, app } = await contactConflict(5);
    harness.renderAt(`/conflicts/${id}`, { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: /^Conflict: / });
    await userEvent.click(screen.getByRole('button', { name: 'Use the other value' }));
    const result = await screen.findByTestId('conflict-result');
    expect(within(result).getByTestId('conflict-winner')).toHaveTextContent('The app’s value was kept');
    await waitFor(() => expect(within(result).getByTestId('source-write')).toHaveAttribute('data-status', 'written'));
    expect(within(result).getByTestId('source-write')).toHaveTextContent('The registry accepted the app’s value');
    expect(harness.host.cornerstone.member(5).email).toBe(app);
    const { rows } = await harness.host.db.query<{ winner: string; resolved_how: string; write_status: string }>(
      `select c.winner, c.resolved_how, w.status as write_status from sync.conflicts c join sync.source_writes w on w.id = c.source_write_id where c.id = $1`,
      [id],
    );
    expect(rows).toEqual([{ winner: 'app', resolved_how: 'override', write_status: 'done' }]);
  });

  it('says so, with who must act, when the registry refuses the app’s value', async () => {
    const { id } = await contactConflict(7);
    harness.renderAt(`/conflicts/${id}`, { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: /^Conflict: / });
    harness.host.cornerstone.failNext(1, 422);
    await userEvent.click(screen.getByRole('button', { name: 'Use the other value' }));
    const refused = await screen.findByTestId('source-write');
    expect(refused).toHaveAttribute('data-status', 'failed');
    expect(refused).toHaveTextContent('The app’s value could not be written to the registry, so the conflict is still waiting.');
    expect(refused).toHaveTextContent('The registry refused the change.');
    expect(refused).toHaveTextContent("Who must act: your organization's administrator");
    expect(screen.getByRole('button', { name: 'Apply the proposal' })).toBeInTheDocument();
    const { rows } = await harness.host.db.query<{ status: string; write_status: string; error_code: string }>(
      `select c.status, w.status as write_status, w.error_code from sync.conflicts c join sync.source_writes w on w.id = c.source_write_id where c.id = $1`,
      [id],
    );
    expect(rows).toEqual([{ status: 'pending', write_status: 'failed', error_code: 'source_rejected_write' }]);
  });

  it('is not found for an id that is not there', async () => {
    harness.renderAt('/conflicts/00000000-0000-4000-8000-000000000000', { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Conflict not found' })).toBeInTheDocument();
    expect(screen.getByText('This conflict does not exist, or it belongs to an organization you do not administer.')).toBeInTheDocument();
  });
});
