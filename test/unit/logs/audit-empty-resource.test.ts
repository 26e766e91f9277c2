import * as assert from 'assert';
import { checkContext } from '../../../server/src/core/analysis';
import { denialOfAuditEvent } from '../../../server/src/core/audit/audit-event';
import { refusalOf, suggestFixes } from '../../../server/src/core/fix-forbidden/suggest-fixes';
import { createWorkspaceModel } from '../../../server/src/core/workspace';
import { auditEvent } from './audit-fixtures';

const context = () => checkContext(createWorkspaceModel(), { builtinRoles: true });

describe('audit events: a resource request is never a non-resource URL', () => {
  it('reads objectRef.resource "" as a resource request whose resource is not known, refused, never "already granted"', () => {
    const denial = denialOfAuditEvent(auditEvent({
      user: 'system:serviceaccount:shop:web', verb: 'list', uri: '/api/v1/namespaces/shop/pods', ref: { resource: '', namespace: 'shop' },
    }) as never)!;
    assert.deepStrictEqual(
      [denial.scope, denial.resource, denial.nonResourceURL, denial.namespace, denial.kind],
      ['namespaced', null, null, 'shop', 'rbac-partial'],
    );
    assert.match(refusalOf(context(), denial)!.reason, /which resource/);
    assert.ok(!suggestFixes(context(), denial).some((s) => /Already granted/.test(s.title)));
  });

  it('reads a resource URL without objectRef as the resource it names, not as a discovery path', () => {
    const denial = denialOfAuditEvent(auditEvent({ user: 'alice', verb: 'list', uri: '/api/v1/namespaces/shop/pods?limit=500' }) as never)!;
    assert.deepStrictEqual([denial.scope, denial.apiGroup, denial.resource, denial.namespace, denial.nonResourceURL, denial.verb], ['namespaced', '', 'pods', 'shop', null, 'list']);
    assert.ok(!suggestFixes(context(), denial).some((s) => /Already granted/.test(s.title)));
  });

  it('keeps discovery and other paths non-resource', () => {
    for (const uri of ['/api', '/api/v1', '/apis/apps/v1', '/healthz', '/metrics']) {
      const denial = denialOfAuditEvent(auditEvent({ user: 'alice', verb: 'get', uri }) as never)!;
      assert.deepStrictEqual([denial.scope, denial.nonResourceURL], ['non-resource', uri], uri);
    }
  });

  it('refuses a "*" user from an audit event', () => {
    const denial = denialOfAuditEvent(auditEvent({ user: '*', verb: 'get', uri: '/api/v1/namespaces/shop/pods/a', ref: { resource: 'pods', namespace: 'shop', name: 'a' } }) as never)!;
    assert.match(refusalOf(context(), denial)!.reason, /wildcard/);
  });
});
