import { isMap, parseDocument, type Node } from 'yaml';
import { buildLineStarts, offsetToPosition } from '../../model/positions';
import type { SourceFile } from '../../model/types';
import type { WorkspaceModel } from '../../model/workspace-model';
import { ASSUMED_KUBE_VERSION, type ChartContext } from '../chart/chart-context';
import type { TemplatedScalar } from './templated-scalars';
import { chartFilesOf } from '../chart/chart-files';
import { helmInfo } from './read-template';

/** The templated scalar at an offset of a chart template (binary search), if any. */
export function templatedAt(file: SourceFile, offset: number): TemplatedScalar | undefined {
  const list = helmInfo(file)?.templated ?? [];
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid].end < offset) low = mid + 1;
    else high = mid;
  }
  const found = list[low];
  return found && found.start <= offset && offset <= found.end ? found : undefined;
}

/**
 * Hover text for a templated value: what it evaluates to with the chart's values, and where each part
 * comes from (a values file and line, a helper's `define`, the release, Chart.yaml).
 */
export function describeTemplatedValue(model: WorkspaceModel, file: SourceFile, offset: number): string | undefined {
  const scalar = templatedAt(file, offset);
  const context = file.helm && chartFilesOf(model).contextOf(file.helm.chartDir);
  if (!scalar || !context) return undefined;
  const shown = (v: unknown) => `\`${typeof v === 'object' ? JSON.stringify(v) : String(v)}\``;
  const value = scalar.iterations && scalar.value === undefined
    ? `evaluates, in each iteration of its \`range\`, to ${Array.from(scalar.iterations, (v) => (v === undefined ? 'a value not known' : shown(v))).join(', ')}`
    : scalar.value === undefined
    ? 'cannot be known without the cluster or a value the chart does not set: checks that need it stay silent here'
    : `evaluates to \`${typeof scalar.value === 'object' ? JSON.stringify(scalar.value) : String(scalar.value)}\``;
  const origins = new Set<string>();
  for (const action of scalar.actions) for (const origin of action.origins ?? []) origins.add(origin);
  const lines = [...origins].sort().map((origin) => describeOrigin(context, origin)).filter((l): l is string => l !== undefined);
  const valuesNote = context.valuesFiles.length ? `with ${context.valuesFiles.map((p) => `\`${baseName(p)}\``).join(' + ')}` : 'with no values file';
  return [`**Helm template** (chart \`${context.name}\`): ${value} ${valuesNote}.`, ...lines.map((l) => `- ${l}`)].join('\n');
}

/**
 * A hover speaks the editor's words: a link that opens the setting (VS Code runs it; elsewhere it reads
 * as the setting's name), never a CLI flag.
 */
function settingLink(setting: string): string {
  return `[set \`${setting}\`…](command:workbench.action.openSettings?${encodeURIComponent(JSON.stringify([setting]))})`;
}

function describeOrigin(context: ChartContext, origin: string): string | undefined {
  const colon = origin.indexOf(':');
  const kind = origin.slice(0, colon);
  const path = origin.slice(colon + 1);
  switch (kind) {
    case 'values': {
      const where = valuesLocation(context, path.split('.').filter(Boolean));
      return `\`.Values.${path}\`${where ? ` from \`${baseName(where.file)}\` line ${where.line + 1}` : ' is not set in any values file (empty)'}`;
    }
    case 'define': {
      const entry = context.defines.get(path);
      if (!entry) return `helper \`${path}\` is not defined in this chart: Helm fails to render it`;
      const line = offsetToPosition(buildLineStarts(entry.text), entry.define.action.start).line;
      return `helper \`${path}\` from \`${baseName(entry.file)}\` line ${line + 1}`;
    }
    case 'release': {
      const setting = path === 'Name' ? context.releaseName : path === 'Namespace' ? context.releaseNamespace : undefined;
      if (!setting) return `\`.Release.${path}\``;
      const name = path === 'Name' ? 'releaseName' : 'releaseNamespace';
      return `\`.Release.${path}\` = \`${setting.value}\`${setting.fromSettings ? '' : ` (assumed; ${settingLink(`rbacDoctor.helm.${name}`)})`}`;
    }
    case 'chart':
      return `\`.Chart.${path}\` from \`Chart.yaml\``;
    case 'capabilities':
      if (path.startsWith('KubeVersion')) return `\`.Capabilities.${path}\` (assumed Kubernetes ${ASSUMED_KUBE_VERSION})`;
      if (path === 'APIVersions') return `\`.Capabilities.APIVersions\` (the versions the assumed Kubernetes ${ASSUMED_KUBE_VERSION} serves; any other is not known offline)`;
      return `\`.Capabilities.${path}\` (not known offline)`;
    default:
      return undefined;
  }
}

/** The line of `a.b.c` in the last values file that sets it (later files win, as in Helm). */
function valuesLocation(context: ChartContext, path: string[]): { file: string; line: number } | undefined {
  for (const file of [...context.valuesFiles].reverse()) {
    const text = context.valuesTexts.get(file);
    if (text === undefined) continue;
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
    let node: unknown = doc.contents;
    let keyNode: Node | undefined;
    for (const key of path) {
      if (!isMap(node)) { keyNode = undefined; break; }
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) { keyNode = undefined; break; }
      keyNode = pair.key as Node;
      node = pair.value;
    }
    if (keyNode?.range) return { file, line: offsetToPosition(buildLineStarts(text), keyNode.range[0]).line };
  }
  return undefined;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).slice(-2).join('/');
}
