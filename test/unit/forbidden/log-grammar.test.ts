import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';

interface Rule {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  include?: string;
  captures?: Record<string, { name: string }>;
  patterns?: Rule[];
}
interface Grammar {
  scopeName: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
}

const root = join(__dirname, '../../../..');
const grammar = JSON.parse(readFileSync(join(root, 'syntaxes/kubernetes-log.tmLanguage.json'), 'utf8')) as Grammar;
const samples = (JSON.parse(readFileSync(join(root, 'test/fixtures/forbidden-samples/samples.json'), 'utf8')) as { entries: { id: string; text: string }[] }).entries;

/** An Oniguruma pattern as a JavaScript RegExp: inline flags become flags, Oniguruma-only escapes their JS equivalents. */
function toJs(source: string, flags = ''): RegExp {
  let js = source;
  let extra = '';
  js = js.replace(/^\(\?([imx]+)\)/, (_, f: string) => {
    extra = f.replace(/x/g, '');
    return '';
  });
  js = js.replace(/\\h/g, '[0-9A-Fa-f]').replace(/\\A/g, '^').replace(/\\[zZ]/g, '$').replace(/\\G/g, '').replace(/\(\?>/g, '(?:').replace(/([*+?}])\+/g, '$1');
  return new RegExp(js, flags + extra);
}

/** Every rule reachable from the grammar, with where it sits. */
function allRules(): [string, Rule][] {
  const out: [string, Rule][] = [];
  const visit = (where: string, rule: Rule) => {
    out.push([where, rule]);
    rule.patterns?.forEach((p, i) => visit(`${where}.patterns[${i}]`, p));
  };
  grammar.patterns.forEach((p, i) => visit(`patterns[${i}]`, p));
  for (const [key, rule] of Object.entries(grammar.repository)) visit(`repository.${key}`, rule);
  return out;
}

/** The match rules in the order a top-level scan tries them, includes resolved. */
function flatten(rules: Rule[]): Rule[] {
  return rules.flatMap((rule) => {
    if (rule.include) return flatten([grammar.repository[rule.include.slice(1)]]);
    if (rule.patterns) return flatten(rule.patterns);
    return [rule];
  });
}

interface Token { scope: string; text: string }

/** A TextMate-style scan of one line with match rules: the earliest match wins, ties go to the first rule. */
function tokenize(line: string): Token[] {
  const rules = flatten(grammar.patterns).map((rule) => ({ rule, re: toJs(rule.match!, 'gd') }));
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < line.length) {
    let best: { rule: Rule; m: RegExpExecArray } | undefined;
    for (const { rule, re } of rules) {
      re.lastIndex = pos;
      const m = re.exec(line);
      if (m && m[0].length > 0 && (!best || m.index < best.m.index)) best = { rule, m };
    }
    if (!best) break;
    const { rule, m } = best;
    if (rule.name) tokens.push({ scope: rule.name, text: m[0] });
    for (const [index, capture] of Object.entries(rule.captures ?? {})) {
      const text = m[Number(index)];
      if (text !== undefined && text !== '') tokens.push({ scope: capture.name, text });
    }
    pos = m.index + m[0].length;
  }
  return tokens;
}

/** The texts given a scope with this segment (whole-match meta scopes left out). */
const tokensWith = (tokens: Token[], part: string) => tokens.filter((t) => !t.scope.startsWith('meta.') && t.scope.split('.').includes(part)).map((t) => t.text);

function sampleLine(id: string, contains: string): string {
  const entry = samples.find((e) => e.id === id);
  assert.ok(entry, id);
  const line = entry.text.split('\n').find((l) => l.includes(contains));
  assert.ok(line, `${id} has a line with ${contains}`);
  return line;
}

