// On-screen checks of the paste flow and the status bar (runner/paste-tests.js), done as a person does:
// the palette, typing in the input box, the paste editor, clicking its lens, the picker, the
// notification's button and the status bar item. Each answers an error message, or '' when all is well.
import { readdirSync } from 'fs';
import { join } from 'path';

const SA = 'system:serviceaccount:ctrl:manager';
const denied = (verb, resource, group) =>
  `E1129 10:00:01.000000 1 reflector.go:147] ${resource} is forbidden: User "${SA}" cannot ${verb} resource "${resource}" in API group "${group}" in the namespace "ctrl"`;
/** Five denials; get pods is already allowed by ctrl/rbac.yaml (runner/paste-tests.js). */
const LOG = ['I1129 10:00:00.000000 1 main.go:88] starting manager',
  denied('list', 'pods', ''), denied('get', 'pods', ''), denied('list', 'configmaps', ''), denied('get', 'leases', 'coordination.k8s.io'), denied('list', 'secrets', ''), ''].join('\n');
const TALLY = '5 denials, 1 already allowed by your manifests';
const ONE_403 = 'Error from server (Forbidden): nodes is forbidden: User "alice@example.com" cannot list resource "nodes" in API group "" at the cluster scope';

const statusItem = (page) => page.locator('.statusbar-item[id$="rbacDoctor.workspace"]');
const toasts = (page) => page.locator('.notifications-toasts .notification-list-item');
const bell = (page) => page.locator('[id="status.notifications"]');
const center = (page) => page.locator('.notifications-center');

/** The notification holding `text`: a toast, or in the notification center when VS Code held the toast back. */
async function notification(page, text) {
  const inToast = toasts(page).filter({ hasText: text }).first();
  if (await inToast.waitFor({ timeout: 15000 }).then(() => true, () => false)) return inToast;
  await bell(page).click();
  const item = center(page).locator('.notification-list-item', { hasText: text }).first();
  await item.waitFor({ timeout: 15000 });
  return item;
}

/** Every notification's text, toasts and notification center alike. */
async function allNotifications(page) {
  const shown = await toasts(page).allTextContents();
  await bell(page).click();
  const listed = await center(page).locator('.notification-list-item').allTextContents().catch(() => []);
  await bell(page).click();
  return [...new Set([...shown, ...listed])];
}

/** Runs a command from the palette, typed as a person types it. */
async function palette(page, command) {
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${command}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: command }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

/** The input box of Fix Forbidden Error, open, with no clipboard error before or beside it. */
async function openFixForbidden(page, shot) {
  await palette(page, 'Kubernetes RBAC: Fix Forbidden Error');
  const title = page.locator('.quick-input-widget .quick-input-title', { hasText: 'Fix Forbidden Error' });
  await title.waitFor({ timeout: 15000 });
  await page.waitForTimeout(1500); // a clipboard error, if any, shows within this time
  await shot();
  const clipboard = await toasts(page).filter({ hasText: /clipboard/i }).count();
  return clipboard ? `a clipboard notification shows: ${(await toasts(page).allTextContents()).join(' | ')}` : '';
}

/** The status bar item: its codicon and text. */
async function readStatus(page) {
  const item = statusItem(page);
  await item.first().waitFor({ timeout: 30000 });
  const icon = await item.locator('.codicon').first().getAttribute('class');
  return { item, icon: /codicon-(check|warning|sync|loading)/.exec(icon ?? '')?.[1] ?? icon, text: (await item.innerText()).trim() };
}

async function waitForStatus(page, icon) {
  const deadline = Date.now() + 60000;
  for (;;) {
    const status = await readStatus(page);
    if (status.icon === icon || Date.now() > deadline) return status;
    await page.waitForTimeout(250);
  }
}

/** YAML files of the workspace, as the server counts them when it reads the folder. */
function yamlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? 1 : 0), 0);
}

