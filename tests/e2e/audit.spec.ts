import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect, DEMO_IDS, E2E_MEMBER_COUNT, type ConsoleApp } from './support/fixtures.ts';
import { expectAccessible, saveScreenshot } from './support/checks.ts';

const { friluftslag } = DEMO_IDS.organizations;
const { friluftslagCornerstone } = DEMO_IDS.integrations;

const todayInOslo = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());

/** The CSV file's rows as cells (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  return rows;
}

/**
 * Sync now, and wait until that sync has finished: the card may still say "up to date" from the
 * sync before, so the finished runs are counted, not the words.
 */
async function syncNow({ page, query }: ConsoleApp, name: string, done: string): Promise<void> {
  const finished = async () =>
    (
      await query<{ n: number }>(`select count(*)::int as n from sync.sync_runs where integration_id = $1 and finished_at is not null`, [
        friluftslagCornerstone,
      ])
    )[0]?.n ?? 0;
  const before = await finished();
  const card = page.locator(`[data-integration-id="${friluftslagCornerstone}"]`);
  await expect(card.getByRole('button', { name })).toBeVisible();
  await card.getByRole('button', { name }).click();
  await expect.poll(finished, { timeout: 60_000 }).toBeGreaterThan(before);
  await expect(card.getByTestId('health-label')).toHaveText(done, { timeout: 60_000 });
}

async function downloadCsv(page: Page, button: Locator): Promise<string> {
  const download = page.waitForEvent('download');
  await button.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
  const path = await file.path();
  return readFileSync(path, 'utf8');
}

interface EventRow {
  id: string;
  occurred_at: string;
  type: string;
  outcome: string;
  actor_label: string;
  summary: string;
}