describe('Kubernetes log grammar', () => {
  it('is the text.log.kubernetes grammar', () => {
    assert.strictEqual(grammar.scopeName, 'text.log.kubernetes');
  });

  it('compiles every regex in JavaScript', () => {
    let count = 0;
    for (const [where, rule] of allRules()) {
      for (const key of ['match', 'begin', 'end'] as const) {
        const source = rule[key];
        if (source === undefined) continue;
        assert.doesNotThrow(() => toJs(source), `${where}.${key}: ${source}`);
        count++;
      }
    }
    assert.ok(count >= 10, `${count} regexes`);
  });

  it('resolves every include and names every capture', () => {
    for (const [where, rule] of allRules()) {
      if (rule.include) assert.ok(grammar.repository[rule.include.slice(1)], `${where} includes ${rule.include}`);
      for (const [index, capture] of Object.entries(rule.captures ?? {})) {
        assert.ok(/^\d+$/.test(index) && capture.name, `${where} capture ${index}`);
        const groups = new RegExp(`${toJs(rule.match!).source}|`).exec('')!.length - 1;
        assert.ok(Number(index) <= groups, `${where} capture ${index} of ${groups} groups`);
      }
    }
  });

  it('highlights the parts of a current denial from a reflector log', () => {
    const line = sampleLine('fs-077', 'W1004');
    const tokens = tokenize(line);
    assert.deepStrictEqual(tokensWith(tokens, 'subject'), ['system:serviceaccount:kueue-system:kueue-controller-manager']);
    assert.deepStrictEqual(tokensWith(tokens, 'verb'), ['list']);
    assert.deepStrictEqual(tokensWith(tokens, 'resource'), ['validatingadmissionpolicybindings.admissionregistration.k8s.io', 'validatingadmissionpolicybindings']);
    assert.deepStrictEqual(tokensWith(tokens, 'api-group'), ['admissionregistration.k8s.io']);
    assert.ok(tokensWith(tokens, 'forbidden').includes('is forbidden'));
    assert.ok(tokensWith(tokens, 'warning').includes('W'));
  });

  it('highlights a denial whose quotes are backslash-escaped', () => {
    const line = sampleLine('fs-061', 'Server rejected event');
    const tokens = tokenize(line);
    assert.deepStrictEqual(tokensWith(tokens, 'subject'), ['system:serviceaccount:default:radix-api-server']);
    assert.deepStrictEqual(tokensWith(tokens, 'namespace').slice(0, 1), ['rihag-app']);
    assert.deepStrictEqual(tokensWith(tokens, 'verb'), ['create']);
  });

  it('highlights the namespace, the object name and kubectl\'s prefix', () => {
    const tokens = tokenize('Error from server (Forbidden): pods "web-0" is forbidden: User "alice" cannot create resource "pods/exec" in API group "" in the namespace "default"');
    assert.deepStrictEqual(tokensWith(tokens, 'namespace'), ['default']);
    assert.deepStrictEqual(tokensWith(tokens, 'object-name'), ['web-0']);
    assert.deepStrictEqual(tokensWith(tokens, 'resource'), ['pods', 'pods/exec']);
    assert.ok(tokensWith(tokens, 'phrase').includes('Error from server'));
    assert.ok(tokens.some((t) => t.scope === 'meta.denial.resource.kubernetes-log'));
  });

  it('highlights old-format and non-resource denials', () => {
    const old = tokenize(sampleLine('fs-039', 'cannot list pods'));
    assert.deepStrictEqual(tokensWith(old, 'subject'), ['system:serviceaccount:default:gl-gw-brigade-gitlab-gateway']);
    assert.deepStrictEqual(tokensWith(old, 'namespace'), ['default']);
    assert.ok(tokensWith(old, 'error').includes('E'));
    const path = tokenize('forbidden: User \\"system:anonymous\\" cannot get path \\"/metrics\\"');
    assert.deepStrictEqual(tokensWith(path, 'path'), ['/metrics']);
    assert.deepStrictEqual(tokensWith(path, 'subject'), ['system:anonymous']);
  });

  it('highlights the kubelet shape and escalation messages', () => {
    const kubelet = tokenize('Error from server (Forbidden): Forbidden (user=kube-apiserver, verb=get, resource=nodes, subresource=proxy) ( pods/log web-0)');
    assert.deepStrictEqual(tokensWith(kubelet, 'subject'), ['kube-apiserver']);
    assert.deepStrictEqual(tokensWith(kubelet, 'verb'), ['get']);
    assert.deepStrictEqual(tokensWith(kubelet, 'resource'), ['nodes', 'proxy']);
    const escalation = tokenize('roles.rbac.authorization.k8s.io "r" is forbidden: user "bob" (groups=["dev" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:');
    assert.deepStrictEqual(tokensWith(escalation, 'subject'), ['bob']);
    assert.deepStrictEqual(tokensWith(escalation, 'groups'), ['["dev" "system:authenticated"]']);
  });

  it('highlights log levels and timestamps', () => {
    const tokens = tokenize('2024-03-19T03:14:25.943+0800\tERROR\tcontroller\treconcile failed level=warning');
    assert.deepStrictEqual(tokensWith(tokens, 'date'), ['2024-03-19T03:14:25.943+0800']);
    assert.deepStrictEqual(tokensWith(tokens, 'error'), ['ERROR']);
    assert.deepStrictEqual(tokensWith(tokens, 'warning'), ['warning']);
  });
});
