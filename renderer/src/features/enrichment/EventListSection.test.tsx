import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEMO_IDS, startConsoleHarness, type ConsoleHarness } from '../../../../tests/support/renderer/console-harness.tsx';
import { until } from '../../../../tests/support/until.ts';

let harness: ConsoleHarness;
const ORG = DEMO_IDS.organizations.friluftslag;

/** A Cornerstone member of Norsk Friluftslag logs in to the members' app with Vipps; their name as the console shows it. */
async function vippsLogin(kind: 'writable' | 'birth_date_typo'): Promise<{ name: string; externalId: string }> {
  const { vipps, cornerstone } = harness.host;
  const index = vipps.cornerstoneCandidate(kind);
  expect(index, `a ${kind} member`).not.toBeNull();
  const externalId = cornerstone.member(index ?? 0).memberId;
  const person = vipps.personFor('cornerstone', externalId);
  if (!person) throw new Error(`No person behind ${externalId}`);
  const answer = await vipps.login(person);
  expect(answer.status).toBe(200);
  const { rows } = await harness.host.db.query<{ name: string }>(
    `select m.first_name || ' ' || m.last_name as name from sync.members m join sync.member_links l on l.member_id = m.id where l.external_id = $1`,
    [externalId],
  );
  return { name: rows[0]?.name ?? '', externalId };
}

const attemptsOf = async (externalId: string) =>
  (
    await harness.host.db.query<{ attempts: number; outcome: string }>(
      `select e.attempts, e.outcome from sync.enrichment_events e join sync.member_links l on l.member_id = e.member_id where l.external_id = $1`,
      [externalId],
    )
  ).rows[0];

beforeAll(async () => {
  harness = await startConsoleHarness({ memberCount: 200 });
  const started = await harness.host.dispatch('sync.start', {
    integrationId: DEMO_IDS.integrations.friluftslagCornerstone,
    kind: 'full',
    dryRun: false,
  });
  expect(started.ok).toBe(true);
  await until(async () => (await harness.host.db.query(`select 1 from sync.sync_jobs where status = 'succeeded'`)).rows[0], 30_000);
  const switched = await harness.host.dispatch('enrichment.updateSettings', {
    orgId: ORG,
    enabled: true,
    legalBasis: 'Foreningen må rapportere medlemmene med fødselsnummer for å få kommunalt tilskudd.',
  });
  expect(switched.ok).toBe(true);
  // The members' app keeps these links between its accounts and the member records; the demo makes them.
  await harness.host.vipps.linkMembers();
});
afterAll(() => {
  harness.host.cornerstone.setDown(false);
  return harness.close();
});

