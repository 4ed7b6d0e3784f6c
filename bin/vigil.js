#!/usr/bin/env node
'use strict';
// The `vigil` command. Runs the compiled CLI (dist/, built by `npm run build`, and by the
// `prepare` script on `npm ci`); in a checkout without a build it runs the TypeScript source
// through ts-node (a dev dependency).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const compiled = join(root, 'dist', 'src', 'cli', 'main.js');

if (existsSync(compiled)) {
  require(compiled).main();
} else {
  try {
    require('ts-node').register({
      transpileOnly: true,
      project: join(root, 'tsconfig.json'),
    });
  } catch {
    process.stderr.write('vigil: not built: run `npm run build` in ' + root + '\n');
    process.exit(2);
  }
  require(join(root, 'src', 'cli', 'main.ts')).main();
}
