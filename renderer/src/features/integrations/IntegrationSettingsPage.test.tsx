import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEMO_IDS, startConsoleHarness, type ConsoleHarness } from '../../../../tests/support/renderer/console-harness.tsx';

let harness: ConsoleHarness;
const INTEGRATION = DEMO_IDS.integrations.friluftslagCornerstone;
const CONSIO = DEMO_IDS.integrations.kystkoretConsio;

async function savedCredential(integrationId: string) {
  const { rows } = await harness.host.db.query<{ ciphertext: string }>(
    `select ciphertext from sync.integration_credentials where integration_id = $1`,
    [integrationId],
  );
  return rows[0]?.ciphertext;
}

async function openSettings(integrationId: string) {
  harness.renderAt(`/integrations/${integrationId}`, { language: 'en' });
  return screen.findByTestId('integration-settings');
}

async function typeCredentials(form: HTMLElement, values: { username: string; password: string; clientId: string }) {
  for (const [label, value] of [
    ['Username', values.username],
    ['Password', values.password],
    ['Client id', values.clientId],
  ] as const) {
    const field = within(form).getByLabelText(label);
    await userEvent.clear(field);
    await userEvent.type(field, value);
  }
}

beforeAll(async () => {
  harness = await startConsoleHarness({ memberCount: 30, consioMemberCount: 12 });
});
afterAll(() => harness.close());

