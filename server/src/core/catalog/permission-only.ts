/**
 * Names that are valid in rules but never appear in API discovery: checked by the kubelet, the
 * impersonation filter, the RBAC registry, CSR approval or admission plugins.
 */
export interface PermissionOnlyResource {
  group: string;
  /** `resource` or `resource/subresource`. */
  resource: string;
  verbs: string[];
  checkedBy: string;
}

const KUBELET_VERBS = ['get', 'create', 'update', 'patch', 'delete', 'list', 'watch', 'proxy'];

export const PERMISSION_ONLY: readonly PermissionOnlyResource[] = [
  ...['stats', 'metrics', 'log', 'spec', 'checkpoint', 'pods', 'healthz', 'configz', 'statusz', 'proxy'].map((sub) => ({
    group: '', resource: `nodes/${sub}`, verbs: KUBELET_VERBS, checkedBy: 'the kubelet',
  })),
  { group: '', resource: 'users', verbs: ['impersonate'], checkedBy: 'the impersonation filter' },
  { group: '', resource: 'groups', verbs: ['impersonate'], checkedBy: 'the impersonation filter' },
  { group: 'authentication.k8s.io', resource: 'uids', verbs: ['impersonate'], checkedBy: 'the impersonation filter' },
  { group: 'authentication.k8s.io', resource: 'userextras', verbs: ['impersonate'], checkedBy: 'the impersonation filter' },
  { group: 'certificates.k8s.io', resource: 'signers', verbs: ['approve', 'sign', 'attest'], checkedBy: 'CSR approval and signing' },
  { group: 'certificates.k8s.io', resource: 'certificatesigningrequests/nodeclient', verbs: ['create'], checkedBy: 'the CSR auto-approver' },
  { group: 'certificates.k8s.io', resource: 'certificatesigningrequests/selfnodeclient', verbs: ['create'], checkedBy: 'the CSR auto-approver' },
  { group: '', resource: 'endpoints/restricted', verbs: ['create', 'update', 'patch'], checkedBy: "OpenShift's restricted-endpoints admission" },
];

/** Extra verbs that work on real resources besides their REST verbs. */
export const EXTRA_VERBS: readonly { group: string; resource: string; verbs: string[] }[] = [
  { group: 'rbac.authorization.k8s.io', resource: 'roles', verbs: ['bind', 'escalate'] },
  { group: 'rbac.authorization.k8s.io', resource: 'clusterroles', verbs: ['bind', 'escalate'] },
  { group: '', resource: 'serviceaccounts', verbs: ['impersonate'] },
  { group: 'policy', resource: 'podsecuritypolicies', verbs: ['use'] },
  { group: 'extensions', resource: 'podsecuritypolicies', verbs: ['use'] },
  { group: '', resource: 'nodes', verbs: ['proxy'] },
  { group: '', resource: 'services', verbs: ['proxy'] },
  { group: '', resource: 'pods', verbs: ['proxy'] },
];

/** `<resource>/finalizers` (update, for blockOwnerDeletion) is valid on any resource of any group. */
export const FINALIZERS_SUBRESOURCE = 'finalizers';
