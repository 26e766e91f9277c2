import * as assert from 'assert';
import { denialOfAuditEvent } from '../../../server/src/core/audit/audit-event';
import { LogReader, readLogText } from '../../../server/src/core/logs/log-reader';
import { auditEvent, jsonLines, SA_GROUPS } from './audit-fixtures';

describe('audit log events', () => {
  it('reads a forbidden resource request with the exact user, groups, verb and object', () => {
    const denial = denialOfAuditEvent(auditEvent({
      user: 'system:serviceaccount:shop:web', groups: SA_GROUPS('shop'), verb: 'get',
      uri: '/apis/apps/v1/namespaces/shop/deployments/web', ref: { resource: 'deployments', namespace: 'shop', name: 'web', apiGroup: 'apps' },
    }) as never);
    assert.deepStrictEqual(denial, {
      rbac: true, kind: 'rbac', subject: { kind: 'ServiceAccount', name: 'web', namespace: 'shop', groups: SA_GROUPS('shop') },
      verb: 'get', apiGroup: 'apps', resource: 'deployments', subresource: null, resourceName: 'web', namespace: 'shop',
      scope: 'namespaced', nonResourceURL: null,
    });
  });

  it('reads the core group (no apiGroup in objectRef) and a subresource', () => {
    const denial = denialOfAuditEvent(auditEvent({
      user: 'alice', groups: ['dev', 'system:authenticated'], verb: 'create',
      uri: '/api/v1/namespaces/default/pods/web-0/exec?command=sh&stdin=true', ref: { resource: 'pods', namespace: 'default', name: 'web-0', subresource: 'exec' },
    }) as never)!;
    assert.deepStrictEqual([denial.apiGroup, denial.resource, denial.subresource, denial.resourceName, denial.subject?.groups], ['', 'pods', 'exec', 'web-0', ['dev', 'system:authenticated']]);
  });

  it('reads a cluster-wide list (no namespace) as cluster scope', () => {
    const denial = denialOfAuditEvent(auditEvent({ user: 'bob', verb: 'list', uri: '/api/v1/nodes?limit=500', ref: { resource: 'nodes' } }) as never)!;
    assert.deepStrictEqual([denial.scope, denial.namespace, denial.verb], ['cluster', null, 'list']);
  });

  it('reads a non-resource request by its path, without the query', () => {
    const denial = denialOfAuditEvent(auditEvent({ user: 'system:serviceaccount:monitoring:prometheus', verb: 'get', uri: '/metrics?x=1' }) as never)!;
    assert.deepStrictEqual([denial.scope, denial.nonResourceURL, denial.verb, denial.resource, denial.subject?.kind], ['non-resource', '/metrics', 'get', null, 'ServiceAccount']);
  });

  it('names the impersonated user, whose request the authorizer judged', () => {
    const denial = denialOfAuditEvent(auditEvent({
      user: 'admin@example.com', verb: 'delete', impersonate: { user: 'system:serviceaccount:ci:deployer', groups: SA_GROUPS('ci') },
      uri: '/api/v1/namespaces/prod/secrets/db', ref: { resource: 'secrets', namespace: 'prod', name: 'db' },
    }) as never)!;
    assert.deepStrictEqual(denial.subject, { kind: 'ServiceAccount', name: 'deployer', namespace: 'ci', groups: SA_GROUPS('ci') });
  });

  it('reads a refused impersonation (403 without a decision) from the response message', () => {
    const denial = denialOfAuditEvent(auditEvent({
      user: 'alice', groups: ['dev'], verb: 'get', decision: null, uri: '/api/v1/namespaces/prod/pods', ref: { resource: 'pods', namespace: 'prod' },
      message: 'users "bob" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope',
    }) as never)!;
    assert.deepStrictEqual([denial.kind, denial.verb, denial.resource, denial.resourceName, denial.subject?.name, denial.subject?.groups], ['impersonation', 'impersonate', 'users', 'bob', 'alice', ['dev']]);
  });

  it('ignores allowed requests, the RequestReceived stage and non-RBAC 403s (admission webhooks)', () => {
    assert.strictEqual(denialOfAuditEvent(auditEvent({ user: 'a', verb: 'get', decision: 'allow', uri: '/api/v1/pods', ref: { resource: 'pods' } }) as never), undefined);
    assert.strictEqual(denialOfAuditEvent(auditEvent({ user: 'a', verb: 'get', stage: 'RequestReceived', uri: '/api/v1/pods', ref: { resource: 'pods' } }) as never), undefined);
    const webhook = auditEvent({
      user: 'a', verb: 'create', decision: null, uri: '/api/v1/namespaces/x/pods', ref: { resource: 'pods', namespace: 'x' },
      message: 'admission webhook "validation.gatekeeper.sh" denied the request: [no-privileged] privileged containers are not allowed',
    });
    assert.strictEqual(denialOfAuditEvent(webhook as never), undefined);
  });

  it('recognises JSON lines in a paste among other lines, each distinct denial once', () => {
    const forbid = auditEvent({ user: 'bob', verb: 'list', uri: '/api/v1/nodes', ref: { resource: 'nodes' } });
    const text = `kubectl output first\n${jsonLines([forbid, { ...forbid, auditID: 'other' }, auditEvent({ user: 'a', verb: 'get', decision: 'allow', uri: '/api', ref: undefined })])}`;
    const reading = readLogText(text);
    assert.strictEqual(reading.denials.length, 1);
    assert.strictEqual(reading.auditEvents, 3);
  });

  it('recognises a jq-printed EventList and a single pretty-printed event', () => {
    const forbid = auditEvent({ user: 'bob', verb: 'watch', uri: '/api/v1/namespaces/a/configmaps?watch=true', ref: { resource: 'configmaps', namespace: 'a' } });
    assert.strictEqual(readLogText(JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [forbid] }, null, 2)).denials[0].verb, 'watch');
    assert.strictEqual(readLogText(JSON.stringify(forbid, null, 2)).denials[0].resource, 'configmaps');
  });

  it('reads the same denials whatever the chunk boundaries', () => {
    const text = jsonLines([
      auditEvent({ user: 'bob', verb: 'list', uri: '/api/v1/nodes', ref: { resource: 'nodes' } }),
      auditEvent({ user: 'carol', verb: 'get', uri: '/healthz' }),
    ]) + 'Error from server (Forbidden): pods is forbidden: User "dave" cannot list resource "pods" in API group "" in the namespace "x"\n';
    const whole = readLogText(text).denials;
    const reader = new LogReader();
    for (let i = 0; i < text.length; i += 7) reader.push(text.slice(i, i + 7));
    assert.deepStrictEqual(reader.end().denials, whole);
    assert.deepStrictEqual(whole.map((d) => d.subject?.name), ['bob', 'carol', 'dave']);
  });
});
