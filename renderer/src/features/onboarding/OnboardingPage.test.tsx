import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEMO_IDS, startConsoleHarness, type ConsoleHarness } from '../../../../tests/support/renderer/console-harness.tsx';

let harness: ConsoleHarness;
const ONBOARDING_MEMBERS = 40;

beforeAll(async () => {
  harness = await startConsoleHarness({ memberCount: 30, onboardingMembers: ONBOARDING_MEMBERS });
});
afterAll(() => harness.close());

const progress = () => screen.getByTestId('step-progress');
const stepHeading = (name: string) => screen.findByRole('heading', { level: 2, name });
const next = () => userEvent.click(within(screen.getByTestId('onboarding-step')).getByRole('button', { name: 'Next' }));
const back = () => userEvent.click(within(screen.getByTestId('onboarding-step')).getByRole('button', { name: 'Back' }));

/** The error shown beside a field: the element its aria-describedby names last. */
function errorBeside(field: HTMLElement): string {
  const ids = field.getAttribute('aria-describedby')?.split(' ') ?? [];
  const error = ids.map((id) => document.getElementById(id)).find((element) => element?.classList.contains('field-error'));
  return error?.textContent ?? '';
}

async function openWizard() {
  harness.renderAt('/onboarding', { language: 'en' });
  expect(await screen.findByRole('heading', { level: 1, name: 'Add an organization' })).toBeInTheDocument();
  await stepHeading('Organization');
}

async function enterOrganization(name: string, slug?: string) {
  await userEvent.type(screen.getByLabelText('Name of the organization'), name);
  if (slug !== undefined) {
    const slugField = screen.getByLabelText('Short name for web addresses');
    await userEvent.clear(slugField);
    await userEvent.type(slugField, slug);
  }
  await next();
}

/** The changes in the console's mutation cache whose input holds `secret`. */
function mutationsHolding(secret: string) {
  return harness
    .queryClient()
    .getMutationCache()
    .getAll()
    .filter((mutation) => JSON.stringify(mutation.state.variables ?? null).includes(secret));
}

async function organizationSlugs(): Promise<string[]> {
  const { rows } = await harness.host.db.query<{ slug: string }>(`select slug from sync.organizations order by slug`);
  return rows.map((row) => row.slug);
}

