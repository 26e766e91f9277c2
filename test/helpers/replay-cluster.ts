import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'fs';
import { createServer, type Server } from 'https';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { closedPort } from './closed-port';

/**
 * A stand-in for a Kubernetes API server: HTTPS on loopback, answering from recorded API answers in
 * test/fixtures/cluster/recorded/*.json. It checks bearer tokens like a real server, keeps one bit of
 * state (whether a fix has been applied) and records every request so tests can assert what was sent.
 */
export interface RecordedAnswer {
  method: string;
  path: string;
  /** Only for requests with this token's user (see USERS). */
  user?: string;
  /** Only before (`undefined`) or after (`after-apply`) a real apply… when set. */
  state?: string;
  /** Query parameters that must be present with these values. */
  query?: Record<string, string>;
  /** A subset the JSON request body must contain. */
  match?: unknown;
  /** Text the Accept header must contain (aggregated discovery is asked for this way). */
  accept?: string;
  status: number;
  body: unknown;
  /** The state the server moves to after giving this answer. */
  then?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  user?: string;
  contentType?: string;
  accept?: string;
  body?: unknown;
  answered: boolean;
}

export interface ReplayCluster {
  url: string;
  /** A kubeconfig with one context per situation (see writeKubeconfig). */
  kubeconfig: string;
  requests: RecordedRequest[];
  /** Requests no recorded answer matched: a test that sees any is asking something new. */
  unanswered(): RecordedRequest[];
  close(): Promise<void>;
}

const FIXTURES = join(__dirname, '../../../test/fixtures/cluster');
export const USERS: Record<string, string> = { 'admin-token': 'admin', 'dev-token': 'dev' };

export interface ReplayOptions {
  /** The directory holding tls/ and recorded/ (default: the repository's test/fixtures/cluster). */
  fixtures?: string;
  /** false: behave like an API server before 1.30 (no aggregated discovery). */
  aggregatedDiscovery?: boolean;
}

export async function startReplayCluster(options: ReplayOptions = {}): Promise<ReplayCluster> {
  const fixtures = options.fixtures ?? FIXTURES;
  const answers = loadAnswers(fixtures).filter((a) => options.aggregatedDiscovery !== false || a.accept === undefined);
  const requests: RecordedRequest[] = [];
  let state: string | undefined;
  const server: Server = createServer({
    cert: readFileSync(join(fixtures, 'tls/server.crt')),
    key: readFileSync(join(fixtures, 'tls/server.key')),
  }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'https://replay');
      const query = Object.fromEntries(url.searchParams);
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? JSON.parse(text) as unknown : undefined;
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const user = token ? USERS[token] : undefined;
      const recorded: RecordedRequest = {
        method: req.method ?? '', path: url.pathname, query, user, contentType: req.headers['content-type'], accept: req.headers.accept, body, answered: false,
      };
      requests.push(recorded);
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (!user) {
        recorded.answered = true;
        send(401, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
        return;
      }
      const answer = answers.find((a) => a.method === recorded.method && a.path === recorded.path &&
        (a.user === undefined || a.user === user) && (a.state === undefined || a.state === state) &&
        Object.entries(a.query ?? {}).every(([k, v]) => query[k] === v) && (a.match === undefined || contains(body, a.match)) &&
        (a.accept === undefined || (recorded.accept ?? '').includes(a.accept)));
      if (!answer) {
        send(404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `no recorded answer for ${recorded.method} ${recorded.path}`, reason: 'NotFound', code: 404 });
        return;
      }
      recorded.answered = true;
      if (answer.then) state = answer.then;
      send(answer.status, answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const kubeconfig = writeKubeconfig(fixtures, url, await closedPort());
  return {
    url,
    kubeconfig,
    requests,
    unanswered: () => requests.filter((r) => !r.answered),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Recorded answers, the more specific first (a user's or a state's own answer before the general one). */
function loadAnswers(fixtures: string): RecordedAnswer[] {
  const dir = join(fixtures, 'recorded');
  const all = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { answers: RecordedAnswer[] }).answers);
  const specificity = (a: RecordedAnswer) => [a.user, a.state, a.query, a.match, a.accept].filter((x) => x !== undefined).length;
  return all.map((a, i) => ({ a, i })).sort((x, y) => specificity(y.a) - specificity(x.a) || x.i - y.i).map(({ a }) => a);
}

function contains(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return actual === expected;
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => contains(actual[i], e));
  if (actual === null || typeof actual !== 'object') return false;
  return Object.entries(expected).every(([k, v]) => contains((actual as Record<string, unknown>)[k], v));
}

/**
 * Contexts: replay-admin (may do everything), replay-dev (may read RBAC of namespace shop only),
 * replay-expired (a token the server rejects), replay-exec-missing (a credential plugin that is not
 * installed), replay-exec (a working credential plugin that logs its runs to exec-plugin-runs beside the kubeconfig), replay-unreachable (nothing listens), replay-untrusted (the server's CA is not configured).
 */
function writeKubeconfig(fixtures: string, url: string, closed: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-replay-'));
  const ca = readFileSync(join(fixtures, 'tls/ca.crt')).toString('base64');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'replay-admin',
    clusters: [
      { name: 'replay', cluster: { server: url, 'certificate-authority-data': ca } },
      { name: 'replay-unreachable', cluster: { server: `https://127.0.0.1:${closed}`, 'certificate-authority-data': ca } },
      { name: 'replay-untrusted', cluster: { server: url } },
    ],
    users: [
      { name: 'admin', user: { token: 'admin-token' } },
      { name: 'dev', user: { token: 'dev-token' } },
      { name: 'expired', user: { token: 'expired-token-s3cr3t' } },
      { name: 'exec-missing', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'rbac-doctor-no-such-credential-plugin', args: ['token'], interactiveMode: 'Never' } } },
      {
        name: 'exec', user: { exec: {
          apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [join(fixtures, 'exec-plugin.js'), join(dir, 'exec-plugin-runs')],
          env: [{ name: 'RBAC_DOCTOR_PLUGIN_ENV', value: 'from-kubeconfig' }], interactiveMode: 'Never',
        } },
      },
    ],
    contexts: [
      { name: 'replay-admin', context: { cluster: 'replay', user: 'admin', namespace: 'shop' } },
      { name: 'replay-dev', context: { cluster: 'replay', user: 'dev', namespace: 'shop' } },
      { name: 'replay-expired', context: { cluster: 'replay', user: 'expired' } },
      { name: 'replay-exec-missing', context: { cluster: 'replay', user: 'exec-missing' } },
      { name: 'replay-exec', context: { cluster: 'replay', user: 'exec', namespace: 'shop' } },
      { name: 'replay-unreachable', context: { cluster: 'replay-unreachable', user: 'admin' } },
      { name: 'replay-untrusted', context: { cluster: 'replay-untrusted', user: 'admin' } },
    ],
  };
  const path = join(dir, 'kubeconfig');
  writeFileSync(path, stringify(config));
  return path;
}
