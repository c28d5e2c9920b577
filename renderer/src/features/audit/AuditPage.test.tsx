import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEMO_IDS, startConsoleHarness, type ConsoleHarness } from '../../../../tests/support/renderer/console-harness.tsx';

let harness: ConsoleHarness;

const { friluftslag } = DEMO_IDS.organizations;
const { friluftslagCornerstone } = DEMO_IDS.integrations;

/** Events at known instants, around the night summer time began (29 March 2026, Oslo). */
const EVENTS = [
  {
    at: '2026-03-10T10:00:00Z',
    type: 'sync_run',
    actor: ['engine', null, 'Sync engine'],
    counts: { seen: 2500, created: 3, updated: 1, unchanged: 2496, quarantined: 0, lapsed: 0, removed: 0, conflicts: 0, conflictsQueued: 0 },
    detail: { kind: 'full', dryRun: false, status: 'succeeded' },
    outcome: 'ok',
  },
  // 23:30 on 29 March in Oslo (summer time, UTC+2, from 02:00 that night).
  { at: '2026-03-29T21:30:00Z', type: 'webhook', actor: ['registry', null, 'Cornerstone webhook'], counts: null, detail: null, outcome: 'ok' },
  // 00:30 on 30 March in Oslo.
  {
    at: '2026-03-29T22:30:00Z',
    type: 'rules_changed',
    actor: ['admin', DEMO_IDS.admins.ola, 'Ola Nordmann'],
    counts: null,
    detail: { category: 'contact_details', from: 'external_wins', to: 'app_wins', version: 1 },
    outcome: 'ok',
  },
  {
    at: '2026-04-02T06:00:00Z',
    type: 'sync_run',
    actor: ['engine', null, 'Sync engine'],
    counts: { seen: 0, created: 0, updated: 0 },
    detail: { kind: 'delta', dryRun: false, status: 'failed' },
    outcome: 'error',
    errorCode: 'source_auth_failed',
  },
] as const;

beforeAll(async () => {
  harness = await startConsoleHarness({ memberCount: 50 });
  for (const event of EVENTS) {
    await harness.host.db.query(
      `insert into sync.audit_events (occurred_at, org_id, integration_id, type, actor_kind, actor_id, actor_label, summary, counts, detail, outcome, error_code, error_category)
       values ($1, $2, $3, $4, $5, $6, $7, 'An English summary', $8, $9, $10, $11, $12)`,
      [
        event.at,
        friluftslag,
        event.type === 'rules_changed' ? null : friluftslagCornerstone,
        event.type,
        ...event.actor,
        event.counts,
        event.detail,
        event.outcome,
        'errorCode' in event ? event.errorCode : null,
        'errorCode' in event ? 'credentials' : null,
      ],
    );
  }
});
afterAll(() => harness.close());

const rows = () => screen.queryAllByTestId('audit-row');
const rowTypes = () => rows().map((row) => row.getAttribute('data-type'));

