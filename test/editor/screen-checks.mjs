// Checks of what the workbench shows, for the runner's `screenStep`s (runner/extension.js): the driver
// (run.mjs) runs the one named by the step, with the page and a function that retakes the step's
// screenshot, and passes its answer back: an error message, or '' when all is as expected.

/**
 * Waits until the workbench has settled: web fonts loaded and no finite animation or transition
 * running (a hover's or a notification's fade-in, a widget sliding in), so that a screenshot shows
 * what a person sees once it has appeared. Endless ones (progress bars) are not waited for.
 */
export async function settled(page, timeout = 10000) {
  await page.waitForFunction(() => document.fonts.status === 'loaded' && document.getAnimations().every((a) => {
    const { endTime, localTime } = a.effect?.getComputedTiming() ?? {};
    return a.playState !== 'running' || endTime === Infinity || localTime >= endTime;
  }), null, { timeout, polling: 100 });
}

/** Fails unless `locator`'s element and every ancestor are fully opaque. */
async function fullyOpaque(locator, what) {
  const opacities = await locator.evaluate((el) => {
    const seen = [];
    for (let e = el; e; e = e.parentElement) seen.push(Number(getComputedStyle(e).opacity));
    return seen;
  });
  if (opacities.some((o) => o < 1)) throw new Error(`${what} is not fully shown (opacity ${Math.min(...opacities)})`);
}

/** The cluster item of the status bar, described, or '' when there is none. */
async function clusterItem(page) {
  const items = await page.locator('.statusbar-item').evaluateAll((els) => els.map((e) => `${e.id} ${e.textContent} ${e.innerHTML}`));
  if (items.length === 0) throw new Error('no status bar items found');
  return items.find((i) => /rbacDoctor\.cluster|codicon-cloud/.test(i))?.slice(0, 200) ?? '';
}

/** The palette's "Kubernetes RBAC: " commands, once `expected` is among them (or after 10 s). */
async function paletteLabels(page, shot, expected) {
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill('>Kubernetes RBAC: ');
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  await rows.filter({ hasText: expected }).first().waitFor({ timeout: 10000 }).catch(() => {});
  const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
  await shot();
  await page.keyboard.press('Escape');
  await input.waitFor({ state: 'hidden', timeout: 10000 });
  return labels;
}

/** The notification toasts that hold `text`. */
const toast = (page, text) => page.locator('.notifications-toasts .notification-list-item').filter({ hasText: text });

const bell = (page) => page.locator('[id="status.notifications"]');
const center = (page) => page.locator('.notifications-center');

/**
 * Waits for the notification that holds `text` and hands it to `use`: as a toast, or in the
 * notification center when VS Code held the toast back (it shows at most three new toasts in 800 ms).
 */
export async function notification(page, text, use = async () => {}) {
  const inToast = toast(page, text).first();
  if (await inToast.waitFor({ timeout: 10000 }).then(() => true, () => false)) return use(inToast);
  await bell(page).click();
  const item = center(page).locator('.notification-list-item', { hasText: text }).first();
  await item.waitFor({ timeout: 20000 });
  await use(item);
  if (await center(page).isVisible()) await bell(page).click();
  await center(page).waitFor({ state: 'hidden', timeout: 10000 });
}

/** The cluster item of the status bar while it is visible. */
const visibleClusterItem = (page) => page.locator('.statusbar-item[id$="rbacDoctor.cluster"]:visible');

/** The untrusted window: Connect refused with a warning that offers to manage trust, and not in the palette. */
async function connectRefusedForTrust(page, shot) {
  const warning = toast(page, 'Connecting to a cluster needs Workspace Trust').filter({ has: page.locator('.codicon-warning') });
  await warning.first().waitFor({ timeout: 20000 });
  if (await warning.locator('.monaco-button', { hasText: 'Manage Workspace Trust' }).count() === 0) return 'the trust warning offers no "Manage Workspace Trust"';
  if (await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).count() === 0) return 'the status bar does not say Restricted Mode';
  await shot();
  const labels = await paletteLabels(page, shot, 'Fix Forbidden Error');
  if (!labels.some((l) => l.includes('Kubernetes RBAC: Fix Forbidden Error'))) return `the palette lacks Fix Forbidden Error: ${labels.join(' | ')}`;
  if (labels.some((l) => l.includes('Connect to Cluster'))) return 'Connect to Cluster is offered in an untrusted workspace';
  if (await visibleClusterItem(page).count() > 0) return 'a cluster item is in the status bar';
  return '';
}

