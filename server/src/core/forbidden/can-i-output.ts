import { ResourceCatalog } from '../catalog/catalog';
import type { GroupGuess } from './resource-words';
import { splitQualified, splitSubresource } from './resource-words';
import { subjectOf, UNKNOWN_SUBJECT, type Located } from './types';

/**
 * `kubectl auth can-i VERB TYPE[/NAME] [-n NS | -A] [--as USER] [--subresource S]` followed by its answer
 * `no` (optionally ` - reason`). A `yes` is no denial.
 */
const CAN_I = /kubectl auth can-i ((?:(?!(?:no|yes)\b)\S+ )+)no\b/g;

export function findCanIAnswers(text: string, groupFor: GroupGuess): Located[] {
  const out: Located[] = [];
  for (const m of text.matchAll(CAN_I)) {
    const args = m[1].split(' ').filter(Boolean);
    const positional: string[] = [];
    const flags = new Map<string, string>();
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      const eq = /^(--?[\w-]+)=(.*)$/.exec(arg);
      if (eq) flags.set(eq[1], eq[2]);
      else if (/^(-A|--all-namespaces|--quiet|-q)$/.test(arg)) flags.set(arg, 'true');
      else if (arg.startsWith('-')) flags.set(arg, args[++i] ?? '');
      else positional.push(arg);
    }
    const [verb, typeName] = positional;
    if (!verb || !typeName) continue;
    const user = flags.get('--as');
    const namespace = flags.get('-n') ?? flags.get('--namespace') ?? null;
    const all = flags.has('-A') || flags.has('--all-namespaces');
    if (typeName.startsWith('/')) {
      out.push({ at: m.index!, end: m.index! + m[0].length, denial: {
        rbac: true, kind: 'can-i', subject: user ? subjectOf(user) : { ...UNKNOWN_SUBJECT }, verb, apiGroup: null,
        resource: null, subresource: null, resourceName: null, namespace: null, scope: 'non-resource', nonResourceURL: typeName,
      } });
      continue;
    }
    const { resource: typePart, subresource: name } = splitSubresource(typeName);
    const resolved = ResourceCatalog.builtin().resolveTypeName(typePart);
    const qualified = splitQualified(typePart);
    const resource = resolved?.resource ?? qualified.resource;
    const group = resolved?.group ?? qualified.group ?? groupFor(resource);
    const namespaced = group === null ? undefined : ResourceCatalog.builtin().isNamespaced(group, resource);
    const scope = namespaced === false || all ? 'cluster' : namespace !== null ? 'namespaced' : 'unknown';
    out.push({ at: m.index!, end: m.index! + m[0].length, denial: {
      rbac: true, kind: 'can-i', subject: user ? subjectOf(user) : { ...UNKNOWN_SUBJECT }, verb, apiGroup: group,
      resource, subresource: flags.get('--subresource') ?? null, resourceName: name ?? null,
      namespace: scope === 'namespaced' ? namespace : null, scope, nonResourceURL: null,
    } });
  }
  return out;
}
