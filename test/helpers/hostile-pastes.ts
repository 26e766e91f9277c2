/**
 * Generated 403 pastes with hostile text in every field: YAML indicators, quotes, comments, tags,
 * anchors, block-scalar markers, control characters, the YAML 1.1 line breaks (U+0085, U+2028, U+2029),
 * long and numeric strings, wildcards, empty and cut scopes. Seeded: the same pastes on every run.
 */

/** mulberry32: a small, fast, seeded generator. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const HOSTILE_ATOMS = [
  '\u0085', '\u2028', '\u2029', '\n', '\r', '\t', '\u0000', '\u001b[31m', '\u007f', '\u00a0', '\ufeff', '#', ' #', '"', "'", '\\',
  '!!null', '!!str', '&a', '*a', '*', '|', '>', '-', '? ', ': ', ':', '{a: b}', '[x]', ',', '---', '...', '%YAML', '@', '`',
  'yes', 'no', 'on', 'off', 'null', '~', '1:30', '0x1F', '1e3', '112233445566778899001', '1.10', '', 'é', '日本', '😀', 'a'.repeat(300),
  '\u0085aggregationRule:\u0085 {clusterRoleSelectors: [{matchLabels: {kubernetes.io/bootstrapping: rbac-defaults}}]}\u0085#',
  '\u2028---\u2028kind: ClusterRoleBinding', 'kube-system #', "'kube-system'", 'get:', 'alice:',
];

const VALID = {
  user: ['alice', 'bob@example.com', 'oidc:1234', 'system:serviceaccount:shop:web', 'yes', '112233445566778899001'],
  verb: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'use', 'impersonate'],
  resource: ['pods', 'secrets', 'deployments', 'configmaps', 'nodes', 'widgets'],
  group: ['', 'apps', 'example.com', 'rbac.authorization.k8s.io'],
  namespace: ['shop', 'kube-system', 'default'],
  name: ['web-1', 'db-password'],
  subresource: ['log', 'exec', 'status'],
  path: ['/healthz', '/metrics', '/apis'],
};

export function hostilePastes(count: number, seed = 15): string[] {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  /** A field: often valid, else a valid value with hostile pieces around or inside it, or hostile alone. */
  const field = (valid: readonly string[]): string => {
    const r = random();
    if (r < 0.45) return pick(valid);
    if (r < 0.6) return pick(HOSTILE_ATOMS);
    const base = pick(valid);
    const at = Math.floor(random() * (base.length + 1));
    return base.slice(0, at) + pick(HOSTILE_ATOMS) + (random() < 0.3 ? pick(HOSTILE_ATOMS) : '') + base.slice(at);
  };
  const user = () => (random() < 0.25 ? `system:serviceaccount:${field(VALID.namespace)}:${field(['web', 'default'])}` : field(VALID.user));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = random();
    if (kind < 0.7) {
      const name = random() < 0.3 ? ` "${field(VALID.name)}"` : '';
      const sub = random() < 0.2 ? `/${field(VALID.subresource)}` : '';
      const where = pick([`in the namespace "${field(VALID.namespace)}"`, `in the namespace "${field(VALID.namespace)}"`, 'at the cluster scope', '', 'in the namespace ""']);
      out.push(`${field(VALID.resource)}${name} is forbidden: User "${user()}" cannot ${field(VALID.verb)} resource "${field(VALID.resource)}${sub}" in API group "${field(VALID.group)}" ${where}`.trimEnd());
    } else if (kind < 0.85) {
      out.push(`forbidden: User "${user()}" cannot ${field(VALID.verb)} path "${field(VALID.path)}"`);
    } else {
      const rules = [0, 1].map(() => `{APIGroups:["${field(VALID.group)}"], Resources:["${field(VALID.resource)}"], Verbs:["${field(VALID.verb)}"]}`);
      out.push(`clusterroles.rbac.authorization.k8s.io "x" is forbidden: user "${user()}" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n${rules.join('\n')}`);
    }
  }
  return out;
}
