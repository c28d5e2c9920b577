import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEMO_IDS, startConsoleHarness, type ConsoleHarness } from '../../../../tests/support/renderer/console-harness.tsx';
import { until } from '../../../../tests/support/until.ts';

let harness: ConsoleHarness;
const INTEGRATION = DEMO_IDS.integrations.friluftslagCornerstone;
const MEMBERS = 300;

/** Starts a sync and waits for its run to end; its id and status. */
async function sync(options: { dryRun?: boolean } = {}): Promise<{ id: string; status: string }> {
  const result = await harness.host.dispatch('sync.start', { integrationId: INTEGRATION, kind: 'full', dryRun: options.dryRun ?? false });
  expect(result.ok).toBe(true);
  const jobId = (result as { ok: true; value: { job: { id: string } } }).value.job.id;
  return until(async () => {
    const { rows } = await harness.host.db.query<{ id: string; status: string }>(
      `select id, status from sync.sync_runs where job_id = $1 and status <> 'running'`,
      [jobId],
    );
    return rows[0];
  });
}

beforeAll(async () => {
  harness = await startConsoleHarness({ memberCount: MEMBERS });
  expect((await sync()).status).toBe('succeeded');
});
afterAll(() => harness.close());

describe('records that could not be read', () => {
  it('says in Norwegian what was wrong with each, from the problem codes, field by field', async () => {
    const registry = harness.host.cornerstone;
    const originals = [4, 8].map((index) => ({ index, record: registry.member(index) }));
    registry.updateMember(4, { email: 'ikke-en-epost' });
    registry.updateMember(8, { firstName: ' ', birthDate: '31.02.1990' });
    try {
      const run = await sync();
      expect(run.status).toBe('succeeded');
      harness.renderAt(`/runs/${run.id}`);
      const panel = await screen.findByTestId('quarantined-records');
      expect(within(panel).getByRole('heading', { level: 2, name: 'Oppføringer som ikke kunne leses' })).toBeInTheDocument();
      const row = async (externalId: string) => (await within(panel).findByRole('cell', { name: externalId })).closest('tr');
      const email = await row(registry.member(4).memberId);
      expect(email).toHaveTextContent('E-post: ugyldig verdi');
      const twoProblems = await row(registry.member(8).memberId);
      const problems = within(twoProblems as HTMLElement).getByTestId('quarantine-problems');
      expect(
        within(problems)
          .getAllByRole('listitem')
          .map((item) => item.textContent),
      ).toEqual(['Fornavn: mangler', 'Fødselsdato: ugyldig verdi']);
      // The backend's English is only a fallback, for rows kept before the problem codes.
      expect(panel).not.toHaveTextContent('Cornerstone record has invalid values');
    } finally {
      for (const { index, record } of originals) registry.updateMember(index, record);
    }
  });
});

describe('a held run', () => {
  it('is approved through the confirmation dialog, which says how many members will be lapsed', async () => {
    // The registry lost 60 of its 300 members: more than the safety limit of 10 % (30).
    harness.host.cornerstone.setMemberCount(MEMBERS - 60);
    const held = await sync();
    expect(held.status).toBe('awaiting_approval');

    harness.renderAt(`/runs/${held.id}`, { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: /^Full sync, / })).toHaveFocus();
    const decision = await screen.findByTestId('held-run-decision');
    expect(within(decision).getByRole('heading', { level: 2, name: 'Waiting for your approval' })).toBeInTheDocument();
    expect(decision).toHaveTextContent('it would lapse or remove 60 members, more than the safety limit of 30 at once');
    expect(within(decision).getByTestId('run-summary').querySelector('[data-summary-key="absent"]')).toHaveTextContent('60');
    expect(within(decision).getByTestId('sample-absent')).toHaveTextContent(/CS-\d{7}/);

    await userEvent.click(within(decision).getByRole('button', { name: 'Approve' }));
    const dialog = screen.getByRole('dialog', { name: 'Approve the held sync?' });
    expect(dialog).toHaveTextContent('Approve: 60 members no longer in the registry will be marked as lapsed.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve and apply' }));

    const outcome = await screen.findByTestId('decision-outcome');
    expect(outcome).toHaveTextContent('Approved');
    expect(outcome).toHaveTextContent('60 members were marked as lapsed.');
    await waitFor(() => expect(outcome).toHaveFocus());
    expect(screen.getByTestId('live-region')).toHaveTextContent('60 members were marked as lapsed.');
    await waitFor(() => expect(screen.getByTestId('run-status')).toHaveTextContent('Finished'));
    expect(screen.getByTestId('decided-by')).toHaveTextContent('Gunn Global');
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();

    const [run] = (
      await harness.host.db.query<{ status: string; records_lapsed: number }>(`select status, records_lapsed from sync.sync_runs where id = $1`, [
        held.id,
      ])
    ).rows;
    expect(run).toEqual({ status: 'succeeded', records_lapsed: 60 });
  });

  it('a preview says nothing was changed and shows what a full sync would change', async () => {
    harness.host.cornerstone.setMemberCount(MEMBERS - 100);
    const preview = await sync({ dryRun: true });
    harness.renderAt(`/runs/${preview.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: /^Forhåndsvisning, ingenting endret, / })).toBeInTheDocument();
    expect(screen.getByTestId('preview-notice')).toHaveTextContent('Ingenting ble endret');
    expect(screen.getByRole('heading', { level: 2, name: 'Hva en fullstendig synk ville endret' })).toBeInTheDocument();
    expect(screen.getByTestId('run-summary').querySelector('[data-summary-key="absent"]')).toHaveTextContent('40');
    expect(screen.queryByTestId('held-run-decision')).not.toBeInTheDocument();
  });

  it('another organization’s run is "not found or no access" for an organization admin', async () => {
    const { rows } = await harness.host.db.query<{ id: string }>(`select id from sync.sync_runs limit 1`);
    await harness.host.dispatch('session.actAs', { userId: DEMO_IDS.admins.kari });
    try {
      harness.renderAt(`/runs/${rows[0]?.id ?? ''}`, { language: 'en' });
      expect(await screen.findByRole('heading', { level: 1, name: 'Sync not found' })).toBeInTheDocument();
      expect(screen.getByTestId('empty-state')).toHaveTextContent('you do not have access to it');
    } finally {
      await harness.host.dispatch('session.actAs', { userId: DEMO_IDS.admins.global });
    }
  });
});