describe('the lists of what was not written', () => {
  it('lists a number the registry could not take, and Retry tries it again and says how it went', async () => {
    harness.host.cornerstone.setDown(true);
    const member = await vippsLogin('writable');
    // Past the quick retries, so the next one the service plans is far off and the test's own retries decide.
    await until(async () => (((await attemptsOf(member.externalId))?.attempts ?? 0) >= 5 ? true : undefined), 30_000);

    harness.renderAt('/enrichment');
    const list = await screen.findByTestId('enrichment-failures');
    const item = await within(list).findByRole('article', { name: member.name });
    expect(within(item).getByTestId('failure-status')).toHaveTextContent('Prøver fortsatt');
    expect(within(item).getByTestId('failure-member-number')).toHaveTextContent(member.externalId);
    expect(item).toHaveTextContent('MedlemsregisterCornerstone');
    expect(within(item).getByTestId('failure-reason')).toHaveTextContent('Vi fikk ikke kontakt med medlemsregisteret.');
    expect(within(item).getByTestId('failure-hold')).toHaveTextContent(/^Kan prøves igjen til kl\. \d\d:\d\d\.$/);
    await userEvent.click(within(item).getByText(/^Siste forsøk \(\d+\)$/));
    expect(within(item).getByRole('table', { name: `Siste forsøk for ${member.name}, nyeste først` })).toHaveTextContent(
      'Vi fikk ikke kontakt med medlemsregisteret.',
    );

    // Still down: tried again, and said so.
    const retry = within(item).getByRole('button', { name: 'Prøv igjen' });
    await userEvent.click(retry);
    await waitFor(() =>
      expect(screen.getByTestId('live-region')).toHaveTextContent(
        `Fødselsnummeret til ${member.name} kunne fortsatt ikke skrives. Vi prøver videre så lenge vi har nummeret.`,
      ),
    );
    expect((await attemptsOf(member.externalId))?.attempts).toBeGreaterThanOrEqual(6);

    // Up again: written, announced, gone from the list, and focus on the list's heading.
    harness.host.cornerstone.setDown(false);
    await userEvent.click(await within(item).findByRole('button', { name: 'Prøv igjen' }));
    await waitFor(() =>
      expect(screen.getByTestId('live-region')).toHaveTextContent(`Fødselsnummeret til ${member.name} er nå skrevet til medlemsregisteret.`),
    );
    expect((await attemptsOf(member.externalId))?.outcome).toBe('written');
    await waitFor(() => expect(within(list).queryByRole('article', { name: member.name })).not.toBeInTheDocument());
    expect(within(list).getByRole('heading', { level: 2, name: 'Ikke skrevet til medlemsregisteret' })).toHaveFocus();
    expect(await within(list).findByTestId('empty-state')).toHaveTextContent('Ingenting venter');
    const organization = screen.getByRole('region', { name: 'Norsk Friluftslag' });
    await waitFor(() => expect(within(organization).getByTestId('figure-enriched')).toHaveAttribute('data-count', '1'));
    expect(within(screen.getByTestId('enrichment-total')).getByTestId('figure-enriched')).toHaveAttribute('data-count', '1');
  });

  it('lists a birth date that did not match, explains it, and takes it off once checked', async () => {
    const member = await vippsLogin('birth_date_typo');
    harness.renderAt('/enrichment', { language: 'en' });
    const list = await screen.findByTestId('enrichment-reviews');
    const item = await within(list).findByRole('article', { name: member.name });
    expect(within(item).getByTestId('review-reason')).toHaveTextContent(
      'The birth date in the number from Vipps does not match the birth date in the member registry, so nothing was written.',
    );
    expect(item).toHaveTextContent('Check the member’s birth date in the registry.');
    await userEvent.click(within(item).getByRole('button', { name: 'Mark as checked' }));
    await waitFor(() => expect(within(list).queryByRole('article', { name: member.name })).not.toBeInTheDocument());
    expect(screen.getByTestId('live-region')).toHaveTextContent(`Marked as checked: ${member.name}.`);
    const { rows } = await harness.host.db.query<{ reviewed_by: string }>(
      `select reviewed_by::text as reviewed_by from sync.enrichment_events where outcome = 'needs_review'`,
    );
    expect(rows).toEqual([{ reviewed_by: DEMO_IDS.admins.global }]);
  });

  it('is where an alert about a number not written in time leads', async () => {
    await harness.host.db.query(
      `insert into sync.alerts (org_id, integration_id, kind, severity, actor, message, detail)
       values ($1, $2, 'enrichment_write_late', 'error', 'org_admin', 'An English message', $3)`,
      [
        ORG,
        DEMO_IDS.integrations.friluftslagCornerstone,
        { eventId: 'd9000000-0000-4000-8000-000000000001', externalId: 'CS-0000042', errorCode: 'source_timeout' },
      ],
    );
    harness.renderAt('/alerts');
    const alert = await screen.findByRole('article', { name: 'Et fødselsnummer fra Vipps er ikke i medlemsregisteret ennå' });
    expect(within(alert).getByTestId('alert-text')).toHaveTextContent(
      'Et medlem logget inn med Vipps, men 30 sekunder senere var fødselsnummeret ennå ikke skrevet til medlem CS-0000042 i medlemsregisteret. Det siste forsøket sa: Medlemsregisteret brukte for lang tid på å svare.',
    );
    const link = within(alert).getByRole('link', { name: 'Se hva som ikke ble skrevet, og prøv igjen' });
    expect(link.getAttribute('href')).toMatch(new RegExp(`^/enrichment\\?orgId=.*${ORG}`));
    await userEvent.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: 'Fødselsnummer fra Vipps' })).toHaveFocus();
    expect(screen.getByLabelText('Organisasjon')).toHaveValue(ORG);
  });
});
