// Regenerates the built-in data from the Kubernetes reference files (see server/src/core/data/NOTICE.md):
//   node scripts/generate-data.mjs PATH/TO/k8s-reference
// Reads PATH/api-resources.json and PATH/bootstrap/*.yaml (the six bootstrap-policy files) and writes
// server/src/core/data/api-resources.json and bootstrap-policy.json (both committed).
// The output is deterministic: running it twice on the same input gives the same bytes.
import { readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';
import { parseAllDocuments } from 'yaml';

const source = process.argv[2];
if (!source) {
  console.error('usage: node scripts/generate-data.mjs PATH/TO/k8s-reference');
  process.exit(2);
}
const STABILITY_RANK = { stable: 0, beta: 1, alpha: 2 };
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'server', 'src', 'core', 'data');

writeFileSync(join(out, 'api-resources.json'), renderResources(mergeResources(readDiscoveryRows(join(source, 'api-resources.json')))));
const policy = readBootstrapPolicy(join(source, 'bootstrap'));
writeFileSync(join(out, 'bootstrap-policy.json'), `${JSON.stringify(policy, null, 1)}\n`);
console.log(`${JSON.parse(readFileSync(join(out, 'api-resources.json'), 'utf8')).length} resources, ${policy.roles.length} roles, ${policy.bindings.length} bindings`);

/** The discovery table: a JSON array, or one JSON object per line. */
function readDiscoveryRows(file) {
  const text = readFileSync(file, 'utf8').trim();
  if (text.startsWith('[')) return JSON.parse(text);
  return text.split('\n').map((line) => line.trim().replace(/,$/, '')).filter(Boolean).map((line) => JSON.parse(line));
}

/**
 * One entry per group/resource with every served version (RBAC ignores versions). Verbs and
 * subresources are the union over the versions: a rule is right if any served version accepts it.
 */
function mergeResources(rows) {
  const merged = new Map();
  for (const row of rows) {
    const key = `${row.group}/${row.resource}`;
    let entry = merged.get(key);
    if (!entry) {
      entry = { group: row.group, resource: row.resource, kind: row.kind, singular: row.kind.toLowerCase(), namespaced: row.namespaced, rows: [] };
      merged.set(key, entry);
    }
    if (entry.namespaced !== row.namespaced) throw new Error(`${key}: versions disagree on scope`);
    entry.rows.push(row);
  }
  return [...merged.values()].map(({ rows: versions, ...entry }) => {
    // The version a client uses by default: the group's preferred version when it serves the
    // resource, else the most stable one, in the order discovery lists them.
    const best = versions.find((v) => v.preferredVersion) ??
      [...versions].sort((a, b) => STABILITY_RANK[a.stability] - STABILITY_RANK[b.stability])[0];
    const subresources = {};
    for (const v of versions) {
      for (const sub of v.subresources) subresources[sub.name] = union(subresources[sub.name] ?? [], sub.verbs);
    }
    return {
      ...entry,
      versions: versions.map((v) => v.version),
      preferredVersion: best.version,
      stability: best.stability,
      verbs: union([], ...versions.map((v) => v.verbs)),
      shortNames: union([], ...versions.map((v) => v.shortNames)),
      subresources: Object.fromEntries(Object.keys(subresources).sort().map((name) => [name, subresources[name]])),
    };
  });
}

function union(first, ...lists) {
  return [...new Set([...first, ...lists.flat()])].sort();
}

function renderResources(entries) {
  return `[\n${entries.map((e) => JSON.stringify(e)).join(',\n')}\n]\n`;
}

/** The default roles and bindings in the RbacRole/RbacBinding shape of server/src/core/rbac/types.ts. */
function readBootstrapPolicy(dir) {
  const policy = { roles: [], bindings: [] };
  // The controllers' roles and bindings (system:controller:*) are bootstrap policy too: a fresh API
  // server creates them next to the others (bootstrappolicy/controller_policy.go).
  for (const name of ['cluster-roles', 'cluster-role-bindings', 'namespace-roles', 'namespace-role-bindings', 'controller-roles', 'controller-role-bindings']) {
    for (const doc of parseAllDocuments(readFileSync(join(dir, `${name}.yaml`), 'utf8'))) {
      if (doc.errors.length) throw new Error(`${name}.yaml: ${doc.errors[0].message}`);
      const value = doc.toJS();
      for (const item of value?.kind === 'List' ? value.items ?? [] : [value]) {
        if (item) convert(item, policy);
      }
    }
  }
  return policy;
}

function convert(item, policy) {
  const meta = item.metadata ?? {};
  const namespaced = item.kind === 'Role' || item.kind === 'RoleBinding';
  if (namespaced && !meta.namespace) throw new Error(`${item.kind} ${meta.name} has no namespace`);
  if (item.kind === 'ClusterRole' || item.kind === 'Role') {
    const role = { kind: item.kind, name: meta.name };
    if (namespaced) role.namespace = meta.namespace;
    role.labels = meta.labels ?? {};
    role.rules = (item.rules ?? []).map(cleanRule);
    if (item.aggregationRule) role.aggregationRule = { clusterRoleSelectors: item.aggregationRule.clusterRoleSelectors ?? [] };
    role.origin = { source: 'builtin' };
    policy.roles.push(role);
  } else if (item.kind === 'ClusterRoleBinding' || item.kind === 'RoleBinding') {
    const binding = { kind: item.kind, name: meta.name };
    if (namespaced) binding.namespace = meta.namespace;
    binding.roleRef = { apiGroup: item.roleRef.apiGroup, kind: item.roleRef.kind, name: item.roleRef.name };
    binding.subjects = (item.subjects ?? []).map((s) => {
      const subject = { kind: s.kind, name: s.name };
      if (s.namespace !== undefined) subject.namespace = s.namespace;
      if (s.apiGroup !== undefined) subject.apiGroup = s.apiGroup;
      return subject;
    });
    binding.origin = { source: 'builtin' };
    policy.bindings.push(binding);
  } else {
    throw new Error(`unexpected kind ${item.kind}`);
  }
}

function cleanRule(rule) {
  const out = { verbs: rule.verbs ?? [] };
  for (const key of ['apiGroups', 'resources', 'resourceNames', 'nonResourceURLs']) if (rule[key]) out[key] = rule[key];
  return out;
}
