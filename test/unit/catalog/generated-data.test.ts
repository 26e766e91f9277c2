import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import resources from '../../../server/src/core/data/api-resources.json';
import policy from '../../../server/src/core/data/bootstrap-policy.json';
import { ResourceCatalog, stabilityOf } from '../../../server/src/core/catalog/catalog';
import { KNOWN_VERBS, HTTP_METHOD_VERBS } from '../../../server/src/core/catalog/verbs';
import type { PolicyRule, RbacBinding, RbacRole } from '../../../server/src/core/rbac/types';

const roles = policy.roles as unknown as RbacRole[];
const bindings = policy.bindings as unknown as RbacBinding[];
const catalog = ResourceCatalog.builtin();
const root = join(__dirname, '..', '..', '..', '..');

describe('generated data: api-resources.json', () => {
  it('has one entry per group/resource, with the fields RBAC needs', () => {
    const keys = new Set(resources.map((r) => `${r.group}/${r.resource}`));
    assert.strictEqual(keys.size, resources.length);
    assert.ok(resources.length >= 70, `${resources.length} resources`);
    for (const r of resources) {
      const where = `${r.group}/${r.resource}`;
      assert.match(r.resource, /^[a-z0-9]+$/, where);
      assert.strictEqual(r.singular, r.kind.toLowerCase(), where);
      assert.ok(r.versions.length > 0 && r.versions.includes(r.preferredVersion), where);
      assert.strictEqual(new Set(r.versions).size, r.versions.length, where);
      assert.strictEqual(r.stability, stabilityOf(r.preferredVersion), where);
      assert.strictEqual(typeof r.namespaced, 'boolean', where);
      assert.ok(r.verbs.length > 0, where);
      for (const verb of r.verbs) assert.ok(KNOWN_VERBS.includes(verb), `${where}: ${verb}`);
      for (const [sub, verbs] of Object.entries(r.subresources)) {
        assert.match(sub, /^[a-z]+$/, `${where}/${sub}`);
        for (const verb of verbs as string[]) assert.ok(KNOWN_VERBS.includes(verb), `${where}/${sub}: ${verb}`);
      }
    }
  });

  it('covers the core group and the well-known groups', () => {
    const groups = new Set(resources.map((r) => r.group));
    for (const g of ['', 'apps', 'batch', 'rbac.authorization.k8s.io', 'networking.k8s.io', 'policy', 'autoscaling', 'storage.k8s.io', 'certificates.k8s.io']) {
      assert.ok(groups.has(g), g || 'core');
    }
  });

  it('a short name stands for one resource name (events is served by two groups)', () => {
    const seen = new Map<string, string>();
    for (const r of resources) {
      for (const s of r.shortNames) {
        assert.ok(!seen.has(s) || seen.get(s) === r.resource, `${s}: ${seen.get(s)} and ${r.resource}`);
        seen.set(s, r.resource);
      }
    }
  });
});

