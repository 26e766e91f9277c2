/**
 * `widgets.example.com/status`: RESOURCE.GROUP/SUBRESOURCE, how every message writes a resource of an
 * API group (kubectl's TYPE.GROUP, then the subresource). `resource` may carry its subresource already,
 * as rules write it (`widgets/status`); the core group adds nothing (`pods/log`).
 */
export function qualifiedResource(resource: string, group: string | null | undefined, subresource?: string | null): string {
  const slash = resource.indexOf('/');
  const base = slash === -1 ? resource : resource.slice(0, slash);
  const sub = subresource || (slash === -1 ? '' : resource.slice(slash + 1));
  return `${group ? `${base}.${group}` : base}${sub ? `/${sub}` : ''}`;
}
