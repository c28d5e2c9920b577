import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEMO_IDS, startConsoleHarness, type ConsoleHarness } from '../../../../tests/support/renderer/console-harness.tsx';
import { until } from '../../../../tests/support/until.ts';

let harness: ConsoleHarness;
const ORG = DEMO_IDS.organizations.friluftslag;
const BASIS = 'Foreningen må rapportere medlemmene med fødselsnummer for å få kommunalt tilskudd.';
const NEW_BASIS = 'Foreningen må rapportere medlemmene med fødselsnummer til Norges idrettsforbund.';

async function settings() {
  const { rows } = await harness.host.db.query<{ enabled: boolean; legal_basis: string | null; baseline_missing: number | null }>(
    `select enabled, legal_basis, baseline_missing from sync.enrichment_settings where org_id = $1`,
    [ORG],
  );
  return rows[0] ?? null;
}

beforeAll(async () => {
  harness = await startConsoleHarness({ memberCount: 60 });
  const started = await harness.host.dispatch('sync.start', {
    integrationId: DEMO_IDS.integrations.friluftslagCornerstone,
    kind: 'full',
    dryRun: false,
  });
  expect(started.ok).toBe(true);
  await until(async () => {
    const { rows } = await harness.host.db.query(`select 1 from sync.sync_jobs where status = 'succeeded'`);
    return rows[0];
  }, 30_000);
});
afterAll(() => harness.close());

describe('the switch with its legal basis', () => {
  it('refuses a basis that is too short, switches on with a good one, and switches off after asking', async () => {
    harness.renderAt(`/enrichment?orgId=${ORG}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Fødselsnummer fra Vipps' })).toHaveFocus();
    const organization = await screen.findByRole('region', { name: 'Norsk Friluftslag' });
    const section = within(organization).getByTestId('enrichment-switch');
    expect(within(section).getByTestId('enrichment-state-label')).toHaveTextContent('Slått av');
    expect(section).toHaveTextContent('Vipps Login er ikke en elektronisk ID');
    expect(within(organization).getByTestId('not-started')).toHaveTextContent('Ikke slått på ennå.');

    const field = within(section).getByLabelText('Rettslig grunnlag');
    expect(field.tagName).toBe('TEXTAREA');
    await userEvent.type(field, 'Fordi vi vil');
    await userEvent.click(within(section).getByRole('button', { name: 'Slå på' }));
    await waitFor(() => expect(field).toHaveAccessibleDescription(/Beskriv det rettslige grunnlaget med minst 20 tegn\./));
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(await settings()).toBeNull();

    await userEvent.clear(field);
    await userEvent.type(field, BASIS);
    await userEvent.click(within(section).getByRole('button', { name: 'Slå på' }));
    await waitFor(() => expect(within(section).getByTestId('enrichment-state-label')).toHaveTextContent('Slått på'));
    expect(within(section).getByTestId('enabled-by')).toHaveTextContent(/^Slått på av Gunn Global, /);
    expect(within(section).getByTestId('legal-basis')).toHaveTextContent(BASIS);
    await waitFor(() => expect(within(section).getByTestId('enrichment-state')).toHaveFocus());
    expect(screen.getByTestId('live-region')).toHaveTextContent('Fødselsnummer fra Vipps er slått på for Norsk Friluftslag.');
    const saved = await settings();
    expect(saved).toMatchObject({ enabled: true, legal_basis: BASIS });
    // The baseline is counted as it is switched on, and shown.
    expect(saved?.baseline_missing).toBeGreaterThan(0);
    expect(within(organization).getByTestId('figure-baseline')).toHaveAttribute('data-count', String(saved?.baseline_missing));
    expect(
      within(organization).getByRole('progressbar', { name: 'Andel av manglende fødselsnumre som er fylt ut for Norsk Friluftslag' }),
    ).toBeInTheDocument();

    // The basis can be reworded while it is on; the form opens with it, and Cancel would leave it as it was.
    await userEvent.click(within(section).getByRole('button', { name: 'Endre det rettslige grunnlaget' }));
    const editField = within(section).getByLabelText('Rettslig grunnlag');
    await waitFor(() => expect(editField).toHaveFocus());
    expect(editField).toHaveValue(BASIS);
    await userEvent.clear(editField);
    await userEvent.type(editField, NEW_BASIS);
    await userEvent.click(within(section).getByRole('button', { name: 'Lagre det rettslige grunnlaget' }));
    await waitFor(() => expect(within(section).getByTestId('legal-basis')).toHaveTextContent(NEW_BASIS));
    expect(screen.getByTestId('live-region')).toHaveTextContent('Det rettslige grunnlaget for Norsk Friluftslag er lagret.');
    await waitFor(() => expect(within(section).getByTestId('enrichment-state')).toHaveFocus());
    expect(await settings()).toMatchObject({ enabled: true, legal_basis: NEW_BASIS });

    await userEvent.click(within(section).getByRole('button', { name: 'Slå av' }));
    const dialog = await screen.findByRole('dialog', { name: 'Slå av fødselsnummer fra Vipps?' });
    expect(dialog).toHaveTextContent('Numre som allerede er skrevet, blir stående i registeret');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Slå av' }));
    await waitFor(() => expect(within(section).getByTestId('enrichment-state-label')).toHaveTextContent('Slått av'));
    expect(screen.getByTestId('live-region')).toHaveTextContent('Fødselsnummer fra Vipps er slått av for Norsk Friluftslag.');
    expect(await settings()).toMatchObject({ enabled: false, legal_basis: NEW_BASIS });
    // Switching on again offers the basis it had.
    expect(within(section).getByLabelText('Rettslig grunnlag')).toHaveValue(NEW_BASIS);
    const audit = await harness.host.db.query<{ detail: unknown }>(
      `select detail from sync.audit_events where type = 'enrichment_changed' order by occurred_at`,
    );
    expect(audit.rows.map((row) => row.detail)).toEqual([
      { enabled: true, legalBasisChanged: true },
      { enabled: true, legalBasisChanged: true },
      { enabled: false, legalBasisChanged: false },
    ]);

    // The audit history says it in words, from the event's type and detail.
    harness.renderAt('/audit');
    expect(await screen.findByText('Henting av fødselsnummer fra Vipps ble slått av')).toBeInTheDocument();
    expect(screen.getAllByText('Et rettslig grunnlag for fødselsnummer fra Vipps ble lagret; hentingen er på')).toHaveLength(2);
  });
});