describe('generated data: bootstrap-policy.json', () => {
  it('holds the default ClusterRoles, ClusterRoleBindings, Roles and RoleBindings', () => {
    const count = (kind: string) => [...roles, ...bindings].filter((o) => o.kind === kind).length;
    // 32 and 12 of the API server's own, plus the 41 controllers' (system:controller:*), each bound once.
    assert.strictEqual(count('ClusterRole'), 32 + 41);
    assert.strictEqual(count('ClusterRoleBinding'), 12 + 41);
    assert.strictEqual(count('Role'), 7);
    assert.strictEqual(count('RoleBinding'), 7);
    for (const name of ['cluster-admin', 'admin', 'edit', 'view', 'system:node', 'system:basic-user', 'system:discovery']) {
      assert.ok(roles.some((r) => r.kind === 'ClusterRole' && r.name === name), name);
    }
  });

  it('every object is marked builtin; Roles and RoleBindings keep their namespace, cluster objects have none', () => {
    for (const o of [...roles, ...bindings]) {
      assert.deepStrictEqual(o.origin, { source: 'builtin' }, o.name);
      const namespaced = o.kind === 'Role' || o.kind === 'RoleBinding';
      if (namespaced) assert.ok(['kube-system', 'kube-public'].includes(o.namespace!), `${o.kind} ${o.name}: ${o.namespace}`);
      else assert.strictEqual(o.namespace, undefined, `${o.kind} ${o.name}`);
    }
    assert.ok(roles.some((r) => r.kind === 'Role' && r.namespace === 'kube-system'));
    assert.ok(bindings.some((b) => b.kind === 'RoleBinding' && b.namespace === 'kube-public'));
  });

  it('names are unique per kind and namespace', () => {
    const keys = [...roles, ...bindings].map((o) => `${o.kind}/${o.namespace ?? ''}/${o.name}`);
    assert.strictEqual(new Set(keys).size, keys.length);
  });

  it('every role has rules with verbs, or is aggregated', () => {
    for (const role of roles) {
      if (role.aggregationRule) {
        assert.ok(role.aggregationRule.clusterRoleSelectors.length > 0, role.name);
        continue;
      }
      assert.ok(role.rules.length > 0, `${role.name} has rules`);
      for (const rule of role.rules) assertRule(role.name, rule);
    }
    assert.deepStrictEqual(roles.filter((r) => r.aggregationRule).map((r) => r.name).sort(), ['admin', 'edit', 'view']);
  });

  it('rules use known verbs on resources the catalog knows (or permission-only names)', () => {
    for (const role of roles) {
      for (const rule of role.rules) {
        if (rule.nonResourceURLs) {
          for (const verb of rule.verbs) assert.ok((HTTP_METHOD_VERBS as readonly string[]).includes(verb) || verb === '*', `${role.name}: ${verb}`);
          continue;
        }
        for (const verb of rule.verbs) assert.ok(KNOWN_VERBS.includes(verb), `${role.name}: ${verb}`);
        for (const group of rule.apiGroups!) {
          if (group === '*') continue;
          for (const resource of rule.resources!) {
            if (resource === '*' || resource.startsWith('*/')) continue;
            const served = catalog.isKnownResource(group, resource);
            // Defaults keep entries that only older clusters serve (the extensions group, deployments/rollback).
            const legacy = group === 'extensions' || catalog.removedFrom(group, resource) !== undefined;
            // The autoscaler reads the metrics APIs, which aggregated API servers serve, not the API server itself.
            const aggregated = ['metrics.k8s.io', 'custom.metrics.k8s.io', 'external.metrics.k8s.io'].includes(group);
            assert.ok(served || legacy || aggregated, `${role.name}: ${group || '""'} ${resource}`);
          }
        }
      }
    }
  });

  it('every binding refers to a role that exists, with well-formed subjects', () => {
    for (const b of bindings) {
      assert.strictEqual(b.roleRef.apiGroup, 'rbac.authorization.k8s.io', b.name);
      const target = roles.find((r) => r.kind === b.roleRef.kind && r.name === b.roleRef.name && (r.kind === 'ClusterRole' || r.namespace === b.namespace));
      assert.ok(target, `${b.kind} ${b.name} → ${b.roleRef.kind} ${b.roleRef.name}`);
      // system:node is bound to no one: the Node authorizer grants kubelets instead.
      assert.ok(b.subjects.length > 0 || b.name === 'system:node', b.name);
      for (const s of b.subjects) {
        assert.ok(['User', 'Group', 'ServiceAccount'].includes(s.kind), `${b.name}: ${s.kind}`);
        assert.ok(s.name.length > 0, b.name);
        if (s.kind === 'ServiceAccount') assert.ok(s.namespace, `${b.name}: ServiceAccount ${s.name} has a namespace`);
        else assert.strictEqual(s.apiGroup, 'rbac.authorization.k8s.io', `${b.name}: ${s.kind} ${s.name}`);
      }
    }
  });

  it('carries the Kubernetes attribution next to the data and at the root', () => {
    const sentence = 'Contains data from Kubernetes (https://github.com/kubernetes/kubernetes), Copyright The Kubernetes Authors, Apache License 2.0.';
    const notice = readFileSync(join(root, 'server', 'src', 'core', 'data', 'NOTICE.md'), 'utf8');
    assert.ok(notice.includes(sentence));
    for (const file of ['api-resources.json', 'bootstrap-policy.json']) assert.ok(notice.includes(file), file);
    assert.ok(readFileSync(join(root, 'NOTICE'), 'utf8').includes(sentence));
  });
});

function assertRule(role: string, rule: PolicyRule): void {
  assert.ok(rule.verbs.length > 0, `${role}: a rule without verbs`);
  const resourceRule = rule.apiGroups !== undefined || rule.resources !== undefined;
  assert.ok(resourceRule !== (rule.nonResourceURLs !== undefined), `${role}: resources or non-resource URLs, not both`);
  if (resourceRule) assert.ok(rule.apiGroups!.length > 0 && rule.resources!.length > 0, role);
}
