/**
 * Progress: both searches call the sink every 256 expansions with the
 * search's figures so far (the same figures in both, under bfs and dfs), and
 * the terminal sink prints at most once a second, only on a TTY;
 * MOVCHECK_PROGRESS=SECONDS asks for whole lines every SECONDS instead.
 */
import test from 'ava';
import { buildModel, explore } from '../../checker/index.ts';
import { processProgress, progressSink, progressStyle, type Progress } from '../../checker/progress.ts';
import { counterSpec } from '../toys/counter.ts';

// Five racy incrementers, no checks: 2027 states, so 7 calls (at expansions 256, 512, ..., 1792).
const model = () => buildModel(counterSpec(5, false), { only: new Set() });
const p = (states: number, transitions: number, depth: number, frontier: number) => ({ states, transitions, depth, frontier });
const expected = {
  bfs: [p(612, 1000, 6, 356), p(1018, 1912, 6, 506), p(1340, 2715, 7, 572), p(1577, 3506, 7, 553), p(1790, 4167, 8, 510), p(1928, 4854, 8, 392), p(2007, 5383, 9, 215)],
  dfs: [p(269, 545, 10, 13), p(528, 1192, 10, 16), p(782, 1935, 10, 14), p(1030, 2691, 10, 6), p(1292, 3452, 10, 12), p(1543, 4140, 10, 7), p(1798, 4963, 10, 6)],
};

for (const strategy of ['bfs', 'dfs'] as const) {
  for (const engine of ['object', 'packed'] as const) {
    test(`the sink sees every 256th expansion (${strategy}, ${engine} search)`, (t) => {
      const calls: Progress[] = [];
      const r = explore(model(), { strategy, engine, progress: (x) => calls.push(x) });
      t.is(r.stats.states, 2027);
      t.deepEqual(
        calls.map(({ states, transitions, depth, frontier }) => ({ states, transitions, depth, frontier })),
        expected[strategy],
      );
      for (let i = 1; i < calls.length; i++) t.true(calls[i]!.seconds >= calls[i - 1]!.seconds);
      t.true(calls[0]!.seconds >= 0 && calls[calls.length - 1]!.seconds <= r.stats.seconds);
    });
  }
}

/** Runs `f` with stderr posing as a TTY (or not), returning what was written to it. */
function onTty(f: () => void, isTTY = true): string {
  const stderr = process.stderr as { isTTY?: boolean; write: unknown };
  const tty = stderr.isTTY;
  const write = stderr.write;
  let out = '';
  stderr.isTTY = isTTY;
  stderr.write = (s: string) => ((out += s), true);
  try {
    f();
  } finally {
    stderr.isTTY = tty;
    stderr.write = write;
  }
  return out;
}

const at = (seconds: number, states = 1000): Progress => ({ states, transitions: 2 * states, depth: 7, frontier: 42, seconds });

test('processProgress: nothing without a TTY (MOVCHECK_PROGRESS unset)', (t) => {
  const stderr = process.stderr as { isTTY?: boolean };
  const tty = stderr.isTTY;
  stderr.isTTY = false;
  try {
    t.is(processProgress(progressStyle({}, process.stderr.isTTY === true)), undefined);
  } finally {
    stderr.isTTY = tty;
  }
});

test('processProgress: on a TTY, one overwritten line at most once per interval', (t) => {
  const out = onTty(() => {
    const sink = processProgress(progressStyle({}, true));
    if (!sink) throw new Error('no sink on a TTY');
    sink(at(0.5)); // before the first second: nothing
    sink(at(1.25, 2500)); // printed
    sink(at(2.0)); // 750 ms later: nothing
    sink(at(2.25, 4500)); // a second after the last line: printed
  });
  t.is(out, '\r[movcheck] 2500 states, 2000/s, depth 7, queue 42, 1.3s   \r[movcheck] 4500 states, 2000/s, depth 7, queue 42, 2.3s   ');
});

test('processProgress: a shorter interval, and a rate of 0 at 0 seconds', (t) => {
  const out = onTty(() => {
    const sink = processProgress({ lines: false, everyMs: 0 });
    if (!sink) throw new Error('no sink on a TTY');
    sink(at(0, 10));
  });
  t.is(out, '\r[movcheck] 10 states, 0/s, depth 7, queue 42, 0.0s   ');
});

test('explore without a progress option prints on a TTY; with progress null it does not', (t) => {
  // A clock that runs 2 s per reading, so the one progress call (at expansion 256) comes "seconds" in.
  const now = performance.now;
  let fake = 0;
  performance.now = () => (fake += 2000);
  try {
    for (const engine of ['object', 'packed'] as const) {
      const quiet = buildModel(counterSpec(4, false), { only: new Set() });
      const printed = onTty(() => void explore(quiet, { engine }));
      t.regex(printed, /^\r\[movcheck\] 319 states, \d+\/s, depth 7, queue 63, [\d.]+s {3}$/, engine);
      t.is(
        onTty(() => void explore(quiet, { engine, progress: null })),
        '',
        engine,
      );
    }
  } finally {
    performance.now = now;
  }
});

test('progressStyle: MOVCHECK_PROGRESS=SECONDS gives whole lines (TTY or not); unset, empty, 0 or not a number: a TTY gets one overwritten line, else none', (t) => {
  t.deepEqual(progressStyle({ MOVCHECK_PROGRESS: '60' }, false), { lines: true, everyMs: 60000 });
  t.deepEqual(progressStyle({ MOVCHECK_PROGRESS: '0.5' }, true), { lines: true, everyMs: 500 });
  for (const v of [undefined, '', '0', '-3', 'soon', 'Infinity']) {
    t.deepEqual(progressStyle({ MOVCHECK_PROGRESS: v }, true), { lines: false, everyMs: 1000 }, String(v));
    t.is(progressStyle({ MOVCHECK_PROGRESS: v }, false), null, String(v));
  }
});

test('progressSink in lines: a whole line at most once per interval, nothing overwritten', (t) => {
  let out = '';
  const sink = progressSink({ lines: true, everyMs: 10000 }, (s) => (out += s));
  sink(at(5)); // before the first 10 s: nothing
  sink(at(10, 20000)); // printed
  sink(at(19.9)); // 9.9 s later: nothing
  sink(at(20, 30000)); // printed
  t.is(out, '[movcheck] 20000 states, 2000/s, depth 7, queue 42, 10.0s\n[movcheck] 30000 states, 1500/s, depth 7, queue 42, 20.0s\n');
});

test('explore off a terminal: nothing without MOVCHECK_PROGRESS, a whole line with it', (t) => {
  const now = performance.now;
  const env = process.env.MOVCHECK_PROGRESS;
  let fake = 0;
  performance.now = () => (fake += 2000);
  try {
    for (const engine of ['object', 'packed'] as const) {
      const quiet = buildModel(counterSpec(4, false), { only: new Set() });
      delete process.env.MOVCHECK_PROGRESS;
      t.is(onTty(() => void explore(quiet, { engine }), false), '', engine);
      process.env.MOVCHECK_PROGRESS = '1';
      t.regex(onTty(() => void explore(quiet, { engine }), false), /^\[movcheck\] 319 states, \d+\/s, depth 7, queue 63, [\d.]+s\n$/, engine);
    }
  } finally {
    performance.now = now;
    if (env === undefined) delete process.env.MOVCHECK_PROGRESS;
    else process.env.MOVCHECK_PROGRESS = env;
  }
});
