import * as assert from 'node:assert';
import { identityOf, parseServiceAccountUser, serviceAccountUser, subjectMatches } from '../../../server/src/core/rbac/subjects';
import type { Subject, UserInfo } from '../../../server/src/core/rbac/types';
import { group, sa, user } from './policy-builders';

describe('identities (authenticators and the authenticated-group adder)', () => {
  const rows: { fact: string; name: string; extra?: string[]; groups: string[] }[] = [
    { fact: 'a user gets system:authenticated', name: 'alice', groups: ['system:authenticated'] },
    { fact: 'extra groups come before system:authenticated', name: 'alice', extra: ['dev'], groups: ['dev', 'system:authenticated'] },
    { fact: 'system:authenticated is not added twice', name: 'alice', extra: ['system:authenticated', 'dev'], groups: ['system:authenticated', 'dev'] },
    { fact: 'a ServiceAccount gets system:serviceaccounts and system:serviceaccounts:NS', name: 'system:serviceaccount:ci:deployer', groups: ['system:serviceaccounts', 'system:serviceaccounts:ci', 'system:authenticated'] },
    { fact: 'anonymous gets system:unauthenticated, not system:authenticated', name: 'system:anonymous', groups: ['system:unauthenticated'] },
    { fact: 'a malformed SA name is an ordinary user', name: 'system:serviceaccount:ci', groups: ['system:authenticated'] },
    { fact: 'system:masters comes from the group list only', name: 'admin', extra: ['system:masters'], groups: ['system:masters', 'system:authenticated'] },
    { fact: 'user names are not normalised (case kept)', name: 'Alice', groups: ['system:authenticated'] },
  ];
  for (const row of rows) {
    it(row.fact, () => assert.deepStrictEqual(identityOf(row.name, row.extra), { name: row.name, groups: row.groups }));
  }
});

describe('ServiceAccount user names', () => {
  it('builds system:serviceaccount:NS:NAME', () => assert.strictEqual(serviceAccountUser('ci', 'deployer'), 'system:serviceaccount:ci:deployer'));
  const rows: [string, { namespace: string; name: string } | undefined][] = [
    ['system:serviceaccount:ci:deployer', { namespace: 'ci', name: 'deployer' }],
    ['system:serviceaccount:ci:my.sa', { namespace: 'ci', name: 'my.sa' }],
    ['system:serviceaccount:ci', undefined],
    ['system:serviceaccount:ci:a:b', undefined],
    ['system:serviceaccount::deployer', undefined],
    ['system:serviceaccount:CI:deployer', undefined],
    ['system:serviceaccounts:ci', undefined],
    ['alice', undefined],
  ];
  for (const [name, expected] of rows) it(`parses ${name}`, () => assert.deepStrictEqual(parseServiceAccountUser(name), expected));
});

describe('subject matching (appliesToUser)', () => {
  const alice: UserInfo = identityOf('alice', ['dev']);
  const deployer: UserInfo = identityOf('system:serviceaccount:ci:deployer');
  const rows: { fact: string; subject: Subject; bindingNamespace?: string; user: UserInfo; matches: boolean }[] = [
    { fact: 'User: exact name', subject: user('alice'), user: alice, matches: true },
    { fact: 'User: case-sensitive', subject: user('Alice'), user: alice, matches: false },
    { fact: 'User: * is not a wildcard', subject: user('*'), user: alice, matches: false },
    { fact: 'User: namespace is ignored', subject: { ...user('alice'), namespace: 'elsewhere' }, bindingNamespace: 'shop', user: alice, matches: true },
    { fact: 'User: apiGroup is ignored', subject: { kind: 'User', name: 'alice', apiGroup: 'wrong' }, user: alice, matches: true },
    { fact: 'User: naming an SA user matches that SA', subject: user('system:serviceaccount:ci:deployer'), user: deployer, matches: true },
    { fact: 'Group: listed group', subject: group('dev'), user: alice, matches: true },
    { fact: 'Group: unlisted group', subject: group('ops'), user: alice, matches: false },
    { fact: 'Group: system:authenticated matches every authenticated user', subject: group('system:authenticated'), user: alice, matches: true },
    { fact: 'Group: system:serviceaccounts matches SAs', subject: group('system:serviceaccounts'), user: deployer, matches: true },
    { fact: 'Group: system:serviceaccounts:NS matches SAs of NS', subject: group('system:serviceaccounts:ci'), user: deployer, matches: true },
    { fact: 'Group: system:serviceaccounts:NS does not match SAs of other namespaces', subject: group('system:serviceaccounts:prod'), user: deployer, matches: false },
    { fact: 'Group: system:unauthenticated matches anonymous', subject: group('system:unauthenticated'), user: identityOf('system:anonymous'), matches: true },
    { fact: 'Group: system:authenticated does not match anonymous', subject: group('system:authenticated'), user: identityOf('system:anonymous'), matches: false },
    { fact: 'Group: namespace is ignored', subject: { ...group('dev'), namespace: 'elsewhere' }, bindingNamespace: 'shop', user: alice, matches: true },
    { fact: 'Group: apiGroup is ignored', subject: { kind: 'Group', name: 'dev' }, user: alice, matches: true },
    { fact: 'Group: case-sensitive', subject: group('Dev'), user: alice, matches: false },
    { fact: 'SA: with namespace', subject: sa('deployer', 'ci'), user: deployer, matches: true },
    { fact: 'SA: other namespace', subject: sa('deployer', 'prod'), bindingNamespace: 'ci', user: deployer, matches: false },
    { fact: 'SA: without namespace defaults to the RoleBinding namespace', subject: sa('deployer'), bindingNamespace: 'ci', user: deployer, matches: true },
    { fact: 'SA: without namespace in another RoleBinding namespace', subject: sa('deployer'), bindingNamespace: 'prod', user: deployer, matches: false },
    { fact: 'SA: without namespace in a ClusterRoleBinding never matches', subject: sa('deployer'), user: deployer, matches: false },
    { fact: 'SA: apiGroup is ignored', subject: { ...sa('deployer', 'ci'), apiGroup: 'rbac.authorization.k8s.io' }, user: deployer, matches: true },
    { fact: 'SA: does not match a plain user of the same name', subject: sa('alice', 'ci'), user: alice, matches: false },
    { fact: 'unknown subject kind never matches', subject: { kind: 'user', name: 'alice' }, user: alice, matches: false },
  ];
  for (const row of rows) it(row.fact, () => assert.strictEqual(subjectMatches(row.subject, row.bindingNamespace, row.user), row.matches));
});
