import type { ResourceInfo } from '../catalog/catalog';
import type { Policy } from '../rbac/types';

/** What a connected cluster adds to the workspace's model: read once on connect, plain data from then on. */
export interface ClusterSnapshot {
  /** The kubeconfig context it was read through. */
  context: string;
  server: string;
  /** API resources the cluster serves (built-in, CRDs and aggregated APIs), from discovery. */
  resources: ResourceInfo[];
  /** Roles and bindings read from the cluster, with `origin.cluster` set. */
  policy: Policy;
  /** ServiceAccounts that exist in the cluster, as `namespace/name`. */
  serviceAccounts: Set<string>;
  /** What could not be read, in words (e.g. roles the user may not list). */
  warnings: string[];
}
