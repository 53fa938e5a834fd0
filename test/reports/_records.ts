/** Test helper: hand-made result records (so formatter tests control every field). */
import type { Result, TraceStep } from '../../checker/index.ts';
import type { Expectation, RunRecord } from '../../reports/record.ts';

/** A trace step. */
export function step(index: number, thread: number, fn: string, code: string, summary: string[] = [], branch?: string): TraceStep {
  return {
    index,
    token: String(thread) + (branch ? 'a' : ''),
    thread,
    threadName: `C${thread}`,
    label: `l${index}`,
    ...(branch === undefined ? {} : { branch }),
    src: { file: 'mm/migrate.c', fn, code },
    changes: summary.map((s, i) => ({ op: 'replace' as const, path: ['pages', 0, `f${i}`], value: s })),
    summary,
  };
}

const STATS = { states: 42, transitions: 99, depth: 7, seconds: 0.125 };

/** A record around a result. */
export function record(result: Result, opts: { threads?: string[]; expected?: Expectation | null; id?: string; protocol?: string; quote?: string | null } = {}): RunRecord {
  return {
    scenario: {
      id: opts.id ?? 'r6-putback-unlocked',
      title: 'putback_movable_pages clears PG_movable without lock_page',
      review: opts.quote === null ? null : 'R6',
      quote: opts.quote === null ? null : (opts.quote ?? 'Couldn’t a parallel compaction isolate the same page — “twice”?'),
      ref: opts.id ?? 'r6-putback-unlocked',
    },
    protocol: { id: opts.protocol ?? 'v3', title: 'As posted (v3, 2016)', ref: opts.protocol ?? 'v3' },
    threadNames: opts.threads ?? ['C0', 'C1'],
    result,
    expected: opts.expected === undefined ? { verdict: 'no-double-isolation', why: 'the race Vlastimil describes' } : opts.expected,
  };
}

/** A violation record with the given trace. */
export function violation(trace: TraceStep[], opts: Parameters<typeof record>[1] & { schedule?: string; message?: string } = {}): RunRecord {
  return record(
    {
      verdict: 'violation',
      invariant: 'no-double-isolation',
      kind: 'state',
      message: opts.message ?? 'page 0 is isolated by C0 and by C1 at once',
      trace,
      schedule: opts.schedule ?? trace.map((s) => s.token).join(''),
      stats: STATS,
    },
    opts,
  );
}

/** A pass record. */
export function pass(opts: Parameters<typeof record>[1] = {}): RunRecord {
  return record({ verdict: 'pass', stats: STATS }, { expected: { verdict: 'pass', why: null }, ...opts });
}

/** An incomplete record. */
export function incomplete(opts: Parameters<typeof record>[1] = {}): RunRecord {
  return record({ verdict: 'incomplete', bound: 'max-states', limit: 42, stats: STATS }, opts);
}

/** A typical R6-like trace: two compaction threads and a page. */
export const TRACE: TraceStep[] = [
  step(1, 0, 'isolate_movable_page', 'get_page_unless_zero(page)', ['page0.refcount 1 → 2']),
  step(2, 0, 'isolate_movable_page', 'trylock_page(page)', ['page0.flags +PG_locked']),
  step(3, 0, 'isolate_movable_page', 'mapping->a_ops->isolate_page(page, mode)', ['page0.flags +PG_isolated']),
  step(4, 0, 'isolate_movable_page', 'unlock_page(page)', ['page0.flags -PG_locked']),
  step(5, 0, 'putback_movable_pages', '__ClearPageMovable(page) /* without lock_page(page), the whole flags word */', ['page0.flags -PG_movable', 'page0._mapcount -255 → -1', 'page0.mapping = NULL']),
  step(6, 1, 'isolate_movable_page', 'if (!PageMovable(page) || PageIsolated(page))', [], 'movable'),
];

/**
 * The same records as a later run gives them: equal in everything but
 * `stats.seconds`, the one field of a result that varies between runs. Output
 * that is deterministic does not change.
 */
export function rerun(recs: readonly RunRecord[], seconds = 987.654): RunRecord[] {
  return recs.map((r) => ({ ...r, result: { ...r.result, stats: { ...r.result.stats, seconds } } }));
}
