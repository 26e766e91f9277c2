// `npm start`: the main job on the bundled example workspace — check it, then fix a pasted 403.
import { spawnSync } from 'child_process';

const cli = (args) => spawnSync(process.execPath, ['bin/rbac-doctor.js', ...args], { stdio: 'inherit' }).status;

console.log('$ rbac-doctor check examples/shop');
const checked = cli(['check', 'examples/shop']);
console.log(`(exit ${checked}: error-level findings remain)\n`);

const denial = 'Error from server (Forbidden): pods "web-7d4b9" is forbidden: User "system:serviceaccount:shop:deployer" cannot get resource "pods/log" in API group "" in the namespace "shop"';
console.log(`$ rbac-doctor forbidden -f examples/shop '${denial}'`);
const fixed = cli(['forbidden', '-f', 'examples/shop', denial]);
process.exit(checked === 1 && fixed === 0 ? 0 : 1);
