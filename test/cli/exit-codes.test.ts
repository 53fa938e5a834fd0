/** Exit statuses of the real executable (spawned: `node bin/movcheck.mjs`), and one-line errors without stacks. */
import test from 'ava';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FX, ROOT, spawnCli } from './_helpers.ts';

const P = ['--protocol', FX.toy];

test('exit 0: no violation', async (t) => {
  const r = await spawnCli(['run', FX.atomic, ...P]);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /PASS: every interleaving checked/);
  t.regex(r.stderr, /^movcheck: toy-atomic-counter under toy: \d+ states in \d+\.\d\ds\n$/);
});

test('exit 1: a violation', async (t) => {
  const r = await spawnCli(['run', FX.racy, ...P]);
  t.is(r.code, 1, r.stderr);
  t.regex(r.stdout, /VIOLATION of no-lost-update/);
});

test('exit 3: incomplete when a bound is hit', async (t) => {
  const r = await spawnCli(['run', FX.racy3, ...P, '--max-states', '2']);
  t.is(r.code, 3, r.stderr);
  t.regex(r.stdout, /INCOMPLETE: max-states 2 hit after 2 states — no violation found so far, this is NOT a pass/);
  t.notRegex(r.stdout, /verdict: +PASS/);
});

test('exit 2: bad input is one line on stderr, no stack trace', async (t) => {
  const r = await spawnCli(['run', 'no-such-scenario']);
  t.is(r.code, 2);
  t.is(r.stdout, '');
  t.is(r.stderr.split('\n').filter((l) => l).length, 1);
  t.regex(r.stderr, /^movcheck: unknown scenario 'no-such-scenario'; valid: /);
  t.notRegex(r.stderr, /^\s+at /m);
});

test('a user scenario file in a directory outside the repository runs', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'movcheck-user-'));
  t.false(dir.startsWith(ROOT));
  cpSync(resolve(ROOT, FX.racy3), join(dir, 'my-scenario.ts'));
  cpSync(resolve(ROOT, FX.toy), join(dir, 'my-protocol.ts'));
  const r = await spawnCli(['run', './my-scenario.ts', '--protocol', './my-protocol.ts', '--format', 'json'], dir);
  t.is(r.code, 1, r.stderr);
  const res = JSON.parse(r.stdout).results[0];
  t.is(res.scenario, 'toy-racy-counter-3');
  t.is(res.invariant, 'no-lost-update');
  t.is(res.replay, `movcheck replay ./my-scenario.ts --protocol ./my-protocol.ts --schedule ${res.schedule}`);
});
