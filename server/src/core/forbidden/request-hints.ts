import { verbForHttpMethod } from '../catalog/verbs';
import { denialFromRequest } from './request-urls';
import { splitQualified } from './resource-words';
import { notRbac, UNKNOWN_SUBJECT, type Denial, type Located } from './types';

/** client-go's 403 without a Status body, with its request hint: `(post replicationcontrollers)`, `(get pods web-0)`. */
const CLIENT_HINT = /the server does not allow access to the requested resource \((get|list|watch|post|put|patch|delete) ([a-z0-9][a-z0-9.-]{0,253})(?: ([^)\s]{1,253}))?\)/g;
/** kube-apiserver's own log of a denial: `Forbidden: "/api/…", Reason: ""` (klog) or `"Forbidden" URI="/…" reason=""`. */
const APISERVER_LOG = /Forbidden: "(\/[^"]{0,2000})", Reason: "[^"]{0,500}"|"Forbidden" URI="(\/[^"]{0,2000})" reason="[^"]{0,500}"/g;
/** A request to a kubelet (port 10250) answered 403: metrics-server's scrapes, `kubectl top`, monitoring agents. */
const KUBELET_REQUEST = /\b(GET|POST|PUT|PATCH|DELETE|Get|Post|Put|Patch|Delete) "?https?:\/\/[^\s"/]{1,253}:10250(\/[^\s"?]{0,500})?[^\s"]{0,2000}"?:? (?:bad status code "?403|403 Forbidden|Forbidden)/g;
/** Prometheus-style scrapers: the kubelet target, then (within the same entry) `server returned HTTP status 403`. */
const KUBELET_SCRAPE_TARGET = /https?:\/\/[^\s"/]{1,253}:10250(\/[^\s"?|]{0,500})?.{0,300}?server returned HTTP status 403/g;
/** metrics-server ≥ 0.6 says only this; it scrapes `/metrics/resource`. */
const METRICS_SERVER_SCRAPE = /"?Failed to scrape node"? err="?request failed, status: "?403 Forbidden/g;

/**
 * The API server's own calls to a kubelet for `kubectl logs`, `exec`, `attach`, `port-forward`: a bare
 * `Forbidden` there is the kubelet refusing the API server's kubelet client, which no Role fixes.
 */
const APISERVER_TO_KUBELET = /^\/(?:containerLogs|exec|attach|portForward|run)\//;
const RELAYED_EXPLANATION = 'The kubelet refused the API server\'s own connection (kubectl logs, exec, attach or port-forward) without saying who or why: this is not an RBAC denial of your user. Check the kubelet\'s authorization mode and that the API server\'s kubelet client identity is allowed nodes/proxy (bind it to system:kubelet-api-admin): https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/';
const PROXY_EXPLANATION = 'A 403 without a Kubernetes Status: the request is named, the user is not. If the API server denied it, the rule below is what it lacks; a proxy or aggregated server in between may also have refused it (kubectl -v=8 shows the response).';
const APISERVER_LOG_EXPLANATION = 'The API server\'s log names only the request: who sent it (and, without its request line, with which verb) is in the audit log (rbac-doctor reads audit logs too).';
const METRICS_SERVER_EXPLANATION = 'metrics-server\'s scrape of a kubelet was refused: the kubelet asks the API server whether metrics-server\'s ServiceAccount may get this node subresource. This assumes the default install (ServiceAccount kube-system/metrics-server); use yours if it differs.';

