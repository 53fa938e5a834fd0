/** Toy: two threads whose first step writes `locals` locals by computed names, then counts itself in the world. */
import type { ProgramSpec, StepDef } from '../../checker/index.ts';

const src = { file: 'toy/wide.c', fn: 'f', code: 'step' };

/**
 * Two threads of two steps: `fill` writes v0..v{locals-1} (names the source
 * text does not show, so a first layout has no room for them), `count` adds
 * one to n; the end check wants n = 2. 9 states (3 x 3 positions), 12
 * transitions.
 */
export function wideSpec(locals: number): ProgramSpec<{ n: number }> {
  const names = Array.from({ length: locals }, (_, i) => `v${i}`);
  const steps: StepDef<{ n: number }>[] = [
    { label: 'fill', src, run: (c) => names.forEach((n, i) => (c.l[n] = i + 1)) },
    { label: 'count', src, writes: () => ['n'], run: (c) => void (c.w.n += 1) },
  ];
  return {
    name: `wide-${locals}`,
    world: { n: 0 },
    fns: { f: { steps } },
    threads: [
      { name: 'A', fn: 'f', args: {} },
      { name: 'B', fn: 'f', args: {} },
    ],
    endChecks: [{ id: 'both-counted', description: 'both threads ran to the end', check: (s) => (s.w.n === 2 ? null : `n is ${s.w.n}`) }],
  };
}
