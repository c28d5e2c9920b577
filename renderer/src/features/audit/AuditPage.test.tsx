import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEMO_IDS, startConsoleHarness, type ConsoleHarness } from '../../../../tests/support/renderer/console-harness.tsx';
import { useNotifyStore } from '../../stores/notify.ts';

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
    // The admins offered are those in the trail (audit.actors), not whoever is signed in.
    const doneBy = screen.getByRole('combobox', { name: 'Done by' });
    await waitFor(() =>
      expect(
        within(doneBy)
          .getAllByRole('option')
          .map((option) => option.textContent),
      ).toEqual(['Anyone', 'The sync service', 'The registry', 'Ola Nordmann']),
    );
    await userEvent.selectOptions(doneBy, 'Ola Nordmann');
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

  it('shows another organization’s event, or a malformed id, as "not found or no access" with a way back to the same filters', async () => {
    const { rows: events } = await harness.host.db.query<{ id: string }>(`select id from sync.audit_events where type = 'webhook'`);
    const eventId = events[0]?.id ?? '';
    // Kari administers another organization: row-level security answers not_found.
    await harness.host.dispatch('session.actAs', { userId: DEMO_IDS.admins.kari });
    try {
      harness.renderAt(`/audit/${eventId}?actor=engine`, { language: 'en' });
      expect(await screen.findByRole('heading', { level: 1, name: 'Event not found' })).toHaveFocus();
      expect(screen.getByTestId('empty-state')).toHaveTextContent('you do not have access to it');
      expect(screen.getByRole('link', { name: 'Back to the list' })).toHaveAttribute('href', expect.stringContaining('actor=engine'));
      expect(screen.queryByTestId('event-facts')).not.toBeInTheDocument();
    } finally {
      await harness.host.dispatch('session.actAs', { userId: DEMO_IDS.admins.global });
    }

    cleanup();
    harness.renderAt('/audit/not-an-id');
    expect(await screen.findByRole('heading', { level: 1, name: 'Fant ikke hendelsen' })).toBeInTheDocument();
    expect(screen.getByTestId('empty-state')).toHaveTextContent('Denne hendelsen finnes ikke');
    // The page says it in place: no notice on top of it.
    expect(useNotifyStore.getState().notices).toEqual([]);
  });

  it('words every number and field, and shows one it has no word for as "Other value" with its name', async () => {
    const { rows } = await harness.host.db.query<{ id: string }>(
      `insert into sync.audit_events (org_id, integration_id, type, actor_kind, actor_label, summary, counts, outcome)
       values ($1, $2, 'sync_run', 'engine', 'Sync engine', 'An English summary', $3, 'ok') returning id`,
      [friluftslag, friluftslagCornerstone, { seen: 5, updated: 1, futureCount: 7 }],
    );
    const eventId = rows[0]?.id ?? '';
    await harness.host.db.query(
      `insert into sync.audit_member_changes (org_id, event_id, member_id, external_id, change, fields)
       values ($1, $2, gen_random_uuid(), 'CS-9001', 'updated', $3)`,
      [
        friluftslag,
        eventId,
        JSON.stringify([
          { field: 'hasPersonnummer', before: false, after: true },
          { field: 'futureField', before: { a: 1 }, after: ['x', 'y'] },
        ]),
      ],
    );

    harness.renderAt(`/audit/${eventId}`, { language: 'en' });
    const counts = await screen.findByTestId('event-counts');
    expect(within(counts).getByText('Read from the registry')).toBeInTheDocument();
    const unknownCount = counts.querySelector('[data-count-key="futureCount"]');
    expect(unknownCount).toHaveTextContent('Other value futureCount');
    expect(unknownCount?.querySelector('code')).toHaveTextContent('futureCount');

    const change = await screen.findByTestId('member-change');
    const personnummer = change.querySelector('[data-field="hasPersonnummer"]');
    expect(personnummer).toHaveTextContent('National identity number (personnummer)not set→ set');
    const unknownField = change.querySelector('[data-field="futureField"]');
    expect(unknownField?.querySelector('code')).toHaveTextContent('futureField');
    expect(unknownField).toHaveTextContent('Other value futureField');
    expect(unknownField).toHaveTextContent('x, y');
  });

  it('starts afresh when only the event id changes: focus goes to the new heading', async () => {
    const { rows } = await harness.host.db.query<{ id: string; type: string }>(
      `select id, type from sync.audit_events where type in ('webhook', 'rules_changed') order by type`,
    );
    const rule = rows.find((row) => row.type === 'rules_changed');
    const webhook = rows.find((row) => row.type === 'webhook');
    if (!rule || !webhook) throw new Error('no events');
    harness.renderAt(`/audit/${rule.id}?actor=engine`, { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: /Conflict rule for contact details changed/ })).toHaveFocus();
    screen.getByRole('link', { name: 'Back to the list' }).focus();

    // The same route with another id (a link from an alert or a run does this).
    await harness.navigate(`/audit/${webhook.id}?actor=engine`);
    const heading = await screen.findByRole('heading', { level: 1, name: 'The registry reported a change to a member' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByTestId('event-type')).toHaveTextContent('Change reported by the registry');
  });

  it('says when the last page has come, and keeps keyboard focus there instead of dropping it', async () => {
    await harness.host.db.query(
      `insert into sync.audit_events (occurred_at, org_id, integration_id, type, actor_kind, actor_label, summary, counts, outcome)
       select timestamptz '2026-05-05T08:00:00Z' + make_interval(mins => n), $1, $2, 'webhook_rejected', 'registry', 'Cornerstone webhook',
              'An English summary', jsonb_build_object('occurrences', 1), 'error'
         from generate_series(1, 30) as n`,
      [friluftslag, friluftslagCornerstone],
    );
    harness.renderAt('/audit?from=2026-05-05&to=2026-05-05');
    await screen.findByRole('heading', { level: 1, name: 'Logg' });
    await waitFor(() => expect(rows()).toHaveLength(25));
    screen.getByRole('button', { name: 'Vis flere' }).focus();
    await userEvent.keyboard('{Enter}');

    await waitFor(() => expect(rows()).toHaveLength(30));
    expect(screen.queryByRole('button', { name: 'Vis flere' })).not.toBeInTheDocument();
    const end = screen.getByTestId('load-more');
    expect(end).toHaveTextContent('Det var alt: det er ikke mer å vise.');
    expect(end).toHaveFocus();

    // Another period, of one page: neither a button nor the line, on the same mounted page.
    await harness.navigate('/audit?from=2026-03-29&to=2026-03-29');
    await waitFor(() => expect(rowTypes()).toEqual(['webhook']));
    expect(screen.queryByTestId('load-more')).not.toBeInTheDocument();
  });
});
