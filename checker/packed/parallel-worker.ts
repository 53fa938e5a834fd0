/**
 * One worker of a parallel search (parallel.ts): a breadth-first search over
 * the states whose fingerprint it owns, level by level in step with the
 * others. Successors another worker owns go to it in batches over a message
 * port; at the end of a level every worker tells every other, takes in what
 * they sent, and reports to the coordinator, which lets the next level start.
 * The search itself is packed/explore.ts's: the same steps, checks and
 * symmetry, with a visited set, a queue and parent tables of its own.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Model } from '../model.ts';
import { LayoutGrowth, newCodes, type Codes, type PackedModel } from './compile.ts';
import { CodeGrowth } from './codec.ts';
import { LivenessGrowth } from './liveness.ts';
import { exactSet, hashedSet } from './visited.ts';
import { StateQueue } from './queue.ts';
import { ampleGroup, discoveredFailure, initSymmetric, orbitCheck, SymmetryBroken, toClass, type PackedFactory } from './explore.ts';
import { CTRL, ctrlViews, knowledgeOf, learnKnowledge, loadModel, owner, seedCodes, type Knowledge, type ModelSource, type ToCoordinator, type WorkerOptions } from './parallel-shared.ts';

/** What the coordinator hands a worker. */
export interface WorkerSetup {
  readonly index: number;
  readonly workers: number;
  readonly source: ModelSource;
  readonly knowledge: Knowledge;
  readonly opts: WorkerOptions;
  readonly ctrl: SharedArrayBuffer;
  /** Port to worker j at j (null at this worker's own index). */
  readonly ports: readonly (MessagePort | null)[];
  /** Port to the coordinator (which reads it without an event loop: every message rings CTRL.COORD). */
  readonly coord: MessagePort;
  /** Marks the worker data of a parallel search's worker. */
  readonly parallelSearch: true;
}

/** States per batch sent to another worker. */
const BATCH = 1024;
/** Fingerprints remembered as sent, one per slot (2^20 slots, 8 MiB). */
const SENT_MASK = (1 << 20) - 1;

/** A batch of states for another worker: vectors, then per state its parent, action, fingerprint and parts. */
interface Batch {
  n: number;
  readonly v: Int16Array<ArrayBuffer>;
  readonly m: Int32Array<ArrayBuffer>;
}

/** A worker's parent tables: global parent number and action per local state. */
export interface Tables {
  parent: Int32Array<ArrayBuffer>;
  via: Int32Array<ArrayBuffer>;
  n: number;
  visitedBytes: number;
}

/**
 * Searches as worker `setup.index` with `pm` (compiled with the shared
 * knowledge); posts what happened to the coordinator (a level done, a
 * violation, a bound). Its tables are left in `tables`.
 */
