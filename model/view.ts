/**
 * What a step changed, as a kernel reviewer reads it: per page, flags by name
 * (with the version's aliases), refcount, mapcount, mapping, list, lock holder
 * and sleepers; plus lru_lock and the driver's object. Only changed fields.
 */
import type { Change } from '../checker/index.ts';
import { flagNames, type Layout } from './flags.ts';
import { mappingName } from './mapping.ts';
import { kindName, listName, members, objCount, objPage, type Page, type World } from './world.ts';

/** Builds the view function of a system (its layout and thread names). */
export function kernelView(layout: Layout, threadNames: readonly string[]) {
  const who = (mask: number) => members(mask).map((t) => threadNames[t] ?? `T${t}`).join(',') || 'nobody';
  const lines: [keyof Page, (b: Page, a: Page) => string][] = [
    [
      'flags',
      (b, a) => {
        const set = a.flags & ~b.flags;
        const clr = b.flags & ~a.flags;
        const parts = [set ? `+${flagNames(set, layout).split('|').join(' +')}` : '', clr ? `-${flagNames(clr, layout).split('|').join(' -')}` : ''];
        return `flags ${parts.filter(Boolean).join(' ')}`;
      },
    ],
    ['ref', (b, a) => `_refcount ${b.ref}->${a.ref}`],
    ['mapcount', (b, a) => `_mapcount ${b.mapcount}->${a.mapcount}`],
    ['mapping', (_b, a) => `mapping=${mappingName(a.mapping)}`],
    ['lru', (_b, a) => `lru: ${listName(a.lru, threadNames)}`],
    ['data', (_b, a) => `data=${a.data}`],
    ['lockers', (_b, a) => `lock holder: ${who(a.lockers)}`],
    ['waitq', (_b, a) => `sleepers: ${who(a.waitq)}`],
    ['isolators', (_b, a) => `isolated by: ${who(a.isolators)}`],
    ['kind', (_b, a) => `is now ${kindName[a.kind]}`],
    ['released', (_b, a) => (a.released ? 'released by the driver' : 'not released')],
    ['mappers', (_b, a) => `user mappings: ${a.mappers}`],
  ];
  return (before: World, after: World, _changes: readonly Change[]): string[] => {
    const out: string[] = [];
    after.pages.forEach((a, i) => {
      const b = before.pages[i];
      if (!b || a === b) return;
      const parts = lines.filter(([k]) => b[k] !== a[k]).map(([, f]) => f(b, a));
      if (parts.length) out.push(`page${i}: ${parts.join(', ')}`);
    });
    if (before.lruLock !== after.lruLock) out.push(`lru_lock: ${after.lruLock < 0 ? 'free' : `held by ${threadNames[after.lruLock]}`}`);
    const n = objCount(after);
    for (let o = 0; o < n; o++) {
      const was = objPage(before, o);
      const now = objPage(after, o);
      if (was === now) continue;
      const what = n === 1 ? "driver's object" : `driver's object ${o}`;
      out.push(now < 0 ? `${what} freed` : `${what} now on page${now}`);
    }
    return out;
  };
}
