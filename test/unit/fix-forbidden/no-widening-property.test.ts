import * as assert from 'assert';
import { checkContext } from '../../../server/src/core/analysis';
import type { CheckContext } from '../../../server/src/core/checks/check';
import { consolidate } from '../../../server/src/core/consolidate/consolidate';
import { renderChange } from '../../../server/src/core/consolidate/render-change';
import { applyEdits } from '../../../server/src/core/edits/apply-edits';
import type { TextEdit } from '../../../server/src/core/edits/types';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';
import { suggestFixes, type FixSuggestion } from '../../../server/src/core/fix-forbidden/suggest-fixes';
import { readLogText } from '../../../server/src/core/logs/log-reader';
import { canI } from '../../../server/src/core/rbac/authorize';
import { effectiveRules } from '../../../server/src/core/rbac/effective-permissions';
import { PolicyIndex } from '../../../server/src/core/rbac/policy-index';
import { ruleAllows } from '../../../server/src/core/rbac/rule-matches';
import { identityOf } from '../../../server/src/core/rbac/subjects';
import type { ResourceRequest } from '../../../server/src/core/rbac/types';
import { modelOf, type Files } from '../../helpers/check-harness';
import { seeded } from '../../helpers/hostile-pastes';
import {
  forbiddenText, randomDenial, randomWorkspace, RESOURCES, userNameOf, VERBS, type DeniedRequest, type Principal, type RandomWorkspace,
} from '../../helpers/random-rbac-workspace';

/** RBAC_DOCTOR_PROPERTY_SEED=N reproduces a run; each workspace w uses seed N + w. */
const SEED = Number(process.env.RBAC_DOCTOR_PROPERTY_SEED ?? 19);
const WORKSPACES = 120;

const contextOf = (files: Files) => checkContext(modelOf(files), { builtinRoles: true });

function requestOf(denied: DeniedRequest): ResourceRequest {
  return { kind: 'resource', verb: denied.verb, apiGroup: denied.resource.group, resource: denied.resource.resource, namespace: denied.namespace };
}

/** Everything a principal may do, in every namespace of the workspace, across all namespaces and at cluster scope. */
function permissionTable(index: PolicyIndex, workspace: RandomWorkspace, principal: Principal): string {
  const user = identityOf(userNameOf(principal));
  let bits = '';
  // The rules that apply in a namespace (or at cluster scope) are exactly what canI visits, read once per scope.
  for (const namespace of [...workspace.namespaces, undefined]) {
    const rules = effectiveRules(index, user, namespace).map((e) => e.rule);
    for (const resource of RESOURCES) {
      if (!resource.namespaced && namespace) continue;
      for (const verb of VERBS) {
        const request: ResourceRequest = { kind: 'resource', verb, apiGroup: resource.group, resource: resource.resource, namespace };
        bits += rules.some((rule) => ruleAllows(rule, request)) ? '1' : '0';
      }
    }
  }
  return bits;
}

function tables(context: CheckContext, workspace: RandomWorkspace): Map<string, string> {
  const index = new PolicyIndex(context.policy);
  return new Map(workspace.principals.map((p) => [userNameOf(p), permissionTable(index, workspace, p)]));
}

function applied(files: Files, yaml: string | undefined, edits: TextEdit[]): Files {
  const out = { ...files };
  if (yaml) out['/w/generated-fix.yaml'] = yaml;
  for (const file of new Set(edits.map((e) => e.file))) out[file] = applyEdits(out[file], edits.filter((e) => e.file === file));
  return out;
}

/** Applies a change; the subject's denied requests must be allowed and nobody else's table may change. */
function assertGrantsSubjectAlone(workspace: RandomWorkspace, before: Map<string, string>, subject: string, denied: DeniedRequest[], yaml: string | undefined, edits: TextEdit[], what: string) {
  const files = applied(workspace.files, yaml, edits);
  const context = contextOf(files);
  const index = new PolicyIndex(context.policy);
  for (const request of denied) {
    assert.ok(canI(index, identityOf(subject), requestOf(request)).allowed, `${what}: ${forbiddenText(request)} must be allowed after it`);
  }
  const after = tables(context, workspace);
  for (const [user, table] of before) {
    if (user === subject) continue;
    assert.strictEqual(after.get(user), table, `${what}: the permissions of ${user} changed`);
  }
}

/** Words in the title for everyone else who gains; `widens` entries about the subject itself start with its name. */
const namesOthers = (fix: FixSuggestion, principal: Principal) => (fix.widens ?? []).some((w) => !w.startsWith(`${principal.name} in `));