export function searchPart(pm: PackedModel, setup: WorkerSetup, post: (m: ToCoordinator) => void, tables: Tables): void {
  const { index: me, workers: N, opts } = setup;
  const W = pm.width;
  const P = pm.partsWords;
  const M = 4 + P;
  const { i32, f64 } = ctrlViews(setup.ctrl, N);
  const at = CTRL.worker(me);
  const visited = opts.exact ? exactSet(W) : hashedSet();
  const queue = new StateQueue(W, P, false);
  const acts = new Int32Array(4096);
  const h = new Int32Array(2);
  const src = pm.src;
  const dst = pm.dst;
  const symOn = opts.symmetry && pm.symmetry !== null;
  const tperm = new Int32Array(pm.layout.threads);
  let parent = (tables.parent = new Int32Array(1 << 12));
  let via = (tables.via = new Int32Array(1 << 12));
  let raw: Int32Array | null = symOn && !opts.exact ? new Int32Array(2 << 12) : null;
  let rawMask = (1 << 12) - 1;
  const checkOrbit = symOn ? orbitCheck(pm) : null;
  const porOn = opts.por;
  // An ample branch must be shown new in the visited set that would hold it: this worker's own. A step POR takes
  // alone leaves the world as it was, so its successor stays here, unless a renaming moved it to another owner.
  const ownedHere = () => owner(pm.worldPart(), N) === me;
  let transitions = 0;
  let reduced = 0;
  let maxSeen = 0;
  let depthCut = false;
  let level = 0;
  let idle = 0;
  const ports = setup.ports;
  const out: (Batch | null)[] = ports.map((p) => (p ? { n: 0, v: new Int16Array(BATCH * W), m: new Int32Array(BATCH * M) } : null));
  let batchBytes = (SENT_MASK + 1) * 8 + out.reduce((b, x) => b + (x ? x.v.byteLength + x.m.byteLength : 0), 0);
  const sent = new Int32Array(2 * (SENT_MASK + 1));
  const partsFrom: { m: Int32Array; at: number } = { m: new Int32Array(0), at: 0 };
  const copyParts = (o: Int32Array, k: number) => {
    for (let j = 0; j < P; j++) o[k + j] = partsFrom.m[partsFrom.at + j] as number;
  };

  const stopped = () => Atomics.load(i32, CTRL.STOP) !== 0;
  // The other workers' states, as they last published them (every 256 expansions and at each level's end).
  let others = 0;
  const readOthers = () => {
    others = 0;
    for (let w = 0; w < N; w++) if (w !== me) others += i32[CTRL.worker(w) + CTRL.STATES] as number;
  };
  const totalStates = () => visited.size + others;
  const publish = () => {
    readOthers();
    i32[at + CTRL.ALIVE] = (i32[at + CTRL.ALIVE] as number) + 1;
    i32[at + CTRL.STATES] = visited.size;
    i32[at + CTRL.DEPTH] = maxSeen;
    i32[at + CTRL.FRONTIER] = queue.size;
    f64[me] = transitions;
    i32[at + CTRL.REDUCED] = reduced;
  };
  const kib = () => Math.ceil((visited.bytes + queue.bytes + parent.byteLength + via.byteLength + batchBytes) / 1024);

  /** A global state number: local number n of worker `me`. */
  const gid = (n: number) => n * N + me;
  /** Records dst (fingerprint h) as new local state n reached from global state `from` by `a`; checks it. Returns false when the search must stop. */
  const discovered = (from: number, a: number, depth: number, fresh: boolean): boolean => {
    const nid = visited.size - 1;
    if (nid >= parent.length) {
      parent = tables.parent = grow(parent, nid + 1);
      via = tables.via = grow(via, nid + 1);
    }
    parent[nid] = from;
    via[nid] = a;
    tables.n = visited.size;
    tables.visitedBytes = visited.bytes;
    if (depth > maxSeen) maxSeen = depth;
    const f = discoveredFailure(pm, fresh, opts.checkHang);
    if (f) {
      post({ t: 'violation', invariant: f.id, kind: f.kind, message: f.message, gid: gid(nid), last: -1 });
      return false;
    }
    checkOrbit?.(nid);
    return true;
  };
  /** At the bound of states (between all workers), a new state stops the search. */
  const full = () => totalStates() >= opts.maxStates;
  const overStates = () => {
    post({ t: 'incomplete', bound: 'max-states' });
    return false;
  };

  // Batches come back to their sender once taken in: memory written before costs a fraction of fresh pages.
  const spare: Batch[][] = ports.map(() => []);
  const send = (to: number) => {
    const b = out[to] as Batch;
    if (b.n === 0) return;
    (ports[to] as MessagePort).postMessage({ t: 's', n: b.n, v: b.v, m: b.m }, [b.v.buffer, b.m.buffer]);
    const again = (spare[to] as Batch[]).pop();
    if (again) again.n = 0;
    else batchBytes += BATCH * (2 * W + 4 * M);
    out[to] = again ?? { n: 0, v: new Int16Array(BATCH * W), m: new Int32Array(BATCH * M) };
    ring(to);
  };
  const ring = (to: number) => {
    Atomics.add(i32, CTRL.worker(to) + CTRL.BELL, 1);
    Atomics.notify(i32, CTRL.worker(to) + CTRL.BELL);
  };
  /** Takes in the states of a batch another worker sent: false when the search must stop. */
  const receive = (n: number, v: Int16Array, m: Int32Array): boolean => {
    for (let k = 0; k < n; k++) {
      const mo = k * M;
      const h0 = m[mo + 2] as number;
      const h1 = m[mo + 3] as number;
      if (!opts.exact && visited.has(h0, h1)) continue;
      pm.adopt(v, k * W, m, mo + 4);
      if (full()) {
        if (visited.add(dst, h0, h1)) return overStates();
        continue;
      }
      if (!visited.add(dst, h0, h1)) continue;
      if (!discovered(m[mo] as number, m[mo + 1] as number, level + 1, true)) return false;
      partsFrom.m = m;
      partsFrom.at = mo + 4;
      queue.push(dst, gid(visited.size - 1), level + 1, copyParts);
    }
    return true;
  };
  const ended = new Uint8Array(N);
  /** Takes in whatever has arrived; false when the search must stop. */
  const poll = (): boolean => {
    for (let j = 0; j < N; j++) {
      const port = ports[j];
      if (!port) continue;
      for (let r = receiveMessageOnPort(port); r !== undefined; r = receiveMessageOnPort(port)) {
        const msg = r.message as { t: 's' | 'r'; n: number; v: Int16Array<ArrayBuffer>; m: Int32Array<ArrayBuffer> } | { t: 'e'; level: number };
        if (msg.t === 'e') ended[j] = 1;
        else if (msg.t === 'r') (spare[j] as Batch[]).push({ n: 0, v: msg.v, m: msg.m });
        else {
          if (!receive(msg.n, msg.v, msg.m)) return false;
          port.postMessage({ t: 'r', n: 0, v: msg.v, m: msg.m }, [msg.v.buffer, msg.m.buffer]);
        }
      }
    }
    return true;
  };

  // The initial state: every worker makes it, its owner keeps it.
  pm.init();
  if (symOn) {
    initSymmetric(pm);
    pm.symmetry?.canon(tperm);
  }
  pm.hash(h);
  if (owner(pm.worldPart(), N) === me) {
    visited.add(dst, h[0] as number, h[1] as number);
    if (!discovered(-1, -1, 0, true)) return;
    queue.push(dst, gid(0), 0, pm.hashParts);
  }
  const deadline = opts.deadline;
  const maxBytes = opts.maxMemory * 1024;
  // However the search stops (a violation, a bound, the coordinator's stop), the counters it leaves are the last.
  try {
    for (;;) {
      // Level `level`: the states queued now are the level's.
      let left = queue.size;
      let expanded = 0;
      while (left-- > 0) {
        queue.take(src);
        const id = queue.id;
        pm.loadedWith(queue.parts, queue.partsAt);
        if ((++expanded & 255) === 0) {
          if (stopped()) return;
          publish();
          if (performance.timeOrigin + performance.now() > deadline) return post({ t: 'incomplete', bound: 'time-limit' });
          const k = kib();
          i32[at + CTRL.KIB] = k;
          let all = 0;
          for (let w = 0; w < N; w++) all += i32[CTRL.worker(w) + CTRL.KIB] as number;
          if (all > maxBytes) return post({ t: 'incomplete', bound: 'max-memory' });
          if (!poll()) return;
        }
        const n = pm.actions(0, acts);
        if (n === 0) continue;
        if (level >= opts.maxDepth) {
          depthCut = true;
          continue;
        }
        const g = porOn ? ampleGroup(pm, acts, n, visited, h, symOn ? tperm : null, raw, rawMask, ownedHere) : n << 16;
        const lo = g & 0xffff;
        const hi = g >>> 16;
        if (hi - lo < n) reduced++;
        for (let i = lo; i < hi; i++) {
          const a = acts[i] as number;
          pm.apply(a);
          transitions++;
          const sf = pm.checkStep(a);
          if (sf) return post({ t: 'violation', invariant: sf.id, kind: 'step', message: sf.message, gid: id, last: a });
          pm.hash(h);
          if (symOn && !toClass(pm, h, tperm, raw, rawMask, true)) continue;
          const o = owner(pm.worldPart(), N);
          if (o !== me) {
            // Sent before (its owner has it, or will): not again. A table that forgets, like the raw one.
            const x = 2 * ((h[0] as number) & SENT_MASK);
            if (sent[x] === h[0] && sent[x + 1] === h[1]) continue;
            sent[x] = h[0] as number;
            sent[x + 1] = h[1] as number;
            const b = out[o] as Batch;
            b.v.set(dst, b.n * W);
            const mo = b.n * M;
            b.m[mo] = id;
            b.m[mo + 1] = a;
            b.m[mo + 2] = h[0] as number;
            b.m[mo + 3] = h[1] as number;
            pm.hashParts(b.m, mo + 4);
            if (++b.n === BATCH) send(o);
            continue;
          }
          if (full()) {
            if (visited.add(dst, h[0] as number, h[1] as number)) return void overStates();
            continue;
          }
          if (!visited.add(dst, h[0] as number, h[1] as number)) continue;
          if (raw !== null && visited.size > rawMask && rawMask < (1 << 22) - 1) {
            rawMask = rawMask * 4 + 3;
            raw = new Int32Array(2 * (rawMask + 1));
          }
          if (!discovered(id, a, level + 1, false)) return;
          queue.push(dst, gid(visited.size - 1), level + 1, pm.hashParts);
        }
      }
      // The level is done here: send the rest, tell the others, and take in theirs until each has told.
      for (let j = 0; j < N; j++) {
        if (!ports[j]) continue;
        send(j);
        (ports[j] as MessagePort).postMessage({ t: 'e', level });
        ring(j);
      }
      for (;;) {
        const bell = Atomics.load(i32, at + CTRL.BELL);
        if (!poll()) return;
        if (stopped()) return;
        let all = true;
        for (let j = 0; j < N; j++) if (ports[j] && ended[j] === 0) all = false;
        if (all) break;
        i32[at + CTRL.ALIVE] = (i32[at + CTRL.ALIVE] as number) + 1;
        const w0 = performance.now();
        Atomics.wait(i32, at + CTRL.BELL, bell, 50);
        idle += performance.now() - w0;
      }
      ended.fill(0);
      publish();
      post({ t: 'level', level, queued: queue.size, depthCut });
      // Wait for the coordinator: the next level, or stop.
      while (Atomics.load(i32, CTRL.GO) <= level) {
        if (stopped()) return;
        i32[at + CTRL.ALIVE] = (i32[at + CTRL.ALIVE] as number) + 1;
        const w0 = performance.now();
        Atomics.wait(i32, CTRL.GO, level, 50);
        idle += performance.now() - w0;
      }
      i32[at + CTRL.IDLE] = Math.round(idle);
      if (stopped()) return;
      level++;
    }
  } finally {
    publish();
  }

  /** Grows a typed array to at least n elements (doubling). */
  function grow(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
    let len = a.length * 2;
    while (len < n) len *= 2;
    const b = new Int32Array(len);
    b.set(a);
    return b;
  }
}