describe('the audit history', () => {
  it('lists events newest first in words, and filters them by a period of Oslo days', async () => {
    harness.renderAt('/audit');
    expect(await screen.findByRole('heading', { level: 1, name: 'Logg' })).toHaveFocus();
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(rowTypes()).toEqual(['sync_run', 'rules_changed', 'webhook', 'sync_run']);
    const [failed, rule, , full] = rows();
    if (!failed) throw new Error('no rows');
    expect(failed).toHaveTextContent('Henting av nye endringer mislyktes: Medlemsregisteret godtok ikke det lagrede brukernavnet eller passordet');
    expect(within(failed).getByText('Feil')).toBeInTheDocument();
    expect(rule).toHaveTextContent('Konfliktregelen for kontaktopplysninger ble endret fra «registeret bestemmer» til «appen bestemmer»');
    expect(rule).toHaveTextContent('Ola Nordmann');
    expect(full).toHaveTextContent('Fullstendig synk: 2 500 lest, 3 nye, 1 endret');
    expect(full).toHaveTextContent('Synktjenesten');
    expect(screen.queryByText('An English summary')).not.toBeInTheDocument();

    // 29 March alone: the webhook at 23:30 Oslo time, not the rule change 30 minutes later.
    fireEvent.change(screen.getByLabelText('Fra dato'), { target: { value: '2026-03-29' } });
    fireEvent.change(screen.getByLabelText('Til dato'), { target: { value: '2026-03-29' } });
    await userEvent.click(screen.getByRole('button', { name: 'Vis hendelser' }));
    await waitFor(() => expect(rowTypes()).toEqual(['webhook']));
    expect(screen.getByTestId('active-filters')).toHaveTextContent('2 filtre er i bruk');

    // An end before the start is refused at the field, and the list keeps the last good period.
    fireEvent.change(screen.getByLabelText('Til dato'), { target: { value: '2026-03-01' } });
    await userEvent.click(screen.getByRole('button', { name: 'Vis hendelser' }));
    const to = screen.getByLabelText('Til dato');
    await waitFor(() => expect(to).toHaveAttribute('aria-invalid', 'true'));
    expect(to).toHaveAccessibleDescription(expect.stringContaining('Til-datoen må være samme dag som eller etter fra-datoen.'));
    expect(rowTypes()).toEqual(['webhook']);

    await userEvent.click(screen.getByRole('button', { name: 'Fjern filtrene' }));
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(screen.getByLabelText('Fra dato')).toHaveValue('');
  });

  it('filters by kind of event and by who did it, in English', async () => {
    harness.renderAt('/audit', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Audit history' });
    await waitFor(() => expect(rows()).toHaveLength(4));

    const kinds = screen.getByRole('group', { name: 'Kinds of event' });
    await userEvent.click(within(kinds).getByRole('checkbox', { name: 'Syncs' }));
    await userEvent.click(screen.getByRole('button', { name: 'Show events' }));
    await waitFor(() => expect(rowTypes()).toEqual(['sync_run', 'sync_run']));
    expect(rows()[1]).toHaveTextContent('Full sync: 2,500 read, 3 new, 1 changed');

    await userEvent.click(within(kinds).getByRole('checkbox', { name: 'Syncs' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Done by' }), 'Ola Nordmann');
    await userEvent.click(screen.getByRole('button', { name: 'Show events' }));
    await waitFor(() => expect(rowTypes()).toEqual(['rules_changed']));

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Done by' }), 'The registry');
    await userEvent.click(screen.getByRole('button', { name: 'Show events' }));
    await waitFor(() => expect(rowTypes()).toEqual(['webhook']));
    expect(rows()[0]).toHaveTextContent('The registry reported a change to a member');
  });

  it('opens an event and comes back to the same filters', async () => {
    harness.renderAt('/audit', { language: 'en' });
    await waitFor(() => expect(rows()).toHaveLength(4));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Done by' }), 'The sync service');
    await userEvent.click(screen.getByRole('button', { name: 'Show events' }));
    await waitFor(() => expect(rows()).toHaveLength(2));

    const [first] = rows();
    if (!first) throw new Error('no rows');
    await userEvent.click(within(first).getByRole('link'));
    expect(await screen.findByRole('heading', { level: 1, name: /Update of recent changes failed/ })).toBeInTheDocument();
    const error = await screen.findByTestId('event-error');
    expect(error).toHaveTextContent('The registry refused the saved username or password.');
    expect(error).toHaveTextContent('Kind of problem: Username or password');
    expect(error).toHaveTextContent("Who must act: your organization's administrator");
    expect(screen.getByTestId('member-changes')).toHaveTextContent('This event changed no member.');

    await userEvent.click(screen.getByRole('link', { name: 'Back to the list' }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.getByRole('combobox', { name: 'Done by' })).toHaveDisplayValue('The sync service');
  });
});
