import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEMO_IDS, startConsoleHarness, type ConsoleHarness } from '../../../../tests/support/renderer/console-harness.tsx';
import { until } from '../../../../tests/support/until.ts';

let harness: ConsoleHarness;
const INTEGRATION = DEMO_IDS.integrations.friluftslagCornerstone;

async function failedSync(): Promise<void> {
  const result = await harness.host.dispatch('sync.start', { integrationId: INTEGRATION, kind: 'full', dryRun: false });
  expect(result.ok).toBe(true);
  const jobId = (result as { ok: true; value: { job: { id: string } } }).value.job.id;
  await until(async () => {
    const { rows } = await harness.host.db.query<{ status: string }>(
      `select status from sync.sync_jobs where id = $1 and status in ('failed', 'succeeded')`,
      [jobId],
    );
    return rows[0];
  }, 30_000);
}

beforeAll(async () => {
  harness = await startConsoleHarness({ memberCount: 30 });
  // Three syncs in a row cannot reach the registry: a "repeated failures" alert for its provider.
  harness.host.cornerstone.setDown(true);
  for (let attempt = 0; attempt < 3; attempt++) await failedSync();
});
afterAll(() => harness.close());

describe('the alerts page', () => {
  it('shows an alert in words built from its kind, with who must act, and acknowledges it', async () => {
    harness.renderAt('/alerts');
    expect(await screen.findByRole('heading', { level: 1, name: 'Varsler' })).toHaveFocus();
    const alert = await screen.findByRole('article', { name: 'Flere synker på rad mislyktes' });
    expect(within(alert).getByTestId('alert-text')).toHaveTextContent(
      'De siste 3 synkene mislyktes. Den siste sa: Vi fikk ikke kontakt med medlemsregisteret.',
    );
    expect(within(alert).getByTestId('alert-severity')).toHaveTextContent('Feil');
    expect(within(alert).getByTestId('alert-actor')).toHaveTextContent('leverandøren av medlemsregisteret');
    expect(within(alert).getByText('Medlemsregister: Norsk Friluftslag · Cornerstone')).toBeInTheDocument();
    expect(within(alert).getByRole('link', { name: 'Åpne synken som mislyktes' })).toHaveAttribute('href', expect.stringMatching(/\/runs\//));
    // The navigation's badge counts the alerts no one has acknowledged: this one only.
    expect(await screen.findByTestId('alert-badge')).toHaveTextContent('1 åpent varsel');

    await userEvent.click(within(alert).getByRole('button', { name: 'Kvitter' }));
    const note = await within(alert).findByTestId('alert-acknowledged');
    expect(note).toHaveTextContent('Kvittert av Gunn Global');
    await waitFor(() => expect(note).toHaveFocus());
    expect(screen.getByTestId('live-region')).toHaveTextContent('Varselet er kvittert: Flere synker på rad mislyktes');
    await waitFor(() => expect(screen.queryByTestId('alert-badge')).not.toBeInTheDocument());

    const { rows } = await harness.host.db.query<{ acknowledged_at: unknown; acknowledged_by: string }>(
      `select acknowledged_at, acknowledged_by from sync.alerts where kind = 'repeated_failures'`,
    );
    expect(rows[0]?.acknowledged_at).not.toBeNull();
    expect(rows[0]?.acknowledged_by).toBe(DEMO_IDS.admins.global);
    const audit = await harness.host.db.query(`select id from sync.audit_events where type = 'alert_acknowledged'`);
    expect(audit.rows).toHaveLength(1);
  });

  it('filters by organization in the URL, and says so when there is nothing to show', async () => {
    harness.renderAt(`/alerts?orgId=${DEMO_IDS.organizations.ungdom}&status=all`, { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Alerts' })).toBeInTheDocument();
    expect(await screen.findByTestId('empty-state')).toHaveTextContent('There are no alerts.');
    expect(screen.getByLabelText('Organization')).toHaveValue(DEMO_IDS.organizations.ungdom);
    expect(screen.getByLabelText('Show')).toHaveValue('all');

    await userEvent.selectOptions(screen.getByLabelText('Organization'), 'All organizations');
    expect(await screen.findByRole('article', { name: 'Several syncs in a row failed' })).toBeInTheDocument();
  });

  it('filters by member registry in the URL', async () => {
    harness.renderAt(`/alerts?integrationId=${DEMO_IDS.integrations.ungdomCornerstone}&status=all`, { language: 'en' });
    expect(await screen.findByTestId('empty-state')).toHaveTextContent('There are no alerts.');
    const registry = screen.getByRole('combobox', { name: 'Member registry' });
    expect(registry).toHaveValue(DEMO_IDS.integrations.ungdomCornerstone);
    expect(within(registry).getByRole('option', { name: 'Norsk Friluftslag · Cornerstone' })).toBeInTheDocument();

    await userEvent.selectOptions(registry, 'Norsk Friluftslag · Cornerstone');
    expect(await screen.findByRole('article', { name: 'Several syncs in a row failed' })).toBeInTheDocument();
    expect(registry).toHaveValue(INTEGRATION);
  });

  it('links a change the registry refused to the conflicts of its registry and category', async () => {
    await harness.host.db.query(
      `insert into sync.alerts (org_id, integration_id, kind, severity, actor, message, detail)
       values ($1, $2, 'source_write_failed', 'error', 'vendor', 'An English message', $3)`,
      [DEMO_IDS.organizations.friluftslag, INTEGRATION, { externalId: 'CS-1001', category: 'contact_details', errorCode: 'source_unreachable' }],
    );
    harness.renderAt('/alerts', { language: 'en' });
    const alert = await screen.findByRole('article', { name: 'A change could not be saved in the registry' });
    expect(within(alert).getByTestId('alert-text')).toHaveTextContent('A change to member CS-1001 could not be saved in the registry');
    const link = within(alert).getByRole('link', { name: 'Find the conflict whose change could not be written to the registry' });
    const href = link.getAttribute('href') ?? '';
    expect(href).toMatch(/^\/conflicts\?/);
    const search = new URLSearchParams(href.slice(href.indexOf('?')));
    expect(search.get('integrationId')).toContain(INTEGRATION);
    expect(search.get('category')).toContain('contact_details');
    expect(search.get('status')).toContain('all');
  });
});
