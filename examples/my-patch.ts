/**
 * A worked example of a protocol change written outside the catalog: "my patch
 * moves this unlock". In v4.8's putback_movable_pages, this patch drops
 * PG_lock before calling putback_movable_page()/__ClearPageIsolated(), to hold
 * the lock for less time. Does it break anything?
 *
 *   npx movcheck gate --protocol examples/my-patch.ts
 *   npx movcheck run r6-putback-unlocked-clear --protocol examples/my-patch.ts
 *
 * The type import is for editors only: it resolves to this package (or, outside
 * the repository, to movcheck installed with npm).
 */
import type { Api } from 'movcheck';

export default (api: Api) =>
  api.extendProtocol(api.protocolById('v4.8')!, {
    id: 'my-patch',
    title: 'v4.8 + "unlock earlier in putback_movable_pages"',
    description: 'putback_movable_pages() unlocks the page right after the PageMovable() test, before handing it back.',
    fns: (_layout, base) =>
      api.editFns(base, {
        putback_movable_pages: {
          // was: if (PageMovable(page)) putback_movable_page(page); else __ClearPageIsolated(page); unlock_page(page);
          lock_which: {
            code: 'unlock_page(page); if (PageMovable(page)) putback_movable_page(page); else __ClearPageIsolated(page);',
            run: (c) => {
              api.unlockPage(c);
              c.call(c.l.mv ? 'putback_movable_page' : '__ClearPageIsolated', { p: api.num(c.l, 'p') }, 'lock_unlock');
            },
          },
          lock_unlock: { code: '/* unlock_page(page) moved up */', run: (c) => c.goto('put') },
        },
      }),
  });