/** Compiles the model with the shared knowledge, and the codes it interns with. */
function compileShared(model: Model<unknown>, setup: WorkerSetup): { pm: PackedModel; codes: Codes } {
  learnKnowledge(model, setup.knowledge);
  const factory = (model as { packed?: PackedFactory }).packed;
  if (!factory) throw new Error('parallel search: the model has no packed form');
  const { opts } = setup;
  const codes = newCodes(opts.exact, opts.deadLocals, opts.symmetry);
  seedCodes(codes, setup.knowledge);
  const pm = factory.compile(setup.knowledge.hints, codes);
  return { pm, codes };
}

/** The worker thread's part: build, search, report; then hand its tables over when asked. */
async function workerMain(setup: WorkerSetup): Promise<void> {
  const port = setup.coord;
  const i32 = ctrlViews(setup.ctrl, setup.workers).i32;
  const ring = () => {
    Atomics.add(i32, CTRL.COORD, 1);
    Atomics.notify(i32, CTRL.COORD);
  };
  const post = (m: ToCoordinator) => {
    port.postMessage(m);
    ring();
  };
  const tables: Tables = { parent: new Int32Array(0), via: new Int32Array(0), n: 0, visitedBytes: 0 };
  port.on('message', (m: { t: string; paths?: boolean }) => {
    if (m.t !== 'tables') return;
    // The parent tables only for a counterexample's path (a pass needs the counts).
    const parent = m.paths ? tables.parent.slice(0, tables.n) : new Int32Array(0);
    const via = m.paths ? tables.via.slice(0, tables.n) : new Int32Array(0);
    port.postMessage({ t: 'tables', n: tables.n, parent, via, visitedBytes: tables.visitedBytes } satisfies ToCoordinator, [parent.buffer, via.buffer]);
    ring();
  });
  let model: Model<unknown> | null = null;
  let codes: Codes | null = null;
  let hints = setup.knowledge.hints;
  try {
    model = await loadModel(setup.source);
    const c = compileShared(model, setup);
    codes = c.codes;
    searchPart(c.pm, setup, post, tables);
  } catch (e) {
    const grown = LayoutGrowth.is(e) ? e.hints : null;
    if (model && codes && (grown || LivenessGrowth.is(e) || CodeGrowth.is(e))) {
      if (grown) hints = grown;
      post({ t: 'grow', knowledge: knowledgeOf(model, codes, hints), why: (e as Error).message });
    } else {
      post({ t: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e), symmetry: SymmetryBroken.is(e) });
    }
  }
}

if (parentPort && (workerData as { parallelSearch?: boolean } | null)?.parallelSearch === true) void workerMain(workerData as WorkerSetup);
