import type { CheckContext } from '../checks/check';
import { objectLocation, objectRange } from '../model/locate';
import type { Location, Range, SourceFile } from '../model/types';
import { bindingsOfRole, bindingsOfServiceAccount } from '../navigation/relations';
import { effectiveRules, namespacesWithGrants } from '../rbac/effective-permissions';
import { identityOf, serviceAccountUser } from '../rbac/subjects';
import { bindingsNotRead, chartHasUnknownSubjects, subjectsNotKnown } from './chart-unknowns';
import { policyIndexOf } from './hover';
import { isEveryonesDefault } from './permissions-markdown';

export interface Lens {
  range: Range;
  title: string;
  locations: Location[];
}

const BINDS_ROLE = new Set(['RoleBinding']);
const BINDS_CLUSTER_ROLE = new Set(['RoleBinding', 'ClusterRoleBinding']);
/** In a chart, what its templates left unread is said, so that a count is never taken for the whole answer. */
const NOT_KNOWN = ' + some not known';

/** "bound by N · M subjects" on roles; "K rules in J namespaces" on ServiceAccounts. */
export function codeLensesFor(context: CheckContext, file: SourceFile): Lens[] {
  const lenses: Lens[] = [];
  const index = policyIndexOf(context);
  for (const doc of file.documents) {
    if (!doc.yaml) continue;
    // A chart document a `range` prints once per entry holds one object per iteration, all at one place.
    const perIteration = file.helm !== undefined && doc.objects.length > 1;
    for (const object of doc.objects) {
      const lensCount = lenses.length;
      if (object.kind === 'Role' || object.kind === 'ClusterRole') {
        const bindings = bindingsOfRole(context.index, object);
        const subjects = new Set(bindings.flatMap((b) => b.subjects.map((s) => `${s.kind}/${s.namespace ?? b.namespace?.value ?? ''}/${s.name}`)));
        const unreadBindings = bindingsNotRead(context.model, file, object.kind === 'Role' ? BINDS_ROLE : BINDS_CLUSTER_ROLE);
        // Bindings or subjects that render only under an undecided condition: counted, but said to be not known.
        const unknownSubjects = unreadBindings > 0 || bindings.some((b) => b.undecided || subjectsNotKnown(context.fileOf(b), b)) || !!object.undecided?.object;
        const bound = `bound by ${bindings.length}${unreadBindings ? ` + ${unreadBindings} not read` : ''}`;
        const held = unknownSubjects && subjects.size === 0 ? 'subjects not known'
          : `${subjects.size} subject${subjects.size === 1 ? '' : 's'}${unknownSubjects ? NOT_KNOWN : ''}`;
        lenses.push({
          range: objectRange(file, object),
          title: `${bound} · ${held}`,
          locations: bindings.map((b) => objectLocation(context.fileOf(b), b)),
        });
      } else if (object.kind === 'ServiceAccount' && object.namespace) {
        const user = identityOf(serviceAccountUser(object.namespace.value, object.name));
        // Rules that may not render (an undecided chart condition) are counted apart, as "might".
        const count = (ns: string | undefined, undecided: boolean) => effectiveRules(index, user, ns).filter((r) => !isEveryonesDefault(r.binding) && !r.undecided === !undecided).length;
        const own = (ns?: string) => count(ns, false);
        const clusterWide = own();
        const namespaces = new Set(namespacesWithGrants(index, user).filter((ns) => own(ns) > clusterWide));
        const perNamespace = [...namespaces].reduce((sum, ns) => sum + own(ns) - clusterWide, 0);
        const rules = clusterWide + perNamespace;
        const mightCluster = count(undefined, true);
        const might = mightCluster + namespacesWithGrants(index, user).reduce((sum, ns) => sum + count(ns, true) - mightCluster, 0);
        const where = clusterWide > 0 ? 'all namespaces' : `${namespaces.size} namespace${namespaces.size === 1 ? '' : 's'}`;
        const unread = bindingsNotRead(context.model, file, BINDS_CLUSTER_ROLE) > 0 || chartHasUnknownSubjects(context.model, file);
        lenses.push({
          range: objectRange(file, object),
          title: `${rules} rule${rules === 1 ? '' : 's'} in ${where}${might ? ` + ${might} might (not known)` : ''}${unread ? NOT_KNOWN : ''}`,
          locations: bindingsOfServiceAccount(context.index, object).map((b) => objectLocation(context.fileOf(b), b)),
        });
      }
      if (perIteration && object.listIndex === undefined && lenses.length > lensCount) lenses[lensCount].title = `${object.writtenNamespace ?? object.name}: ${lenses[lensCount].title}`;
    }
  }
  return lenses;
}
