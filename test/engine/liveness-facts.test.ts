/**
 * The dead-local analysis on its own (packed/liveness.ts), on a function of
 * four steps with locals x and y: with no facts every local is dead
 * everywhere; a read makes a local live up to it and throws LivenessGrowth
 * (something reset is live now); a jump that makes nothing live is learnt
 * quietly; a backward jump carries liveness around the loop; an observing
 * analysis learns the same facts and never throws; facts are kept per
 * function definition, for the next analysis of it.
 */
import test from 'ava';
import { Liveness, LivenessGrowth } from '../../checker/packed/liveness.ts';

const fnDef = () => ({ steps: [{}, {}, {}, {}] });
const dead = (l: Liveness) => [...(l.dead[0] as Int32Array)];
const growth = (f: () => void): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    if (!LivenessGrowth.is(e)) throw e;
    return e.message;
  }
};

test('reads and jumps: what is live where, and which news throws', (t) => {
  const def = fnDef();
  const l = new Liveness([def], [['x', 'y']], ['f']);
  t.deepEqual(dead(l), [0b11, 0b11, 0b11, 0b11]);
  t.is(growth(() => l.read(0, 3, 0b01)), 'f step 3 reads a local');
  t.deepEqual(dead(l), [0b10, 0b10, 0b10, 0b10]);
  t.is(growth(() => l.read(0, 3, 0b01)), null); // known already
  // 1 -> 3 skips step 2, which reads nothing: x is live at 1 either way.
  t.is(growth(() => l.jump(0, 1, 3)), null);
  t.is(growth(() => l.jump(0, 1, 2)), null); // the fall-through is assumed
  t.deepEqual(dead(l), [0b10, 0b10, 0b10, 0b10]);
  t.is(growth(() => l.read(0, 2, 0b10)), 'f step 2 reads a local');
  t.deepEqual(dead(l), [0, 0, 0, 0b10]);
  // 3 -> 0: y, read at 2, is live at 3 too now.
  t.is(growth(() => l.jump(0, 3, 0)), 'f step 3 jumps to step 0');
  t.deepEqual(dead(l), [0, 0, 0, 0]);
  // A later analysis of the same definition starts with these facts, in its own slot order.
  const again = new Liveness([def], [['y', 'x', 'z']], ['f']);
  t.deepEqual(dead(again), [0b100, 0b100, 0b100, 0b100]);
});

test('an observing analysis learns without throwing', (t) => {
  const def = fnDef();
  const l = new Liveness([def], [['x']], ['f'], true);
  t.is(growth(() => l.read(0, 2, 0b1)), null);
  t.deepEqual(dead(l), [0, 0, 0, 0b1]);
  t.is(growth(() => l.jump(0, 3, 1)), null);
  t.deepEqual(dead(l), [0, 0, 0, 0]);
  t.true(LivenessGrowth.is(new LivenessGrowth('x')));
  t.false(LivenessGrowth.is(new Error('x')));
});