function describeCase(seed: number, workspace: RandomWorkspace, text: string): string {
  return `seed ${seed} (RBAC_DOCTOR_PROPERTY_SEED=${SEED}), denial:\n${text}\nworkspace:\n${Object.entries(workspace.files).map(([f, t]) => `# ${f}\n${t}`).join('\n')}`;
}

describe('Fix Forbidden grants the denied subject what was denied, and nobody anything more (random workspaces)', function () {
  this.timeout(120_000);

  it(`single 403s: the first suggestion, and every one whose title names nobody else, change no one else's permissions (${WORKSPACES} workspaces)`, () => {
    let checked = 0;
    let widening = 0;
    let editsFirst = 0;
    for (let w = 0; w < WORKSPACES; w++) {
      const seed = SEED + w;
      const random = seeded(seed);
      const workspace = randomWorkspace(random);
      const context = contextOf(workspace.files);
      const index = new PolicyIndex(context.policy);
      const before = tables(context, workspace);
      for (let d = 0; d < 3; d++) {
        const denied = randomDenial(random, workspace);
        const subject = userNameOf(denied.principal);
        if (canI(index, identityOf(subject), requestOf(denied)).allowed) continue;
        const text = forbiddenText(denied);
        const where = () => describeCase(seed, workspace, text);
        const fixes = suggestFixes(context, parseForbiddenMessage(text)[0]);
        assert.ok(fixes.length > 0 && fixes[0].recommended && !fixes[0].widens, `the first suggestion is recommended and widens nothing: ${where()}`);
        if (fixes[0].kind === 'edit') editsFirst++;
        for (const fix of fixes) {
          assert.ok(!(fix.edits ?? []).some((e) => e.file === workspace.defaultsFile), `"${fix.title}" edits a default role: ${where()}`);
          if (namesOthers(fix, denied.principal)) {
            widening++;
            assert.ok(!/exactly/i.test(fix.title), `"${fix.title}" says exactly: ${where()}`);
            for (const other of fix.widens!.filter((w) => !w.startsWith(`${denied.principal.name} in `))) assert.ok(fix.title.includes(other), `"${fix.title}" names ${other}: ${where()}`);
            continue;
          }
          assertGrantsSubjectAlone(workspace, before, subject, [denied], fix.yaml, fix.edits ?? [], `"${fix.title}" for ${where()}`);
          checked++;
        }
      }
    }
    if (process.env.RBAC_DOCTOR_PROPERTY_STATS) console.log(`single 403s: ${checked} suggestions applied and checked, ${widening} widening edits, ${editsFirst} exact edits first`);
    // The generator must reach every kind of case, or the property proves little.
    assert.ok(checked > 500, `only ${checked} suggestions checked`);
    assert.ok(widening > 20, `only ${widening} widening edits seen`);
    assert.ok(editsFirst > 10, `only ${editsFirst} exact edits offered first`);
  });

  it(`whole logs: each subject's change lets its denials through and changes no one else's permissions (${WORKSPACES} workspaces)`, () => {
    let changes = 0;
    let edited = 0;
    for (let w = 0; w < WORKSPACES; w++) {
      const seed = SEED + 100_000 + w;
      const random = seeded(seed);
      const workspace = randomWorkspace(random);
      const context = contextOf(workspace.files);
      const index = new PolicyIndex(context.policy);
      const before = tables(context, workspace);
      const denied = Array.from({ length: 2 + Math.floor(random() * 5) }, () => randomDenial(random, workspace))
        .filter((d) => !canI(index, identityOf(userNameOf(d.principal)), requestOf(d)).allowed);
      const text = denied.map(forbiddenText).join('\n');
      const denials = readLogText(text).denials;
      const result = consolidate(context, denials);
      for (const change of result.changes) {
        const subject = change.asUser;
        const where = describeCase(seed, workspace, text);
        const edits = change.edits.flatMap((e) => e.edits);
        assert.ok(!edits.some((e) => e.file === workspace.defaultsFile), `a whole-log change edits a default role: ${where}`);
        const own = denied.filter((d) => userNameOf(d.principal) === subject);
        assert.doesNotThrow(() => applied(workspace.files, undefined, edits), `the edits of the change for ${subject} apply: ${JSON.stringify(edits)} ${where}`);
        assertGrantsSubjectAlone(workspace, before, subject, own, renderChange(change) || undefined, edits, `the change for ${subject} in ${where}`);
        changes++;
        if (edits.length) edited++;
      }
    }
    if (process.env.RBAC_DOCTOR_PROPERTY_STATS) console.log(`whole logs: ${changes} changes applied and checked, ${edited} of them edit a role`);
    assert.ok(changes > 200, `only ${changes} changes checked`);
    assert.ok(edited > 10, `only ${edited} changes edited a role`);
  });
});
