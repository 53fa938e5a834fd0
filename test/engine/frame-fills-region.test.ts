/**
 * A frame that fills its thread's region to the last slot (a function of 20
 * locals: 3 + 20 slots after the stack word, in the 24-word regions of a
 * first layout): returning from it clears exactly its own slots, not the
 * next thread's stack word. Both threads finish, and the packed search visits
 * the states and transitions the object search does (counted by hand below).
 */
import test from 'ava';
import { buildModel, explore } from '../../checker/index.ts';
import { wideSpec } from '../toys/wide.ts';

test('returning from a frame that fills its region leaves the next thread running', (t) => {
  const spec = wideSpec(20);
  const key = (engine: 'packed' | 'object') => {
    const r = explore(buildModel(spec), { progress: null, engine, deadLocals: false });
    return `${r.verdict} ${r.stats.states}/${r.stats.transitions}`;
  };
  // Two threads of two steps: 9 states (3 x 3 positions) and 12 transitions.
  t.is(key('object'), 'pass 9/12');
  t.is(key('packed'), 'pass 9/12');
});
