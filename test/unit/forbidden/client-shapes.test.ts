import * as assert from 'assert';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';

describe('403 shapes of clients and posts', () => {
  it('kubectl auth can-i: a redacted placeholder with a space (--as dev@<my domain>) stays one word', () => {
    const [d] = parseForbiddenMessage('$ kubectl auth can-i list pods -n shop --as dev@<my domain>\nno');
    assert.deepStrictEqual([d.subject?.name, d.verb, d.resource, d.namespace], ['dev@<my domain>', 'list', 'pods', 'shop']);
    // A `<` never closed is an ordinary character of its word.
    const [plain] = parseForbiddenMessage('$ kubectl auth can-i get pods -n a --as x<y\nno');
    assert.strictEqual(plain.subject?.name, 'x<y');
  });

  it("Java's HttpURLConnection 403 names the request but not who made it", () => {
    const [d] = parseForbiddenMessage('java.io.IOException: Server returned HTTP response code: 403 for URL: https://10.0.0.1:443/apis/apps/v1/namespaces/shop/deployments/web]');
    assert.deepStrictEqual([d.rbac, d.subject?.name ?? null, d.verb, d.apiGroup, d.resource, d.resourceName, d.namespace], [true, null, 'get', 'apps', 'deployments', 'web', 'shop']);
  });

  it("OpenShift 3's list across all namespaces names its resource (all services in the cluster), never a resource 'all'", () => {
    const [d] = parseForbiddenMessage('Error from server (Forbidden): User "dev" cannot list all services in the cluster');
    assert.deepStrictEqual([d.subject?.name, d.verb, d.apiGroup, d.resource, d.scope], ['dev', 'list', '', 'services', 'cluster']);
  });
});
