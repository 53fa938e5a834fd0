/**
 * What `explain` tells of a step, as traces show it: the changes to the world
 * as patches (replace, add, remove; a removal has no value), the default
 * summary lines, the branch only for a step that has branches; and the
 * undeclared-write message lists every declared path. A program without
 * assertions has no assertion checks; `only` keeps the listed ones.
 */
import test from 'ava';
import { buildModel, UndeclaredWriteError, type ProgramSpec, type StepDef } from '../../checker/index.ts';

interface W {
  a: number;
  extra?: number;
  gone?: number;
}
const src = { file: 'toy/explain.c', fn: 'f', code: 'step' };

const spec = (steps: StepDef<W>[], asserts: string[] = []): ProgramSpec<W> => ({
  name: 'explain',
  world: { a: 0, gone: 1 },
  fns: { f: { steps } },
  threads: [{ name: 'solo', fn: 'f', args: {} }],
  asserts: asserts.map((id) => ({ id, description: `${id} holds` })),
});

test('changes and summary of a step that replaces, adds and removes world fields', (t) => {
  const model = buildModel(
    spec([
      {
        label: 'edit',
        src,
        run: (c) => {
          c.w.a = 2;
          c.w.extra = 3;
          delete c.w.gone;
        },
      },
    ]),
  );
  const { changes, summary, step } = model.explain(model.init(), { thread: 0, choice: 0, choices: 1 });
  t.deepEqual(changes, [
    { op: 'replace', path: ['a'], value: 2 },
    { op: 'add', path: ['extra'], value: 3 },
    { op: 'remove', path: ['gone'] },
  ]);
  t.false('value' in (changes[2] as object));
  t.deepEqual(summary, ['a = 2', 'extra = 3', 'gone removed']);
  t.deepEqual(step, { thread: 0, threadName: 'solo', label: 'edit', src });
  t.false('branch' in step);
});

test('a branching step names its branch', (t) => {
  const model = buildModel(spec([{ label: 'pick', src, choices: ['left', 'right'], run: (c) => void (c.w.a = c.choice === 'left' ? 1 : 2) }]));
  const s = model.init();
  t.deepEqual(model.actions(s), [
    { thread: 0, choice: 0, choices: 2 },
    { thread: 0, choice: 1, choices: 2 },
  ]);
  const right = model.explain(s, { thread: 0, choice: 1, choices: 2 });
  t.is(right.step.branch, 'right');
  t.deepEqual(right.summary, ['a = 2']);
});

test('the undeclared-write message names the step, the thread, the path and every declared write', (t) => {
  const model = buildModel(spec([{ label: 'sneaky', src, writes: () => ['gone', 'extra'], run: (c) => void (c.w.a = 1) }]), { checkWrites: true });
  t.throws(() => model.apply(model.init(), { thread: 0, choice: 0, choices: 1 }), {
    instanceOf: UndeclaredWriteError,
    message: 'undeclared write: step f:sneaky (thread solo) changed a but declares writes [gone, extra]',
  });
});

test('assertion checks: one per declared assertion, none without, only the listed ones with only', (t) => {
  const step: StepDef<W> = { label: 's', src, run: () => {} };
  t.deepEqual(buildModel(spec([step])).stateInvariants, []);
  t.deepEqual(
    buildModel(spec([step], ['x', 'y'])).stateInvariants.map((i) => [i.id, i.kind, i.description]),
    [
      ['x', 'assert', 'x holds'],
      ['y', 'assert', 'y holds'],
    ],
  );
  t.deepEqual(
    buildModel(spec([step], ['x', 'y']), { only: new Set(['y']) }).stateInvariants.map((i) => i.id),
    ['y'],
  );
});
