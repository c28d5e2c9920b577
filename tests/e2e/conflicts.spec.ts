import { test, expect, DEMO_IDS, type ConsoleApp } from './support/fixtures.ts';
import { expectAccessible, saveScreenshot } from './support/checks.ts';

const INTEGRATION = DEMO_IDS.integrations.friluftslagCornerstone;
const externalIdOf = (index: number) => `CS-${String(index + 1).padStart(7, '0')}`;

/** The first full sync, from the health board. */
async function firstSync({ page }: ConsoleApp, syncNow: string): Promise<void> {
  const card = page.locator(`[data-integration-id="${INTEGRATION}"]`);
  await card.getByRole('button', { name: syncNow }).click();
  await expect(card).toHaveAttribute('data-health', 'healthy');
}

/**
 * Both sides change one member's email since the last sync: the app first (an update as the
 * database owner, which the app-change trigger records), then a Cornerstone user, whose change
 * reaches us by webhook. The registry changed last, so the proposal is the registry's value.
 */
async function contactConflict({ query, cornerstone }: ConsoleApp, index: number) {
  const app = `app.${index}@example.org`;
  const registry = `registry.${index}@example.org`;
  await query(
    `update sync.members m set email = $3 from sync.member_links l
      where l.member_id = m.id and l.integration_id = $1 and l.external_id = $2`,
    [INTEGRATION, externalIdOf(index), app],
  );
  await cornerstone.editMember(index, { email: registry });
  let id = '';
  await expect
    .poll(async () => {
      const [row] = await query<{ id: string }>(`select id from sync.conflicts where integration_id = $1 and external_id = $2`, [
        INTEGRATION,
        externalIdOf(index),
      ]);
      id = row?.id ?? '';
      return id;
    })
    .not.toBe('');
  return { id, app, registry };
}

