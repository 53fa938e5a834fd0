#!/usr/bin/env node
// movcheck command line: runs the compiled CLI in dist/ (built by `npm install`, or `npm run build` in a checkout).
let cli;
try {
  ({ cli } = await import('../dist/cli/main.js'));
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist')) throw e;
  process.stderr.write('movcheck: the compiled CLI (dist/) is missing; run `npm install` or `npm run build` in the movcheck checkout\n');
  process.exit(2);
}
await cli(process.argv);
