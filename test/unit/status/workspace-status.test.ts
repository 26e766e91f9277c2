import * as assert from 'assert';
import type { ChartReport } from '../../../server/src/core/helm/chart/chart-report';
import { readyStatus } from '../../../server/src/features/workspace-status';

const chart = (over: Partial<ChartReport> = {}): ChartReport => ({
  dir: '/w/charts/shop', name: 'shop', analysed: 3, skipped: [], notJudged: [], problems: [], definesNotJudged: [], ignored: [],
  valuesFiles: [], release: { name: 'shop', namespace: 'prod', assumed: false }, packed: [], packedNotRead: [], missingDependencies: [], ...over,
});

describe('workspace status once every file is read', () => {
  it('says how many files, and nothing read in part when everything was', () => {
    assert.deepStrictEqual(readyStatus(8, [chart()], [], '/w'), { state: 'ready', filesRead: 8, filesTotal: 8, message: 'RBAC: 8 files read' });
  });

  it('lists a chart whose RBAC objects were not all analysed, and a build with entries not read, one line each', () => {
    const skipped = { file: '/w/charts/shop/templates/role.yaml', line: 3, what: 'Role', reason: 'printed by an action' };
    const status = readyStatus(1200, [chart({ skipped: [skipped], packedNotRead: ['redis-1.0.0.tgz'] }), chart({ name: 'ok', dir: '/w/charts/ok' })], [
      { file: '/w/overlays/prod/kustomization.yaml', field: 'resources', entry: '../missing', message: 'not found' },
      { file: '/w/overlays/prod/kustomization.yaml', field: 'components', entry: '../c', message: 'not found' },
    ], '/w');
    assert.deepStrictEqual(status.partial, [
      'chart shop (charts/shop): 3 of 4 RBAC objects analysed; packed subcharts not read: redis-1.0.0.tgz',
      'kustomize overlays/prod/kustomization.yaml: 2 entries not read (resources ../missing: not found)',
    ]);
    assert.strictEqual(status.message, 'RBAC: 1,200 files read; 2 read in part');
  });

  it('a refused build is said as refused', () => {
    const status = readyStatus(2, [], [{ file: '/w/k/kustomization.yaml', field: 'resources', entry: 'a', message: 'cycle', refused: true }], '/w');
    assert.deepStrictEqual(status.partial, ['kustomize k/kustomization.yaml: build refused (resources a: cycle)']);
  });

  it('names the release a chart assumes for want of a setting, without calling the chart partly read', () => {
    const status = readyStatus(3, [chart({ release: { name: 'release', namespace: 'default', assumed: true } })], [], '/w');
    assert.deepStrictEqual(status.assumptions, ['chart shop: release `release` in namespace `default` assumed']);
    assert.strictEqual(status.partial, undefined);
  });
});
