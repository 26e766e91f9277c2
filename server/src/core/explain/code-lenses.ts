import type { CheckContext } from '../checks/check';
import { objectLocation, objectRange } from '../model/locate';
import type { Location, Range, SourceFile } from '../model/types';
import { bindingsOfRole, bindingsOfServiceAccount } from '../navigation/relations';
import { effectiveRules, namespacesWithGrants } from '../rbac/effective-permissions';
import { identityOf, serviceAccountUser } from '../rbac/subjects';
import { policyIndexOf } from './hover';
import { isEveryonesDefault } from './permissions-markdown';

export interface Lens {
  range: Range;
  title: string;
  locations: Location[];
}

/** "bound by N · M subjects" on roles; "K rules in J namespaces" on ServiceAccounts. */
export function codeLensesFor(context: CheckContext, file: SourceFile): Lens[] {
  const lenses: Lens[] = [];
  const index = policyIndexOf(context);
  for (const doc of file.documents) {
    if (!doc.yaml) continue;
    for (const object of doc.objects) {
      if (object.kind === 'Role' || object.kind === 'ClusterRole') {
        const bindings = bindingsOfRole(context.index, object);
        const subjects = new Set(bindings.flatMap((b) => b.subjects.map((s) => `${s.kind}/${s.namespace ?? b.namespace?.value ?? ''}/${s.name}`)));
        lenses.push({
          range: objectRange(file, object),
          title: `bound by ${bindings.length} · ${subjects.size} subject${subjects.size === 1 ? '' : 's'}`,
          locations: bindings.map((b) => objectLocation(context.fileOf(b), b)),
        });
      } else if (object.kind === 'ServiceAccount' && object.namespace) {
        const user = identityOf(serviceAccountUser(object.namespace.value, object.name));
        const own = (ns?: string) => effectiveRules(index, user, ns).filter((r) => !isEveryonesDefault(r.binding)).length;
        const clusterWide = own();
        const namespaces = new Set(namespacesWithGrants(index, user).filter((ns) => own(ns) > clusterWide));
        const perNamespace = [...namespaces].reduce((sum, ns) => sum + own(ns) - clusterWide, 0);
        const rules = clusterWide + perNamespace;
        const where = clusterWide > 0 ? 'all namespaces' : `${namespaces.size} namespace${namespaces.size === 1 ? '' : 's'}`;
        lenses.push({
          range: objectRange(file, object),
          title: `${rules} rule${rules === 1 ? '' : 's'} in ${where}`,
          locations: bindingsOfServiceAccount(context.index, object).map((b) => objectLocation(context.fileOf(b), b)),
        });
      }
    }
  }
  return lenses;
}
