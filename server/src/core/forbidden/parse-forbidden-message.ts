import { findApiserverDenials } from './apiserver-messages';
import { findEscalations } from './escalation-messages';
import { findLookalikes } from './lookalikes';
import { normaliseText } from './normalise-text';
import { findRequestUrls } from './request-urls';
import { findSpecialDenials } from './special-messages';
import { notRbac, type Denial, type Located } from './types';

const EXPLAIN_NOT_GRANTABLE: [RegExp, string][] = [
  [/^system:anonymous$/, 'The request had no credentials (system:anonymous): fix the client\'s token or kubeconfig rather than granting rights to anonymous users.'],
  [/^system:node:/, 'A node identity: nodes are authorized by the Node authorizer and NodeRestriction, not by your RBAC grants.'],
  [/^system:(kube-scheduler|kube-controller-manager|kube-proxy)$/, 'A control-plane component: during start-up these denials are transient; if they persist, restore the default roles (kubectl auth reconcile).'],
];

/**
 * Every denial in a paste, in order of first appearance, identical ones once. Specific shapes win over
 * generic ones found inside them; request-URL-only denials count only when nothing better was found.
 */
export function parseForbiddenMessage(text: string): Denial[] {
  const normalised = normaliseText(text.length > 2_000_000 ? text.slice(0, 2_000_000) : text);
  const specific = [...findSpecialDenials(normalised), ...findEscalations(normalised)];
  const generic = findApiserverDenials(normalised).filter((g) => !specific.some((s) => inside(g, s)));
  const lookalikes = findLookalikes(normalised).filter((l) => ![...specific, ...generic].some((d) => inside(l, d)));
  let found: Located[] = [...specific, ...generic, ...lookalikes];
  if (found.length === 0) found = findRequestUrls(normalised);
  if (found.length === 0 && /\b403\b|Forbidden/.test(normalised)) {
    found = [{ at: 0, denial: notRbac('forbidden-no-detail', 'A 403 with no detail: the message says neither who was denied nor what. Re-run with more verbosity (kubectl -v=6) or look at the API server\'s audit log to see the request.') }];
  }
  const seen = new Set<string>();
  const out: Denial[] = [];
  for (const { denial } of found.sort((a, b) => a.at - b.at)) {
    const key = JSON.stringify(denial);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(withExplanation(denial));
  }
  return out;
}

function inside(inner: Located, outer: Located): boolean {
  return outer.end !== undefined && inner.at >= outer.at && inner.at < outer.end && inner !== outer;
}

function withExplanation(denial: Denial): Denial {
  if (denial.explanation || !denial.subject?.name) return denial;
  const match = EXPLAIN_NOT_GRANTABLE.find(([re]) => re.test(denial.subject!.name!));
  if (denial.kind === 'node-authorizer') return { ...denial, explanation: 'The Node authorizer denied a kubelet access to an object not bound to its node: check that the pod is scheduled there, not RBAC.' };
  return match ? { ...denial, explanation: match[1] } : denial;
}
