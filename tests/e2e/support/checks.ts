import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const SCREENSHOT_DIR = join(import.meta.dirname, '../../../docs/screenshots');
/** The remote host's copies of the same screens: looked at after a run, not kept in docs. */
const REMOTE_SCREENSHOT_DIR = join(import.meta.dirname, '../../../test-results/remote-screenshots');

/**
 * axe on the state the page is in now, against WCAG 2.1 A and AA. AxeBuilder evaluates through
 * the DevTools protocol, so it works under the console's CSP (script-src 'self').
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
  }));
  expect(violations, `axe violations in "${state}"`).toEqual([]);
}

/**
 * A screenshot for docs/screenshots, where reviewers judge each screen in both languages. On the
 * remote host the same screens differ only by the project badge, so they go to test-results,
 * except the screens that exist only there (named `remote-…`).
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const remote = test.info().project.metadata['host'] === 'remote' && !name.startsWith('remote-');
  const dir = remote ? REMOTE_SCREENSHOT_DIR : SCREENSHOT_DIR;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
