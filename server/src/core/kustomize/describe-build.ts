import type { K8sObject } from '../model/types';
import { dirname } from './paths';

type Path = (string | number)[];

/**
 * One Markdown line on what the kustomize build makes of the name under the cursor (the object's name
 * or namespace, a roleRef, a subject, a serviceAccountName), or undefined when no build includes it.
 */
export function describeBuild(object: K8sObject, path: Path): string | undefined {
  const built = object.kustomize;
  if (!built) return undefined;
  const where = built.builds.length === 1 ? `the kustomize build of \`${shortDir(built.builds[0])}\`` : `the ${built.builds.length} kustomize builds that include it`;
  const joined = path.join('.');
  if (built.variants) {
    if (joined !== 'metadata.name' && joined !== 'metadata.namespace') return undefined;
    const each = built.variants.map((v) => `\`${shortDir(v.build)}\` → \`${v.namespace ? `${v.namespace}/` : ''}${v.name}\``).join(', ');
    return `**kustomize**: builds render this object differently (${each}); checks read it as written.`;
  }
  if (joined === 'metadata.name' || joined === 'metadata.namespace') {
    const namespace = object.namespace && object.namespace.source !== 'implicit' ? ` in namespace \`${object.namespace.value}\`` : '';
    return `**kustomize**: ${where} emits ${object.kind} \`${object.name}\`${namespace}.`;
  }
  if (path[0] === 'roleRef' && 'roleRef' in object) return `**kustomize**: ${where} points it at ${object.roleRef.kind} \`${object.roleRef.name}\`.`;
  if (path[0] === 'subjects' && typeof path[1] === 'number' && 'subjects' in object) {
    const subject = object.subjects[path[1]];
    if (!subject) return undefined;
    return `**kustomize**: ${where} makes this subject ${subject.kind} \`${subject.namespace ? `${subject.namespace}/` : ''}${subject.name}\`.`;
  }
  if ((path.includes('serviceAccountName') || path.includes('serviceAccount')) && 'podSpecNode' in object) {
    return `**kustomize**: ${where} runs it as ServiceAccount \`${object.serviceAccountName ?? 'default'}\`.`;
  }
  return undefined;
}

/** The kustomization's directory, by its last two segments: enough to tell overlays apart. */
function shortDir(kustomizationFile: string): string {
  const parts = dirname(kustomizationFile).split(/[\\/]/).filter(Boolean);
  return parts.slice(-2).join('/') || '.';
}
