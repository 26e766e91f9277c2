import { Agent, request as httpsRequest, type RequestOptions } from 'https';
import type { KubeConfig } from '@kubernetes/client-node';
import { ClusterError, describeHttpError, describeTransportError } from './cluster-error';

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

const TIMEOUT_MS = 15_000;

/**
 * Plain HTTPS to the API server of one kubeconfig context. client-node supplies what is hard to get
 * right (TLS material, tokens, exec and OIDC credential plugins); requests and answers stay ours.
 */
export class ApiClient {
  readonly server: string;
  readonly user: string;
  readonly context: string;
  readonly namespace: string;
  /** One keep-alive agent per connection: a TLS handshake per request would dominate discovery. */
  private agent: Agent | undefined;
  private authenticated: Promise<RequestOptions> | undefined;
  private readonly proxied: boolean;

  constructor(private readonly config: KubeConfig, private readonly timeoutMs = TIMEOUT_MS) {
    const context = config.getContextObject(config.currentContext);
    this.context = config.currentContext;
    this.server = config.getCurrentCluster()?.server ?? '';
    this.user = context?.user ?? '';
    this.namespace = context?.namespace || 'default';
    this.proxied = Boolean(config.getCurrentCluster()?.proxyUrl);
    if (!this.server.startsWith('https://')) throw new ClusterError(`cluster server "${this.server}" is not an https:// URL`);
  }

  /** One request; an HTTP error status is an answer, not an exception, so callers decide what it means. */
  async send<T>(method: string, path: string, body?: unknown, contentType = 'application/json', accept = 'application/json'): Promise<ApiAnswer<T>> {
    const answer = await this.request<T>(await this.credentials(), method, path, body, contentType, accept);
    if (answer.status !== 401) return answer;
    // Credentials may have expired since they were obtained: get them again once, as kubectl does on a 401.
    this.authenticated = undefined;
    // A new agent for the new credentials; requests still in flight finish on the old one.
    this.agent = undefined;
    return this.request<T>(await this.credentials(), method, path, body, contentType, accept);
  }

  /**
   * TLS material and headers, obtained once per connection (and again after a 401). One at a time:
   * a credential plugin runs once, not once per parallel request, and client-node's habit of writing
   * a plugin's `env` into this process's environment is undone.
   */
  private credentials(): Promise<RequestOptions> {
    this.authenticated ??= (async () => {
      const environment = { ...process.env };
      const options: RequestOptions = {};
      try {
        await this.config.applyToHTTPSOptions(options);
      } catch (error) {
        throw describeTransportError(error, this.server, this.user);
      } finally {
        for (const key of Object.keys(process.env)) if (!(key in environment)) delete process.env[key];
        Object.assign(process.env, environment);
      }
      return options;
    })().catch((error: unknown) => {
      this.authenticated = undefined;
      throw error;
    });
    return this.authenticated;
  }

  private request<T>(options: RequestOptions, method: string, path: string, body: unknown, contentType: string, accept: string): Promise<ApiAnswer<T>> {
    // The agent holds the TLS material (a credential plugin may supply a client certificate too).
    // Through a proxy (`proxy-url`), client-node's proxy agent is the one that knows the way.
    this.agent ??= this.proxied ? (options.agent as Agent) : new Agent({
      ca: options.ca, cert: options.cert, key: options.key, servername: options.servername,
      rejectUnauthorized: options.rejectUnauthorized, keepAlive: true, maxSockets: 8,
    });
    const url = new URL(this.server.replace(/\/$/, '') + path);
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = httpsRequest(url, {
        ...options,
        agent: this.agent,
        method,
        timeout: this.timeoutMs,
        headers: {
          ...(options.headers as Record<string, string>),
          Accept: accept,
          'User-Agent': 'rbac-doctor',
          ...(payload !== undefined ? { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) } : {}),
        },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON (a proxy's HTML page, say): keep the text for the message
          }
          resolve({ status: res.statusCode ?? 0, body: parsed as T });
        });
        res.on('error', (error) => reject(describeTransportError(error, this.server, this.user)));
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.on('error', (error) => reject(describeTransportError(error, this.server, this.user)));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** A GET that must succeed; `what` names it in the error. */
  async get<T>(path: string, what: string): Promise<T> {
    const answer = await this.send<T>('GET', path);
    if (answer.status >= 300) throw this.failure(answer, what);
    return answer.body;
  }

  /** Closes idle connections (a disconnect, or the end of a CLI run). */
  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }

  failure(answer: ApiAnswer<unknown>, what: string): ClusterError {
    return describeHttpError(answer.status, answer.body, what, this.server, this.user);
  }
}
