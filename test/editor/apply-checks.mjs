// The driver's half of runner/apply-tests.js: Fix Forbidden Error run as a person runs it, on screen.
import { notification } from './screen-checks.mjs';

// The same subject and request as the runner's manifest (runner/apply-tests.js).
const DENIAL = 'Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:shop:reports" cannot list resource "secrets" in API group "" in the namespace "shop"';
const VERIFY = 'kubectl auth can-i list secrets -n shop --as system:serviceaccount:shop:reports';
const PICK = 'Add list on secrets to Role reports-reader';

/** Waits for the box that asks for the 403; a toast that could not read the clipboard is closed first. */
async function messageBox(page) {
  const box = page.locator('.quick-input-widget', { hasText: 'Paste the 403 Forbidden message' });
  const clipboardToast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'clipboard' });
  const deadline = Date.now() + 30000;
  while (!(await box.isVisible())) {
    if (Date.now() > deadline) throw new Error('the box asking for the 403 did not open');
    if (await clipboardToast.count() > 0) await clipboardToast.first().locator('.codicon-notifications-clear').click().catch(() => {});
    await page.waitForTimeout(250);
  }
  return box;
}

/** What the clipboard holds, read as the page (which VS Code for the Web writes it from). */
async function clipboardText(page) {
  const origin = new URL(page.url()).origin;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  try {
    return await page.evaluate(() => navigator.clipboard.readText());
  } finally {
    await page.context().clearPermissions();
  }
}

export const applyChecks = {
  // Ctrl+. on the diagnostic's entry, the quick-fix picked by its title in the list, then Ctrl+S.
  'quick-fix-move-to-cluster-role': async (page, shot) => {
    const title = 'Move nodes to a new ClusterRole web-config-reader-cluster bound to the subjects of RoleBinding web-config-reader (its roleRef web-config-reder nearly names web-config-reader)';
    // The runner put the cursor on "nodes" in the focused editor; a click would move it.
    const widget = page.locator('.action-widget');
    await page.keyboard.press('Control+.');
    await widget.waitFor({ timeout: 10000 }).catch(() => {});
    if (!(await widget.isVisible())) {
      // The browser may keep Ctrl+. for itself: the palette's Quick Fix… is the same command.
      await page.keyboard.press('F1');
      const palette = page.locator('.quick-input-widget input');
      await palette.waitFor({ state: 'visible', timeout: 10000 });
      await palette.fill('>Quick Fix...');
      await page.keyboard.press('Enter');
      await widget.waitFor({ timeout: 10000 });
    }
    const rows = widget.locator('.monaco-list-row');
    await rows.filter({ hasText: title }).first().waitFor({ timeout: 10000 });
    await shot();
    // The preferred fix comes first and is focused: Enter picks it, as a person does.
    const texts = (await rows.allTextContents()).filter((t) => t !== 'Quick Fix'); // the list's heading is a row too
    const at = texts.findIndex((t) => t.includes(title));
    if (at !== 0) return `the fix is not the first quick-fix offered: ${texts.join(' | ')}`;
    await page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout: 10000 });
    await page.keyboard.press('Control+s');
    await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: 10000 }).catch(() => {});
    await shot();
    return '';
  },

  'fix-forbidden-apply': async (page, shot) => {
    await page.locator('.monaco-workbench .part.editor').click({ position: { x: 400, y: 300 } });
    await page.keyboard.press('F1');
    const palette = page.locator('.quick-input-widget input');
    await palette.waitFor({ state: 'visible', timeout: 10000 });
    await palette.fill('>Kubernetes RBAC: Fix Forbidden Error');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Fix Forbidden Error' }).first().click();
    const box = await messageBox(page);
    await box.locator('input').fill(DENIAL);
    await shot();
    await page.keyboard.press('Enter');
    const suggestion = page.locator('.quick-input-widget .monaco-list-row', { hasText: PICK });
    await suggestion.first().waitFor({ timeout: 30000 });
    const offered = await page.locator('.quick-input-widget .monaco-list-row').allTextContents();
    await shot();
    if (!offered[0]?.includes(PICK) || !offered[0].includes('recommended')) return `the edit of reports-reader is not the first, recommended suggestion: ${offered.join(' | ')}`;
    // Writing to the clipboard is allowed to the page as a browser allows it to a focused tab.
    await page.context().grantPermissions(['clipboard-write'], { origin: new URL(page.url()).origin });
    await suggestion.first().click();
    // A Refactor Preview, if one opens, must have its change ticked; its Apply button is clicked.
    const preview = page.locator('.bulk-edit-panel');
    const done = `${PICK}, already bound to reports by RoleBinding reports-reader (no one else holds it): edited and saved reports-rbac.yaml at line 17.`;
    const announced = page.locator('.notifications-toasts .notification-list-item', { hasText: done });
    await Promise.race([preview.waitFor({ timeout: 30000 }), announced.first().waitFor({ timeout: 30000 })]).catch(() => {});
    if (await preview.isVisible()) {
      await shot();
      await page.locator('.monaco-button', { hasText: /^Apply$/ }).first().click();
    }
    let copied = '';
    await notification(page, done, async (item) => {
      await shot();
      const copy = item.locator('.monaco-button', { hasText: 'Copy verify command' });
      if (await copy.count() !== 1) throw new Error('the notification offers no "Copy verify command"');
      await copy.click();
      await page.locator('.statusbar-item', { hasText: `Copied: ${VERIFY}` }).first().waitFor({ timeout: 10000 });
      await shot();
      copied = await clipboardText(page);
    });
    return copied === VERIFY ? '' : `the clipboard holds "${copied}", not "${VERIFY}"`;
  },
};
