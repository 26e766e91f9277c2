import * as assert from 'assert';
import { parseAllDocuments } from 'yaml';
import { checkContext } from '../../../server/src/core/analysis';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';
import { refusalOf, suggestFixes, type FixOptions, type FixSuggestion } from '../../../server/src/core/fix-forbidden/suggest-fixes';
import { modelOf } from '../../helpers/check-harness';

const context = () => checkContext(modelOf({}), { builtinRoles: false });

function fixesFor(text: string, options: FixOptions = {}): { suggestions: FixSuggestion[]; refusals: string[] } {
  const denials = parseForbiddenMessage(text).filter((d) => d.rbac);
  assert.ok(denials.length > 0, `no RBAC denial in ${JSON.stringify(text)}`);
  return {
    suggestions: denials.flatMap((d) => suggestFixes(context(), d, options)),
    refusals: denials.map((d) => refusalOf(context(), d, options)?.reason).filter((r): r is string => !!r),
  };
}

function refused(text: string, reason: RegExp, options: FixOptions = {}): void {
  const { suggestions, refusals } = fixesFor(text, options);
  assert.deepStrictEqual(suggestions.filter((s) => s.yaml), [], 'no YAML for a refused denial');
  assert.strictEqual(refusals.length, 1, `refused: ${JSON.stringify(text)}`);
  assert.match(refusals[0], reason);
  assert.ok(!refusals[0].includes('\n') && /^[\x20-\x7e]*$/.test(refusals[0]), 'one printable line');
}

function onlyYaml(text: string, options: FixOptions = {}): { yaml: string; objects: Record<string, unknown>[] } {
  const yaml = fixesFor(text, options).suggestions.find((s) => s.title.startsWith('New '))?.yaml;
  assert.ok(yaml, 'a new grant');
  const docs = parseAllDocuments(yaml);
  assert.deepStrictEqual(docs.flatMap((d) => d.errors), []);
  return { yaml, objects: docs.map((d) => d.toJS() as Record<string, unknown>) };
}

const NEL = '\u0085';
const forbidden = (who: string, verb: string, resource: string, group: string, where: string) =>
  `pods is forbidden: User "${who}" cannot ${verb} resource "${resource}" in API group "${group}" ${where}`;

