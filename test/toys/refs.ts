/**
 * Toy model: a reference count. Borrowers are transient (like compaction
 * threads): each takes a reference, works (ok or error), and must drop it
 * again. An owner takes a reference and keeps it, which is no leak. Variants:
 * `leaky` skips the put on the error path (a leak that only shows when the
 * borrower has finished); `splitGet` raises the count and records the holder
 * in two steps (the count is off between them, and right again after).
 */
import type { FnDef, ProgramSpec, StateInvariant, StepDef, SysState } from '../../checker/index.ts';

/** World of the refcount toy: the count, what each thread holds, and which threads are transient (bit per thread). */
export interface RefsWorld {
  ref: number;
  holds: number[];
  transient: number;
}

const src = (fn: string, code: string) => ({ file: 'toy/refs.c', fn, code });

/** At the end: the count equals what the threads hold, and every transient thread (of these names) holds nothing. */
export const refcountBalanced = (names: readonly string[]): StateInvariant<SysState<RefsWorld>> => ({
  id: 'refcount-balanced',
  description: 'at the end the count equals what is held, and transient threads hold no reference',
  check: (s) => {
    const sum = s.w.holds.reduce((a, b) => a + b, 0);
    if (sum !== s.w.ref) return `refcount ${s.w.ref} but the threads hold ${sum}`;
    for (const [t, h] of s.w.holds.entries()) {
      if ((s.w.transient >> t) & 1 && h !== 0) return `${names[t]} finished still holding ${h} reference(s) (leak)`;
    }
    return null;
  },
});

/** In every state: the count equals what the threads hold. */
export const refcountConsistent: StateInvariant<SysState<RefsWorld>> = {
  id: 'refcount-consistent',
  description: 'the count always equals what the threads hold',
  check: (s) => {
    const sum = s.w.holds.reduce((a, b) => a + b, 0);
    return sum === s.w.ref ? null : `refcount ${s.w.ref} but the threads hold ${sum}`;
  },
};

function getSteps(splitGet: boolean): StepDef<RefsWorld>[] {
  if (!splitGet) {
    return [
      {
        label: 'get',
        src: src('borrow', 'get_page(page);'),
        writes: () => ['ref', 'holds'],
        run: (c) => {
          c.w.ref += 1;
          c.w.holds[c.tid]! += 1;
        },
      },
    ];
  }
  return [
    { label: 'inc', src: src('borrow', 'atomic_inc(&page->_refcount);'), writes: () => ['ref'], run: (c) => void (c.w.ref += 1) },
    { label: 'own', src: src('borrow', 'holder = current;'), writes: () => ['holds'], run: (c) => void (c.w.holds[c.tid]! += 1) },
  ];
}

/** A transient borrower: get, work (ok or error), put; the leaky one returns on error without the put. */
export function borrowFn(opts: { leaky?: boolean; splitGet?: boolean } = {}): FnDef<RefsWorld> {
  return {
    steps: [
      ...getSteps(opts.splitGet ?? false),
      {
        label: 'work',
        src: src('borrow', 'err = work(page); if (err && LEAKY) return err;'),
        choices: ['ok', 'error'],
        run: (c) => {
          if (opts.leaky && c.choice === 'error') c.ret(null);
        },
      },
      {
        label: 'put',
        src: src('borrow', 'put_page(page);'),
        writes: () => ['ref', 'holds'],
        run: (c) => {
          c.w.ref -= 1;
          c.w.holds[c.tid]! -= 1;
        },
      },
    ],
  };
}

/** An owner: takes a reference and keeps it. */
export const ownFn: FnDef<RefsWorld> = {
  steps: [
    {
      label: 'get',
      src: src('own', 'get_page(page); /* kept */'),
      writes: () => ['ref', 'holds'],
      run: (c) => {
        c.w.ref += 1;
        c.w.holds[c.tid]! += 1;
      },
    },
  ],
};

/**
 * Borrowers B0..B(n-1) (transient), then an owner O when `owner`. B0 is leaky
 * when `leaky`; the others always put. Checks: the end check
 * refcount-balanced, and the state invariant refcount-consistent when `consistent`.
 */
export function refsSpec(opts: { borrowers?: number; leaky?: boolean; splitGet?: boolean; owner?: boolean; consistent?: boolean } = {}): ProgramSpec<RefsWorld> {
  const n = opts.borrowers ?? 2;
  const threads = Array.from({ length: n }, (_, i) => ({ name: `B${i}`, fn: i === 0 && opts.leaky ? 'borrow_leaky' : 'borrow', args: {} }));
  if (opts.owner) threads.push({ name: 'O', fn: 'own', args: {} });
  return {
    name: 'refs',
    world: { ref: 0, holds: threads.map(() => 0), transient: (1 << n) - 1 },
    fns: {
      borrow: borrowFn({ splitGet: opts.splitGet ?? false }),
      borrow_leaky: borrowFn({ leaky: true, splitGet: opts.splitGet ?? false }),
      own: ownFn,
    },
    threads,
    stateInvariants: opts.consistent ? [refcountConsistent] : [],
    endChecks: [refcountBalanced(threads.map((t) => t.name))],
  };
}