export const screenChecks = {
  // The manifest coloured, its lenses in, and the Problems panel opened from the status bar as a person
  // does, listing the findings with their codes; closed again afterwards.
  diagnostics: async (page, shot) => {
    const editor = page.locator('.editor-group-container.active .monaco-editor').first();
    await editor.locator('.codelens-decoration', { hasText: 'rules in' }).first().waitFor({ timeout: 20000 });
    await page.waitForFunction(() => new Set([...document.querySelectorAll('.editor-group-container.active .view-lines span[class^="mtk"]')]
      .map((e) => e.className)).size > 2, null, { timeout: 20000 });
    const problems = page.locator('[id="status.problems"]');
    await problems.click();
    const rows = page.locator('.markers-panel .monaco-list-row');
    for (const code of ['RBAC001', 'RBAC002', 'RBAC003']) await rows.filter({ hasText: code }).first().waitFor({ timeout: 10000 });
    await shot();
    await problems.click();
    await page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: 10000 });
    // The pointer leaves the status bar for the activity bar's empty part, so that no tooltip stays on
    // later screenshots.
    await page.mouse.move(24, 500);
    await page.locator('.monaco-hover:visible, .workbench-hover-container:visible').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
    return '';
  },
  // The generated YAML, once the "Reading the 403…" progress has closed.
  'fix-forbidden': async (page, shot) => {
    await page.locator('.editor-group-container.active .view-lines', { hasText: 'kind: ClusterRoleBinding' }).first().waitFor({ timeout: 20000 });
    await toast(page, 'Reading the 403').waitFor({ state: 'hidden', timeout: 20000 });
    await shot();
    return '';
  },
  // The hover over "patch", once its content is in and it has faded in completely.
  hover: async (page, shot) => {
    const hover = page.locator('.monaco-editor .monaco-hover:visible', { hasText: 'change parts of objects' }).first();
    await hover.waitFor({ timeout: 20000 });
    await shot();
    await fullyOpaque(hover, 'the hover');
    return '';
  },
  // Not connected: no cluster item in the status bar; the palette offers Connect but not Disconnect.
  'cluster-disconnected': async (page, shot) => {
    const cluster = await clusterItem(page);
    if (cluster) return `a cluster item is in the status bar while disconnected: ${cluster}`;
    const labels = await paletteLabels(page, shot, 'Connect to Cluster');
    if (!labels.some((l) => l.includes('Kubernetes RBAC: Connect to Cluster'))) return `Connect to Cluster is not in the palette: ${labels.join(' | ')}`;
    if (labels.some((l) => l.includes('Disconnect from Cluster'))) return 'Disconnect from Cluster is offered while disconnected';
    return '';
  },
  // The picker of Connect to Cluster: the fixture kubeconfig's two contexts, the current one marked.
  'cluster-contexts': async (page, shot) => {
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    await rows.filter({ hasText: 'prod' }).first().waitFor({ timeout: 20000 });
    const texts = await rows.evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    await shot();
    await page.keyboard.press('Escape');
    if (!texts.some((t) => t.startsWith('dev') && t.includes('dev-cluster · https://127.0.0.1:1 (current)'))) return `no current "dev" context: ${texts.join(' | ')}`;
    if (!texts.some((t) => t.startsWith('prod') && t.includes('user prod-user · namespace shop') && !t.includes('current'))) return `no "prod" context: ${texts.join(' | ')}`;
    return '';
  },
  // A refused connection: an error notification, and still no cluster in the status bar.
  'cluster-connect-refused': async (page, shot) => {
    const error = page.locator('.notifications-toasts .notification-list-item').filter({ has: page.locator('.codicon-error'), hasText: 'Could not connect to dev' });
    await error.first().waitFor({ timeout: 20000 });
    await shot();
    const cluster = await clusterItem(page);
    return cluster ? `a cluster item is in the status bar after a refused connection: ${cluster}` : '';
  },
  // Connected to the stand-in: `☁ replay-admin` in the status bar, and Disconnect in the palette.
  'cluster-connected': async (page, shot) => {
    await notification(page, 'Connected to replay-admin: ');
    const item = visibleClusterItem(page);
    await item.waitFor({ timeout: 10000 });
    const text = (await item.innerText()).trim();
    if (text !== 'replay-admin' || await item.locator('.codicon-cloud').count() !== 1) return `the status bar item reads "${text}", not ☁ replay-admin`;
    await shot();
    const labels = await paletteLabels(page, shot, 'Disconnect from Cluster');
    return labels.some((l) => l.includes('Kubernetes RBAC: Disconnect from Cluster')) ? '' : `Disconnect from Cluster is not in the palette: ${labels.join(' | ')}`;
  },
  // The cluster's verdict on the pasted 403, then the choice of a new Role and RoleBinding. The verdict
  // comes just before the picker, which closes when it loses focus: the notification center (the bell)
  // is opened only once a suggestion is picked, if the verdict's toast was not on screen by then.
  'cluster-still-denied': async (page, shot) => {
    const verdict = 'Cluster replay-admin: still denied — ServiceAccount shop/checkout cannot list secrets in namespace shop';
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    await rows.first().waitFor({ timeout: 40000 });
    const toastSeen = await toast(page, verdict).count() > 0;
    await shot();
    const texts = await rows.allTextContents();
    const fresh = rows.filter({ hasText: /^New / });
    if (await fresh.count() !== 1) return `no single "New …" suggestion: ${texts.join(' | ')}`;
    await fresh.click();
    if (!toastSeen) await notification(page, verdict);
    return '';
  },
  // "Apply to Cluster…" from the offer: the dry run's diff opens and the modal confirmation asks.
  // The confirmation is left up: the runner checks the diff's documents first.
  'cluster-dry-run': async (page, shot) => {
    await notification(page, 'Apply "New Role and RoleBinding in shop: list on secrets" to replay-admin as well?',
      (offer) => offer.locator('.monaco-button', { hasText: 'Apply to Cluster…' }).click());
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30000 });
    await page.locator('.tab.active', { hasText: 'replay-admin: live ↔ after apply (dry run)' }).waitFor({ timeout: 10000 });
    const modified = page.locator('.monaco-diff-editor .editor.modified .view-lines');
    await modified.filter({ hasText: 'checkout-secrets-list' }).first().waitFor({ timeout: 10000 });
    await toast(page, 'Dry run on replay-admin…').waitFor({ state: 'hidden', timeout: 10000 }); // its progress is over
    await shot();
    const text = await dialog.innerText();
    for (const expected of ['Apply 2 objects to replay-admin?', 'Role shop/checkout-secrets-list', 'RoleBinding shop/checkout-secrets-list']) {
      if (!text.includes(expected)) return `the confirmation lacks "${expected}": ${text}`;
    }
    return '';
  },
  // Confirmed: applied, and the access review now allows the request.
  'cluster-applied': async (page, shot) => {
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.locator('.monaco-button', { hasText: 'Apply Objects' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10000 });
    await notification(page, 'Applied to replay-admin: Role shop/checkout-secrets-list, RoleBinding shop/checkout-secrets-list.');
    await notification(page, 'Verified on replay-admin: the request is now allowed.', shot);
    return '';
  },
  // Disconnected: the status bar item is gone, and the message says so. VS Code shows at most three
  // new toasts in 800 ms (the apply's came just before), so the message is read in the notification center.
  'cluster-disconnected-again': async (page, shot) => {
    await page.locator('.statusbar-item[id$="rbacDoctor.cluster"]').waitFor({ state: 'hidden', timeout: 30000 });
    await bell(page).click();
    await center(page).locator('.notification-list-item', { hasText: 'Disconnected from replay-admin; ' }).waitFor({ timeout: 10000 });
    await shot();
    await bell(page).click();
    await center(page).waitFor({ state: 'hidden', timeout: 10000 });
    return '';
  },
  'untrusted-connect-refused-named': connectRefusedForTrust,
  'untrusted-connect-refused': connectRefusedForTrust,
};
