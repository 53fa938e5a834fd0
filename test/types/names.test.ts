/**
 * Step labels, function names and local names are typed: a `goto` or `then`
 * to a label the function does not have, a `call` to a function the model
 * does not have, and a local the model does not know are compile errors.
 *
 * The proof is tsc itself: `npm test` runs `tsc --noEmit -p .` first, and each
 * `@ts-expect-error` below fails that run if the line under it compiles (an
 * unused directive is an error). `rejected` is never called; the ava tests
 * check that the well-typed forms, written without annotations, build and
 * that the build still rejects at run time what slips past the types.
 */
import test from 'ava';
import { buildModel, type Ctx, type StepDef } from '../../checker/index.ts';
import { fn, local, num, pg, fields, type KCtx, type KFn, type StepSpec } from '../../model/dsl.ts';
import { shared, unlockStep } from '../../model/versions/common.ts';

/** Lines that must not compile. Never called. */
export function rejected(label: string): KFn[] {
  return [
    // A goto to a missing label, from an inline step.
    fn('t.c', 'f', [
      // @ts-expect-error 'nxt' is not a label of f
      { label: 'scan', code: 'scan', run: (c) => c.goto('nxt') },
      { label: 'next', code: 'next', run: (c) => c.goto('scan') },
    ]),
    // A goto to a missing label, from a local step.
    fn('t.c', 'f', [
      // @ts-expect-error 'nxt' is not a label of f
      { ...local('scan', 'scan'), run: (c) => c.goto('nxt') },
      { ...local('next', 'next'), run: (c) => c.ret(null) },
    ]),
    // A call whose `then` is a missing label.
    fn('t.c', 'f', [
      // @ts-expect-error 'dnoe' is not a label of f
      { ...local('lock', 'lock_page(page)'), run: (c) => c.call('lock_page', { p: 0 }, 'dnoe') },
      { ...local('done', 'return'), run: (c) => c.ret(null) },
    ]),
    // A call to a function the model does not have.
    fn('t.c', 'f', [
      // @ts-expect-error 'lock_pgae' is not in FnNames
      { ...local('lock', 'lock_page(page)'), run: (c) => c.call('lock_pgae', { p: 0 }, 'done') },
      { ...local('done', 'return'), run: (c) => c.ret(null) },
    ]),
    // A helper's steps that jump to labels the function lacks (outListDel goes on at put_new and fail_movable).
    // @ts-expect-error f has no put_new nor fail_movable
    fn('t.c', 'f', [...shared.outListDel()]),
    // A helper that takes a label to go on at: putIsolation(..., then).
    fn('t.c', 'f', [
      // @ts-expect-error f has no step 'gone'
      shared.putIsolation({} as never, 'put', 'put_page(page);', 'gone'),
      { ...local('done', 'return'), run: (c) => c.ret(null) },
    ]),
    // A label of type string: any goto would pass, so fn refuses it.
    // @ts-expect-error a label must have a literal type
    fn('t.c', 'f', [{ label, code: 'x', run: (c) => c.goto('x') }]),
    // Locals: an unknown name read, written, passed to num or pg, given as an argument or as `into`.
    fn('t.c', 'f', [
      {
        ...local('l', 'locals'),
        run: (c) => {
          // @ts-expect-error 'pp' is not in LocalNames
          void c.l.pp;
          // @ts-expect-error 'rcc' is not in LocalNames
          c.l.rcc = 0;
          // @ts-expect-error 'pp' is not in LocalNames
          void num(c.l, 'pp');
          // @ts-expect-error 'pp' is not in LocalNames
          void pg(c, 'pp');
          // @ts-expect-error 'pp' is not in LocalNames
          c.call('lock_page', { pp: 0 });
          // @ts-expect-error 'rcc' is not in LocalNames
          c.call('migrate_pages', { p: 0, np: 1 }, 'l', 'rcc');
        },
      },
    ]),
    // @ts-expect-error a footprint on an unknown local
    fn('t.c', 'f', [{ label: 'a', code: 'a', writes: fields('pp', 'flags'), run: () => {} }]),
  ];
}

/** Helpers that jump take the labels they may jump to: a helper given a plain KCtx cannot jump. */
export function helperWithoutLabels(c: KCtx): void {
  // @ts-expect-error a KCtx (no labels) cannot goto
  c.goto('anywhere');
}

/** The well-typed forms: labels inferred from the steps, template-literal labels from a generic helper, no annotations. */
function retry<const P extends string, T extends string>(prefix: P, then: T): StepSpec<P | `${P}_again`, P | `${P}_again` | T>[] {
  return [
    { ...local(prefix, 'try'), run: (c) => c.goto(`${prefix}_again`) },
    { ...local(`${prefix}_again`, 'again'), run: (c) => c.goto(then) },
  ];
}

const good: KFn = fn('t.c', 'good', [
  { ...local('scan', 'scan'), run: (c) => (c.l.n === 0 ? c.goto('out') : c.call('lock_page', { p: num(c.l, 'p') }, 'unlock')) },
  unlockStep('unlock', 'unlock_page(page)'),
  ...retry('lock', 'out'),
  { label: 'out', code: 'out: return', run: (c) => c.ret(null) },
]);

test('labels come from the steps, in order, and the helper labels from their prefix', (t) => {
  t.deepEqual(
    good.steps.map((s) => s.label),
    ['scan', 'unlock', 'lock', 'lock_again', 'out'],
  );
  t.is(good.steps[0]?.local, true);
  t.is(good.steps[1]?.src.code, 'unlock_page(page)');
});

test('the engine stays generic: a program without name unions takes any string, and the build still checks labels', (t) => {
  type W = { n: number };
  // Ctx<W> and StepDef<W> as before: labels and functions are plain strings.
  const step: StepDef<W> = { label: 'a', src: { file: 't', fn: 'main', code: 'a' }, run: (c: Ctx<W>) => c.goto('b') };
  const spec = { name: 'untyped', world: { n: 0 }, fns: { main: { steps: [step] } }, threads: [{ name: 'T', fn: 'main', args: {} }] };
  const model = buildModel<W>(spec);
  const s0 = model.init();
  const [a] = model.actions(s0);
  t.truthy(a);
  t.throws(() => model.apply(s0, a!), { message: /main has no step labelled b/ });
});