describe('the integration settings', () => {
  it('shows when the saved credentials changed and last worked, never the credentials themselves', async () => {
    const page = await openSettings(INTEGRATION);
    expect(screen.getByRole('heading', { level: 1, name: 'Settings: Cornerstone – Norsk Friluftslag' })).toHaveFocus();
    const facts = within(page).getByTestId('connection-facts');
    expect(facts).toHaveTextContent('Cornerstone');
    expect(facts).toHaveTextContent(harness.host.cornerstone.url);
    expect(facts).toHaveTextContent('Username, password and client id');
    expect(within(facts).getByTestId('credentials-changed-at')).not.toHaveTextContent('None saved yet');

    const { password, clientId } = harness.host.cornerstone.credentials;
    expect(document.body.textContent).not.toContain(password);
    expect(document.body.textContent).not.toContain(clientId);
    const form = within(page).getByTestId('credentials-form');
    for (const input of within(form).getAllByRole('textbox')) expect(input).not.toHaveValue(clientId);
    expect(within(form).getByLabelText('Password')).toHaveValue('');
    expect(within(form).getByLabelText('Password')).toHaveAttribute('type', 'password');
    expect(within(form).getByLabelText('Password')).toHaveAttribute('autocomplete', 'off');

    // The saved credentials can be tried without being shown.
    await userEvent.click(within(page).getByRole('button', { name: 'Test saved sign-in details' }));
    const saved = within(page).getByTestId('saved-connection-test');
    await waitFor(() => expect(within(saved).getByTestId('connection-test-result')).toHaveAttribute('data-outcome', 'connected'));
    // Said once, through the shell's live region; the answer in place is not a live region of its own.
    expect(screen.getByTestId('live-region')).toHaveTextContent('Connection test: connected to Cornerstone.');
    expect(within(saved).queryByRole('status')).not.toBeInTheDocument();
  });

  it('says a wrong password is wrong, and saves nothing with it', async () => {
    const before = await savedCredential(INTEGRATION);
    const page = await openSettings(INTEGRATION);
    const form = within(page).getByTestId('credentials-form');
    const { username, clientId } = harness.host.cornerstone.credentials;
    await typeCredentials(form, { username, password: 'not-the-password', clientId });

    await userEvent.click(within(form).getByRole('button', { name: 'Test connection' }));
    const result = await within(form).findByTestId('connection-test-result', {}, { timeout: 15_000 });
    expect(result).toHaveAttribute('data-problem', 'wrong_password');
    expect(result).toHaveTextContent('The connection test failed');
    expect(result).toHaveTextContent('Cornerstone refused the username or password.');
    expect(result).toHaveTextContent("Who must act: your organization's administrator");
    expect(result).toHaveTextContent(/The test took \d+( ms|(\.\d)? s)\./);

    await userEvent.click(within(form).getByRole('button', { name: 'Save sign-in details' }));
    const outcome = within(form).getByTestId('credentials-save-outcome');
    await waitFor(() => expect(outcome).toHaveTextContent('Nothing was saved'));
    expect(outcome).toHaveTextContent('The registry did not accept these sign-in details.');
    expect(await savedCredential(INTEGRATION)).toBe(before);
    // What was typed stays for correcting, but is in the form only: the calls that carried it are gone.
    expect(within(form).getByLabelText('Password')).toHaveValue('not-the-password');
    await waitFor(() =>
      expect(
        harness
          .queryClient()
          .getMutationCache()
          .getAll()
          .filter((mutation) => JSON.stringify(mutation.state.variables ?? null).includes('not-the-password')),
      ).toEqual([]),
    );
    // The refusal is in place, not announced a second time by a live region of its own.
    expect(within(outcome).queryByRole('status')).not.toBeInTheDocument();
  });

  it('tests and saves correct credentials: the organization, its members and the time it took', async () => {
    const before = await savedCredential(INTEGRATION);
    const page = await openSettings(INTEGRATION);
    const form = within(page).getByTestId('credentials-form');
    await typeCredentials(form, harness.host.cornerstone.credentials);

    await userEvent.click(within(form).getByRole('button', { name: 'Test connection' }));
    const result = await within(form).findByTestId('connection-test-result', {}, { timeout: 15_000 });
    expect(result).toHaveAttribute('data-outcome', 'connected');
    expect(result).toHaveTextContent(/^✓ Connected to “Norsk Friluftslag” — 30 members — \d+( ms|(\.\d)? s)/);

    // A test's answer is for the values it tried: editing a field takes it away.
    const clientId = within(form).getByLabelText('Client id');
    await userEvent.type(clientId, 'x');
    expect(within(form).queryByTestId('connection-test-result')).not.toBeInTheDocument();
    await userEvent.type(clientId, '{Backspace}');

    await userEvent.click(within(form).getByRole('button', { name: 'Save sign-in details' }));
    const outcome = within(form).getByTestId('credentials-save-outcome');
    // The integration has never finished a full sync: saving tested credentials queues the first one.
    await waitFor(() => expect(outcome).toHaveTextContent('✓ Saved. The first full sync is queued.'));
    expect(await savedCredential(INTEGRATION)).not.toBe(before);
    // Saved credentials leave the form: every field is empty again.
    expect(within(form).getByLabelText('Username')).toHaveValue('');
    expect(within(form).getByLabelText('Password')).toHaveValue('');
    expect(within(form).getByLabelText('Client id')).toHaveValue('');
    expect(screen.getByTestId('live-region')).toHaveTextContent('The new sign-in details for Cornerstone – Norsk Friluftslag are saved.');
  });

  it('switches the integration off and on, saying what off stops', async () => {
    const page = await openSettings(CONSIO);
    const section = within(page).getByTestId('integration-enabled');
    const toggle = within(section).getByRole('switch', { name: 'Sync this registry' });
    expect(toggle).toBeChecked();
    expect(toggle).toHaveAccessibleDescription(/no scheduled syncs run, and change notices \(webhooks\) from the registry are ignored/);

    await userEvent.click(toggle);
    await waitFor(() => expect(within(section).getByTestId('enabled-state')).toHaveTextContent('Off'));
    expect(toggle).not.toBeChecked();
    expect(screen.getByTestId('live-region')).toHaveTextContent('Consio – Kystkoret is switched off');
    const enabled = async () =>
      (await harness.host.db.query<{ enabled: boolean }>(`select enabled from sync.integrations where id = $1`, [CONSIO])).rows[0]?.enabled;
    expect(await enabled()).toBe(false);

    await userEvent.click(toggle);
    await waitFor(() => expect(within(section).getByTestId('enabled-state')).toHaveTextContent('On'));
    expect(await enabled()).toBe(true);
  });

  it('says plainly that Consio cannot send changes as they happen, and asks for a client id and secret', async () => {
    const page = await openSettings(CONSIO);
    expect(screen.getByRole('heading', { level: 1, name: 'Settings: Consio – Kystkoret' })).toBeInTheDocument();
    const webhooks = within(page).getByTestId('webhooks');
    expect(webhooks).toHaveAttribute('data-supported', 'false');
    expect(within(webhooks).getByTestId('webhooks-unsupported')).toHaveTextContent(
      'This registry cannot send changes as they happen, so changes arrive with the scheduled syncs only',
    );
    expect(within(webhooks).queryByRole('button')).not.toBeInTheDocument();

    const form = within(page).getByTestId('credentials-form');
    expect(within(form).queryByRole('radio')).not.toBeInTheDocument();
    expect(within(form).getByLabelText('Client id')).toBeInTheDocument();
    expect(within(form).getByLabelText('Client secret')).toHaveAttribute('type', 'password');
    expect(within(page).getByTestId('connection-facts')).toHaveTextContent('Client id and client secret');
  });

  it('shows the next three full syncs of a preset as it is chosen, and saves it', async () => {
    const page = await openSettings(INTEGRATION);
    const schedule = within(page).getByTestId('schedule');
    expect(within(schedule).getByLabelText('Full sync')).toHaveValue('nightly');
    expect(within(schedule).getByLabelText('At (hh:mm)')).toHaveValue('02:00');
    const nightly = within(within(schedule).getByRole('list', { name: 'The next three full syncs' })).getAllByRole('listitem');
    expect(nightly).toHaveLength(3);
    for (const run of nightly) expect(run).toHaveTextContent(/02:00$/);

    await userEvent.selectOptions(within(schedule).getByLabelText('Full sync'), 'weekly');
    await userEvent.selectOptions(within(schedule).getByLabelText('On'), 'Sunday');
    const weekly = within(within(schedule).getByRole('list', { name: 'The next three full syncs' })).getAllByRole('listitem');
    expect(weekly).toHaveLength(3);
    const instants = weekly.map((run) => new Date(run.querySelector('time')?.getAttribute('dateTime') ?? '').getTime());
    // A week apart (give or take the hour a daylight-saving change moves).
    for (let index = 1; index < 3; index++)
      expect(Math.abs((instants[index] ?? 0) - (instants[index - 1] ?? 0) - 7 * 86_400_000)).toBeLessThanOrEqual(3_600_000);

    await userEvent.selectOptions(within(schedule).getByLabelText('Fetch recent changes'), 'Every 30 minutes');
    await userEvent.click(within(schedule).getByRole('button', { name: 'Save the schedule' }));
    await waitFor(() => expect(within(schedule).getByTestId('schedule-save-outcome')).toHaveTextContent(/The schedule is saved/));
    const { rows } = await harness.host.db.query<{ schedule_cron: string; delta_interval_minutes: number }>(
      `select schedule_cron, delta_interval_minutes from sync.integrations where id = $1`,
      [INTEGRATION],
    );
    expect(rows[0]).toEqual({ schedule_cron: '0 2 * * 0', delta_interval_minutes: 30 });
  });

  it('replaces the webhook secret after confirmation and shows the new one once', async () => {
    const page = await openSettings(INTEGRATION);
    const webhooks = within(page).getByTestId('webhooks');
    expect(within(webhooks).getByLabelText('Address to enter in Cornerstone')).toHaveAttribute('readonly');
    expect(within(webhooks).getByLabelText('Keep accepting the old secret for')).toHaveValue('24');

    await userEvent.click(within(webhooks).getByRole('button', { name: 'Replace the secret' }));
    const dialog = await screen.findByRole('dialog', { name: 'Replace the signing secret?' });
    expect(dialog).toHaveTextContent('its notices are accepted only while the old secret is: 24 hours');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Replace the secret' }));

    const box = await within(webhooks).findByTestId('new-webhook-secret');
    const secret = within(box).getByLabelText('New signing secret');
    await waitFor(() => expect(secret).toHaveFocus());
    expect((secret as HTMLInputElement).value).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(box).toHaveTextContent('Copy it into Cornerstone now. It will not be shown again.');
    await waitFor(() => expect(within(webhooks).getByTestId('webhook-previous-valid-until')).toBeInTheDocument());

    await userEvent.click(within(box).getByRole('button', { name: 'I have copied it' }));
    expect(within(webhooks).queryByTestId('new-webhook-secret')).not.toBeInTheDocument();
    expect(within(webhooks).getByRole('button', { name: 'Replace the secret' })).toHaveFocus();
  });

  it('is where alerts about refused credentials and webhook signatures lead', async () => {
    for (const [kind, actor] of [
      ['credentials_failed', 'org_admin'],
      ['webhook_signature', 'vendor'],
    ] as const) {
      await harness.host.db.query(
        `insert into sync.alerts (org_id, integration_id, kind, severity, actor, message, detail) values ($1, $2, $3, 'error', $4, 'An English message', '{}')`,
        [DEMO_IDS.organizations.friluftslag, INTEGRATION, kind, actor],
      );
    }
    harness.renderAt('/alerts', { language: 'en' });
    const credentials = await screen.findByRole('article', { name: 'The registry refused our username or password' });
    expect(within(credentials).getByTestId('alert-text')).toHaveTextContent('enter the new password in this registry’s settings');
    expect(within(credentials).getByRole('link', { name: 'Enter new sign-in details in the settings' })).toHaveAttribute(
      'href',
      `/integrations/${INTEGRATION}`,
    );
    const signatures = screen.getByRole('article', { name: 'Change notices from the registry were refused' });
    expect(within(signatures).getByRole('link', { name: 'Check the change notices in the settings' })).toHaveAttribute(
      'href',
      `/integrations/${INTEGRATION}`,
    );
  });

  it('is reached from the board, and says in place when an integration is not there', async () => {
    harness.renderAt('/', { language: 'en' });
    const card = (await screen.findAllByTestId('integration-card')).find((element) => element.dataset.integrationId === INTEGRATION);
    expect(card).toBeDefined();
    expect(within(card as HTMLElement).getByRole('link', { name: 'Settings' })).toHaveAttribute('href', `/integrations/${INTEGRATION}`);

    await harness.navigate('/integrations/d3000000-0000-4000-8000-0000000000ff');
    expect(await screen.findByTestId('empty-state')).toHaveTextContent('This member registry does not exist, or you do not have access to it.');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