describe('hostile 403 pastes (regressions)', () => {
  it('the NEL aggregationRule payload in the API group is refused', () => {
    refused(forbidden('mallory', 'list', 'pods', `${NEL}aggregationRule:${NEL} {clusterRoleSelectors: [{matchLabels: {kubernetes.io/bootstrapping: rbac-defaults}}]}${NEL}#`, 'at the cluster scope'), /not an API group name/);
  });
  it('NEL in the namespace, resource and verb is refused', () => {
    refused(forbidden('alice', 'list', 'pods', '', `in the namespace "shop${NEL}---"`), /not a namespace name/);
    refused(forbidden('alice', 'list', `pods${NEL}x`, '', 'in the namespace "shop"'), /not a resource name|not a verb/);
    refused(forbidden('alice', `list${NEL}`, 'pods', '', 'in the namespace "shop"'), /not a verb/);
  });
  it('NEL, U+2028 and control characters in the user name are refused (kubectl rejects them even escaped)', () => {
    for (const user of [`alice${NEL}---${NEL}kind: ClusterRoleBinding`, 'alice\u001b[2J', 'alice\u007f']) {
      refused(forbidden(user, 'list', 'pods', '', 'in the namespace "shop"'), /control or line-break characters/);
    }
  });
  it('a non-ASCII user name is escaped in the subject and in the verify line, and reads as the same name', () => {
    const user = "jörg 😀 'q' #x";
    const { yaml, objects } = onlyYaml(forbidden(user, 'list', 'pods', '', 'in the namespace "shop"'));
    assert.match(yaml, /^[\x20-\x7e\n]*$/, 'printable ASCII only');
    assert.strictEqual(objects.length, 2);
    assert.deepStrictEqual((objects[1].subjects as { name: string }[])[0].name, user);
    assert.match(yaml, /--as \$'j\\xf6rg \\U0001f600 \\'q\\' #x'\n/);
  });
  it('namespace "kube-system #" and "\'kube-system\'" are refused, never kube-system', () => {
    refused(forbidden('alice', 'list', 'pods', '', 'in the namespace "kube-system #"'), /not a namespace name/);
    refused(forbidden('alice', 'list', 'pods', '', 'in the namespace "\'kube-system\'"'), /not a namespace name/);
  });
  it('namespaces "|", "!!null" and "{a: b}" are refused', () => {
    for (const ns of ['|', '!!null', '{a: b}']) refused(forbidden('alice', 'list', 'pods', '', `in the namespace "${ns}"`), /not a namespace name/);
  });
  it('system:serviceaccount:!!null:default is refused, not a subject with a null namespace', () => {
    refused(forbidden('system:serviceaccount:!!null:default', 'list', 'pods', '', 'in the namespace "shop"'), /names no ServiceAccount/);
  });
  it('a verb "get:" is refused instead of making invalid YAML', () => {
    refused(forbidden('alice', 'get:', 'pods', '', 'in the namespace "shop"'), /not a verb/);
  });
  it('user names alice:, a numeric OIDC subject, yes, null and 1.10 stay the same strings', () => {
    for (const user of ['alice:', '112233445566778899001', 'yes', 'null', '1.10']) {
      const { objects } = onlyYaml(forbidden(user, 'list', 'pods', '', 'in the namespace "shop"'));
      assert.strictEqual((objects[1].subjects as { name: unknown }[])[0].name, user);
    }
  });
  it('wildcards are refused: * * *, resource *, path *', () => {
    refused('x is forbidden: User "alice" cannot * resource "*" in API group "*" at the cluster scope', /wildcard/);
    refused(forbidden('alice', 'get', '*', '', 'in the namespace "shop"'), /wildcard/);
    refused('forbidden: User "alice" cannot get path "*"', /wildcard/);
  });
  it('an escalation never copies a * rule into the YAML', () => {
    const text = 'clusterroles.rbac.authorization.k8s.io "x" is forbidden: user "bob" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:["*"], Resources:["*"], Verbs:["*"]}\n{APIGroups:[""], Resources:["pods"], Verbs:["get"]}';
    const { suggestions } = fixesFor(text);
    const give = suggestions.find((s) => s.title.startsWith('Give'))!;
    assert.match(give.title, /1 wildcard or invalid rule\(s\) left out/);
    const rules = parseAllDocuments(give.yaml!)[0].toJS().rules as { verbs: string[]; resources: string[] }[];
    assert.deepStrictEqual(rules, [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]);
    assert.ok(!give.yaml!.includes('Grants exactly what was denied'));
    const onlyWildcard = fixesFor(text.replace('\n{APIGroups:[""], Resources:["pods"], Verbs:["get"]}', '')).suggestions;
    assert.ok(onlyWildcard.every((s) => !s.yaml || !s.yaml.includes('"*"')));
    assert.ok(onlyWildcard.some((s) => /wildcards or invalid fields: nothing generated/.test(s.title)));
  });
  it('a truncated paste (no namespace, no scope) is refused with a -n hint, never cluster-wide', () => {
    refused('pods is forbidden: User "alice" cannot list resource "pods" in API group ""', /-n NS/);
    refused(forbidden('alice', 'list', 'pods', '', 'in the namespace ""'), /empty namespace.*-n NS/);
  });
  it('with a namespace given, a truncated paste of a namespaced resource becomes a Role there', () => {
    const { objects } = onlyYaml('pods is forbidden: User "alice" cannot list resource "pods" in API group ""', { namespace: 'shop' });
    assert.deepStrictEqual(objects.map((o) => [o.kind, (o.metadata as { namespace: string }).namespace]), [['Role', 'shop'], ['RoleBinding', 'shop']]);
  });
  it('with a namespace given, an unknown or cluster-scoped resource is still refused', () => {
    refused('x is forbidden: User "alice" cannot list resource "widgets" in API group "example.com"', /not known to live in namespaces/, { namespace: 'shop' });
    refused('x is forbidden: User "alice" cannot list resource "nodes" in API group ""', /not known to live in namespaces/, { namespace: 'shop' });
    refused('pods is forbidden: User "alice" cannot list resource "pods" in API group ""', /not a namespace name/, { namespace: 'Shop!' });
  });
  it('the header says when the denied object\'s name was dropped', () => {
    const text = 'secrets "db-password" is forbidden: User "alice" cannot get resource "secrets" in API group "" in the namespace "payments"';
    assert.match(onlyYaml(text).yaml, /^# Grants get on all secrets in namespace payments; add --resource-names to limit it to db-password\.\n/);
    assert.match(onlyYaml(text, { resourceNames: true }).yaml, /^# Grants exactly what was denied: get on secrets named db-password in namespace payments\.\n/);
  });
  it('the header says which verbs were added to the denied one', () => {
    const yaml = onlyYaml(forbidden('alice', 'list', 'pods', '', 'in the namespace "shop"'), { companions: true }).yaml;
    assert.match(yaml, /^# Grants list, watch on all pods in namespace shop\.\n# The denied verb was list; watch is added/);
  });
});