test('after two syncs and a rule change, an admin filters the history, reads a run’s member changes and exports it', async ({ consoleApp }) => {
  const { page, query, cornerstone } = consoleApp;
  const today = todayInOslo();

  // An older event: a rule Ola changed in January.
  await query(
    `insert into sync.audit_events (occurred_at, org_id, type, actor_kind, actor_id, actor_label, summary, detail)
     values ('2026-01-15T09:00:00Z', $1, 'rules_changed', 'admin', $2, 'Ola Nordmann', 'Ola Nordmann changed the rule', $3)`,
    [friluftslag, DEMO_IDS.admins.ola, { category: 'contact_details', from: 'external_wins', to: 'app_wins', version: 1 }],
  );

  await syncNow(consoleApp, 'Synkroniser nå', 'Oppdatert');
  // Between the syncs, two members are edited in Cornerstone; its change notices are held back,
  // so the second full sync is what finds the edits.
  const [withNumber] = await query<{ external_id: string }>(
    `select l.external_id from sync.member_links l join sync.members m on m.id = l.member_id
      where l.integration_id = $1 and m.has_personnummer order by l.external_id limit 1`,
    [friluftslagCornerstone],
  );
  const numbered = Number(withNumber?.external_id.slice(3)) - 1;
  const emailed = numbered === 0 ? 1 : 0;
  await cornerstone.holdWebhooks(3);
  await cornerstone.editMember(emailed, { email: 'ny.adresse@example.org' });
  await cornerstone.editMember(numbered, { nationalIdentityNumber: null });
  await syncNow(consoleApp, 'Synkroniser nå', 'Oppdatert');
  await cornerstone.releaseWebhooks();

  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Logg' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Logg' })).toBeFocused();

  // Newest first, as the database orders them (the held change notices arrived after the sync).
  const inDb = await query<EventRow>(
    `select id, occurred_at::text, type, outcome, actor_label, summary from sync.audit_events order by occurred_at desc, id desc`,
  );
  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(inDb.length);
  expect(await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-event-id')))).toEqual(inDb.map((row) => row.id));
  const syncRows = page.locator('[data-testid="audit-row"][data-type="sync_run"]');
  await expect(syncRows).toHaveCount(2);
  await expect(syncRows.nth(0)).toContainText('Fullstendig synk: 2 500 lest, 0 nye, 2 endret');
  await expect(syncRows.nth(1)).toContainText(`Fullstendig synk: 2 500 lest, 2 500 nye, 0 endret`);
  await expect(syncRows.nth(0)).toContainText('Synktjenesten');
  await expect(page.locator('[data-testid="audit-row"][data-type="rules_changed"]')).toContainText(
    'Konfliktregelen for kontaktopplysninger ble endret fra «registeret bestemmer» til «appen bestemmer»',
  );
  await expectAccessible(page, 'audit list');
  await saveScreenshot(page, 'audit-list-nb');

  // An end before the start is refused at the field.
  await page.getByLabel('Fra dato').fill(today);
  await page.getByLabel('Til dato').fill('2026-01-01');
  await page.getByRole('button', { name: 'Vis hendelser' }).click();
  await expect(page.getByText('Til-datoen må være samme dag som eller etter fra-datoen.')).toBeVisible();
  await expect(page.getByLabel('Til dato')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'audit filter error');

  // Today's syncs only.
  await page.getByLabel('Til dato').fill(today);
  await page.getByRole('group', { name: 'Typer hendelser' }).getByRole('checkbox', { name: 'Synker', exact: true }).check();
  await page.getByRole('button', { name: 'Vis hendelser' }).click();
  await expect(page.getByTestId('audit-row')).toHaveCount(2);
  await expect(page.locator('[data-testid="audit-row"]:not([data-type="sync_run"])')).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`from=${today}.*to=${today}|to=${today}.*from=${today}`));
  await expectAccessible(page, 'audit list filtered');
  await saveScreenshot(page, 'audit-filtered-nb');

  // The second run's detail: which members changed, field by field.
  await page.getByTestId('audit-row').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: /Fullstendig synk: 2 500 lest, 0 nye, 2 endret/ })).toBeFocused();
  const changes = page.getByTestId('member-change');
  await expect(changes).toHaveCount(2);
  const emailField = page.locator('[data-testid="field-change"][data-field="email"]');
  await expect(emailField).toContainText('ny.adresse@example.org');
  const personnummer = page.locator('[data-testid="field-change"][data-field="personnummer"]');
  await expect(personnummer).toHaveText(/Fødselsnummer\s*registrert\s*→ ikke registrert/);
  await expect(page.getByTestId('event-counts').locator('[data-count-key="updated"]')).toHaveAttribute('data-count', '2');
  const [run] = await query<{ run_id: string; changes: number }>(
    `select e.run_id, (select count(*)::int from sync.audit_member_changes c where c.run_id = e.run_id) as changes
       from sync.audit_events e where e.type = 'sync_run' order by e.occurred_at desc limit 1`,
  );
  expect(run?.changes).toBe(2);
  const stored = await query<{ fields: Array<{ field: string; before: unknown; after: unknown }> }>(
    `select fields from sync.audit_member_changes where run_id = $1 order by id`,
    [run?.run_id],
  );
  const personnummerChange = stored.flatMap((row) => row.fields).find((field) => field.field === 'personnummer');
  expect(personnummerChange).toEqual({ field: 'personnummer', before: 'set', after: 'not set' });
  await expectAccessible(page, 'audit event detail');
  await saveScreenshot(page, 'audit-event-nb');

  // Back to the list: the filters are still there, in the URL and the form.
  await page.getByRole('link', { name: 'Tilbake til listen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Logg' })).toBeVisible();
  await expect(page.getByLabel('Fra dato')).toHaveValue(today);
  await expect(page.getByLabel('Til dato')).toHaveValue(today);
  await expect(page.getByRole('checkbox', { name: 'Synker', exact: true })).toBeChecked();
  await expect(page.getByTestId('audit-row')).toHaveCount(2);

  // The export holds the filtered events, as the database has them.
  const csv = await downloadCsv(page, page.getByRole('button', { name: 'Eksporter som CSV' }));
  await expect(page.getByTestId('export-done')).toContainText('Eksporten er ferdig: 2 hendelser.');
  const [header, ...lines] = parseCsv(csv.replace(/^\uFEFF/, ''));
  expect(header).toEqual(['time_utc', 'organization', 'integration', 'type', 'outcome', 'actor', 'counts', 'summary']);
  const syncs = await query<EventRow & { at: string }>(
    `select to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, outcome, actor_label, summary
       from sync.audit_events where type = 'sync_run' order by occurred_at desc, id desc`,
  );
  expect(lines.map(([at, org, integration, type, outcome, actor, , summary]) => ({ at, org, integration, type, outcome, actor, summary }))).toEqual(
    syncs.map((row) => ({
      at: row.at,
      org: 'Norsk Friluftslag',
      integration: 'Cornerstone',
      type: 'sync_run',
      outcome: row.outcome,
      actor: row.actor_label,
      summary: row.summary,
    })),
  );
  expect(lines[0]?.[6]).toBe(
    `conflicts=0; conflictsQueued=0; created=0; lapsed=0; quarantined=0; removed=0; seen=${E2E_MEMBER_COUNT}; unchanged=${E2E_MEMBER_COUNT - 2}; updated=2`,
  );
  await expectAccessible(page, 'audit export done');
});

