import type { K8sObject } from '../../model/types';
import { objectLocation } from '../../model/locate';
import { lookupOf } from '../../model/object-lookup';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { describe, finding, nameRange } from '../helpers';
import type { Finding } from '../types';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC021')!;
/** Copies listed with each finding: thousands of copies of one object must not make millions of entries. */
const MAX_RELATED = 5;

export const rbac021: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    // The index's identities, built once per model version: a keystroke does not group the workspace again.
    for (const defined of lookupOf(context.index).definedMoreThanOnce()) {
      const group = defined.filter((o) => o.kind !== 'Kustomization' && positioned(o.doc));
      if (group.length < 2) continue;
      const perFile = new Map<string, number>();
      for (const o of group) perFile.set(o.doc.file, (perFile.get(o.doc.file) ?? 0) + 1);
      const anyKustomize = group.some((o) => o.kustomize);
      for (const object of group) {
        // Without kustomize builds every copy is applied together: counted, not compared pairwise.
        const others = anyKustomize ? group.filter((o) => o !== object && appliedTogether(o, object)) : undefined;
        const otherCount = others ? others.length : group.length - 1;
        if (otherCount === 0) continue;
        const sameFile = others ? others.some((o) => o.doc.file === object.doc.file) : perFile.get(object.doc.file)! > 1;
        const file = context.fileOf(object);
        const shown = (others ?? group.slice(0, MAX_RELATED + 1).filter((o) => o !== object)).slice(0, MAX_RELATED);
        const related = shown.map((o) => ({ location: objectLocation(context.fileOf(o), o), message: `also defined here` }));
        findings.push({
          ...finding(info, file, nameRange(file, object),
            sameFile
              ? `${describe(object)} is defined twice in this file: the later definition replaces the earlier one when applied.`
              : `${describe(object)} is also defined in ${otherCount === 1 ? 'another file' : `${otherCount} other files`}; whichever is applied last wins.`,
            [], related),
          severity: sameFile ? 'warning' : 'information',
        });
      }
    }
    return findings;
  },
};

/** Objects that only alternative kustomize builds emit (an overlay each) are never applied together. */
function appliedTogether(a: K8sObject, b: K8sObject): boolean {
  if (!a.kustomize || !b.kustomize) return true;
  const builds = new Set(a.kustomize.builds);
  return b.kustomize.builds.some((build) => builds.has(build));
}
