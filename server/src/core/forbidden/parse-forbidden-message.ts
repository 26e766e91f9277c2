import { findApiserverDenials } from './apiserver-messages';
import { findCanIAnswers } from './can-i-output';
import { findEscalations } from './escalation-messages';
import { findLookalikes } from './lookalikes';
import { markCutNamespaces } from './cut-namespaces';
import { allLinesAreRecords } from './log-records';
import { denialKey } from './denial-key';
import { exactFields } from './exact-fields';
import { normaliseText } from './normalise-text';
import { findRbacDenyLines } from './rbac-deny-log';
import { nameFromRequestUrls } from './object-from-urls';
import { findRequestHints } from './request-hints';
import { findRequestUrls } from './request-urls';
import { catalogGroupGuess, type GroupGuess } from './resource-words';
import { findSpecialDenials } from './special-messages';
import { notRbac, type Denial, type Located } from './types';
import { mergeReadings, placeAll } from './wrapped-readings';

export interface ParseOptions {
  /**
   * The API group of a resource named without one (messages before 1.12 print core resources bare).
   * Defaults to the built-in resource catalog: `""` for core resources, null when unknown.
   */
  groupFor?: GroupGuess;
}

const MAX_INPUT = 2_000_000;

const NOT_GRANTABLE: [RegExp, string][] = [
  [/^system:anonymous$/, 'The request had no credentials (system:anonymous): fix the client\'s token or kubeconfig rather than granting rights to anonymous users.'],
  [/^system:node:/, 'A node identity: nodes are authorized by the Node authorizer and NodeRestriction, not by your RBAC grants; check the kubelet\'s credentials and the pod\'s node instead.'],
  [/^system:(kube-scheduler|kube-controller-manager|kube-proxy|apiserver|kube-aggregator)$/, 'A control-plane component: during start-up these denials are transient; if they persist, restore the default roles and bindings (kubectl auth reconcile) rather than writing new ones.'],
];

/**
 * Every denial in a paste, in order of first appearance, identical ones once. Specific shapes win over
 * generic ones found inside them; request-URL-only denials count only when nothing better was found.
 * Lines broken mid-word by a terminal are re-joined where that gives a more complete reading.
 */
export function parseForbiddenMessage(text: string, options: ParseOptions = {}): Denial[] {
  const input = markCutNamespaces(text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text);
  const groupFor = options.groupFor ?? catalogGroupGuess;
  const spacedText = normaliseText(input, 'space');
  let found = placeAll(spacedText, findAll(spacedText, groupFor));
  if (/\n|\\n|\\r/.test(input) && !allLinesAreRecords(input)) {
    const joinedText = normaliseText(input, 'none');
    found = mergeReadings(found, placeAll(joinedText, findAll(joinedText, groupFor)));
  }
  if (found.length === 0) found = placeAll(spacedText, findRequestUrls(spacedText));
  if (found.length === 0 && /\b403\b|Forbidden/.test(spacedText)) {
    found = [{ start: 0, stop: 0, denial: notRbac('forbidden-no-detail', 'A 403 with no detail: the message says neither who was denied nor what. Re-run with more verbosity (kubectl -v=6) or read the API server\'s audit log to see the request. See https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/') }];
  }
  const seen = new Set<string>();
  const out: Denial[] = [];
  let previous: { stop: number; unnamed: string } | undefined;
  for (const { denial: read, start, stop } of found) {
    const denial = exactFields(read);
    const key = denialKey(denial);
    // OpenShift restates a denial as its reason, without the object's name: `… cannot get serviceaccounts
    // in the namespace "x": User "u" cannot get serviceaccounts in project "x"`. One request, read once.
    const restated = previous !== undefined && start - previous.stop <= 2 && denial.resourceName === null && key === previous.unnamed;
    previous = { stop, unnamed: denialKey(denial, true) };
    if (seen.has(key) || restated) continue;
    seen.add(key);
    out.push(withExplanation(denial));
  }
  return withoutUnnamedRepeats(nameFromRequestUrls(spacedText, out));
}

/**
 * A reading that does not say who was denied (an API server's `Forbidden: "/api/…"` line) adds nothing
 * when the same text names who was denied that very request (its `RBAC DENY` line, say).
 */
function withoutUnnamedRepeats(denials: Denial[]): Denial[] {
  const request = (d: Denial) => denialKey({ ...d, kind: 'rbac', subject: null, explanation: undefined });
  const named = new Set(denials.filter((d) => d.rbac && d.subject?.name).map(request));
  if (named.size === 0) return denials;
  return denials.filter((d) => !(d.rbac && !d.subject?.name && named.has(request(d))));
}

/** The denials and look-alikes of one reading of the paste; specific shapes hide generic ones inside them. */
function findAll(normalised: string, groupFor: GroupGuess): Located[] {
  const specific = [...findSpecialDenials(normalised), ...findEscalations(normalised), ...findRequestHints(normalised), ...findRbacDenyLines(normalised)];
  const generic = outside(findApiserverDenials(normalised, groupFor), specific);
  const rbac = [...specific, ...generic];
  const lookalikes = outside(findLookalikes(normalised), rbac);
  return [...rbac, ...lookalikes, ...findCanIAnswers(normalised, groupFor)].sort((a, b) => a.at - b.at);
}

/** The items that start outside every container's span, in one sweep over both sorted by start. */
function outside(items: Located[], containers: Located[]): Located[] {
  const spans = containers.filter((c) => c.end !== undefined).sort((a, b) => a.at - b.at);
  const inside = new Set<Located>();
  let reach = -1;
  let next = 0;
  for (const item of [...items].sort((a, b) => a.at - b.at)) {
    while (next < spans.length && spans[next].at <= item.at) reach = Math.max(reach, spans[next++].end!);
    if (item.at < reach) inside.add(item);
  }
  return items.filter((item) => !inside.has(item));
}

function withExplanation(denial: Denial): Denial {
  if (denial.explanation || !denial.subject?.name) return denial;
  if (denial.kind === 'node-authorizer') {
    return { ...denial, explanation: 'The Node authorizer denied a kubelet access to an object not related to its node: check that the pod using it is scheduled on that node; RBAC grants do not apply to nodes.' };
  }
  const match = NOT_GRANTABLE.find(([re]) => re.test(denial.subject!.name!));
  return match ? { ...denial, explanation: match[1] } : denial;
}
