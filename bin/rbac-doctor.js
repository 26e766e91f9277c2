#!/usr/bin/env node
'use strict';
const { existsSync } = require('fs');
const { join } = require('path');

const cli = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(`rbac-doctor: not built yet: run \`npm run build\` in ${join(__dirname, '..')}\n`);
  process.exit(2);
}
require(cli);
