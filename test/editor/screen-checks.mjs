// Checks of what the workbench shows, for the runner's `screenStep`s (runner/extension.js): the driver
// (run.mjs) runs the one named by the step, with the page and a function that retakes the step's
// screenshot, and passes its answer back: an error message, or '' when all is as expected.

/** The cluster item of the status bar, described, or '' when there is none. */
async function clusterItem(page) {
  const items = await page.locator('.statusbar-item').evaluateAll((els) => els.map((e) => `${e.id} ${e.textContent} ${e.innerHTML}`));
  if (items.length === 0) throw new Error('no status bar items found');
  return items.find((i) => /rbacDoctor\.cluster|codicon-cloud/.test(i))?.slice(0, 200) ?? '';
}

export const screenChecks = {
  // Not connected: no cluster item in the status bar; the palette offers Connect but not Disconnect.
  'cluster-disconnected': async (page, shot) => {
    const cluster = await clusterItem(page);
    if (cluster) return `a cluster item is in the status bar while disconnected: ${cluster}`;
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill('>Kubernetes RBAC: ');
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    await rows.filter({ hasText: 'Connect to Cluster' }).first().waitFor({ timeout: 10000 }).catch(() => {});
    const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
    await shot();
    await page.keyboard.press('Escape');
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
};
