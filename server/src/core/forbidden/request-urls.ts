import { UNKNOWN_SUBJECT, type Denial, type Located } from './types';

/**
 * Clients that print only the request: aiohttp `403, message='Forbidden', url=URL('…')`, requests
 * `403 Client Error: Forbidden for url: …`, Go `Post "…": Forbidden`, fabric8 `Failure executing: GET at: ….`
 */
const PATTERNS: { re: RegExp; method: (m: RegExpMatchArray) => string; url: (m: RegExpMatchArray) => string }[] = [
  { re: /403, message='Forbidden', url=URL\('([^']*)'\)/g, method: () => 'GET', url: (m) => m[1] },
  { re: /403 Client Error: Forbidden for url: (\S+)/g, method: () => 'GET', url: (m) => m[1] },
  { re: /\b(Get|Post|Put|Patch|Delete) "(https?:\/\/[^"]*)": Forbidden/g, method: (m) => m[1], url: (m) => m[2] },
  { re: /Failure executing: (GET|POST|PUT|PATCH|DELETE) at: (\S+?)\.? Message: Forbidden/g, method: (m) => m[1], url: (m) => m[2] },
  // Java's HttpURLConnection: `Server returned HTTP response code: 403 for URL: https://…` (a read, as its default method is GET).
  { re: /Server returned HTTP response code: 403 for URL: (https?:\/\/[^\s\]]+)/g, method: () => 'GET', url: (m) => m[1] },
];

export function findRequestUrls(text: string): Located[] {
  const out: Located[] = [];
  for (const { re, method, url } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const denial = denialFromRequest(method(m).toUpperCase(), url(m));
      if (denial) out.push({ at: m.index!, end: m.index! + m[0].length, denial });
    }
  }
  return out;
}

/** The authorization attributes the API server derives from a REST request (requestinfo.go). */
export function denialFromRequest(method: string, rawUrl: string): Denial | undefined {
  let path: string;
  let query: URLSearchParams;
  try {
    const url = new URL(rawUrl, 'https://cluster.invalid');
    path = url.pathname;
    query = url.searchParams;
  } catch {
    return undefined;
  }
  const parts = path.split('/').filter(Boolean);
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) [group, rest] = ['', parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 3) [group, rest] = [parts[1], parts.slice(3)];
  else return undefined;
  let namespace: string | null = null;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest;
  if (!resource) return undefined;
  if (resource === 'namespaces' && name) namespace = name;
  const watch = query.get('watch');
  const verbs: Record<string, string> = { GET: 'get', HEAD: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };
  let verb = verbs[method] ?? method.toLowerCase();
  if (verb === 'get' && !name) verb = watch && watch !== 'false' && watch !== '0' ? 'watch' : 'list';
  if (verb === 'delete' && !name) verb = 'deletecollection';
  return {
    rbac: true, kind: 'rbac-partial', subject: { ...UNKNOWN_SUBJECT }, verb, apiGroup: group, resource,
    subresource: subresource ?? null, resourceName: name ?? null, namespace,
    scope: namespace ? 'namespaced' : 'cluster', nonResourceURL: null,
  };
}
