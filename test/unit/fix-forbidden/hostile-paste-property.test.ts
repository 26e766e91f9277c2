import * as assert from 'assert';
import { parseAllDocuments } from 'yaml';
import { checkContext } from '../../../server/src/core/analysis';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';
import type { Denial } from '../../../server/src/core/forbidden/types';
import { refusalOf, requestOf, suggestFixes, type FixOptions } from '../../../server/src/core/fix-forbidden/suggest-fixes';
import { validateDenial } from '../../../server/src/core/fix-forbidden/validate-denial';
import { canI } from '../../../server/src/core/rbac/authorize';
import { PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import { identityOf } from '../../../server/src/core/rbac/subjects';
import type { AccessRequest } from '../../../server/src/core/rbac/types';
import { modelOf } from '../../helpers/check-harness';
import { hostilePastes, seeded } from '../../helpers/hostile-pastes';
import { availableReader, readAll } from '../../helpers/yaml11-reader';

const PASTES = 3000;
const reader = availableReader();

interface Output { paste: string; denial: Denial; title: string; yaml: string; objects: Record<string, unknown>[] }

function userOf(denial: Denial): string {
  const s = denial.subject!;
  return s.kind === 'ServiceAccount' ? `system:serviceaccount:${s.namespace}:${s.name}` : s.name!;
}

/** Requests next to the denied one that the grant must not allow. */
function neighbours(request: AccessRequest, named: boolean): AccessRequest[] {
  const out: AccessRequest[] = [{ ...request, verb: request.verb === 'deletecollection' ? 'escalate' : 'deletecollection' }, { ...request, verb: '*' }];
  if (request.kind === 'resource') {
    out.push({ ...request, resource: `${request.resource}x` }, { ...request, resource: '*' }, { ...request, apiGroup: '*' });
    if (request.namespace) out.push({ ...request, namespace: `${request.namespace}-other` }, { ...request, namespace: undefined });
    if (request.name && named) out.push({ ...request, name: `${request.name}x` });
  } else out.push({ ...request, path: `${request.path}x` }, { ...request, path: '*' });
  return out;
}

function otherUsers(user: string): string[] {
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(user);
  return sa ? [`system:serviceaccount:${sa[1]}:${sa[2]}x`, `system:serviceaccount:${sa[1]}x:${sa[2]}`, `system:serviceaccount:${sa[1]}:${sa[2] === 'web' ? 'default' : 'web'}`] : [`${user}x`, `x${user}`, '*'];
}

/** Kubernetes names of the objects in an output are made unique per output, so one folder can hold them all. */
function renamed(yaml: string, objects: Record<string, unknown>[], index: number): string {
  let text = yaml;
  for (const name of new Set(objects.map((o) => (o.metadata as { name: string }).name))) {
    assert.match(name, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'generated names are DNS labels');
    text = text.split(`name: "${name}"\n`).join(`name: "o${index}-${name}"\n`);
  }
  return text;
}

describe(`Fix Forbidden Error on ${PASTES} generated hostile pastes: refused, or read alike by the yaml library and by ${reader ?? 'a YAML 1.1 reader (none found: install kubectl or python3-yaml)'}`, function () {
  this.timeout(120_000);
  const context = checkContext(modelOf({}), { builtinRoles: false });
  const outputs: Output[] = [];
  let refused = 0;
  let rbacDenials = 0;

  before(() => {
    const random = seeded(14);
    for (const paste of hostilePastes(PASTES)) {
      for (const denial of parseForbiddenMessage(paste).filter((d) => d.rbac)) {
        rbacDenials++;
        const options: FixOptions = { resourceNames: random() < 0.5, namespace: random() < 0.3 ? 'shop' : undefined };
        const refusal = refusalOf(context, denial, options);
        const suggestions = suggestFixes(context, denial, options);
        if (refusal) {
          refused++;
          assert.deepStrictEqual(suggestions.filter((s) => s.yaml), [], `refused yet YAML for ${JSON.stringify(paste)}`);
          assert.match(refusal.reason, /^[\x20-\x7e]+$/, 'a refusal is one printable line');
          continue;
        }
        const placed = (validateDenial(denial, { ...options, isNamespaced: (g, r) => context.catalog.isNamespaced(g, r) }) as { denial: Denial }).denial;
        for (const s of suggestions.filter((x) => x.yaml)) {
          const docs = parseAllDocuments(s.yaml!);
          assert.deepStrictEqual(docs.flatMap((d) => [...d.errors, ...d.warnings].map((e) => e.message)), [], s.yaml);
          outputs.push({ paste, denial: placed, title: s.title, yaml: s.yaml!, objects: docs.map((d) => d.toJS() as Record<string, unknown>) });
        }
      }
    }
  });

  it('generates enough of both: refusals and grants', () => {
    assert.ok(rbacDenials >= PASTES * 0.8, `${rbacDenials} RBAC denials`);
    assert.ok(refused >= 500 && outputs.length >= 500, `${refused} refused, ${outputs.length} outputs`);
  });

  it('every output is printable ASCII lines, RBAC objects only, no aggregation', () => {
    for (const o of outputs) {
      assert.match(o.yaml, /^[\x20-\x7e\n]*$/, o.yaml);
      for (const object of o.objects) {
        assert.ok(['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'].includes(object.kind as string), o.yaml);
        assert.ok(!('aggregationRule' in object), o.yaml);
        for (const rule of (object.rules ?? []) as Record<string, string[]>[]) {
          for (const values of Object.values(rule)) assert.ok(!values.includes('*'), `a wildcard in ${o.yaml}`);
        }
      }
    }
  });

  it('each grant allows the denied request to the denied subject, and nothing next to it', () => {
    for (const o of outputs.filter((x) => x.title.startsWith('New '))) {
      const request = requestOf(o.denial)!;
      const index = new PolicyIndex(checkContext(modelOf({ '/w/grant.yaml': o.yaml }), { builtinRoles: false }).policy);
      const user = userOf(o.denial);
      assert.ok(canI(index, identityOf(user), request).allowed, `${JSON.stringify(request)} for ${JSON.stringify(user)} by:\n${o.yaml}`);
      for (const other of otherUsers(user)) assert.ok(!canI(index, identityOf(other), request).allowed, `${JSON.stringify(other)} allowed by:\n${o.yaml}`);
      const named = (o.objects[0].rules as { resourceNames?: string[] }[]).some((r) => r.resourceNames);
      for (const near of neighbours(request, named)) assert.ok(!canI(index, identityOf(user), near).allowed, `${JSON.stringify(near)} allowed by:\n${o.yaml}`);
    }
  });

  it('escalation fixes grant only to the denied subject, never everything', () => {
    for (const o of outputs.filter((x) => !x.title.startsWith('New '))) {
      const index = new PolicyIndex(checkContext(modelOf({ '/w/grant.yaml': o.yaml }), { builtinRoles: false }).policy);
      const user = userOf(o.denial);
      const everything: AccessRequest = { kind: 'resource', verb: '*', apiGroup: '*', resource: '*' };
      assert.ok(!canI(index, identityOf(user), everything).allowed, o.yaml);
      const rule = (o.objects[0].rules as { verbs: string[]; apiGroups?: string[]; resources?: string[]; nonResourceURLs?: string[] }[])[0];
      const request: AccessRequest = rule.nonResourceURLs
        ? { kind: 'non-resource', verb: rule.verbs[0], path: rule.nonResourceURLs[0] }
        : { kind: 'resource', verb: rule.verbs[0], apiGroup: rule.apiGroups![0], resource: rule.resources![0].split('/')[0], subresource: rule.resources![0].split('/')[1] };
      assert.ok(canI(index, identityOf(user), request).allowed, o.yaml);
      for (const other of otherUsers(user)) assert.ok(!canI(index, identityOf(other), request).allowed, o.yaml);
    }
  });

  it(`kubectl's reading (${reader ?? 'none'}) is the yaml library's reading, object for object`, function () {
    if (!reader) assert.fail('Neither kubectl nor python3-yaml is installed: the YAML 1.1 reading cannot be checked.');
    const unique = [...new Map(outputs.map((o) => [o.yaml, o])).values()];
    const texts = unique.map((o, i) => renamed(o.yaml, o.objects, i));
    const read = readAll(reader, texts);
    let expected = 0;
    for (const text of texts) {
      for (const doc of parseAllDocuments(text)) {
        const object = doc.toJS() as { kind: string; metadata: { name: string; namespace?: string } };
        expected++;
        assert.deepStrictEqual(read.get(`${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`), object, text);
      }
    }
    assert.strictEqual(read.size, expected, `${reader} read objects the yaml library did not`);
  });
});