test.describe('in English', () => {
  test.use({ language: 'en' });

  test('an export of many events pages through them all, and keeps formulas out of spreadsheets', async ({ consoleApp }) => {
    const { page, query } = consoleApp;
    // 260 events, one a minute on 3 February, one of them with a summary a spreadsheet would run.
    await query(
      `insert into sync.audit_events (occurred_at, org_id, integration_id, type, actor_kind, actor_label, summary, counts, outcome)
       select timestamptz '2026-02-03T08:00:00Z' + make_interval(mins => n), $1, $2, 'webhook_rejected', 'registry', 'Cornerstone webhook',
              case when n = 7 then '=HYPERLINK("http://example.org")' else 'Cornerstone webhook deliveries refused: bad signature.' end,
              jsonb_build_object('occurrences', n), 'error'
         from generate_series(1, 260) as n`,
      [friluftslag, friluftslagCornerstone],
    );
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit history' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Audit history' })).toBeFocused();
    await expect(page.getByTestId('audit-row')).toHaveCount(25);
    await expect(page.getByTestId('audit-row').first()).toContainText('260 change notices from the registry were refused');
    await page.getByRole('button', { name: 'Show more' }).click();
    await expect(page.getByTestId('audit-row')).toHaveCount(50);

    await page.getByLabel('From date').fill('2026-02-03');
    await page.getByLabel('To date').fill('2026-02-03');
    await page.getByRole('combobox', { name: 'Done by' }).selectOption({ label: 'The registry' });
    await page.getByRole('button', { name: 'Show events' }).click();
    await expect(page).toHaveURL(/actor=registry/);
    await expectAccessible(page, 'audit list, English');
    await saveScreenshot(page, 'audit-list-en');

    const csv = await downloadCsv(page, page.getByRole('button', { name: 'Export as CSV' }));
    await expect(page.getByTestId('export-done')).toContainText('Export finished: 260 events.');
    await expect(page.getByRole('link', { name: /^Download audit-2026-02-03-to-2026-02-03\.csv$/ })).toBeVisible();
    const [, ...lines] = parseCsv(csv.replace(/^\uFEFF/, ''));
    const [{ count } = { count: 0 }] = await query<{ count: number }>(
      `select count(*)::int as count from sync.audit_events where actor_kind = 'registry' and occurred_at >= '2026-02-02T23:00:00Z' and occurred_at < '2026-02-03T23:00:00Z'`,
    );
    expect(lines).toHaveLength(count);
    expect(lines[0]?.slice(0, 7)).toEqual([
      '2026-02-03T12:20:00.000Z',
      'Norsk Friluftslag',
      'Cornerstone',
      'webhook_rejected',
      'error',
      'Cornerstone webhook',
      'occurrences=260',
    ]);
    expect(lines.at(-1)?.[0]).toBe('2026-02-03T08:01:00.000Z');
    expect(lines.find((line) => line[6] === 'occurrences=7')?.[7]).toBe(`'=HYPERLINK("http://example.org")`);
    expect(csv).toContain(`"'=HYPERLINK(""http://example.org"")"`);
    await expectAccessible(page, 'audit export done, English');
    await saveScreenshot(page, 'audit-export-en');
  });
});
