import { test, expect, DEMO_IDS } from './support/fixtures.ts';
import { expectAccessible, saveScreenshot } from './support/checks.ts';

const ORG = DEMO_IDS.organizations.friluftslag;
const INTEGRATION = DEMO_IDS.integrations.friluftslagCornerstone;
const externalIdOf = (index: number) => `CS-${String(index + 1).padStart(7, '0')}`;

test.use({ language: 'en' });

test('an admin makes role conflicts wait for review: preview, save, version 1, and the next role conflict lands in the queue', async ({
  consoleApp,
}) => {
  const { page, query, cornerstone } = consoleApp;
  const card = page.locator(`[data-integration-id="${INTEGRATION}"]`);
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card).toHaveAttribute('data-health', 'healthy');

  // From the board, the organization's rules.
  await page.getByTestId('organization-group').filter({ hasText: 'Norsk Friluftslag' }).getByRole('link', { name: 'Conflict rules' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Conflict rules: Norsk Friluftslag' })).toBeFocused();
  const roles = page.locator('[data-testid="rule-category"][data-category="roles"]');
  await expect(roles.getByTestId('rule-in-force')).toHaveText('In force now: The registry wins (built-in default)');
  const group = roles.getByRole('group', { name: 'Rule for roles' });
  await expect(group.getByRole('radio', { name: /The registry wins/ })).toBeChecked();
  await expect(group.locator('.rule-option.is-current')).toContainText('The registry wins');
  await expect(group.locator('.rule-option.is-current')).toContainText('In force');
  await expect(page.locator('[data-category="contact_details"]').getByTestId('rule-in-force')).toHaveText(
    'In force now: Ask an administrator (built-in default)',
  );
  await expectAccessible(page, 'conflict rules');
  await saveScreenshot(page, 'rules-page-en');

  // Before saving: what the new rule would do.
  await group.getByRole('radio', { name: /Ask an administrator/ }).check();
  const preview = roles.getByTestId('rule-preview');
  await expect(preview.getByRole('table', { name: 'What “Ask an administrator” would do with roles conflicts' })).toBeVisible();
  await expect(preview.getByTestId('preview-pending-total')).toHaveText('0');
  await expect(preview.getByTestId('preview-recent-manualReview')).toHaveText('0');
  await expectAccessible(page, 'rule impact preview');
  await saveScreenshot(page, 'rules-preview-en');

  await roles.getByRole('button', { name: 'Save the rule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change the rule for roles?' });
  await expect(dialog).toContainText('From now on, “Ask an administrator” applies instead of “The registry wins”.');
  await expectAccessible(page, 'confirm the rule');
  await saveScreenshot(page, 'rules-confirm-en');
  await dialog.getByRole('button', { name: 'Save the rule' }).click();

  const saved = roles.getByTestId('rule-saved');
  await expect(saved).toContainText(/“Ask an administrator” applies to roles from \d{1,2} \w{3} \d{4}, \d{2}:\d{2}\. This is version 1\./);
  await expect(roles.getByTestId('rule-in-force')).toHaveText('In force now: Ask an administrator (version 1)');
  await expect(
    roles.getByRole('table', { name: 'Saved versions of the rule for roles' }).getByRole('row', { name: /1 Ask an administrator Gunn Global/ }),
  ).toBeVisible();
  await expect(page.getByTestId('live-region')).toHaveText('The rule for roles is saved as version 1.');
  const rules = await query<{ category: string; resolution: string; version: number; created_by: string }>(
    'select category, resolution, version, created_by from sync.conflict_rules where org_id = $1',
    [ORG],
  );
  expect(rules).toEqual([{ category: 'roles', resolution: 'manual_review', version: 1, created_by: DEMO_IDS.admins.global }]);
  await expectAccessible(page, 'rule saved');
  await saveScreenshot(page, 'rules-saved-en');

  // Both sides change a member's roles: the new rule sends the conflict to the review queue.
  const index = 20;
  await query(
    `update sync.members m set roles = $3 from sync.member_links l
      where l.member_id = m.id and l.integration_id = $1 and l.external_id = $2`,
    [INTEGRATION, externalIdOf(index), ['member', 'leader']],
  );
  await cornerstone.editMember(index, {
    roles: [
      { code: 'MEDLEM', name: 'Medlem' },
      { code: 'KASSERER', name: 'Kasserer' },
    ],
  });
  await expect
    .poll(async () =>
      query<{ status: string; rule_resolution: string; rule_version: number }>(
        'select status, rule_resolution, rule_version from sync.conflicts where integration_id = $1 and external_id = $2',
        [INTEGRATION, externalIdOf(index)],
      ),
    )
    .toEqual([{ status: 'pending', rule_resolution: 'manual_review', rule_version: 1 }]);

  await page.getByRole('link', { name: 'Conflicts waiting for review' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Conflicts' })).toBeFocused();
  const row = page.getByRole('table', { name: 'Conflicts waiting for review' }).locator('[data-category="roles"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Member, Leader');
  await expect(row).toContainText('Member, Treasurer');
  await row.getByRole('link').click();
  await expect(page.getByTestId('conflict-rule')).toHaveText('Ask an administrator (version 1)');
  await expectAccessible(page, 'role conflict under the new rule');
  await saveScreenshot(page, 'conflicts-detail-roles-en');
});
