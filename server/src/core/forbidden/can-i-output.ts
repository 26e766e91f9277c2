import { ResourceCatalog } from '../catalog/catalog';
import type { GroupGuess } from './resource-words';
import { splitQualified, splitSubresource } from './resource-words';
import { subjectOf, UNKNOWN_SUBJECT, type Denial, type Located } from './types';

/**
 * `kubectl auth can-i VERB TYPE[/NAME] [-n NS | -A] [--as USER] [--subresource S]` followed by its answer
 * `no` (optionally ` - reason`). A `yes` is no denial.
 */
const COMMAND = 'kubectl auth can-i ';
/** More words than any real command line has: a paste of words that never ends in an answer is not one. */
const MAX_WORDS = 40;
const BOOLEAN_FLAGS = /^(-A|--all-namespaces|--quiet|-q|--list)$/;

interface CommandLine {
  positional: string[];
  flags: Map<string, string>;
}

function parseArgs(text: string): CommandLine {
  const args = words(text);
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = /^(--?[\w-]+)=(.*)$/.exec(arg);
    if (eq) flags.set(eq[1], eq[2]);
    else if (BOOLEAN_FLAGS.test(arg)) flags.set(arg, 'true');
    else if (arg.startsWith('-')) flags.set(arg, args[++i] ?? '');
    else positional.push(arg);
  }
  return { positional, flags };
}

/**
 * The command line's words. A placeholder a post put in for a redacted value (`--as dev@<my domain>`)
 * stays one word with its spaces: no shell word would hold a bare `<`.
 */
function words(text: string): string[] {
  const out: string[] = [];
  const lastClose = text.lastIndexOf('>');
  let word = '';
  let inPlaceholder = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '<' && i < lastClose) inPlaceholder = true;
    else if (char === '>') inPlaceholder = false;
    if (char === ' ' && !inPlaceholder) {
      if (word) out.push(word);
      word = '';
    } else word += char;
  }
  if (word) out.push(word);
  return out;
}

/** The denial a `no` stands for: the type name resolved like kubectl does (`deploy` → deployments.apps). */
function denialOf({ positional, flags }: CommandLine, groupFor: GroupGuess): Denial | undefined {
  const [verb, typeName] = positional;
  if (!verb || !typeName) return undefined;
  const user = flags.get('--as');
  const subject = user ? subjectOf(user) : { ...UNKNOWN_SUBJECT };
  const base = { rbac: true, kind: 'can-i', subject, verb, subresource: null, resourceName: null } as const;
  if (typeName.startsWith('/')) {
    return { ...base, apiGroup: null, resource: null, namespace: null, scope: 'non-resource', nonResourceURL: typeName };
  }
  const { resource: typePart, subresource: name } = splitSubresource(typeName);
  const catalog = ResourceCatalog.builtin();
  const resolved = catalog.resolveTypeName(typePart);
  const qualified = splitQualified(typePart);
  const resource = resolved?.resource ?? qualified.resource;
  const group = resolved?.group ?? qualified.group ?? groupFor(resource);
  const namespace = flags.get('-n') ?? flags.get('--namespace') ?? null;
  const namespaced = group === null ? undefined : catalog.isNamespaced(group, resource);
  const all = flags.has('-A') || flags.has('--all-namespaces');
  const scope = namespaced === false || all ? 'cluster' : namespace !== null ? 'namespaced' : 'unknown';
  return {
    ...base, apiGroup: group, resource, subresource: flags.get('--subresource') ?? null, resourceName: name ?? null,
    namespace: scope === 'namespaced' ? namespace : null, scope, nonResourceURL: null,
  };
}

export function findCanIAnswers(text: string, groupFor: GroupGuess): Located[] {
  const out: Located[] = [];
  let resume = 0;
  for (let at = text.indexOf(COMMAND); at !== -1; at = text.indexOf(COMMAND, resume)) {
    const answer = answeredNo(text, at + COMMAND.length);
    resume = answer ? answer.end : at + 1;
    if (!answer) continue;
    const denial = denialOf(parseArgs(answer.args), groupFor);
    if (denial) out.push({ at, end: answer.end, denial });
  }
  return out;
}

/**
 * The arguments of one command, when the words after it run up to a `no` answer: they stop at a `yes`,
 * at the next `kubectl` or after MAX_WORDS words, so each word is read for at most one command.
 */
function answeredNo(text: string, from: number): { args: string; end: number } | undefined {
  let cursor = from;
  for (let words = 0; words <= MAX_WORDS; words++) {
    const space = text.indexOf(' ', cursor);
    const word = text.slice(cursor, space === -1 ? text.length : space);
    const answer = /^(no|yes|kubectl)\b/.exec(word)?.[1];
    if (answer === 'no' && words > 0) return { args: text.slice(from, cursor), end: cursor + 2 };
    if (answer || space === -1 || word === '' || words === MAX_WORDS) return undefined;
    cursor = space + 1;
  }
  return undefined;
}
