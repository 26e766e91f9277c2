// Regenerates the built-in data from Kubernetes reference files:
//   node scripts/generate-data.mjs ../shared/k8s-reference
// Writes server/src/core/data/api-resources.json and bootstrap-policy.json (committed).
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';

const source = process.argv[2];
if (!source) {
  console.error('usage: node scripts/generate-data.mjs PATH/TO/k8s-reference');
  process.exit(2);
}
const out = 'server/src/core/data';

// One entry per group/resource, with every served version (RBAC ignores versions).
const rows = JSON.parse(readFileSync(join(source, 'api-resources.json'), 'utf8'));
const merged = new Map();
for (const row of rows) {
  const key = `${row.group}/${row.resource}`;
  const entry = merged.get(key) ?? {
    group: row.group,
    resource: row.resource,
    kind: row.kind,
    singular: row.kind.toLowerCase(),
    namespaced: row.namespaced,
    versions: [],
    verbs: [],
    shortNames: [],
    subresources: {},
  };
  entry.versions.push(row.version);
  if (row.preferredVersion || entry.verbs.length === 0) entry.verbs = row.verbs;
  entry.shortNames = [...new Set([...entry.shortNames, ...row.shortNames])];
  for (const sub of row.subresources) entry.subresources[sub.name] = [...new Set([...(entry.subresources[sub.name] ?? []), ...sub.verbs])];
  merged.set(key, entry);
}
writeFileSync(join(out, 'api-resources.json'), `${JSON.stringify([...merged.values()], null, 0).replace(/\},\{/g, '},\n{')}\n`);

// Default roles and bindings, as plain RBAC data.
const policy = { roles: [], bindings: [] };
for (const name of ['cluster-roles', 'cluster-role-bindings', 'namespace-roles', 'namespace-role-bindings']) {
  for (const doc of parseAllDocuments(readFileSync(join(source, 'bootstrap', `${name}.yaml`), 'utf8'))) {
    for (const item of doc.toJS().items ?? []) {
      const meta = item.metadata ?? {};
      if (item.kind === 'ClusterRole' || item.kind === 'Role') {
        const role = { kind: item.kind, name: meta.name, labels: meta.labels ?? {}, rules: (item.rules ?? []).map(cleanRule) };
        if (item.kind === 'Role') role.namespace = meta.namespace;
        if (item.aggregationRule) role.aggregationRule = item.aggregationRule;
        policy.roles.push(role);
      } else {
        const binding = { kind: item.kind, name: meta.name, roleRef: item.roleRef, subjects: item.subjects ?? [] };
        if (item.kind === 'RoleBinding') binding.namespace = meta.namespace;
        policy.bindings.push(binding);
      }
    }
  }
}
writeFileSync(join(out, 'bootstrap-policy.json'), `${JSON.stringify(policy, null, 1)}\n`);
console.log(`${merged.size} resources, ${policy.roles.length} roles, ${policy.bindings.length} bindings`);

function cleanRule(rule) {
  const out = { verbs: rule.verbs ?? [] };
  for (const key of ['apiGroups', 'resources', 'resourceNames', 'nonResourceURLs']) if (rule[key]) out[key] = rule[key];
  return out;
}
