/**
 * A failure talking to a cluster, in one sentence a user can act on. Never carries credentials:
 * messages are built from codes, statuses and the server's own Status text, then redacted.
 */
export class ClusterError extends Error {
  override readonly name = 'ClusterError';

  constructor(message: string, readonly status?: number) {
    super(redact(message));
  }
}

const SECRET_PATTERNS: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  [/("?(?:token|access[-_]token|id[-_]token|refresh[-_]token|client[-_]secret|password)"?\s*[:=]\s*"?)[^\s",}]+/gi, '$1[redacted]'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, '[redacted private key]'],
];

/** Removes anything that looks like a credential from text that may reach a log or a message. */
export function redact(text: string): string {
  return SECRET_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

interface NodeError extends Error {
  code?: string;
  syscall?: string;
  path?: string;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_SIGNATURE_FAILURE',
]);

/** What went wrong before any HTTP answer: network, TLS or the credential plugin. */
export function describeTransportError(error: unknown, server: string, user: string): ClusterError {
  if (error instanceof ClusterError) return error;
  const e = error as NodeError;
  const code = e?.code ?? '';
  if (e?.syscall?.startsWith('spawn') && code === 'ENOENT') {
    return new ClusterError(`the credential plugin "${e.path ?? e.syscall.slice(6)}" of kubeconfig user "${user}" is not installed or not on PATH (users[].user.exec.command); install it or log in again with your cloud's CLI`);
  }
  if (code === 'ECONNREFUSED') return new ClusterError(`cannot reach the API server at ${server}: connection refused. Is the cluster running, and is this the right context?`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ClusterError(`cannot reach the API server at ${server}: its host name does not resolve`);
  if (code === 'ETIMEDOUT' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'TIMEOUT') {
    return new ClusterError(`cannot reach the API server at ${server}: ${code === 'TIMEOUT' || code === 'ETIMEDOUT' ? 'no answer in time' : code}`);
  }
  if (TLS_CODES.has(code)) {
    return new ClusterError(`the API server at ${server} presented a certificate the kubeconfig does not trust (${code}); check certificate-authority(-data) of the cluster entry`);
  }
  const message = firstLine(e?.message ?? String(error));
  // exec plugins that fail write their reason to stderr, which client-node passes on as the message
  if (!e?.code && message) return new ClusterError(`getting credentials for kubeconfig user "${user}" failed: ${message}`);
  return new ClusterError(`cannot talk to the API server at ${server}: ${message || code}`);
}

/** An HTTP error answer, with the server's own Status message where it sent one. */
export function describeHttpError(status: number, body: unknown, what: string, server: string, user: string): ClusterError {
  const reason = statusMessage(body);
  if (status === 401) {
    return new ClusterError(`the API server at ${server} rejected the credentials of kubeconfig user "${user}" (401 Unauthorized): they may have expired; log in again and reconnect`, 401);
  }
  if (status === 403) return new ClusterError(`${what}: forbidden${reason ? ` — ${reason}` : ''}`, 403);
  if (status === 404) return new ClusterError(`${what}: not found${reason ? ` — ${reason}` : ''}`, 404);
  return new ClusterError(`${what}: the API server answered ${status}${reason ? ` — ${reason}` : ''}`, status);
}

export function statusMessage(body: unknown): string | undefined {
  if (body && typeof body === 'object' && 'message' in body && typeof (body as { message: unknown }).message === 'string') {
    return (body as { message: string }).message;
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}