/** Moves the mouse over `word` on the first (or last) editor line holding `line`, and returns the hover's text and tables. */
async function hoverOver(page, line, word, which = 'first') {
  await page.mouse.move(5, 5);
  await page.locator('.monaco-hover').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
  const lines = page.locator('.editor-instance .view-line', { hasText: line });
  const target = (which === 'last' ? lines.last() : lines.first()).locator('span', { hasText: word }).last();
  await target.hover();
  const hover = page.locator('.monaco-hover:visible').first();
  await hover.waitFor({ timeout: 15000 });
  await page.waitForTimeout(500); // the hover fills in once the server answers
  const tables = await hover.locator('table').evaluateAll((els) => els.map((t) => [...t.rows].map((r) => r.cells.length)));
  return { text: (await hover.innerText()).replace(/\u00a0/g, ' '), tables };
}

/** '' when every row of every table has as many cells as its header. */
function aligned(tables) {
  const bad = tables.filter((rows) => rows.some((n) => n !== rows[0]));
  return bad.length ? `misaligned tables (cells per row): ${bad.map((rows) => rows.join(',')).join(' | ')}` : '';
}

export const pasteScreenChecks = {
  hovers: async (page, shot) => {
    const subject = await hoverOver(page, 'kind: ServiceAccount', 'ServiceAccount', 'last');
    await shot();
    const why = 'RoleBinding ledger/ledger binds it to Role ledger-raeder, which does not exist — ledger-reader does';
    if (!subject.text.includes('no permissions from these manifests, because') || !subject.text.includes(why)) return `the subject's hover does not say why: ${subject.text}`;
    const ref = await hoverOver(page, 'roleRef', 'ledger-raeder');
    await shot();
    const diagnostic = 'is not defined in the workspace';
    const times = ref.text.split(diagnostic).length - 1;
    if (times !== 1) return `the roleRef's hover says "${diagnostic}" ${times} times (its diagnostic once, nothing repeated): ${ref.text}`;
    if (!ref.text.includes('Did you mean this Role?')) return `the roleRef's hover does not show the Role it nearly names: ${ref.text}`;
    const role = await hoverOver(page, 'metadata: {name: ledger-reader', 'ledger-reader');
    await shot();
    if (!/⚠ deployments not served by ""/.test(role.text)) return `the Role's table does not mark deployments: ${role.text}`;
    if (/deployments, pods|get, lsit/.test(role.text)) return `the Role's table lists what is not granted: ${role.text}`;
    if (role.tables.length === 0) return `no table in the Role's hover: ${role.text}`;
    return aligned([...ref.tables, ...role.tables]);
  },
  'status-ready': async (page, shot, { workspace }) => {
    const status = await waitForStatus(page, 'check');
    await shot();
    const files = yamlFiles(workspace);
    return status.icon === 'check' && status.text === `RBAC ${files} files` ? '' : `the status bar reads ${status.icon} "${status.text}", not ✓ "RBAC ${files} files"`;
  },
  'status-partial': async (page, shot) => {
    const status = await waitForStatus(page, 'warning');
    if (status.icon !== 'warning') return `no warning shape once a build is read in part: ${status.icon} "${status.text}"`;
    await status.item.hover();
    const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Read in part' }).first();
    await hover.waitFor({ timeout: 10000 });
    const tip = await hover.innerText();
    await shot();
    if (!tip.includes('kustomize overlay/kustomization.yaml')) return `the tooltip does not name the build: ${tip}`;
    await status.item.click();
    const lines = page.locator('.part.panel .monaco-editor .view-line');
    await lines.filter({ hasText: 'indexed' }).first().waitFor({ timeout: 15000 });
    await shot();
    const texts = (await lines.allInnerTexts()).map((l) => l.replace(/\u00a0/g, ' ')).filter((l) => l.trim());
    const stamped = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[(trace|debug|info|warning|error)\] /;
    // Each entry starts with the log channel's timestamp and level; none carries a second one (the language
    // client's `[Info  - 10:00:00 PM]`). A message of several lines continues on lines of its own.
    const twice = /\[(Info|Warn|Error|Debug|Trace) *- |\d\d:\d\d:\d\d.*\d\d:\d\d:\d\d(\.\d+)? ?(AM|PM)?\]/;
    const bad = texts.filter((l) => twice.test(l));
    if (!texts.some((l) => stamped.test(l))) return `no log line starts with a timestamp: ${texts.slice(0, 3).join(' | ')}`;
    return bad.length ? `log lines with two timestamps: ${bad.slice(0, 3).join(' | ')}` : '';
  },
  'status-ready-again': async (page, shot) => {
    const status = await waitForStatus(page, 'check');
    await shot();
    return status.icon === 'check' ? '' : `the warning stays after the build is gone: ${status.icon} "${status.text}"`;
  },
  'paste-one-message': async (page, shot) => {
    const problem = await openFixForbidden(page, shot);
    if (problem) return problem;
    await page.keyboard.insertText(ONE_403);
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: 'alice-example-com-access.yaml' }).waitFor({ timeout: 30000 });
    const offer = await notification(page, 'new objects in alice-example-com-access.yaml');
    await shot();
    await offer.locator('.monaco-button', { hasText: 'Save as alice-example-com-access.yaml' }).click();
    await page.locator('.tab.active:not(.dirty)', { hasText: 'alice-example-com-access.yaml' }).waitFor({ timeout: 15000 });
    return '';
  },
  'paste-whole-log': async (page, shot) => {
    const problem = await openFixForbidden(page, shot);
    if (problem) return problem;
    await page.keyboard.press('Enter'); // an empty box opens the paste editor
    await page.locator('.tab.active', { hasText: 'Kubernetes log' }).waitFor({ timeout: 15000 });
    const empty = page.locator('.codelens-decoration a', { hasText: 'Fix the denials in this text (none yet' });
    await empty.first().waitFor({ timeout: 30000 });
    await page.keyboard.insertText(LOG); // as a paste: one input, every line kept
    const lens = page.locator('.codelens-decoration a', { hasText: `Fix the denials in this text (${TALLY})` });
    await lens.first().waitFor({ timeout: 30000 });
    await shot();
    await lens.first().click();
    const title = page.locator('.quick-input-widget .quick-input-title');
    await title.filter({ hasText: 'Fix Forbidden Error' }).waitFor({ timeout: 30000 });
    const titleText = await title.innerText();
    if (!titleText.includes(TALLY)) return `the command counts otherwise than the lens: "${titleText}", lens "${TALLY}"`;
    const all = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Fix 4 of 5 denials (1 subject)' });
    await all.first().waitFor({ timeout: 10000 });
    await shot();
    await all.first().click();
    await page.locator('.tab.active', { hasText: 'manager-access.yaml' }).waitFor({ timeout: 30000 });
    const offer = await notification(page, 'New objects in manager-access.yaml');
    const said = await offer.innerText();
    await shot();
    for (const expected of [`Fixed 4 of 5 denials (1 subject): ${TALLY}.`, 'Not included: ', 'as comments at the end of manager-access.yaml']) {
      if (!said.includes(expected)) return `the notification lacks "${expected}": ${said}`;
    }
    // Every notification so far, in the notification center, where the offer is then clicked.
    const notIncluded = (await allNotifications(page)).filter((t) => t.includes('Not included'));
    if (notIncluded.length !== 1) return `${notIncluded.length} notifications say "Not included": ${notIncluded.join(' | ')}`;
    const saveButton = (await notification(page, 'New objects in manager-access.yaml')).locator('.monaco-button', { hasText: 'Save as ctrl/manager-access.yaml' });
    await saveButton.click();
    await page.locator('.tab.active:not(.dirty)', { hasText: 'manager-access.yaml' }).waitFor({ timeout: 15000 });
    if (await center(page).isVisible()) await bell(page).click();
    return '';
  },
};
