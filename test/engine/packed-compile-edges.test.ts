/**
 * The packed compiler at edges the catalog does not reach: two locals of one
 * frame that die at the same step are both reset (the reset walks every bit
 * of the dead mask); an entry argument no step reads is reset in the initial
 * state itself; a recorded fault is part of a state's fingerprint even when
 * the world has an even number of leaves (the fault slot is then the odd one
 * out of the world hash's 32-bit words).
 */
import test from 'ava';
import { buildModel, explore, type FnDef, type ProgramSpec, type Result } from '../../checker/index.ts';
import { newCodes } from '../../checker/packed/compile.ts';
import type { PackedFactory } from '../../checker/packed/explore.ts';

const src = { file: 'toy/compile.c', fn: 'f', code: 'step' };
const key = (r: Result) => `${r.verdict}${r.verdict === 'violation' ? ` ${r.invariant} '${r.schedule}' ${r.message}` : ''} states=${r.stats.states} transitions=${r.stats.transitions}`;

test('two locals that die at the same step are both reset', (t) => {
  // pick: a = b = 1 or 2; use: n += 1 (reading a and b); after it neither is read again; end: nothing.
  const f: FnDef<{ n: number }> = {
    steps: [
      { label: 'pick', src, choices: ['one', 'two'], run: (c) => void ((c.l.a = c.choice === 'one' ? 1 : 2), (c.l.b = c.choice === 'one' ? 1 : 2)) },
      { label: 'use', src, run: (c) => void (c.w.n += (c.l.a as number) + (c.l.b as number) > 0 ? 1 : 0) },
      { label: 'end', src, run: () => {} },
    ],
  };
  const spec: ProgramSpec<{ n: number }> = { name: 'two-dead', world: { n: 0 }, fns: { f }, threads: [{ name: 'T0', fn: 'f', args: {} }] };
  // init; after pick (a = b = 1, a = b = 2); after use: one state with a and b reset, two kept; after end (frame gone): one
  t.is(key(explore(buildModel(spec), { progress: null, engine: 'object' })), 'pass states=6 transitions=6');
  t.is(key(explore(buildModel(spec), { progress: null, deadLocals: false })), 'pass states=6 transitions=6');
  t.is(key(explore(buildModel(spec), { progress: null })), 'pass states=5 transitions=5');
});

test('an entry argument no step reads is reset in the initial state', (t) => {
  const g: FnDef<{ n: number }> = { steps: [{ label: 'inc', src, run: (c) => void (c.w.n += 1) }] };
  const spec: ProgramSpec<{ n: number }> = { name: 'dead-arg', world: { n: 0 }, fns: { g }, threads: [{ name: 'T0', fn: 'g', args: { k: 5 } }] };
  const factory = (buildModel(spec) as { packed?: PackedFactory }).packed as PackedFactory;
  const hints = { names: new Map([['g', ['k']]]), stackWords: 8 };
  const reset = factory.compile(hints, newCodes(false, true));
  reset.init();
  t.deepEqual(reset.decode(reset.dst).t, [{ frames: [{ fn: 'g', pc: 0, l: {}, ret: null }] }]);
  const kept = factory.compile(hints, newCodes(false, false));
  kept.init();
  t.deepEqual(kept.decode(kept.dst).t, [{ frames: [{ fn: 'g', pc: 0, l: { k: 5 }, ret: null }] }]);
});

test('a recorded fault is part of the fingerprint when the world has an even number of leaves', (t) => {
  // One step with two branches that reach the same world and pc; the second records a fault. Both are states.
  const spec: ProgramSpec<{ n: number; m: number }> = {
    name: 'fault-slot',
    world: { n: 0, m: 0 },
    fns: {
      f: {
        steps: [
          {
            label: 'check',
            src,
            choices: ['ok', 'bad'],
            run: (c) => {
              c.w.n = 1;
              if (c.choice === 'bad') c.fail('n-checked', 'the check failed');
            },
          },
          { label: 'after', src, run: (c) => void (c.w.m = 1) },
        ],
      },
    },
    threads: [{ name: 'T0', fn: 'f', args: {} }],
    asserts: [{ id: 'n-checked', description: 'the check holds' }],
  };
  const object = key(explore(buildModel(spec), { progress: null, engine: 'object' }));
  t.is(object, "violation n-checked '0b' the check failed states=3 transitions=2");
  t.is(key(explore(buildModel(spec), { progress: null })), object);
  t.is(key(explore(buildModel(spec), { progress: null, exact: true })), object);
});