test('an admin reviews a conflict, applies the proposal, and overrides another so the app’s value is written to the registry', async ({
  consoleApp,
}) => {
  const { page, query } = consoleApp;
  await firstSync(consoleApp, 'Synkroniser nå');
  const first = await contactConflict(consoleApp, 10);
  const second = await contactConflict(consoleApp, 11);

  // The health board points to the queue of this registry's conflicts.
  const card = page.locator(`[data-integration-id="${INTEGRATION}"]`);
  await card.getByTestId('pending-conflicts').getByRole('link', { name: '2 konflikter venter på at du ser på dem' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Konflikter' })).toBeFocused();
  const queue = page.getByRole('table', { name: 'Konflikter som venter på behandling' });
  await expect(queue.getByRole('row')).toHaveCount(3);
  const firstRow = queue.locator(`[data-conflict-id="${first.id}"]`);
  await expect(firstRow).toContainText('Kontaktopplysninger');
  await expect(firstRow).toContainText(`E-post: ${first.app}`);
  await expect(firstRow).toContainText(`E-post: ${first.registry}`);
  await expect(firstRow).toContainText('Behold verdien i registeret');
  expect(page.url()).toContain(`integrationId=${INTEGRATION}`);
  await expectAccessible(page, 'conflict queue');
  await saveScreenshot(page, 'conflicts-queue-nb');

  // A filter lives in the URL.
  await page.getByLabel('Type opplysning').selectOption({ label: 'Roller' });
  await expect(page.getByTestId('empty-state')).toHaveText('Ingen konflikter venter på behandling.');
  expect(page.url()).toContain('category=roles');
  await expectAccessible(page, 'conflict queue, filtered to nothing');
  await page.getByLabel('Type opplysning').selectOption({ label: 'Alle typer' });

  // The detail: both sides, when each changed, the rule and the proposal.
  await firstRow.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: /^Konflikt: / })).toBeFocused();
  const sides = page.getByRole('table', { name: 'De to verdiene side om side' });
  await expect(sides.getByRole('columnheader', { name: 'I Cornerstone' })).toBeVisible();
  await expect(sides.getByTestId('app-value')).toContainText(first.app);
  await expect(sides.getByTestId('external-value')).toContainText(first.registry);
  await expect(sides.getByTestId('app-changed-at')).not.toBeEmpty();
  await expect(sides.getByTestId('external-changed-at')).not.toBeEmpty();
  await expect(page.getByTestId('conflict-rule')).toHaveText('Spør en administrator (standardregelen)');
  await expect(page.getByTestId('conflict-proposal')).toHaveText('Behold verdien i registeret');
  await expectAccessible(page, 'conflict detail');
  await saveScreenshot(page, 'conflicts-detail-nb');

  await page.getByRole('button', { name: 'Bruk forslaget' }).click();
  const result = page.getByTestId('conflict-result');
  await expect(result.getByRole('heading', { name: 'Avgjort' })).toBeFocused();
  await expect(result.getByTestId('conflict-winner')).toHaveText('Verdien i registeret ble beholdt');
  await expect(result.getByTestId('conflict-resolved-by')).toHaveText('Gunn Global');
  await expect(result.getByTestId('source-write')).toHaveAttribute('data-status', 'not_needed');
  await expect(page.getByTestId('live-region')).toHaveText('Konflikten er avgjort: verdien i registeret ble beholdt.');
  const [applied] = await query<{ status: string; winner: string; resolved_by: string; email: string; app_changes: object }>(
    `select c.status, c.winner, c.resolved_by, m.email, m.app_changes from sync.conflicts c join sync.members m on m.id = c.member_id where c.id = $1`,
    [first.id],
  );
  expect(applied).toEqual({ status: 'resolved', winner: 'external', resolved_by: DEMO_IDS.admins.global, email: first.registry, app_changes: {} });
  await expectAccessible(page, 'conflict resolved');
  await saveScreenshot(page, 'conflicts-resolved-nb');

  // Resolved conflicts stay findable, with who resolved them.
  await page.getByRole('link', { name: 'Tilbake til konfliktene' }).click();
  await page.getByLabel('Vis').selectOption({ label: 'Avgjort' });
  const resolvedRow = page.getByRole('table', { name: 'Avgjorte konflikter' }).locator(`[data-conflict-id="${first.id}"]`);
  await expect(resolvedRow).toContainText('Verdien i registeret ble beholdt');
  await expect(resolvedRow).toContainText('Av Gunn Global');
  expect(page.url()).toContain('status=resolved');
  await expectAccessible(page, 'resolved conflicts');
  await saveScreenshot(page, 'conflicts-queue-resolved-nb');

  // The other one: the app's value, which is written to the registry.
  await page.evaluate((id) => (window.location.hash = `#/conflicts/${id}`), second.id);
  const useOther = page.getByRole('button', { name: 'Bruk den andre verdien' });
  await expect(useOther).toHaveAccessibleDescription('Verdien i appen beholdes og blir skrevet til Cornerstone.');
  await useOther.click();
  await expect(page.getByTestId('conflict-winner')).toHaveText('Verdien i appen ble beholdt');
  const write = page.getByTestId('source-write');
  await expect(write).toHaveAttribute('data-status', 'written');
  await expect(write).toContainText('Registeret godtok verdien fra appen');
  const [overridden] = await query<{ winner: string; resolved_how: string; write_status: string; email: string }>(
    `select c.winner, c.resolved_how, w.status as write_status, m.email
       from sync.conflicts c join sync.source_writes w on w.id = c.source_write_id join sync.members m on m.id = c.member_id
      where c.id = $1`,
    [second.id],
  );
  expect(overridden).toEqual({ winner: 'app', resolved_how: 'override', write_status: 'done', email: second.app });
  await expectAccessible(page, 'conflict written to the registry');
  await saveScreenshot(page, 'conflicts-written-nb');

  // The rules page in Norwegian: what "the app wins" for contact details would have done with these two.
  await page.evaluate((orgId) => (window.location.hash = `#/organizations/${orgId}/rules`), DEMO_IDS.organizations.friluftslag);
  await expect(page.getByRole('heading', { level: 1, name: 'Konfliktregler: Norsk Friluftslag' })).toBeVisible();
  const contact = page.locator('[data-testid="rule-category"][data-category="contact_details"]');
  await contact.getByRole('radio', { name: /Appen vinner/ }).check();
  await expect(contact.getByTestId('preview-recent-total')).toHaveText('2');
  await expect(contact.getByTestId('preview-recent-app')).toHaveText('2');
  await expect(contact.getByTestId('preview-recent-agreeing')).toHaveText('1');
  await expectAccessible(page, 'rule preview in Norwegian');
  await saveScreenshot(page, 'rules-preview-nb');

  // Names and contact details were on screen; none of it is kept in the browser's storage.
  const stored = await page.evaluate(async () => ({
    local: Object.fromEntries(Object.entries(window.localStorage)),
    session: window.sessionStorage.length,
    databases: (await indexedDB.databases()).length,
    cookies: document.cookie,
  }));
  expect(stored).toEqual({ local: { 'msc.language': 'nb' }, session: 0, databases: 0, cookies: '' });
});

test.describe('in English', () => {
  test.use({ language: 'en' });

  test("an organization admin opening another organization's conflict by its address sees that it is not there", async ({ consoleApp }) => {
    const { page } = consoleApp;
    await firstSync(consoleApp, 'Sync now');
    const conflict = await contactConflict(consoleApp, 12);

    await consoleApp.signInAs('kari');
    await expect(page.getByRole('heading', { level: 1, name: 'Sync health' })).toBeVisible();
    await page.evaluate((id) => (window.location.hash = `#/conflicts/${id}`), conflict.id);
    await expect(page.getByRole('heading', { level: 1, name: 'Conflict not found' })).toBeVisible();
    await expect(page.getByTestId('empty-state')).toContainText(
      'This conflict does not exist, or it belongs to an organization you do not administer.',
    );
    await expect(page.getByText(conflict.app)).toHaveCount(0);
    await expectAccessible(page, 'conflict not found');
    await saveScreenshot(page, 'conflicts-not-found-en');

    // Her own queue does not list it either.
    await page.getByRole('link', { name: 'Back to the conflicts' }).click();
    await expect(page.getByTestId('empty-state')).toHaveText('No conflicts are waiting for review.');
    await expectAccessible(page, 'conflict queue of an organization admin, empty');
  });
});
