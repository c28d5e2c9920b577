import { test, expect, DEMO_IDS, E2E_MEMBER_COUNT } from './support/fixtures.ts';
import type { ConsoleApp } from './support/fixtures.ts';
import { expectAccessible, saveScreenshot } from './support/checks.ts';

/** 500 of the 2,500 members are gone from the registry: more than the safety limit of 10 % (250). */
const GONE = 500;

/** A first full sync, then the registry shrinks and the next full sync is held; the card's link opens it. */
async function holdAFullSync({ page, cornerstone }: ConsoleApp, syncNow: string, review: string): Promise<void> {
  const card = page.locator(`[data-integration-id="${DEMO_IDS.integrations.friluftslagCornerstone}"]`);
  await card.getByRole('button', { name: syncNow }).click();
  await expect(card).toHaveAttribute('data-health', 'healthy');
  await cornerstone.setMemberCount(E2E_MEMBER_COUNT - GONE);
  await card.getByRole('button', { name: syncNow }).click();
  await expect(card).toHaveAttribute('data-health', 'awaiting_approval');
  // The live region says so too, in the console's language.
  await expect(page.getByTestId('live-region')).toHaveText(
    /^(Synk av Norsk Friluftslag · Cornerstone venter på godkjenning fra deg|Sync of Norsk Friluftslag · Cornerstone is waiting for your approval)\.$/,
  );
  await card.getByTestId('held-run').getByRole('link', { name: review }).click();
}

test('a full sync held by the safety guard is reviewed and approved, and the members are lapsed', async ({ consoleApp }) => {
  const { page, query } = consoleApp;
  await holdAFullSync(consoleApp, 'Synkroniser nå', 'Se gjennom og godkjenn');

  await expect(page.getByRole('heading', { level: 1, name: /^Fullstendig synk, / })).toBeFocused();
  await expect(page.getByTestId('run-status')).toHaveText('Venter på godkjenning');
  const decision = page.getByTestId('held-run-decision');
  await expect(decision.getByRole('heading', { level: 2 })).toHaveText('Venter på godkjenning fra deg');
  await expect(decision).toContainText('den ville avsluttet eller fjernet 500 medlemmer, mer enn sikkerhetsgrensen på 250 om gangen');
  await expect(decision.locator('[data-summary-key="absent"]')).toHaveText('500');
  await expect(decision.locator('[data-summary-key="threshold"]')).toHaveText('250');
  await expect(decision.getByTestId('sample-absent').getByRole('listitem')).toHaveCount(20);
  await expectAccessible(page, 'held run, waiting for approval');
  await saveScreenshot(page, 'run-held-nb');

  await decision.getByRole('button', { name: 'Godkjenn', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Godkjenne synken som ble holdt tilbake?' });
  await expect(dialog).toContainText('Godkjenn: 500 medlemmer som ikke lenger er i registeret, blir markert som avsluttet.');
  await expectAccessible(page, 'approve dialog');
  await saveScreenshot(page, 'run-approve-dialog-nb');
  await dialog.getByRole('button', { name: 'Godkjenn og utfør' }).click();

  const outcome = page.getByTestId('decision-outcome');
  await expect(outcome).toContainText('Godkjent');
  await expect(outcome).toBeFocused();
  await expect(page.getByTestId('run-status')).toHaveText('Fullført');
  await expect(page.getByTestId('decided-by')).toContainText('Gunn Global');
  await expect(page.getByTestId('live-region')).toContainText('ble markert som avsluttet');
  await expectAccessible(page, 'held run, approved');
  await saveScreenshot(page, 'run-approved-nb');

  // What the database holds: the run is done and decided, and the 500 members are gone from the registry and lapsed.
  const [run] = await query<{ status: string; decided_by: string; records_lapsed: number }>(
    `select status, decided_by, records_lapsed from sync.sync_runs where status <> 'running' order by started_at desc limit 1`,
  );
  expect(run).toMatchObject({ status: 'succeeded', decided_by: DEMO_IDS.admins.global });
  const [absent] = await query<{ absent: number; still_active: number; lapsed: number }>(
    `select count(*)::int as absent,
            count(*) filter (where m.status in ('active', 'pending'))::int as still_active,
            count(*) filter (where m.status = 'lapsed')::int as lapsed
       from sync.member_links l join sync.members m on m.id = l.member_id
      where l.integration_id = $1 and l.absent_since is not null`,
    [DEMO_IDS.integrations.friluftslagCornerstone],
  );
  expect(absent).toMatchObject({ absent: GONE, still_active: 0 });
  expect(run?.records_lapsed).toBeGreaterThanOrEqual(absent?.lapsed ?? 0);
  await expect(outcome).toContainText(`${run?.records_lapsed ?? ''} medlemmer ble markert som avsluttet.`);
  const [alert] = await query<{ status: string }>(`select status from sync.alerts where kind = 'run_held'`);
  expect(alert?.status).toBe('resolved');
});

test.describe('in English', () => {
  test.use({ language: 'en' });

  test('a held full sync is rejected, and no member is lapsed', async ({ consoleApp }) => {
    const { page, query } = consoleApp;
    await holdAFullSync(consoleApp, 'Sync now', 'Review and approve');

    const decision = page.getByTestId('held-run-decision');
    await expect(decision).toContainText('it would lapse or remove 500 members, more than the safety limit of 250 at once');
    await expectAccessible(page, 'held run, English');
    await saveScreenshot(page, 'run-held-en');
    await decision.getByRole('button', { name: 'Reject', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Reject the held sync?' });
    await expect(dialog).toContainText('Reject: none of the 500 members will be lapsed or removed.');
    await expectAccessible(page, 'reject dialog');
    await saveScreenshot(page, 'run-reject-dialog-en');
    await dialog.getByRole('button', { name: 'Reject the sync' }).click();

    await expect(page.getByTestId('decision-outcome')).toContainText('No member was lapsed or removed.');
    await expect(page.getByTestId('run-status')).toHaveText('Rejected');
    await expect(page.getByTestId('live-region')).toHaveText('Rejected. No member was lapsed or removed.');
    await expectAccessible(page, 'held run, rejected');

    const [run] = await query<{ status: string; decided_by: string }>(
      `select status, decided_by from sync.sync_runs where status <> 'running' order by started_at desc limit 1`,
    );
    expect(run).toEqual({ status: 'rejected', decided_by: DEMO_IDS.admins.global });
    const [absent] = await query<{ count: number }>(
      `select count(*)::int as count from sync.member_links where integration_id = $1 and absent_since is not null`,
      [DEMO_IDS.integrations.friluftslagCornerstone],
    );
    expect(absent?.count).toBe(0);
  });
});
