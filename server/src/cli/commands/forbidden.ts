import { readFileSync } from 'fs';
import { relative } from 'path';
import { applyEdits } from '../../core/edits/apply-edits';
import type { TextEdit } from '../../core/edits/types';
import { unifiedDiff } from '../../core/edits/unified-diff';
import { checkContext } from '../../core/analysis';
import { parseForbiddenMessage } from '../../core/forbidden/parse-forbidden-message';
import type { Denial } from '../../core/forbidden/types';
import { refusalOf, suggestFixes, type FixSuggestion } from '../../core/fix-forbidden/suggest-fixes';
import { summariseDenial } from '../../core/fix-forbidden/summarise-denial';
import { InputError } from '../errors';
import { println, readAll, type CliIo } from '../io';
import { boolFlag, flag, parseArgs } from '../parse-args';
import type { AccessVerdict } from '../../protocol/custom-messages';
import { connectFromArgs, loadManifests, POLICY_FLAGS } from './policy-args';

/**
 * `rbac-doctor forbidden [TEXT | -]`: the least-privilege change for a pasted 403. Prints YAML (or the
 * patch to the manifests of -f, by default the current directory); exit 3 when the text is not an RBAC denial, or when every RBAC
 * denial is refused (a field Kubernetes would not accept, a wildcard, no scope: `-n` gives one). With a cluster
 * named, an access review first says whether the denial still holds, and live roles count as existing.
 */
export async function runForbidden(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, [
    ...POLICY_FLAGS,
    { name: 'json', value: false },
    { name: 'resource-names', value: false },
    { name: 'companions', value: false },
    { name: 'namespace', short: 'n', value: true },
  ]);
  const text = await readMessage(args.positional, io);
  const denials = parseForbiddenMessage(text);
  const workspace = loadManifests(args, io);
  const cluster = denials.some((d) => d.rbac) ? await connectFromArgs(args, io) : undefined;
  const verdicts = cluster ? await cluster.verify(denials.filter((d) => d.rbac)) : undefined;
  const context = checkContext(workspace, { builtinRoles: !args.flags.has('no-builtin-roles') }, cluster?.snapshot);
  const options = { resourceNames: boolFlag(args, 'resource-names'), companions: boolFlag(args, 'companions'), namespace: flag(args, 'namespace') };
  const suggestions = denials.filter((d) => d.rbac).flatMap((d) => suggestFixes(context, d, options));
  const refusals = denials.map((d, index) => ({ denial: index, ...refusalOf(context, d, options) })).filter((r) => r.reason);
  const anyRbac = denials.some((d) => d.rbac) && refusals.length < denials.filter((d) => d.rbac).length;
  if (boolFlag(args, 'json')) {
    const explanations = denials.map((d, index) => ({ denial: index, text: d.explanation })).filter((e) => e.text);
    println(io.stdout, JSON.stringify({ denials: denials.map(contractFields), suggestions: suggestions.map(jsonSuggestion), explanations, ...(refusals.length ? { refusals } : {}), ...(verdicts ? { cluster: { context: cluster!.context, verdicts } } : {}) }, null, 2));
    return anyRbac ? 0 : 3;
  }
  if (denials.length === 0) {
    println(io.stderr, 'No Kubernetes "forbidden" message found in the input.');
    return 3;
  }
  for (const denial of denials) {
    println(io.stderr, `# ${summariseDenial(denial)}`);
    if (denial.explanation) println(io.stderr, `# ${denial.explanation}`);
  }
  for (const refused of refusals) println(io.stderr, `# Refused: ${refused.reason}`);
  if (!anyRbac) return 3;
  if (cluster && verdicts) {
    for (const verdict of verdicts) println(io.stderr, `# cluster ${cluster.context}: ${describeVerdict(verdict)}`);
    if (verdicts.length > 0 && verdicts.every((v) => v.allowed)) {
      println(io.stderr, '# Nothing to grant: the cluster allows every denied request now.');
      return 0;
    }
  }
  const best = preferred(suggestions, workspace.allFiles().length > 0);
  for (const suggestion of best) printSuggestion(suggestion, io);
  return 0;
}

function describeVerdict(verdict: AccessVerdict): string {
  if (verdict.error) return `could not check (${verdict.error})`;
  const how = verdict.self ? 'SelfSubjectAccessReview' : 'SubjectAccessReview';
  return `${verdict.allowed ? 'allowed now' : 'still denied'} (${how}${verdict.reason ? `: ${verdict.reason}` : ''})`;
}

async function readMessage(positional: string[], io: CliIo): Promise<string> {
  if (positional.length === 0 || positional[0] === '-') return readAll(io.stdin);
  if (positional.length === 1 && positional[0].startsWith('@')) {
    try {
      return readFileSync(positional[0].slice(1), 'utf8');
    } catch (error) {
      throw new InputError(`${positional[0].slice(1)}: ${(error as Error).message}`);
    }
  }
  return positional.join(' ');
}

/** With a workspace: its edits first; otherwise the new least-privilege YAML. One suggestion per denial. */
function preferred(suggestions: FixSuggestion[], haveWorkspace: boolean): FixSuggestion[] {
  if (haveWorkspace) {
    const edits = suggestions.filter((s) => s.kind === 'edit');
    if (edits.length) return edits;
  }
  return suggestions.filter((s) => s.kind === 'new' && s.title.startsWith('New '));
}

function printSuggestion(suggestion: FixSuggestion, io: CliIo): void {
  println(io.stderr, `# ${suggestion.title}`);
  if (suggestion.yaml) {
    println(io.stdout, '---');
    io.stdout.write(suggestion.yaml);
  }
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of suggestion.edits ?? []) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, edits] of byFile) {
    const before = readFileSync(file, 'utf8');
    io.stdout.write(unifiedDiff(relative(io.cwd, file) || file, before, applyEdits(before, edits)));
  }
}

/** The contract's fields only; explanations travel separately. */
function contractFields(denial: Denial): Omit<Denial, 'explanation'> {
  const { explanation: _explanation, ...fields } = denial;
  void _explanation;
  return fields;
}

function jsonSuggestion(s: FixSuggestion) {
  return { title: s.title, kind: s.kind, ...(s.yaml ? { yaml: s.yaml } : {}), ...(s.edits ? { edits: s.edits } : {}) };
}
