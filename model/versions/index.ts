/** The protocol versions movcheck ships, by id, and the mutants the catalog uses to show its checks bite. */
import type { Protocol, Since } from '../protocol.ts';
import { v3 } from './v3.ts';
import { v3R2 } from './v3-r2.ts';
import { v3R6 } from './v3-r6.ts';
import { v3R7 } from './v3-r7.ts';
import { v3R9 } from './v3-r9.ts';
import { v3Reviewed } from './v3-reviewed.ts';
import { v48 } from './v4.8.ts';
import { v410 } from './v4.10.ts';
import { v410Generic } from './v4.10-generic.ts';
import { v50 } from './v5.0.ts';
import { v519 } from './v5.19.ts';
import { v48Atomic } from './v4.8-atomic.ts';
import { v61 } from './v6.1.ts';
import { v62 } from './v6.2.ts';
import { v70 } from './v7.0.ts';
import { mutantProtocols as olderMutants } from './mutants.ts';
import { newerMutants } from './mutants-newer.ts';

/** Every mutant version: those of the versions up to 5.19 (mutants.ts), then of 6.1, 6.2 and 7.0 (mutants-newer.ts). */
const mutantProtocols: readonly Protocol[] = [...olderMutants, ...newerMutants];

/**
 * Where the versions before 6.1 stand in the kernel's history (`movcheck
 * timeline`); 6.1, 6.2 and 7.0 carry their own. Ids of commits are given
 * where ../shared/kernel/ records them.
 */
const EARLIER: Readonly<Record<string, Since>> = {
  v3: { kernel: 'v3 patch', commit: '[PATCH v3 02/16] mm/compaction: support non-lru movable page migration (2016-03-30, as posted)' },
  'v3-reviewed': { kernel: 'v3 patch', commit: "the fixes the review thread agreed, R2, R6, R7 and R9 together (lock_page() around __ClearPageMovable(), __ClearPageIsolated() under PG_lock, PageMovable(page, page_locked))" },
  'v4.8': { kernel: '4.8', commit: 'mm: migrate: support non-lru movable page migration (bda807d44454), on 4.8\'s bit-waitqueue page lock' },
  'v4.10': { kernel: '4.10', commit: 'mm: add PageWaiters indicating tasks are waiting for a page bit (the PG_waiters page lock)' },
  'v4.8-atomic': { kernel: '4.10 + fix', commit: 'mm/migrate: fix race between lock page and clear PG_Isolated (356ea3865687), backported to 4.10' },
  'v5.0': { kernel: '5.0', commit: "mm/migrate: don't rely on __PageMovable() of newpage after unlocking it" },
  'v5.19': { kernel: '5.19', commit: 'mm/migrate: fix race between lock page and clear PG_Isolated (356ea3865687)' },
};

/**
 * Every built-in protocol version, in kernel order: v3, then each agreed review
 * fix of v3 alone (v3-r2, v3-r6, v3-r7, v3-r9), then all of them (v3-reviewed);
 * v4.10-generic (4.10 on an architecture without the atomic unlock helper)
 * and v4.8-atomic (4.10 with the 2022 fix backported) right after their base.
 */
export const protocols: readonly Protocol[] = [v3, v3R2, v3R6, v3R7, v3R9, v3Reviewed, v48, v410, v410Generic, v48Atomic, v50, v519, v61, v62, v70].map((p) =>
  p.since || !EARLIER[p.id] ? p : { ...p, since: EARLIER[p.id] },
);

/** The built-in version or mutant with this id, or undefined. */
export function protocolById(id: string): Protocol | undefined {
  return protocols.find((p) => p.id === id) ?? mutantProtocols.find((p) => p.id === id);
}

export { mutantProtocols };
