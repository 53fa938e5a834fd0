/** Toy model: one thread flips a bit for ever. Two states, and the second step leads back to the initial state. */
import type { ProgramSpec } from '../../checker/index.ts';

/** World of the toggle toy. */
export interface ToggleWorld {
  x: number;
}

/** `for (;;) x = 1 - x;` in one thread. */
export function toggleSpec(): ProgramSpec<ToggleWorld> {
  return {
    name: 'toggle',
    world: { x: 0 },
    fns: {
      toggle: {
        steps: [
          {
            label: 'flip',
            src: { file: 'toy/toggle.c', fn: 'toggle', code: 'for (;;) x = 1 - x;' },
            reads: () => ['x'],
            writes: () => ['x'],
            run: (c) => {
              c.w.x = 1 - c.w.x;
              c.goto('flip');
            },
          },
        ],
      },
    },
    threads: [{ name: 'T', fn: 'toggle', args: {} }],
  };
}
