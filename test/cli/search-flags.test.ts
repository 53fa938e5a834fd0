/** --exact, --no-dead-locals and --max-memory reach the search; the report says how states were stored. */
import test from 'ava';
import { cli } from './_helpers.ts';

// Without partial-order reduction (on by default), whose counts are por.test.ts's.
const P = ['run', 'parallel-compaction', '--protocol', 'v4.8-atomic', '--param', 'threads=3', '--no-por', '--format', 'json'];
const states = (out: string) => JSON.parse(out).results[0].stats.states as number;

test('--no-dead-locals keeps dead locals: more states, same verdict; --exact gives the hashed count', async (t) => {
  const reset = await cli(P);
  const kept = await cli([...P, '--no-dead-locals']);
  const exact = await cli([...P, '--exact']);
  t.is(reset.code, 0, reset.stderr);
  t.is(kept.code, 0, kept.stderr);
  // Three compaction threads on one page under v4.8-atomic: 43,809 states, 32,096 once dead locals are reset.
  t.is(states(kept.stdout), 43809);
  t.is(states(reset.stdout), 32096);
  t.is(states(exact.stdout), 32096);
});

test('--max-memory: a bound the tables pass is incomplete (exit 3), never a pass', async (t) => {
  const r = await cli(['run', 'parallel-compaction', '--protocol', 'v4.8-atomic', '--param', 'threads=3', '--param', 'driver=on', '--max-memory', '1']);
  t.is(r.code, 3, r.stderr);
  t.regex(r.stdout, /INCOMPLETE: max-memory 1 hit after \d+ states/);
});

test('the text report says how states were stored, with the collision bound', async (t) => {
  const hashed = await cli(['run', 'r2-release-isolated-page', '--protocol', 'v4.10']);
  t.regex(hashed.stdout, /searched 157 states, 253 transitions, depth 13; 64-bit fingerprints, P\(collision\) <= 6\.6e-16/);
  const exact = await cli(['run', 'r2-release-isolated-page', '--protocol', 'v4.10', '--exact']);
  t.regex(exact.stdout, /whole states stored\s+\(--exact\):\s+no\s+collision\s+possible/);
});

test('--symmetry: three interchangeable compaction threads, same verdict, fewer states, said in the report', async (t) => {
  const plain = await cli(P);
  const sym = await cli([...P, '--symmetry']);
  t.is(sym.code, 0, sym.stderr);
  t.is(JSON.parse(sym.stdout).results[0].verdict, JSON.parse(plain.stdout).results[0].verdict);
  // 8,314 vs 32,096 states: three threads, at most 3! = 6 orders of them, fewer where states are symmetric already.
  t.true(states(sym.stdout) * 3 < states(plain.stdout), `${states(sym.stdout)} vs ${states(plain.stdout)}`);
  const text = await cli(['run', 'parallel-compaction', '--protocol', 'v4.8-atomic', '--param', 'threads=3', '--symmetry']);
  t.regex(text.stdout.replace(/\s+/g, ' '), /PASS: every interleaving checked \(\d+ states up to swapping 3 interchangeable threads, \d+ transitions/);
  const mutant = await cli(['run', 'parallel-compaction~no-isolated-check', '--protocol', 'v4.8-atomic~no-isolated-check', '--param', 'threads=3', '--symmetry']);
  t.is(mutant.code, 1, mutant.stderr);
  t.regex(mutant.stdout.replace(/\s+/g, ' '), /; symmetry over 3 interchangeable threads/);
});

test('--check-footprints: the kernel model declares what it reads; a protocol that reads undeclared is a model error (exit 2)', async (t) => {
  const r = await cli(['run', 'parallel-compaction', '--protocol', 'v4.8-atomic', '--check-footprints', '--format', 'json']);
  t.is(r.code, 0, r.stderr);
  t.is(JSON.parse(r.stdout).results[0].verdict, 'pass');
  const bad = await cli(['run', 'migration-preserves-data', '--protocol', 'test/fixtures/undeclared-read-protocol.ts', '--check-footprints']);
  t.is(bad.code, 2, bad.stderr);
  t.regex(bad.stderr, /undeclared read: step drv_lru:rotate \(thread D\) read pages\/0\/mappers but declares reads and writes \[/);
  const plain = await cli(['run', 'migration-preserves-data', '--protocol', 'test/fixtures/undeclared-read-protocol.ts']);
  t.not(plain.code, 2, plain.stderr);
});
