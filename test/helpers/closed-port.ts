import { createServer } from 'net';

/** A loopback port nothing listens on: the "unreachable API server" of the cluster tests. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 1;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
