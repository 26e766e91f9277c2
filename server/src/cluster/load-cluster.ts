import { existsSync } from 'fs';
import { join } from 'path';
import type * as ClusterModule from './live-cluster';

export type { ConnectOptions, LiveCluster } from './live-cluster';

let loaded: typeof ClusterModule | undefined;

/**
 * The cluster module, loaded on first use: @kubernetes/client-node and everything that talks to a
 * cluster stay out of memory (and out of the server and CLI bundles) until the user asks for a cluster.
 * Bundled, it is dist/cluster.js beside this bundle; compiled by tsc, it is live-cluster.js beside this file.
 */
export function loadCluster(): typeof ClusterModule {
  if (loaded) return loaded;
  const bundled = join(__dirname, 'cluster.js');
  const path = existsSync(bundled) ? bundled : join(__dirname, 'live-cluster.js');
  // A computed path keeps the bundler from inlining the module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded = require(path) as typeof ClusterModule;
  return loaded;
}
