/**
 * Names that are valid in rules although API discovery never lists them (or lists them without
 * the verb that matters): they are checked by the kubelet, the impersonation filter, the RBAC
 * registry, CSR approval or admission plugins (RBAC-SEMANTICS 5).
 */
export interface PermissionOnlyResource {
  /** The API group, or `*` for any group. */
  group: string;
  /**
   * `resource` or `resource/subresource`; `*` stands for any resource (`* /finalizers`) and a
   * trailing `/*` for any subresource (`userextras/*`: `userextras/<key>`).
   */
  resource: string;
  verbs: string[];
  checkedBy: string;
}

/** The kubelet turns the HTTP method into a verb: POST create, GET get, PUT update, PATCH patch, DELETE delete. */
export const KUBELET_VERBS: readonly string[] = ['get', 'create', 'update', 'patch', 'delete'];

/** Kubelet endpoints with their own subresource of `nodes`; anything else on the kubelet is `nodes/proxy`. */
export const KUBELET_SUBRESOURCES: readonly string[] = ['stats', 'metrics', 'log', 'spec', 'checkpoint', 'pods', 'healthz', 'configz', 'statusz'];

export const PERMISSION_ONLY: readonly PermissionOnlyResource[] = [
  ...KUBELET_SUBRESOURCES.map((sub) => ({ group: '', resource: `nodes/${sub}`, verbs: [...KUBELET_VERBS], checkedBy: 'the kubelet' })),
  { group: '', resource: 'users', verbs: ['impersonate'], checkedBy: 'the impersonation filter' },
  { group: '', resource: 'groups', verbs: ['impersonate'], checkedBy: 'the impersonation filter' },
  { group: 'authentication.k8s.io', resource: 'uids', verbs: ['impersonate'], checkedBy: 'the impersonation filter' },
  { group: 'authentication.k8s.io', resource: 'userextras', verbs: ['impersonate'], checkedBy: 'the impersonation filter' },
  { group: 'authentication.k8s.io', resource: 'userextras/*', verbs: ['impersonate'], checkedBy: 'the impersonation filter (userextras/<key>)' },
  { group: 'certificates.k8s.io', resource: 'signers', verbs: ['approve', 'sign', 'attest'], checkedBy: 'CSR approval and signing (resourceNames are signer names)' },
  { group: 'certificates.k8s.io', resource: 'certificatesigningrequests/nodeclient', verbs: ['create'], checkedBy: 'the CSR auto-approver' },
  { group: 'certificates.k8s.io', resource: 'certificatesigningrequests/selfnodeclient', verbs: ['create'], checkedBy: 'the CSR auto-approver' },
  { group: 'resource.k8s.io', resource: 'resourceclaims/binding', verbs: ['update', 'patch'], checkedBy: 'ResourceClaim status validation (DRA device binding conditions)' },
  { group: '*', resource: '*/finalizers', verbs: ['update'], checkedBy: 'the OwnerReferencesPermissionEnforcement admission plugin (blockOwnerDeletion)' },
  { group: '', resource: 'endpoints/restricted', verbs: ['create', 'update', 'patch'], checkedBy: "OpenShift's restricted-endpoints admission" },
  { group: 'discovery.k8s.io', resource: 'endpointslices/restricted', verbs: ['create', 'update', 'patch'], checkedBy: "OpenShift's restricted-endpoints admission (EndpointSlices)" },
];

/** Verbs that work on real (discovered) resources on top of their REST verbs. */
export const EXTRA_VERBS: readonly { group: string; resource: string; verbs: string[]; checkedBy: string }[] = [
  { group: 'rbac.authorization.k8s.io', resource: 'roles', verbs: ['bind', 'escalate'], checkedBy: 'the RBAC registry' },
  { group: 'rbac.authorization.k8s.io', resource: 'clusterroles', verbs: ['bind', 'escalate'], checkedBy: 'the RBAC registry' },
  { group: '', resource: 'serviceaccounts', verbs: ['impersonate'], checkedBy: 'the impersonation filter' },
  { group: 'policy', resource: 'podsecuritypolicies', verbs: ['use'], checkedBy: 'the PodSecurityPolicy admission plugin' },
  { group: 'extensions', resource: 'podsecuritypolicies', verbs: ['use'], checkedBy: 'the PodSecurityPolicy admission plugin' },
];

/**
 * Resources whose `proxy` verb only ever matched the root `/api/v1/proxy/…` paths. Kubernetes 1.10
 * removed those paths (kubernetes/kubernetes PR 59884), so the verb grants nothing any more: the
 * working form is the subresource (`services/proxy`) with the HTTP method's verb (`get`, `create`…).
 */
export const LEGACY_PROXY_RESOURCES: readonly string[] = ['nodes', 'services', 'pods'];

/** `<resource>/finalizers` (update, for blockOwnerDeletion) is valid on any resource of any group. */
export const FINALIZERS_SUBRESOURCE = 'finalizers';

/** The permission-only entry that covers `combined` (`resource` or `resource/sub`) in a group, if any. */
export function permissionOnly(group: string, combined: string): PermissionOnlyResource | undefined {
  const slash = combined.indexOf('/');
  const sub = slash === -1 ? undefined : combined.slice(slash + 1);
  const base = slash === -1 ? combined : combined.slice(0, slash);
  return PERMISSION_ONLY.find((p) => {
    if (p.group !== '*' && p.group !== group) return false;
    if (p.resource === combined) return true;
    if (p.resource === `${base}/*`) return sub !== undefined && sub !== '';
    return p.resource === '*/finalizers' && sub === FINALIZERS_SUBRESOURCE && base !== '' && base !== '*';
  });
}

/** Extra verbs of a discovered resource (bind/escalate on roles, impersonate on serviceaccounts…). */
export function extraVerbs(group: string, resource: string): string[] {
  return EXTRA_VERBS.filter((e) => e.group === group && e.resource === resource).flatMap((e) => e.verbs);
}
