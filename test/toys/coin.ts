/**
 * Toy model: a nondeterministic coin flip (`choices`) followed by a step that
 * asserts through `ctx.fail` that the coin did not land tails.
 */
import type { FnDef, ProgramSpec } from '../../checker/index.ts';

/** World of the coin toy: the side the coin landed on, or null before the flip. */
export interface CoinWorld {
  coin: 'heads' | 'tails' | null;
}

const src = (code: string) => ({ file: 'toy/coin.c', fn: 'toss', code });

/** The assertion id reported by the `check` step. */
export const NO_TAILS = 'no-tails';

/** flip (branches heads, tails), then check. */
export const toss: FnDef<CoinWorld> = {
  steps: [
    {
      label: 'flip',
      src: src('coin = random() ? HEADS : TAILS'),
      choices: ['heads', 'tails'],
      writes: () => ['coin'],
      run: (c) => void (c.w.coin = c.choice as 'heads' | 'tails'),
    },
    {
      label: 'check',
      src: src('BUG_ON(coin == TAILS)'),
      reads: () => ['coin'],
      run: (c) => {
        if (c.w.coin === 'tails') c.fail(NO_TAILS, 'the coin landed tails');
      },
    },
  ],
};

/** One thread tossing the coin once. */
export function coinSpec(): ProgramSpec<CoinWorld> {
  return {
    name: 'coin',
    world: { coin: null },
    fns: { toss },
    threads: [{ name: 'tosser', fn: 'toss', args: {} }],
    asserts: [{ id: NO_TAILS, description: 'the coin never lands tails' }],
  };
}