test('dead locals are told apart: a local dies while another of its frame is still read', (t) => {
  // pick: a = 1, b = 1 or 2; use: n = a (b is never read); end: nothing.
  const f: FnDef<{ n: number }> = {
    steps: [
      { label: 'pick', src, choices: ['one', 'two'], run: (c) => void ((c.l.a = 1), (c.l.b = c.choice === 'one' ? 1 : 2)) },
      { label: 'use', src, run: (c) => void (c.w.n = c.l.a as number) },
      { label: 'end', src, run: () => {} },
    ],
  };
  const spec: ProgramSpec<{ n: number }> = { name: 'one-dead', world: { n: 0 }, fns: { f }, threads: [{ name: 'T0', fn: 'f', args: {} }] };
  t.is(key(explore(buildModel(spec), { progress: null, engine: 'object' })), 'pass states=6 transitions=6');
  // b is reset right after pick: one state after pick, one after use
  t.is(key(explore(buildModel(spec), { progress: null })), 'pass states=4 transitions=4');
});

test('dead locals: the first 30 names of a function are reset, later ones never (the masks are 30 bits)', (t) => {
  // set (4 branches): v0..v28 = 1, v29 = 1 or 2, v30 = 1 or 2 (the branch's two bits); use reads v0..v28 only.
  const names = Array.from({ length: 31 }, (_, i) => `v${i}`);
  const f: FnDef<{ n: number }> = {
    steps: [
      {
        label: 'set',
        src,
        choices: ['a', 'b', 'c', 'd'],
        run: (c) => {
          const k = ['a', 'b', 'c', 'd'].indexOf(c.choice as string);
          for (const n of names.slice(0, 29)) c.l[n] = 1;
          // Named through the list, so the layout's first guess from the source (hints.ts) sees none: names are met in this order.
          c.l[names[29] as string] = (k & 1) + 1;
          c.l[names[30] as string] = (k >> 1) + 1;
        },
      },
      { label: 'use', src, run: (c) => void (c.w.n = names.slice(0, 29).reduce((s, n) => s + (c.l[n] as number), 0)) },
      { label: 'end', src, run: () => {} },
    ],
  };
  const spec: ProgramSpec<{ n: number }> = { name: 'thirty-one', world: { n: 0 }, fns: { f }, threads: [{ name: 'T0', fn: 'f', args: {} }] };
  t.is(key(explore(buildModel(spec), { progress: null, engine: 'object' })), 'pass states=10 transitions=12');
  // v29 (the 30th name) is reset after set, v30 (the 31st) is kept: two states after set and after use
  t.is(key(explore(buildModel(spec), { progress: null })), 'pass states=6 transitions=8');
});

test('dead locals across a backward jump: a local read at the top of a loop stays live through its body', (t) => {
  // init: x = 5, i = 0; head: n = x + i; body: i += 1, back to head while i < 3; end: n = 100.
  const f: FnDef<{ n: number }> = {
    steps: [
      { label: 'init', src, run: (c) => void ((c.l.x = 5), (c.l.i = 0)) },
      { label: 'head', src, run: (c) => void (c.w.n = (c.l.x as number) + (c.l.i as number)) },
      {
        label: 'body',
        src,
        run: (c) => {
          c.l.i = (c.l.i as number) + 1;
          if ((c.l.i as number) < 3) c.goto('head');
        },
      },
      { label: 'end', src, run: (c) => void (c.w.n = 100) },
    ],
  };
  const spec: ProgramSpec<{ n: number }> = { name: 'loop-live', world: { n: 0 }, fns: { f }, threads: [{ name: 'T0', fn: 'f', args: {} }] };
  const object = key(explore(buildModel(spec), { progress: null, engine: 'object' }));
  t.is(object, 'pass states=9 transitions=8');
  t.is(key(explore(buildModel(spec), { progress: null })), object);
});