describe('adding an organization', () => {
  it('shows an organization administrator no wizard, only why', async () => {
    await harness.host.dispatch('session.actAs', { userId: DEMO_IDS.admins.ola });
    try {
      harness.renderAt('/onboarding', { language: 'nb' });
      expect(await screen.findByText('Bare globale administratorer kan legge til organisasjoner')).toBeInTheDocument();
      expect(screen.getByRole('heading', { level: 1, name: 'Legg til en organisasjon' })).toBeInTheDocument();
      expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
      expect(screen.queryByTestId('onboarding-step')).not.toBeInTheDocument();
      expect(within(screen.getByRole('navigation', { name: 'Hovedmeny' })).queryByRole('link', { name: 'Ny organisasjon' })).not.toBeInTheDocument();
    } finally {
      await harness.host.dispatch('session.actAs', { userId: DEMO_IDS.admins.global });
    }
  });

  it('refuses invalid input beside the field, keeps what was entered on Back, and asks before leaving', async () => {
    harness.renderAt('/', { language: 'en' });
    await userEvent.click(await screen.findByRole('link', { name: 'Add organization' }));
    await stepHeading('Organization');
    expect(progress()).toHaveTextContent('Step 1 of 7');
    expect(within(screen.getByRole('list', { name: 'Steps' })).getByText('Organization')).toHaveAttribute('aria-current', 'step');

    // The short name follows the name, with Norwegian letters spelled out, until it is edited.
    const name = screen.getByLabelText('Name of the organization');
    const slug = screen.getByLabelText('Short name for web addresses');
    await userEvent.type(name, 'Bøler Ærlige Åpne');
    expect(slug).toHaveValue('boler-aerlige-apne');

    await userEvent.clear(name);
    await userEvent.type(name, 'B');
    await next();
    await waitFor(() => expect(errorBeside(name)).toBe('Enter a name of 2 to 120 characters.'));
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(progress()).toHaveTextContent('Step 1 of 7');

    await userEvent.clear(name);
    await userEvent.type(name, 'Fjellklubben Sør');
    expect(slug).toHaveValue('fjellklubben-sor');
    await next();
    const systemHeading = await stepHeading('Member system');
    await waitFor(() => expect(systemHeading).toHaveFocus());
    expect(progress()).toHaveTextContent('Step 2 of 7');

    await next();
    await waitFor(() =>
      expect(errorBeside(screen.getByRole('combobox', { name: 'Member system' }))).toBe('Choose a member system, or “No member system integration”.'),
    );
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Member system' }), 'Consio');
    await next();
    await stepHeading('Sign-in details');
    expect(progress()).toHaveTextContent('Step 3 of 7');
    await userEvent.type(screen.getByLabelText('Client id'), 'sjo-client');

    await back();
    await stepHeading('Member system');
    expect(screen.getByRole('combobox', { name: 'Member system' })).toHaveValue('consio');
    await next();
    await stepHeading('Sign-in details');
    expect(screen.getByLabelText('Client id')).toHaveValue('sjo-client');
    expect(screen.getByLabelText('Client secret')).toHaveAttribute('type', 'password');
    expect(screen.getByLabelText('Client secret')).toHaveAttribute('autocomplete', 'off');
    await back();
    await back();
    await stepHeading('Organization');
    expect(screen.getByLabelText('Name of the organization')).toHaveValue('Fjellklubben Sør');
    expect(screen.getByLabelText('Short name for web addresses')).toHaveValue('fjellklubben-sor');

    // Leaving asks first; staying keeps everything.
    await userEvent.click(screen.getByRole('link', { name: 'Sync health' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without adding the organization?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Stay and continue' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByLabelText('Name of the organization')).toHaveValue('Fjellklubben Sør');

    await userEvent.click(screen.getByRole('link', { name: 'Sync health' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Leave and discard' }));
    await waitFor(() => expect(screen.queryByTestId('onboarding-step')).not.toBeInTheDocument());

    // Left, the draft is gone: the wizard starts empty.
    await harness.navigate('/onboarding');
    await stepHeading('Organization');
    expect(screen.getByLabelText('Name of the organization')).toHaveValue('');
    expect(await organizationSlugs()).not.toContain('fjellklubben-sor');
  });

  it('adds an organization without a member system, past a short name already taken', async () => {
    await openWizard();
    await enterOrganization('Korpset Vest', 'kystkoret');
    await stepHeading('Member system');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Member system' }), 'No member system integration');
    await next();
    await stepHeading('Administrators');
    expect(progress()).toHaveTextContent('Step 3 of 4');
    expect(screen.getByText('No administrators added yet.')).toBeInTheDocument();
    await next();
    await stepHeading('Confirm');
    expect(progress()).toHaveTextContent('Step 4 of 4');

    const summary = screen.getByTestId('onboarding-summary');
    expect(summary).toHaveTextContent('No member system integration');
    expect(summary).toHaveTextContent('Korpset Vest');
    expect(within(summary).queryByRole('heading', { name: 'Schedule' })).not.toBeInTheDocument();
    expect(within(summary).queryByRole('heading', { name: 'Sign-in details' })).not.toBeInTheDocument();

    // The short name is taken: back to the first step, the reason beside the field.
    await userEvent.click(screen.getByRole('button', { name: 'Add organization' }));
    await stepHeading('Organization');
    const slug = screen.getByLabelText('Short name for web addresses');
    await waitFor(() => expect(errorBeside(slug)).toBe('Another organization already has this short name. Choose another.'));
    await userEvent.clear(slug);
    await userEvent.type(slug, 'korpset-vest');
    await next();
    await stepHeading('Member system');
    expect(screen.getByRole('combobox', { name: 'Member system' })).toHaveValue('none');
    await next();
    await stepHeading('Administrators');
    await next();
    await stepHeading('Confirm');
    await userEvent.click(screen.getByRole('button', { name: 'Add organization' }));

    await screen.findByRole('heading', { level: 1, name: 'Sync health' });
    expect(screen.getByTestId('live-region')).toHaveTextContent('Korpset Vest is added.');
    expect(await organizationSlugs()).toContain('korpset-vest');
  });

  it('connects a Cornerstone registry, tests it, previews it, schedules it and adds it with an administrator', async () => {
    const registry = harness.host.onboarding.find((candidate) => candidate.entry.connection.system === 'cornerstone');
    if (!registry || registry.entry.connection.credentials.kind !== 'user_password_client') throw new Error('no Cornerstone registry for onboarding');
    const secret = registry.entry.connection.credentials.password;

    await openWizard();
    await enterOrganization('Fjellklubben Nord');
    await stepHeading('Member system');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Member system' }), 'Cornerstone');
    await next();
    await stepHeading('Sign-in details');

    // Going on takes a successful test.
    await next();
    await waitFor(() =>
      expect(errorBeside(screen.getByLabelText('Address of the Cornerstone API'))).toBe('Enter the address of the registry’s API.'),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Fill in the demo registry' }));
    expect(screen.getByLabelText('Address of the Cornerstone API')).toHaveValue(registry.entry.connection.baseUrl);
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password');
    await next();
    expect(await screen.findByTestId('test-note')).toHaveTextContent('Test the connection with these details before going on.');

    // A wrong password fails, in words, with who must act.
    const password = screen.getByLabelText('Password');
    await userEvent.clear(password);
    await userEvent.type(password, 'not-the-password');
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const failed = await screen.findByTestId('connection-test-result', {}, { timeout: 12_000 });
    expect(failed).toHaveAttribute('data-outcome', 'failed');
    expect(failed).toHaveAttribute('data-problem', 'wrong_password');
    expect(failed).toHaveTextContent('Cornerstone refused the username or password.');
    expect(failed).toHaveTextContent(/Who must act: /);
    expect(failed).toHaveTextContent(/The test took .+\./);
    expect(screen.getByTestId('live-region')).toHaveTextContent('The connection test failed: Cornerstone refused the username or password.');

    await userEvent.click(screen.getByRole('button', { name: 'Fill in the demo registry' }));
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(screen.getByTestId('connection-test-result')).toHaveAttribute('data-outcome', 'connected'), { timeout: 12_000 });
    expect(screen.getByTestId('connection-test-result')).toHaveTextContent(`Connected to “Fjellklubben Nord” — ${ONBOARDING_MEMBERS} members — `);
    expect(screen.getByTestId('live-region')).toHaveTextContent('Connection test: connected to Cornerstone.');

    // Changing a field puts the test out of date, even when changed back: the draft keeps no copy to compare with.
    const username = screen.getByLabelText('Username');
    await userEvent.type(username, 'x');
    expect(screen.queryByTestId('connection-test-result')).not.toBeInTheDocument();
    expect(screen.getByTestId('test-note')).toHaveTextContent('The details changed after the last test. Test the connection again.');
    await next();
    expect(progress()).toHaveTextContent('Step 3 of 7');
    await userEvent.type(username, '{Backspace}');
    expect(screen.queryByTestId('connection-test-result')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(screen.getByTestId('connection-test-result')).toHaveAttribute('data-outcome', 'connected'), { timeout: 12_000 });
    expect(screen.queryByTestId('test-note')).not.toBeInTheDocument();
    await next();

    await stepHeading('Preview');
    expect(screen.getByTestId('registry-preview')).toHaveTextContent(`Cornerstone reports ${ONBOARDING_MEMBERS} members for “Fjellklubben Nord”.`);
    await next();

    await stepHeading('Schedule');
    expect(screen.getByRole('radio', { name: 'Every night at 02:00' })).toBeChecked();
    await waitFor(() => expect(within(screen.getByTestId('next-runs')).getAllByRole('listitem')).toHaveLength(3));
    await userEvent.click(screen.getByRole('radio', { name: 'Custom (cron)' }));
    const cron = screen.getByLabelText('Cron expression');
    await userEvent.clear(cron);
    await userEvent.type(cron, 'every night');
    const delta = screen.getByLabelText('Check for changes every … minutes');
    expect(delta).toHaveValue(15);
    await userEvent.clear(delta);
    await userEvent.type(delta, '3');
    await next();
    await waitFor(() => expect(errorBeside(cron)).toMatch(/^Write five fields/));
    expect(errorBeside(delta)).toBe('Enter a whole number of minutes from 5 to 1440 (24 hours).');
    expect(within(screen.getByTestId('next-runs')).queryAllByRole('listitem')).toHaveLength(0);
    await userEvent.clear(cron);
    await userEvent.type(cron, '30 3 * * 1');
    await userEvent.clear(delta);
    await userEvent.type(delta, '30');
    await waitFor(() => expect(within(screen.getByTestId('next-runs')).getAllByRole('listitem')).toHaveLength(3));
    await next();

    await stepHeading('Administrators');
    const email = screen.getByLabelText('E-mail address');
    await userEvent.type(email, 'nobody@demo.local');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(errorBeside(email)).toMatch(/^No administrator account has this e-mail address\./));
    await userEvent.clear(email);
    await userEvent.type(email, 'Ola@Demo.local');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    const list = await screen.findByRole('list', { name: 'Administrators to add' });
    expect(list).toHaveTextContent('Ola Nordmann (ola@demo.local)');
    await next();

    await stepHeading('Confirm');
    const summary = screen.getByTestId('onboarding-summary');
    expect(summary).toHaveTextContent('Fjellklubben Nord');
    expect(summary).toHaveTextContent('fjellklubben-nord');
    expect(summary).toHaveTextContent('Username, password and client id: entered and tested');
    expect(summary).toHaveTextContent('Custom (cron): 30 3 * * 1');
    expect(summary).toHaveTextContent('Changes every 30 minutes');
    expect(summary).toHaveTextContent('Ola Nordmann');
    expect(summary.textContent).not.toContain(secret);

    await userEvent.click(screen.getByRole('button', { name: 'Add organization' }));
    await screen.findByRole('heading', { level: 1, name: 'Sync health' });
    // The call that added it carried the credentials: it is not kept.
    await waitFor(() => expect(mutationsHolding(secret)).toEqual([]));
    const group = await screen.findByRole('heading', { name: 'Fjellklubben Nord' });
    const board = group.closest('section') ?? document.body;
    await waitFor(() => expect(board).toHaveTextContent('Initial sync in progress'));

    const { rows } = await harness.host.db.query<{ schedule_cron: string; delta_interval_minutes: number }>(
      `select i.schedule_cron, i.delta_interval_minutes from sync.integrations i join sync.organizations o on o.id = i.org_id where o.slug = 'fjellklubben-nord'`,
    );
    expect(rows).toEqual([{ schedule_cron: '30 3 * * 1', delta_interval_minutes: 30 }]);
  });

  it('keeps no typed credentials in the mutation cache, wrong ones included, after a test and after leaving', async () => {
    const registry = harness.host.onboarding.find((candidate) => candidate.entry.connection.system === 'consio');
    if (!registry || registry.entry.connection.credentials.kind !== 'client_credentials') throw new Error('no Consio registry for onboarding');
    const secret = registry.entry.connection.credentials.clientSecret;
    const wrong = 'not-the-client-secret';

    await openWizard();
    await enterOrganization('Sjøspeiderne Vest');
    await stepHeading('Member system');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Member system' }), 'Consio');
    await next();
    await stepHeading('Sign-in details');
    await userEvent.click(screen.getByRole('button', { name: 'Fill in the demo registry' }));
    const clientSecret = screen.getByLabelText('Client secret');
    await userEvent.clear(clientSecret);
    await userEvent.type(clientSecret, wrong);
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const failed = await screen.findByTestId('connection-test-result', {}, { timeout: 12_000 });
    expect(failed).toHaveAttribute('data-problem', 'wrong_client_secret');
    expect(failed).toHaveTextContent('Consio refused the client id or client secret.');
    // Settled, the test is dropped at once: the wizard shows its answer from its own state.
    await waitFor(() => expect(mutationsHolding(wrong)).toEqual([]));

    await userEvent.click(screen.getByRole('button', { name: 'Fill in the demo registry' }));
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(screen.getByTestId('connection-test-result')).toHaveAttribute('data-outcome', 'connected'), { timeout: 12_000 });
    await waitFor(() => expect(mutationsHolding(secret)).toEqual([]));

    await userEvent.click(screen.getByRole('link', { name: 'Sync health' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Leave and discard' }));
    await screen.findByRole('heading', { level: 1, name: 'Sync health' });
    expect(mutationsHolding(wrong)).toEqual([]);
    expect(mutationsHolding(secret)).toEqual([]);
    expect(document.body.textContent).not.toContain(secret);
  });
});
