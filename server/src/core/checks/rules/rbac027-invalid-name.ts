import { scalar } from '../../emit/yaml-scalar';
import { basename, dirname, extname, relative, sep } from 'path';
import { isMap, type Node, type YAMLMap } from 'yaml';
import { columnIndent, insertAfterLineOf, replaceScalar } from '../../edits/yaml-edits';
import type { Fix } from '../../edits/types';
import { nodeRange } from '../../model/locate';
import type { SourceDocument, SourceFile } from '../../model/types';
import { mapAt, mapItems, pairOf, seqAt, stringAt, valueNode } from '../../model/yaml-nodes';
import { checkInfo } from '../check-catalog';
import { perDocument } from '../document-memo';
import type { Check, CheckContext } from '../check';
import type { Finding } from '../types';
import { mappingDocument } from '../../model/syntax-trees';

const info = checkInfo('RBAC027')!;
const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/**
 * The API server's name rules for the RBAC kinds (ValidatePathSegmentName): a name is required
 * (unless generateName asks the server to make one), may not be `.` or `..`, and may not contain
 * `/` or `%`. Colons are fine (`system:controller:x`).
 */
export function nameProblem(name: string | undefined, generateName: string | undefined): string | undefined {
  if (name === undefined || name === '') return generateName ? undefined : 'has no metadata.name';
  if (name === '.' || name === '..') return `is named \`${name}\`, which cannot be a name`;
  if (name.includes('/') || name.includes('%')) return `has the name \`${name}\`, but names may not contain \`/\` or \`%\``;
  return undefined;
}

export const rbac027: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const file of context.model.allFiles()) {
      for (const doc of file.documents) {
        if (!mappingDocument(doc)) continue;
        for (const { finding, nameless } of perDocument('RBAC027', file, doc, [], () => documentFindings(file, doc))) {
          // A kustomize patch selects its target by `target:` and may leave the name out.
          if (!(nameless && readAsPatch(context, file.path))) findings.push(finding);
        }
      }
    }
    return findings;
  },
};

/** The document's findings, each with whether the object has no name at all (a patch may leave it out). */
function documentFindings(file: SourceFile, doc: SourceDocument): { finding: Finding; nameless: boolean }[] {
  // `name: {{ … }}` can parse as a flow mapping: a Helm template's name is not known before rendering.
  if (!doc.yaml || !isMap(doc.yaml.contents) || file.text.slice(doc.start, doc.end).includes('{{')) return [];
  const out: { finding: Finding; nameless: boolean }[] = [];
  for (const object of rbacObjectNodes(doc.yaml.contents)) {
    const metadata = mapAt(object, 'metadata');
    const name = stringAt(metadata, 'name');
    const problem = nameProblem(name, stringAt(metadata, 'generateName'));
    if (problem) out.push({ finding: nameFinding(file, doc, object, problem), nameless: !name });
  }
  return out;
}

/** The mappings of Role/ClusterRole/RoleBinding/ClusterRoleBinding objects of a document (list items too). */
function rbacObjectNodes(root: YAMLMap): YAMLMap[] {
  // Without an apiVersion a mapping is not a Kubernetes object (a Helm values.yaml may say `kind: Role`).
  const kind = stringAt(root, 'kind');
  if (kind === undefined || stringAt(root, 'apiVersion') === undefined) return [];
  if (RBAC_KINDS.has(kind)) return [root];
  if (kind === 'List' || RBAC_KINDS.has(kind.replace(/List$/, ''))) {
    return mapItems(seqAt(root, 'items')).filter((item) => RBAC_KINDS.has(stringAt(item, 'kind') ?? '') && stringAt(item, 'apiVersion') !== undefined);
  }
  return [];
}

function nameFinding(file: SourceFile, doc: SourceDocument, object: YAMLMap, problem: string): Finding {
  const kind = stringAt(object, 'kind')!;
  const metadata = mapAt(object, 'metadata');
  const name = stringAt(metadata, 'name');
  const nameNode = valueNode(metadata, 'name');
  const anchor = (nameNode ?? pairOf(metadata, 'name')?.key ?? pairOf(object, 'metadata')?.key ?? pairOf(object, 'kind')?.key ?? object) as Node;
  const fixes = name ? renameFix(file, doc, nameNode, name) : addNameFix(file, doc, object, metadata, kind);
  return {
    code: info.code, severity: info.defaultSeverity, category: info.category, file: file.path,
    range: nodeRange(file, doc, anchor),
    message: `This ${kind} ${problem}: the API server rejects it.`,
    fixes,
  };
}

/** `a/b` → `a-b`; `.` and `..` have no obvious replacement. */
function renameFix(file: SourceFile, doc: SourceDocument, node: Node | undefined, name: string): Fix[] {
  const fixed = name.replace(/[/%]/g, '-');
  if (!node || fixed === name) return [];
  return [{ title: `Change to ${fixed}`, isPreferred: true, edits: [replaceScalar(file, doc, node, fixed)] }];
}

/**
 * Adds `name:`: a binding is named after the role it binds (a common convention), a role after its
 * file. Only into a block `metadata:` mapping (or a new one under `kind:`).
 */
function addNameFix(file: SourceFile, doc: SourceDocument, object: YAMLMap, metadata: YAMLMap | undefined, kind: string): Fix[] {
  const name = (kind.endsWith('Binding') ? stringAt(mapAt(object, 'roleRef'), 'name') : undefined) || nameFromFile(file.path);
  if (!name) return [];
  const title = `Add metadata.name: ${name}`;
  if (metadata && !metadata.flow && metadata.items.length > 0) {
    const firstKey = metadata.items[0].key as Node;
    const keyStart = doc.start + (firstKey.range?.[0] ?? 0);
    const metadataKey = pairOf(object, 'metadata')!.key as Node;
    return [{ title, isPreferred: true, edits: [insertAfterLineOf(file, doc.start + (metadataKey.range?.[1] ?? 0), `${columnIndent(file, keyStart)}name: ${scalar(name)}`)] }];
  }
  if (metadata || object.flow) return [];
  const kindKey = pairOf(object, 'kind')?.key as Node | undefined;
  if (!kindKey?.range) return [];
  const keyStart = doc.start + kindKey.range[0];
  const indent = columnIndent(file, keyStart);
  return [{ title, isPreferred: true, edits: [insertAfterLineOf(file, doc.start + kindKey.range[1], `${indent}metadata:\n${indent}  name: ${scalar(name)}`)] }];
}

/** `reader-role.yaml` → `reader-role`, when the base name is already a valid lower-case name. */
function nameFromFile(path: string): string | undefined {
  const base = basename(path, extname(path)).toLowerCase();
  return /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(base) ? base : undefined;
}

/** Whether a kustomization above the file names it outside `resources` (patches, transformer input). */
function readAsPatch(context: CheckContext, path: string): boolean {
  return context.index.kustomizations.some((kustomization) => {
    const dir = dirname(kustomization.doc.file);
    if (!path.startsWith(dir + sep)) return false;
    const written = relative(dir, path).split(sep).join('/');
    if (kustomization.resources.some((r) => r.replace(/^\.\//, '') === written)) return false;
    const file = context.model.getFile(kustomization.doc.file);
    return file !== undefined && file.text.slice(kustomization.doc.start, kustomization.doc.end).includes(written);
  });
}
