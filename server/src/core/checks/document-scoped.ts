import type { ResourceCatalog } from '../catalog/catalog';
import { builtIdentity } from '../kustomize/workspace-builds';
import { documentAt } from '../model/document-at';
import { offsetToPosition, positionToOffset } from '../model/positions';
import type { K8sObject, SourceDocument } from '../model/types';
import type { WorkspaceIndex } from '../model/workspace-model';
import type { Check, CheckContext } from './check';
import type { Finding } from './types';

/**
 * Checks whose findings on a document depend only on that document's objects (rules, subjects,
 * apiVersion, name, namespace) and on the resource catalog, never on another object. Their findings are
 * kept per unchanged document, so after a keystroke they run on the edited document only. A test runs
 * each on every document alone and compares with the whole workspace.
 */
export const DOCUMENT_SCOPED = new Set([
  'RBAC001', 'RBAC002', 'RBAC003', 'RBAC004', 'RBAC006', 'RBAC007', 'RBAC008', 'RBAC014', 'RBAC019', 'RBAC020',
  'RBAC022', 'RBAC023', 'RBAC101', 'RBAC103', 'RBAC104', 'RBAC105', 'RBAC106', 'RBAC107', 'RBAC108', 'RBAC109', 'RBAC110',
]);

/**
 * What a document's cached findings were computed from. Its place is its first line and column, not its
 * offset: findings hold positions only, so a keystroke in an earlier document of the same file that
 * keeps the line count (most keystrokes) leaves the later documents' findings valid.
 */
interface Basis {
  column: number;
  line: number;
  identity: string;
  catalog: ResourceCatalog;
}

/** A document's findings, in the order of the checks that ran (`codes`, one set per run, shared). */
const cache = new WeakMap<SourceDocument, { basis: Basis; codes: ReadonlySet<string>; findings: readonly Finding[] }>();
const NONE: readonly Finding[] = [];

/**
 * Runs document-scoped checks, reusing each document's findings while its text (a document object is
 * reused only then), its first line and column in the file, its objects' names and namespaces and the catalog are the
 * same. Objects a kustomize build rewrites are always re-checked: the build may change their content.
 */
export function runDocumentScoped(checks: Check[], context: CheckContext): Finding[] {
  const out: Finding[] = [];
  const stale = new Map<SourceDocument, Basis>();
  const codes: ReadonlySet<string> = new Set(checks.map((c) => c.code));
  for (const file of context.model.allFiles()) {
    for (const doc of file.documents) {
      if (doc.objects.length === 0) continue;
      const { line, character: column } = offsetToPosition(file.lineStarts, doc.start);
      const basis = { column, line, identity: identityOf(doc.objects), catalog: context.catalog };
      const entry = cache.get(doc);
      if (entry && sameBasis(entry.basis, basis) && checks.every((c) => entry.codes.has(c.code))) {
        for (const finding of entry.findings) if (codes.has(finding.code)) out.push(finding);
      } else stale.set(doc, basis);
    }
  }
  if (stale.size === 0) return out;
  const restricted = { ...context, index: restrictTo(context.index, new Set(stale.keys())) };
  // Only documents with findings get a list of their own (most have none).
  const fresh = new Map<SourceDocument, Finding[]>();
  let attributed = true;
  for (const check of checks) {
    for (const finding of check.run(restricted)) {
      out.push(finding);
      const doc = documentOf(context, finding);
      if (!doc || !stale.has(doc)) {
        attributed = false;
        continue;
      }
      const list = fresh.get(doc);
      if (list) list.push(finding);
      else fresh.set(doc, [finding]);
    }
  }
  // A finding outside the documents it was computed for could not be found again: keep nothing then.
  if (attributed) for (const [doc, basis] of stale) cache.set(doc, { basis, codes, findings: fresh.get(doc) ?? NONE });
  return out;
}

function sameBasis(a: Basis, b: Basis): boolean {
  return a.identity !== '' && a.identity === b.identity && a.column === b.column && a.line === b.line && a.catalog === b.catalog;
}

/**
 * Names and namespaces of a document's objects, and what kustomize builds make of them; empty (never
 * reused) for a kustomization, a patch, or a role a patch positions rules of elsewhere.
 */
function identityOf(objects: K8sObject[]): string {
  const built = objects.map((o) => (o.kustomize ? builtIdentity(o) : ''));
  if (objects.some((o, i) => o.kind === 'Kustomization' || built[i] === undefined)) return '';
  return objects.map((o, i) => `${o.kind}\u0000${o.name}\u0000${o.namespace?.value ?? ''}\u0000${o.namespace?.source ?? ''}\u0000${built[i]}`).join('\u0001');
}

function documentOf(context: CheckContext, finding: Finding): SourceDocument | undefined {
  const file = context.model.getFile(finding.file);
  return file ? documentAt(file, positionToOffset(file.lineStarts, finding.range.start, file.text.length), true) : undefined;
}

/** The index as checks see it, holding only the objects of some documents. */
export function restrictTo(index: WorkspaceIndex, docs: Set<SourceDocument>): WorkspaceIndex {
  const keep = <T extends K8sObject>(list: T[]) => list.filter((o) => docs.has(o.doc));
  return {
    ...index,
    objects: keep(index.objects),
    roles: keep(index.roles),
    bindings: keep(index.bindings),
    serviceAccounts: keep(index.serviceAccounts),
    namespaces: keep(index.namespaces),
    workloads: keep(index.workloads),
    crds: keep(index.crds),
    kustomizations: keep(index.kustomizations),
  };
}
