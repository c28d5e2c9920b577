import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEMO_IDS, startConsoleHarness, type ConsoleHarness } from '../../../../tests/support/renderer/console-harness.tsx';

let harness: ConsoleHarness;
beforeAll(async () => {
  harness = await startConsoleHarness({ memberCount: 300 });
});
afterAll(() => harness.close());

const card = (integrationId: string) => {
  const element = document.querySelector<HTMLElement>(`[data-integration-id="${integrationId}"]`);
  if (!element) throw new Error(`no card for ${integrationId}`);
  return element;
};

describe('the health board', () => {
  it('groups registries by organization and syncs one from "Synkroniser nå" to "Oppdatert"', async () => {
    harness.renderAt('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Synkstatus' })).toHaveFocus();
    await waitFor(() => expect(screen.getAllByTestId('organization-group')).toHaveLength(3));
    const friluftslag = card(DEMO_IDS.integrations.friluftslagCornerstone);
    expect(within(friluftslag).getByTestId('health-label')).toHaveTextContent('Aldri synkronisert');
    expect(within(friluftslag).getByTestId('change-delivery')).toHaveTextContent('Fortløpende (webhooks), og sjekket etter tidsplanen');
    expect(within(friluftslag).queryByTestId('switched-off')).toBeNull();

    await userEvent.click(within(friluftslag).getByRole('button', { name: 'Synkroniser nå' }));
    await waitFor(
      () => expect(within(card(DEMO_IDS.integrations.friluftslagCornerstone)).getByTestId('health-label')).toHaveTextContent('Oppdatert'),
      {
        timeout: 20_000,
      },
    );
    const synced = card(DEMO_IDS.integrations.friluftslagCornerstone);
    expect(within(synced).getByTestId('member-count')).toHaveAttribute('data-count', '300');
    expect(within(synced).getByTestId('last-full-run')).toHaveTextContent('300 lest · 300 nye · 0 endret');
    expect(within(synced).getByTestId('last-delta-run')).toHaveTextContent('Aldri');
    const [run] = (
      await harness.host.db.query<{ status: string }>('select status from sync.sync_runs where integration_id = $1', [
        DEMO_IDS.integrations.friluftslagCornerstone,
      ])
    ).rows;
    expect(run?.status).toBe('succeeded');
  });

  it('offers an update of recent changes only once a full sync has run', async () => {
    harness.renderAt('/', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Sync health' });
    const ungdom = await waitFor(() => card(DEMO_IDS.integrations.ungdomCornerstone));
    const toggle = within(ungdom).getByRole('button', { name: 'More sync options' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(within(ungdom).getByRole('button', { name: 'Update recent changes' })).toBeDisabled();
    expect(within(ungdom).getByRole('button', { name: 'Preview a full sync' })).toBeEnabled();
    await userEvent.keyboard('{Escape}');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });

  it('says when a registry sends no changes as they happen, and when an integration is switched off', async () => {
    await harness.host.db.query(`update sync.integrations set webhooks_supported = false, enabled = false where id = $1`, [
      DEMO_IDS.integrations.ungdomCornerstone,
    ]);
    try {
      harness.renderAt('/', { language: 'en' });
      await waitFor(() => expect(within(card(DEMO_IDS.integrations.ungdomCornerstone)).getByTestId('switched-off')).toBeInTheDocument());
      const ungdom = card(DEMO_IDS.integrations.ungdomCornerstone);
      expect(within(ungdom).getByTestId('change-delivery')).toHaveTextContent('Fetched on a schedule; this registry cannot send them as they happen');
      expect(within(ungdom).getByTestId('switched-off')).toHaveTextContent(/^Switched off: no scheduled syncs run/);
    } finally {
      await harness.host.db.query(`update sync.integrations set webhooks_supported = true, enabled = true where id = $1`, [
        DEMO_IDS.integrations.ungdomCornerstone,
      ]);
    }
  });
});
