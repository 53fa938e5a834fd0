/**
 * The search's queue of states to expand, in chunks of fixed size: a FIFO for
 * bfs, a LIFO for dfs. Each entry is a state vector, its fingerprint parts
 * (see PackedModel.hashParts), its state number and its depth. A chunk the
 * queue has moved past is dropped at once (one is kept for reuse), and the
 * queue grows a chunk at a time: no copy of the whole queue to grow it or to
 * compact it, so a large search never needs twice its queue's memory.
 */

/** States per chunk: 4,096 vectors of 358 slots are 2.9 MB. */
export const CHUNK = 4096;

interface Chunk {
  states: Int16Array;
  readonly parts: Int32Array;
  readonly ids: Int32Array;
  readonly depths: Int32Array;
}

/** A FIFO (or LIFO) of fixed-width packed states with their fingerprint parts, number and depth. */
export class StateQueue {
  private chunks: Chunk[] = [];
  /** Index in chunks[0] of the next state a FIFO takes. */
  private head = 0;
  /** Entries in the last chunk. */
  private fill = CHUNK;
  private spare: Chunk | null = null;
  /** Where the last `take` left its entry's fingerprint parts: `parts` from `partsAt`. */
  parts: Int32Array = new Int32Array(0);
  partsAt = 0;
  /** State number and depth of the last entry taken. */
  id = 0;
  depth = 0;

  constructor(
    private width: number,
    private readonly partsWords: number,
    private readonly lifo: boolean,
  ) {}

  /** Entries queued. */
  get size(): number {
    const n = this.chunks.length;
    return n === 0 ? 0 : (n - 1) * CHUNK + this.fill - this.head;
  }

  /** Bytes the queue's chunks hold (the spare included). */
  get bytes(): number {
    const per = CHUNK * (2 * this.width + 4 * this.partsWords + 8);
    return (this.chunks.length + (this.spare ? 1 : 0)) * per;
  }

  private fresh(): Chunk {
    const c = this.spare;
    if (c !== null && c.states.length === CHUNK * this.width) {
      this.spare = null;
      return c;
    }
    this.spare = null;
    return { states: new Int16Array(CHUNK * this.width), parts: new Int32Array(CHUNK * this.partsWords), ids: new Int32Array(CHUNK), depths: new Int32Array(CHUNK) };
  }

  /**
   * Appends `state` (its first `width` slots) with number `id` and `depth`;
   * `writeParts(out, at)` writes its fingerprint parts. Returns nothing: a
   * machine that refuses a chunk throws RangeError (the search reports its
   * memory bound).
   */
  push(state: Int16Array, id: number, depth: number, writeParts: (out: Int32Array, at: number) => void): void {
    if (this.fill === CHUNK) {
      this.chunks.push(this.fresh());
      this.fill = 0;
    }
    const c = this.chunks[this.chunks.length - 1] as Chunk;
    const k = this.fill++;
    c.states.set(state, k * this.width);
    writeParts(c.parts, k * this.partsWords);
    c.ids[k] = id;
    c.depths[k] = depth;
  }

  /**
   * Takes the next entry (the oldest for a FIFO, the newest for a LIFO) into
   * `into`, and leaves its number, depth and parts in `id`, `depth`, `parts`
   * from `partsAt`. False when the queue is empty.
   */
  take(into: Int16Array): boolean {
    if (this.size === 0) return false;
    const W = this.width;
    let c: Chunk;
    let k: number;
    if (this.lifo) {
      c = this.chunks[this.chunks.length - 1] as Chunk;
      k = --this.fill;
      if (this.fill === 0 && this.chunks.length > 1) {
        // The chunk below is full: keep this one as the spare (it is read below, before any push reuses it).
        this.spare = this.chunks.pop() as Chunk;
        this.fill = CHUNK;
      }
    } else {
      c = this.chunks[0] as Chunk;
      k = this.head++;
      if (this.head === CHUNK || (this.chunks.length === 1 && this.head === this.fill)) {
        this.spare = this.chunks.shift() as Chunk;
        this.head = 0;
        if (this.chunks.length === 0) this.fill = CHUNK;
      }
    }
    into.set(c.states.subarray(k * W, k * W + W));
    this.parts = c.parts;
    this.partsAt = k * this.partsWords;
    this.id = c.ids[k] as number;
    this.depth = c.depths[k] as number;
    return true;
  }

  /**
   * Copies every queued state to a new width, and returns the function that
   * puts the copies in place: `move(from, fo, to, to0)` writes the state at
   * `from[fo..]` into `to[to0..]`, and may throw to ask for a wider layout,
   * which leaves the queue as it was (as does not calling the result).
   */
  relayout(width: number, move: (from: Int16Array, fo: number, to: Int16Array, to0: number) => void): () => void {
    const next = this.chunks.map(() => new Int16Array(CHUNK * width));
    this.chunks.forEach((c, i) => {
      const lo = !this.lifo && i === 0 ? this.head : 0;
      const hi = i === this.chunks.length - 1 ? this.fill : CHUNK;
      for (let k = lo; k < hi; k++) move(c.states, k * this.width, next[i] as Int16Array, k * width);
    });
    return () => {
      this.chunks.forEach((c, i) => (c.states = next[i] as Int16Array));
      this.width = width;
      this.spare = null;
    };
  }
}