/** Denials known only from the request they name: client hints, API server log lines, kubelet requests. */
export function findRequestHints(text: string): Located[] {
  const out: Located[] = [];
  if (!text.includes('does not allow access') && !text.includes('Forbidden') && !text.includes(':10250')) return out;
  for (const m of text.matchAll(CLIENT_HINT)) {
    const denial = fromClientHint(m[1], m[2], m[3]);
    if (denial) out.push({ at: m.index!, end: m.index! + m[0].length, denial });
  }
  for (const m of text.matchAll(APISERVER_LOG)) {
    const uri = m[1] ?? m[2];
    const end = m.index! + m[0].length;
    out.push({ at: m.index!, end, denial: fromApiserverLog(uri, methodLoggedAfter(text, end, uri)) });
  }
  const metricsServer = /Failed to scrape node|metrics-server|scraper\.go/.test(text);
  for (const m of text.matchAll(KUBELET_REQUEST)) {
    const path = m[2] ?? '/';
    const relayed = APISERVER_TO_KUBELET.test(path) && m[0].endsWith('Forbidden') && !m[0].endsWith('403 Forbidden');
    out.push({ at: m.index!, end: m.index! + m[0].length, denial: relayed ? notRbac('kubelet-forbidden-no-detail', RELAYED_EXPLANATION) : kubeletRequest(m[1], path, metricsServer) });
  }
  for (const m of text.matchAll(KUBELET_SCRAPE_TARGET)) {
    out.push({ at: m.index!, end: m.index! + m[0].length, denial: kubeletRequest('GET', m[1] ?? '/', false) });
  }
  for (const m of text.matchAll(METRICS_SERVER_SCRAPE)) {
    out.push({ at: m.index!, end: m.index! + m[0].length, denial: kubeletRequest('GET', '/metrics/resource', true) });
  }
  return out;
}

function fromClientHint(method: string, qualified: string, name: string | undefined): Denial | undefined {
  const { resource, group } = splitQualified(qualified);
  // An aggregated metrics API answering 403 itself is a look-alike of its own.
  if (group?.endsWith('metrics.k8s.io')) return undefined;
  const verb = ['list', 'watch'].includes(method) ? method : verbForHttpMethod(method, { named: name !== undefined }) ?? method;
  return {
    rbac: true, kind: 'rbac-partial', subject: { ...UNKNOWN_SUBJECT }, verb, apiGroup: group ?? '', resource, subresource: null,
    resourceName: name ?? null, namespace: null, scope: 'unknown', nonResourceURL: null, explanation: PROXY_EXPLANATION,
  };
}

/**
 * The HTTP method of a denied request, from the API server's own request log line that follows its
 * `Forbidden:` line (`wrap.go:42] GET /: (303µs) 403 …`): the same path, answered 403, within a few lines.
 */
function methodLoggedAfter(text: string, from: number, uri: string): string | undefined {
  const next = text.slice(from, from + 600);
  const path = uri.split('?')[0];
  const at = next.indexOf(` ${path}`);
  if (at === -1) return undefined;
  const method = /\b(GET|HEAD|POST|PUT|PATCH|DELETE)$/.exec(next.slice(Math.max(0, at - 7), at))?.[1];
  const after = next.slice(at + 1 + path.length, at + 1 + path.length + 2_100);
  return method && /^(?:\?[^\s:]{0,2000})?:? \([^)]{0,60}\) 403\b/.test(after) ? method : undefined;
}

function fromApiserverLog(uri: string, method: string | undefined): Denial {
  const path = uri.split('?')[0];
  const request = denialFromRequest(method ?? 'GET', uri);
  if (request) return { ...request, verb: method ? request.verb : null, explanation: APISERVER_LOG_EXPLANATION };
  return {
    rbac: true, kind: 'rbac-partial', subject: { ...UNKNOWN_SUBJECT }, verb: method ? method.toLowerCase() : null, apiGroup: null, resource: null, subresource: null,
    resourceName: null, namespace: null, scope: 'non-resource', nonResourceURL: path, explanation: APISERVER_LOG_EXPLANATION,
  };
}

/** The kubelet's authorization of a path (kubelet `server/auth.go`): /stats, /metrics, /logs, /spec, else proxy. */
function kubeletSubresource(path: string): string {
  const first = path.split('/')[1] ?? '';
  return ({ stats: 'stats', metrics: 'metrics', logs: 'log', spec: 'spec' } as Record<string, string>)[first] ?? 'proxy';
}

function kubeletRequest(method: string, path: string, metricsServer: boolean): Denial {
  const subject = metricsServer ? { kind: 'ServiceAccount' as const, name: 'metrics-server', namespace: 'kube-system', groups: null } : { ...UNKNOWN_SUBJECT };
  return {
    rbac: true, kind: metricsServer ? 'kubelet-authz' : 'kubelet-authz-partial', subject,
    verb: verbForHttpMethod(method) ?? method.toLowerCase(), apiGroup: '', resource: 'nodes', subresource: kubeletSubresource(path),
    resourceName: null, namespace: null, scope: 'cluster', nonResourceURL: null,
    ...(metricsServer ? { explanation: METRICS_SERVER_EXPLANATION } : {}),
  };
}
