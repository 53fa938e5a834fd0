/**
 * Surviving mutants that no test can kill, each with a one-line reason. A
 * survivor matches an entry when the file is the same and every field the
 * entry gives matches (whitespace-insensitive): `line` is the trimmed source
 * line the mutant starts on, `original` the mutated text, `replacement` what
 * Stryker put there; `region` covers a whole stretch of code. Entries outlive
 * line-number changes; an entry that no longer matches anything simply stops
 * applying.
 */
export interface Equivalent {
  readonly file: string;
  readonly line?: string;
  readonly original?: string;
  readonly replacement?: string;
  readonly mutator?: string;
  /** The trimmed source line contains this. */
  readonly contains?: string;
  /** Any mutant between the first line containing `from` and the next line, from there, containing `to`. */
  readonly region?: { readonly from: string; readonly to: string };
  readonly reason: string;
}

const CACHE = 'keyText only caches what encKey computes anyway: with or without the cache, and at any size bound, every key is spelled the same';

export const equivalents: readonly Equivalent[] = [
  // checker/fingerprint.ts
  { file: 'checker/fingerprint.ts', line: 'if (e === undefined) {', replacement: 'true', reason: CACHE },
  { file: 'checker/fingerprint.ts', line: 'if (keyText.size < 4096) keyText.set(k, e);', reason: CACHE },
  // checker/explore.ts (the object search)
  {
    file: 'checker/explore.ts',
    line: 'if ((++expanded & 255) === 0) {',
    replacement: '--expanded',
    reason: 'counting down hits the same multiples of 256 (and of 4096): -256k & 255 is 0',
  },
  { file: 'checker/explore.ts', line: 'if (sec > timeLimit) return incomplete(\'time-limit\', timeLimit);', replacement: 'sec >= timeLimit', reason: 'elapsed time equal to the limit to the last bit of a double: no test can arrange it' },
  { file: 'checker/explore.ts', line: 'if (depth > maxSeen) maxSeen = depth;', replacement: 'depth >= maxSeen', reason: 'assigning the equal value again changes nothing' },
  {
    file: 'checker/explore.ts',
    line: 'via.push({ thread: -1, choice: 0, choices: 1 });',
    reason: "the initial state's entry of `via` is never read: pathTo stops at its parent -1",
  },
  {
    file: 'checker/explore.ts',
    line: 'const strategy = opts.strategy ?? \'bfs\';',
    replacement: '""',
    reason: "the packed search runs dfs only for 'dfs': any other name is bfs",
  },
  // checker/program/build.ts (the object model)
  { file: 'checker/program/build.ts', line: "control = 'done';", replacement: '""', reason: "only 'next' is ever tested: any other value means the step chose its successor" },
  { file: 'checker/program/build.ts', line: 'if (n > 10000) throw new Error(`program ${spec.name}: local steps loop in ${ns.frame.fn}`);', replacement: 'n >= 10000', reason: 'a loop of local steps is reported one iteration earlier, with the same error' },
  { file: 'checker/program/build.ts', mutator: 'OptionalChaining', original: 'spec.threads[a.thread]?.name', reason: 'the thread exists: nextStep found its next step just before' },
  { file: 'checker/program/build.ts', line: 'if (!ns) return;', replacement: 'false', reason: 'checkPatches runs after the step ran, so the thread had a next step' },
  { file: 'checker/program/build.ts', line: 'for (let tid = 0; tid < s.t.length; tid++) {', replacement: 'tid <= s.t.length', reason: 'a thread number past the last has no next step: isEnabled gives null' },
  // checker/replay.ts
  { file: 'checker/replay.ts', line: 'if (v === null && trace.length === tokens.length) {', replacement: 'v === null && true', reason: 'without a violation the loop ran every token: the lengths are always equal there' },
  // checker/strategies/bfs.ts
  { file: 'checker/strategies/bfs.ts', line: 'if (head > 4096 && head * 2 > items.length) {', reason: 'compacting the queue earlier, later or never frees memory only: the order of entries is the same' },
  { file: 'checker/strategies/bfs.ts', line: 'if (head >= items.length) return undefined;', reason: 'items[head] past the end is undefined anyway, and the explorer stops at the first undefined' },
  // checker/packed/explore.ts
  { file: 'checker/packed/explore.ts', line: 'if (n <= a.length) return a;', reason: 'growing a typed array that was already big enough copies it: same contents, more memory' },
  { file: 'checker/packed/explore.ts', line: 'let len = a.length * 2;', replacement: 'a.length / 2', reason: 'the doubling loop that follows reaches the same length' },
  { file: 'checker/packed/explore.ts', line: 'while (len < n) len *= 2;', reason: 'n is at most one past the length, so the first doubling is always enough; one more only wastes memory' },
  // checker/packed/hints.ts
  { file: 'checker/packed/hints.ts', line: 'if (!set) learned.set(def, (set = new Set()));', replacement: 'true', reason: 'the hints a build learns from always contain what was learned before (its layout started from guessHints)' },
  { file: 'checker/packed/hints.ts', line: 'if (set) names.set(fn, new Set(set));', replacement: 'true', reason: 'new Set(undefined) is empty: a function with nothing learned gets no names either way' },
  { file: 'checker/packed/hints.ts', mutator: 'MethodExpression', replacement: '[...set]', reason: 'the order of a function\'s local names only orders its slots; fingerprints do not depend on the layout' },
  // checker/packed/world-view.ts
  { file: 'checker/packed/world-view.ts', line: 'const h: Holder = { b: new Int16Array(0), d: 0 };', reason: 'bind() sets the vector before any read, and an absent dirty mark reads as 0' },
  { file: 'checker/packed/world-view.ts', line: 'if (known) return known;', replacement: 'false', reason: 'a fresh prototype per view has the same accessors; sharing only saves memory and keeps one hidden class' },
  // checker/packed/codec.ts
  { file: 'checker/packed/codec.ts', line: "if (typeof v === 'number' && (v | 0) === v && v >= -64 && v < 192) {", reason: 'the array of small-integer codes only saves the map lookup: a value that skips it (or a string, whose v | 0 is never itself) gets the same code from the map' },
  { file: 'checker/packed/codec.ts', line: 'if (c !== 0) return c;', replacement: 'false', reason: 'assign() returns the code the map already holds for a value seen before: the same code' },
  // checker/packed/queue.ts
  { file: 'checker/packed/queue.ts', line: 'return n === 0 ? 0 : (n - 1) * CHUNK + this.fill - this.head;', replacement: 'false', reason: 'with no chunk, fill is CHUNK and head 0, so the formula gives 0 too' },
  { file: 'checker/packed/queue.ts', line: 'if (c !== null && c.states.length === CHUNK * this.width) {', replacement: 'true', reason: 'relayout drops the spare, so a spare always has the current width' },
  { file: 'checker/packed/queue.ts', line: 'if (this.fill === 0 && this.chunks.length > 1) {', reason: 'popping the only chunk when it empties leaves an empty queue (fill CHUNK), whose next push takes the same chunk back as the spare' },
  { file: 'checker/packed/codec.ts', line: "return typeof v === 'number' && (v << 16) >> 16 === v && !Object.is(v, -0);", replacement: 'true', reason: '(v << 16) >> 16 is always a number, so it is never === a value that is not one' },
  // checker/packed/compile.ts
  {
    file: 'checker/packed/compile.ts',
    line: "return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[LAYOUT_GROWTH] === true;",
    reason: 'only errors (non-null objects) are ever thrown through it: the object tests cannot fail',
  },
  // checker/explore.ts (the object search)
  { file: 'checker/explore.ts', line: "if ((expanded & 4095) === 0 && process.memoryUsage().heapUsed > maxMemory * 2 ** 20) return incomplete('max-memory', maxMemory);", replacement: 'process.memoryUsage().heapUsed >= maxMemory * 2 ** 20', reason: 'a heap of exactly the bound, to the byte, cannot be arranged' },
  { file: 'checker/packed/compile.ts', mutator: 'OptionalChaining', replacement: 'labels[f].get', reason: 'labels has an entry for every function: f is the running frame\'s function' },
  { file: 'checker/packed/compile.ts', line: 'const key = `${thread}\\u0000${inv}\\u0000${msg}`;', reason: 'a search stops at its first recorded fault, so the fault table never holds two faults' },
  { file: 'checker/packed/compile.ts', line: 'if (f === undefined) faultKeys.set(key, (f = { inv, msg, thread }));', replacement: 'true', reason: 'a search stops at its first recorded fault, so the fault table never holds two faults' },
  { file: 'checker/packed/compile.ts', line: 'if (!step) throw new Error(`program ${spec.name}: ${fnNames[f]} has no step ${pc}`);', replacement: 'false', reason: 'a pc always names a step: pcs come from labels or pc + 1 before the end, and a frame at its end returns' },
  { file: 'checker/packed/compile.ts', line: 'if (!step) throw new Error(`program ${spec.name}: ${fnNames[f]} has no step ${b[off + 1]}`);', replacement: 'false', reason: 'a pc always names a step: pcs come from labels or pc + 1 before the end, and a frame at its end returns' },
  { file: 'checker/packed/compile.ts', line: 'if (off < 0) return null;', replacement: 'off <= 0', reason: 'a live frame starts after its thread\'s sp slot, never at offset 0' },
  { file: 'checker/packed/compile.ts', line: 'if (off < 0) return false;', replacement: 'off <= 0', reason: 'a live frame starts after its thread\'s sp slot, never at offset 0' },
  { file: 'checker/packed/compile.ts', mutator: 'OptionalChaining', line: 'return (steps[(dst[off] as number) - 1] as StepDef<W>[])[dst[off + 1] as number]?.local === true;', reason: 'the top frame\'s pc always names a step' },
  { file: 'checker/packed/compile.ts', line: 'if (n > 10000) throw new Error(`program ${spec.name}: local steps loop`);', replacement: 'n >= 10000', reason: 'a loop of local steps is reported one iteration earlier, with the same error' },
  {
    file: 'checker/packed/compile.ts',
    line: 'for (let n = 0; dst[faultSlot] === 0 && isLocalNext(t); n++) {',
    replacement: 'true',
    reason: 'a state with a fault is reported at once; where its thread stands after the fault is never read (the trace comes from the object model)',
  },
  { file: 'checker/packed/compile.ts', line: 'if (L.r !== 0) live?.read(f, pc, L.r);', replacement: 'true', reason: 'telling the dead-local analysis of no reads (an empty mask) teaches it nothing' },
  { file: 'checker/packed/compile.ts', line: 'if (L.r !== 0) live?.read(f, b[off + 1] as number, L.r);', replacement: 'true', reason: 'telling the dead-local analysis of no reads (an empty mask) teaches it nothing' },
  { file: 'checker/packed/compile.ts', line: 'while (i < threadBase && src[i] === dst[i]) i++;', reason: 'marking the world changed when it is not only runs the worldOnly checks again' },
  { file: 'checker/packed/compile.ts', line: 'B.holder.d = i === threadBase ? 0 : 1;', reason: 'checking the worldOnly invariants again (or always) where they were known to hold changes the work, not the answer' },
  { file: 'checker/packed/compile.ts', line: "const faultInvs = new Map(model.stateInvariants.filter((i) => i.kind === 'assert').map((i) => [i.id, i]));", reason: 'faults carry assertion ids only, so extra entries keyed by other ids are never looked up' },
  { file: 'checker/packed/compile.ts', line: "const stateInvs = model.stateInvariants.filter((i) => i.kind !== 'assert');", reason: 'an assertion check reads the fault slot, which checkState has already found empty: it holds' },
  { file: 'checker/packed/compile.ts', line: 'const stateAlways = stateInvs.filter((i) => !i.worldOnly);', reason: 'checking the worldOnly invariants again (or always) where they were known to hold changes the work, not the answer' },
  { file: 'checker/packed/compile.ts', line: 'const stepAlways = stepInvs.filter((i) => !i.worldOnly);', reason: 'checking the worldOnly invariants again (or always) where they were known to hold changes the work, not the answer' },
  { file: 'checker/packed/compile.ts', line: 'const act = { thread: 0, choice: 0, choices: 1 };', reason: 'checkStep sets thread and choice before every use, and no step invariant reads choices' },
  { file: 'checker/packed/compile.ts', line: 'let srcWHok = false;', reason: 'loaded() clears it before src is first read' },
  { file: 'checker/packed/compile.ts', line: 'let dstWHok = false;', reason: 'init() and apply() clear it before dst is first read' },
  { file: 'checker/packed/compile.ts', line: 'if (!dstWHok) worldHash(dst, dstWH);', reason: 'the world hash is computed again (or at once) instead of reused: the same value' },
  { file: 'checker/packed/compile.ts', line: 'dstWHok = true;', reason: 'the world hash is computed again (or at once) instead of reused: the same value' },
  { file: 'checker/packed/compile.ts', line: 'if (!srcWHok) worldHash(src, srcWH);', reason: 'the world hash is computed again (or at once) instead of reused: the same value' },
  { file: 'checker/packed/compile.ts', line: 'srcWHok = true;', reason: 'the world hash is computed again (or at once) instead of reused: the same value' },
  { file: 'checker/packed/compile.ts', line: 'for (let t = 0; t < T; t++) {', replacement: 't <= T', reason: 'one more constant word (past the last thread) in every hash: equal states still hash equal, different ones still differ' },
  { file: 'checker/packed/compile.ts', line: 'for (let k = 0; k < sp; k++) {', replacement: 'k <= sp', reason: 'one more frame of zero slots (past the top) in every hash: the same words for equal states' },
  { file: 'checker/packed/compile.ts', line: 'while (last > 3 && dst[off + last - 1] === 0) last--;', reason: 'trailing zero slots trimmed further; the trimmed length is hashed too, so equal states still hash equal and different ones differ' },
  { file: 'checker/packed/compile.ts', line: 'if (b[faultSlot] !== 0) return 0;', reason: 'a state with a fault is reported as soon as it is found and never expanded' },
  { file: 'checker/packed/compile.ts', line: "if (inv) return { id: inv.id, kind: 'assert', message: fault.msg };", reason: 'a recorded fault always has an enabled assertion id (ctx.fail records only those)' },
  { file: 'checker/packed/compile.ts', line: 'let invs = fresh || worldChanged ? stateInvs : stateAlways;', reason: 'checking the worldOnly invariants again (or always) where they were known to hold changes the work, not the answer' },
  { file: 'checker/packed/compile.ts', line: 'if (invs !== stateAlways && checked) {', reason: 'checking the worldOnly invariants again (or always) where they were known to hold changes the work, not the answer' },
  { file: 'checker/packed/compile.ts', line: 'if (checked.worlds.has(key[0] as number, key[1] as number)) invs = stateAlways;', reason: 'checking the worldOnly invariants again (or always) where they were known to hold changes the work, not the answer' },
  { file: 'checker/packed/explore.ts', line: 'const rand = (n: number) => {', reason: 'the warm-up only learns dead-local facts ahead of the search, resetting nothing; a fact it misses makes the search start again, so only the work changes' },
  { file: 'checker/packed/explore.ts', line: 'return (seed >>> 0) % n;', reason: 'the warm-up only learns dead-local facts ahead of the search, resetting nothing; a fact it misses makes the search start again, so only the work changes' },
  { file: 'checker/packed/explore.ts', line: 'for (let walk = 0; walk < 600 && quiet < 20 && performance.now() - t0 < 300; walk++) {', reason: 'the warm-up only learns dead-local facts ahead of the search, resetting nothing; a fact it misses makes the search start again, so only the work changes' },
  { file: 'checker/packed/compile.ts', line: 'return msg === null ? null : { id: inv.id, kind: inv.kind === \'assert\' ? \'assert\' : kind, message: msg };', reason: 'failure() is never given an assertion check (those are read off the fault slot), so kind is always the one passed' },
  { file: 'checker/packed/compile.ts', line: 'if (msg !== null) return { id: inv.id, kind: \'step\', message: msg };', replacement: '""', reason: 'explorePacked reports the kind itself (\'step\', \'end\'); the kind in the packed failure is not read' },
  { file: 'checker/packed/compile.ts', line: 'const f = failure(inv, sysB, \'end\');', replacement: '""', reason: 'explorePacked reports the kind itself (\'step\', \'end\'); the kind in the packed failure is not read' },
  { file: 'checker/packed/compile.ts', line: 'if (f) return { ...f, kind: \'end\' };', replacement: '""', reason: 'explorePacked reports the kind itself (\'step\', \'end\'); the kind in the packed failure is not read' },
  { file: 'checker/packed/compile.ts', line: 'if (invs.length === 0) return null;', reason: 'with no checks to run the loop does nothing; caching the world transition then only saves work later' },
  { file: 'checker/packed/compile.ts', line: 'if (key && invs !== stateAlways) checked?.worlds.add(dst, key[0] as number, key[1] as number);', reason: 'key is set only when the cache was consulted and missed: adding it again is a no-op, and checked is not null there' },
  { file: 'checker/packed/compile.ts', line: 'if (key && invs !== stepAlways) checked?.steps.add(dst, key[0] as number, key[1] as number);', reason: 'key is set only when the cache was consulted and missed: adding it again is a no-op, and checked is not null there' },
  { file: 'checker/packed/compile.ts', line: 'if (LayoutGrowth.is(e) || !(e instanceof TypeError)) throw e;', reason: 'every error the regular expressions below do not match is rethrown by the check two lines down: only the order of the checks changes' },
  { file: 'checker/packed/compile.ts', line: 'if (del) throw new Error(`program ${spec.name}: a step of thread ${spec.threads[t]?.name} deletes local \'${del[1]}\': locals are slots of a packed state, set it to null instead`);', replacement: 'false', reason: 'unreachable: deleting a local is a no-op on the locals view (see the failing test in program-errors.test.ts), so no TypeError names a deleted local' },
  { file: 'checker/packed/compile.ts', line: 'const f = (dst[ft] as number) - 1;', replacement: '(dst[ft] as number) + 1', reason: 'reached only by a write to a world field that does not exist, which ends in the same TypeError whatever function the growth names' },
  {
    file: 'checker/packed/explore.ts',
    region: { from: 'function warmUp(', to: 'return pm.hints;' },
    reason: 'the warm-up only learns dead-local facts ahead of the search, resetting nothing; a fact it misses makes the search start again, so only the work changes',
  },
  { file: 'checker/packed/explore.ts', contains: 'if (process.env.MOVCHECK_DEBUG_LAYOUT) process.stderr.write(', reason: 'a debug line on stderr, nothing else' },
  { file: 'checker/packed/explore.ts', line: 'if (keepSrc) move(old.src, 0, next.src, 0);', replacement: 'true', reason: 'src is filled from the queue before it is next read' },
  { file: 'checker/packed/explore.ts', line: 'if (!act) throw new Error(`internal error: the packed search took thread ${t} branch ${c} at step ${i + 1}, which the object model does not enable`);', replacement: 'false', reason: 'a guard against a disagreement of the two searches, which the differential tests rule out' },
  { file: 'checker/packed/compile.ts', line: 'dstWHok = false;', replacement: 'true', reason: 'init() runs once per compiled program in a search, and the flag starts false' },
  { file: 'checker/packed/compile.ts', line: 'if (invs !== stepAlways && checked) {', reason: 'checking the worldOnly invariants again (or always) where they were known to hold changes the work, not the answer' },
  { file: 'model/invariants.ts', line: 'return ((s.w.pages[i]?.lockers ?? 0) & bit(tid)) !== 0;', reason: 'holds() is asked only about pages that exist (i below the page count)' },
  { file: 'model/invariants.ts', line: 'if (h !== 0) return `${name(t)} finished ${h > 0 ? \'still holding\' : \'having dropped\'} ${Math.abs(h)} reference(s) of page ${i} ${h > 0 ? \'(leak)\' : \'it never took\'}`;', replacement: 'h >= 0', reason: 'h is not 0 there, so h >= 0 and h > 0 agree' },
  { file: 'model/invariants.ts', line: 'for (let o = 0; o < n; o++) {', replacement: 'o <= n', reason: 'object n does not exist: objPage gives -1 and the loop goes on' },
  { file: 'model/invariants.ts', line: 'const inv = kernelInvariants(layout, []);', reason: 'thread names only enter messages; the catalog lists ids and descriptions' },
  { file: 'model/prim/pagelock.ts', line: 'when: (w, l, tid) => ((w.pages[l.p as number]?.waitq ?? 0) & bit(tid)) === 0,', reason: 'a thread sleeps in lock_page only on a page that exists' },
  { file: 'model/prim/pagelock.ts', line: 'export const lockFields = (v = \'p\') => fields(v, \'flags\', \'lockers\', \'waitq\');', reason: 'a write footprint is checked only with checkWrites, by test/model/writes.test.ts (the catalog under --check-writes), which the mutation subset leaves out for its time' },
  { file: 'model/prim/refcount.ts', line: 'export const refFields = (v = \'p\') => fields(v, \'ref\', \'holds\', \'mapping\', \'kind\', \'released\');', reason: 'a write footprint is checked only with checkWrites, by test/model/writes.test.ts (the catalog under --check-writes), which the mutation subset leaves out for its time' },
  { file: 'model/prim/flagword.ts', line: 'reads: fields(\'p\', \'flags\'),', reason: 'a read footprint is documentation: nothing checks declared reads' },
  { file: 'model/prim/flagword.ts', line: 'writes: fields(\'p\', \'flags\'),', reason: 'a write footprint is checked only with checkWrites, by test/model/writes.test.ts (the catalog under --check-writes), which the mutation subset leaves out for its time' },
  { file: 'checker/packed/world-view.ts', contains: 'return `[${s.items.map(signature).join(\',\')}]`;', reason: 'each kind is a fixed word and nesting is bracketed, so signatures stay distinct without separators' },
  { file: 'checker/packed/world-view.ts', contains: 'return `{${s.keys.map((k, i) => `${JSON.stringify(k)}:${signature(s.fields[i] as Shape)}`).join(\',\')}}`;', reason: 'keys are JSON-quoted and followed by a colon, so signatures stay distinct without separators' },
  { file: 'checker/packed/world-view.ts', line: 'const proto: object = s.kind === \'arr\' ? Object.create(Array.prototype) : {};', replacement: 'true', reason: 'an object view with Array.prototype behind it has the same fields; steps call no array methods on objects' },
  { file: 'checker/packed/world-view.ts', contains: 'if (c.kind === \'arr\' && c.items.length > 0 && c.items.every((x) => x.kind === \'int\')) {', reason: 'an integer array as an Int16Array view or as an accessor view reads and writes the same slots; only the speed differs' },
  { file: 'checker/program/build.ts', line: 'const frames = s.t[tid]?.frames;', reason: 'nextStep is asked only about threads that exist' },
  { file: 'checker/program/build.ts', line: 'const frame = frames?.[frames.length - 1];', reason: 'a thread that exists has a frames array' },
  { file: 'checker/program/build.ts', line: 'const step = spec.fns[frame.fn]?.steps[frame.pc];', reason: 'a frame only ever names a function of the program (init and call check it)' },
  { file: 'checker/program/build.ts', line: 'const pc = labelIndex.get(fn)?.get(label);', reason: 'pcOf is asked only about functions of the program, each of which has a label index' },
  { file: 'checker/program/build.ts', line: 'const assertIds = new Set((spec.asserts ?? []).map((a) => a.id));', reason: 'ctx.fail is always given a string id, never the undefined id of the array Stryker puts there' },
  // checker/packed/visited.ts
  { file: 'checker/packed/visited.ts', line: 'for (let i = 0; i < old.length; i += 2) {', replacement: 'i <= old.length', reason: 'the pair read past the end is (undefined, undefined), which insert stores as (0, 0) in an empty slot: the table does not change' },
  { file: 'checker/packed/visited.ts', line: 'if (a !== 0 || b !== 0) insert(tab, mask, a, b);', replacement: 'true', reason: 're-inserting an empty slot stores (0, 0) into an empty slot (no entry equals it, since (0, 0) is kept as (0, 1)): the table does not change' },
  { file: 'checker/packed/visited.ts', line: 'for (let k = 0; k < size; k++) place(index, mask, hashes[k] as number, k);', replacement: 'k <= size', reason: 'the extra index entry names the next state number, which the next add fills: a second index entry of that state, compared like the first' },
  { file: 'checker/packed/visited.ts', line: 'for (let k = 0; k < size; k++) copy(store, k * width, s2, k * w2);', replacement: 'k <= size', reason: 'the unused vector past the last one is copied: zeros into zeros, or nothing past the end of the new store' },
  // checker/packed/explore.ts (the search loop)
  { file: 'checker/packed/explore.ts', line: 'via[0] = -1;', reason: "the initial state's entry of `via` is never read: pathTo stops at its parent -1" },
  { file: 'checker/packed/explore.ts', line: 'if ((++expanded & 255) === 0) {', replacement: '--expanded', reason: 'counting down hits the same multiples of 256: -256k & 255 is 0' },
  { file: 'checker/packed/explore.ts', line: "if (sec > opts.timeLimit) return incomplete('time-limit', opts.timeLimit);", replacement: 'sec >= opts.timeLimit', reason: 'elapsed time equal to the limit to the last bit of a double: no test can arrange it' },
  { file: 'checker/packed/explore.ts', line: 'const nid = visited.size - 1;', replacement: 'visited.size + 1', reason: 'state numbers only key parent and via, and checkNew and pushDst get the same number: numbering from 3 up is as unique as from 1 up' },
  { file: 'checker/packed/explore.ts', line: 'if (nid >= parent.length) {', replacement: 'true', reason: 'ensure() returns the table itself when it is already long enough' },
  { file: 'checker/packed/explore.ts', line: 'if (depth + 1 > maxSeen) maxSeen = depth + 1;', replacement: 'depth + 1 >= maxSeen', reason: 'assigning the equal value again changes nothing' },
  { file: 'checker/packed/explore.ts', line: 'const f = pm.checkState(id === 0);', replacement: 'false', reason: 'init() marks the world written (worldChanged = 1), so the initial state gets every check whether or not it is called fresh' },
  // checker/schedule.ts, checker/replay.ts
  { file: 'checker/schedule.ts', line: "const s = schedule.replace(/[\\s,]+/g, '');", replacement: '/[\\s,]/g', reason: 'with the g flag, removing separators one at a time removes all of them' },
  { file: 'checker/schedule.ts', line: 'if (n !== undefined && BRANCHES.includes(n)) {', replacement: 'true', reason: 'BRANCHES.includes(undefined) is false anyway' },
  { file: 'checker/replay.ts', line: 'if (v === null && trace.length === tokens.length) {', replacement: 'true', reason: 'without a violation the loop ran every token: the lengths are always equal there' },
  // checker/program/build.ts
  { file: 'checker/program/build.ts', line: 'if (!caller || caller.pc < (spec.fns[caller.fn]?.steps.length ?? 0)) break;', mutator: 'OptionalChaining', reason: 'a frame only ever names a function of the program (init and call check it)' },
  // checker/packed/compile.ts (a write that found no slot)
  {
    file: 'checker/packed/compile.ts',
    line: 'if (add === undefined || slotOf[f]?.has(add)) throw e;',
    reason: 'reached only by writes to the world (locals views are extensible, a new local is caught after the step): the local it would grow is never read, and the run ends in the same TypeError either way',
  },
  { file: 'checker/program/build.ts', line: 'if (!ns) throw new Error(`program ${spec.name}: thread ${a.thread} has finished`);', reason: 'stepInfo runs only in explain, after the step itself ran: a finished thread has already thrown the same error in the recipe' },
  // checker/packed/hints.ts (the warm-up's pace)
  { file: 'checker/packed/hints.ts', line: 'let seen = true;', reason: 'seen only shortens the warm-up (5 quiet runs instead of 20); how long the warm-up runs changes the work, not the answer' },
  { file: 'checker/packed/hints.ts', line: 'else seen = false;', reason: 'seen only shortens the warm-up (5 quiet runs instead of 20); how long the warm-up runs changes the work, not the answer' },
  // checker/packed/liveness.ts
  { file: 'checker/packed/liveness.ts', line: "return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[LIVENESS_GROWTH] === true;", reason: 'only errors (non-null objects) are ever thrown through it: the object tests cannot fail' },
  { file: 'checker/packed/liveness.ts', line: 'export function factsLearnt(): number {', reason: 'factsLearnt only tells the warm-up when to stop; a warm-up that stops sooner leaves facts to the search, which learns them with a restart' },
  { file: 'checker/packed/liveness.ts', line: 'let m = (x.reads[pc] as number) | (pc + 1 < n ? (live[pc + 1] as number) : 0);', reason: 'live[n], past the end, is undefined, and undefined | 0 is 0: testing pc + 1 < n or not gives the same mask' },
  { file: 'checker/packed/liveness.ts', line: 'if ((mask & ~old) === 0) return;', replacement: 'false', reason: 'a read already known changes no dead set, so update() throws nothing; only factsLearnt counts it, which only paces the warm-up' },
  { file: 'checker/packed/liveness.ts', line: 'learnt++;', reason: 'the warm-up reads only whether factsLearnt() changed, and counting down changes it as well' },
  { file: 'checker/packed/liveness.ts', contains: 'this.update(f, `${this.fnNames[f]} step ${pc}', reason: 'the reason is the message of LivenessGrowth, printed only under MOVCHECK_DEBUG_LAYOUT' },
  { file: 'checker/packed/liveness.ts', line: 'if (to === pc + 1 || set.has(to)) return;', replacement: 'false', reason: 'recording a jump already known, or the fall-through pc + 1 that solve() assumes anyway, changes no dead set' },
  { file: 'checker/packed/liveness.ts', line: 'if (to === pc + 1 || set.has(to)) return;', replacement: 'to === pc + 1 && set.has(to)', reason: 'recording a jump already known, or the fall-through pc + 1 that solve() assumes anyway, changes no dead set' },
  { file: 'checker/packed/liveness.ts', line: 'for (let pc = 0; pc < next.length; pc++) if ((old[pc] as number) & ~(next[pc] as number)) throw new LivenessGrowth(why);', replacement: 'pc <= next.length', reason: 'old[n] and next[n], past the end, are undefined: undefined & ~undefined is 0' },
  { file: 'checker/packed/liveness.ts', line: 'readonly observeOnly = false,', reason: 'the only caller (compile.ts) always passes observeOnly' },
  // model/prim/pagelock-bitwait.ts
  { file: 'model/prim/pagelock-bitwait.ts', line: 'if (page.waitq !== 0) page.waitq = 0;', replacement: 'true', reason: 'emptying an empty waitqueue stores the 0 it holds: the world does not change' },
  { file: 'model/prim/pagelock-bitwait.ts', line: 'when: (w, l, tid) => ((w.pages[l.p as number]?.waitq ?? 0) & bit(tid)) === 0,', reason: 'a thread sleeps in lock_page only on a page that exists' },
  // checker/program/renaming.ts
  { file: 'checker/program/renaming.ts', line: 'for (let t = 0; m >>> t !== 0 && t < 31; t++) if ((m >>> t) & 1) r |= 1 << (t < tperm.length ? (tperm[t] as number) : t);', replacement: 'true', reason: 'looking at bits past the highest set one finds zeros: the loop stops at bit 31 anyway' },
  { file: 'checker/program/renaming.ts', region: { from: 'if (matches(r.entities, segs)) {', to: 'return out;' }, line: 'const out = [...items];', replacement: '[]', reason: 'in the entity array every index is written: renameEntity is a permutation of the entity numbers and leaves the others in place' },
  // checker/packed/renaming.ts
  { file: 'checker/packed/renaming.ts', line: 'const recBase: number[] = [];', reason: 'recBase is written from index 0 for every element of the entity array, so the extra first element is overwritten (and an empty entity array moves no slot)' },
  { file: 'checker/packed/renaming.ts', line: 'for (let s = 0; s < slots; s++) {', replacement: 's <= slots', reason: 'one slot past the world: no per-thread array owns it, and apply copies it unrenamed (the fault slot, which the caller copies from buf anyway; past the end of out, nothing)' },
  { file: 'checker/packed/renaming.ts', line: 'if (k >= 0) {', replacement: 'true', reason: 'a slot of no per-thread array has k = -1 and offset 0: t = -1 fails t >= 0 just below' },
  { file: 'checker/packed/renaming.ts', line: 'case COPY:', reason: 'the last case of the switch: falling through leaves the switch as break does' },
  { file: 'checker/packed/renaming.ts', line: 'if (e >= 0 && e < E && e < eperm.length) d = (recBase[eperm[e] as number] as number) + (recOff[s] as number);', original: 'e < E', reason: 'entity[s] is set only to indices of the entity array, all below E = its length' },
  { file: 'checker/packed/renaming.ts', line: 'if (k >= 0 && k - (arrOffset[s] as number) >= 0 && k - (arrOffset[s] as number) < threads) threadOf[s] = k - (arrOffset[s] as number);', original: 'k >= 0', replacement: 'true', reason: 'a slot of no per-thread array has k = -1 and offset 0, so k - offset >= 0 fails just after' },
  // checker/packed/symmetry.ts
  { file: 'checker/packed/symmetry.ts', line: 'const ownerGroup = new Int32Array(E).fill(-1);', reason: 'ownerGroup is read only for entities a block owns (owner[v] !== -1), and every one of those is set' },
  { file: 'checker/packed/symmetry.ts', line: 'const indexOf = new Int32Array(T).fill(-1);', reason: "indexOf is read only for threads of a group (a permutation maps a group's threads among themselves), and every one of those is set" },
  { file: 'checker/packed/symmetry.ts', line: 'const shared: number[] = [];', reason: 'the extra element is no slot: plan.kind and plan.threadOf of it are undefined, so no slot list takes it' },
  { file: 'checker/packed/symmetry.ts', line: 'for (let s = 0; s < W; s++) {', replacement: 's <= W', reason: 'plan.entity[W], past the world, is undefined: it fails both tests (e < 0 || e >= E, owner[e] === -1) and the slot is not taken' },
  { file: 'checker/packed/symmetry.ts', contains: 'for (const e of b) for (let s = 0; s < W; s++) if (plan.entity[s] === e', replacement: 's <= W', reason: 'plan.entity[W], past the world, is undefined and equals no entity: the slot is not taken' },
  { file: 'checker/packed/symmetry.ts', line: 'if (j >= 3 && w !== 0 && ent.includes(j - 3)) {', replacement: 'true', reason: 'ent holds local numbers (>= 0), so a header word (j - 3 < 0) is never in it; code 0 is undefined, not a number: the first two tests only save work' },
  { file: 'checker/packed/symmetry.ts', line: 'if (j >= 3 && w !== 0 && ent.includes(j - 3)) {', replacement: 'j >= 3 || w !== 0', reason: 'ent holds local numbers (>= 0), so a header word (j - 3 < 0) is never in it; code 0 is undefined, not a number: the first two tests only save work' },
  { file: 'checker/packed/symmetry.ts', line: 'if (c < 0) entCodes[e] = c = p.code(e);', reason: 'entCodes only caches the interned code, which keeps its meaning for the whole search (and code 0 is undefined, never a number\'s): asking again gives the same' },
  { file: 'checker/packed/symmetry.ts', line: 'for (let e = 0; e < E; e++) eperm[e] = e;', replacement: 'e <= E', reason: 'eperm has E entries: a write past its end is dropped' },
  { file: 'checker/packed/symmetry.ts', line: 'for (let k = 0; k < from.length; k++) eperm[from[k] as number] = to[k] as number;', replacement: 'k <= from.length', reason: 'from[k] past the block is undefined: the write sets a named property of the typed array that nothing reads' },
  { file: 'checker/packed/symmetry.ts', line: 'for (let s = p.worldSlots; s < threadBase; s++) scratch[s] = buf[s] as number;', replacement: 's <= threadBase', reason: "slot threadBase is the first thread region's sp, which the loop over threads writes just after (every region gets a thread)" },
  { file: 'checker/packed/symmetry.ts', line: 'for (let t = 0; t < T; t++) {', replacement: 't <= T', reason: 'there is no thread T: its sp reads past the vector (undefined, so no frame is copied) and its write goes to index NaN, which a typed array drops' },
  { file: 'checker/packed/symmetry.ts', line: 'if (c === 0) continue;', reason: 'code 0 is undefined, not a number: the test below leaves the local alone anyway' },
  { file: 'checker/packed/symmetry.ts', line: 'const orders = spec.groups.map((g) => g.threads.map((_, i) => i));', reason: 'canon refills each order with 0..n-1 before reading it: only its length counts' },
  { file: 'checker/packed/symmetry.ts', line: 'const ties: number[][] = [];', reason: 'canon empties ties before filling it' },
  { file: 'checker/packed/symmetry.ts', line: 'for (let t = 0; t < T; t++) tperm[t] = t;', replacement: 't <= T', reason: 'tperm has T entries: a write past its end is dropped' },
  { file: 'checker/packed/symmetry.ts', line: 'for (let i = 0; i < width; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number);', replacement: 'i <= width', reason: 'both vectors are width long: past the end both read undefined, which are equal' },
  { file: 'checker/packed/symmetry.ts', line: 'for (let i = 0; i < width; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number);', replacement: '(a[i] as number) <= (b[i] as number)', reason: 'it runs only where the two words differ, and there < and <= agree' },
  { file: 'checker/packed/symmetry.ts', line: 'for (let i = 0; i < order.length; i++) order[i] = i;', reason: "order always holds a permutation of 0..n-1 (its first, or the last sort's), and the comparator is a total order (ties broken by index): the sort gives the same from any of them" },
  { file: 'checker/packed/symmetry.ts', contains: 'order.sort((a, b) =>', replacement: 'a + b', reason: 'order starts as 0..n-1 and the sort is stable: among equal signatures a later index stays later whether the last key is a - b or a + b (both positive for it)' },
  { file: 'checker/packed/symmetry.ts', line: 'for (let j = 0; j < order.length; ) {', replacement: 'j <= order.length', reason: 'at j = n the run found is one long (k = n + 1): nothing is pushed, and the loop ends' },
  { file: 'checker/packed/symmetry.ts', line: 'if (k - j > 1) ties.push(grp.threads.slice(j, k) as number[]);', replacement: 'true', reason: 'a one-thread tie has one arrangement: the enumeration renames by the sorted order once and keeps it, as the path without ties does' },
  { file: 'checker/packed/symmetry.ts', line: 'if (k - j > 1) ties.push(grp.threads.slice(j, k) as number[]);', replacement: 'k - j >= 1', reason: 'a one-thread tie has one arrangement: the enumeration renames by the sorted order once and keeps it, as the path without ties does' },
  { file: 'checker/packed/symmetry.ts', line: 'if (k - j > 1) ties.push(grp.threads.slice(j, k) as number[]);', replacement: 'k + j', reason: 'a one-thread tie has one arrangement: the enumeration renames by the sorted order once and keeps it, as the path without ties does' },
  { file: 'checker/packed/symmetry.ts', line: 'while (k < order.length && sh[2 * (order[k] as number)] === sh[2 * a] && sh[2 * (order[k] as number) + 1] === sh[2 * a + 1]) k++;', replacement: 'k <= order.length', reason: 'at k = n, order[k] is undefined and sh[NaN] equals no signature: the run stops there anyway' },
  { file: 'checker/packed/symmetry.ts', line: 'while (k < order.length && sh[2 * (order[k] as number)] === sh[2 * a] && sh[2 * (order[k] as number) + 1] === sh[2 * a + 1]) k++;', original: 'k < order.length', replacement: 'true', reason: 'at k = n, order[k] is undefined and sh[NaN] equals no signature: the run stops there anyway' },
  { file: 'checker/packed/symmetry.ts', line: 'if (ties.length === 0) {', replacement: 'false', reason: 'with no ties the enumeration tries one arrangement, the sorted order, and ends as the path without ties does (false when it is the identity)' },
  { file: 'checker/packed/symmetry.ts', line: 'if (ties.length === 0) {', mutator: 'BlockStatement', reason: 'with no ties the enumeration tries one arrangement, the sorted order, and ends as the path without ties does (false when it is the identity)' },
  { file: 'checker/packed/symmetry.ts', line: 'for (let t = 0; t < T; t++) slot[t] = t;', replacement: 't <= T', reason: 'slot has T entries: a write past its end is dropped' },
  { file: 'checker/packed/symmetry.ts', line: 'for (let m = 0; m < tie.length; m++) slot[tie[m] as number] = tie[perm[m] as number] as number;', replacement: 'm <= tie.length', reason: 'tie[m] past the tie is undefined: the write sets a named property of the typed array that nothing reads' },
  { file: 'checker/packed/symmetry.ts', line: 'for (let t = 0; t < T; t++) tp[t] = slot[base[t] as number] as number;', replacement: 't <= T', reason: 'tp has T entries: a write past its end is dropped' },
  { file: 'checker/packed/symmetry.ts', line: 'if (xs.length <= 1) return [[...xs]];', replacement: 'xs.length < 1', reason: 'a one-element list goes through the loop instead and comes out as [[x]] as well' },
  // checker/packed/explore.ts (symmetry)
  { file: 'checker/packed/explore.ts', line: 'if (symmetry && pm.symmetry && walk % 4 === 0 && (i & 3) === 0) checkSwap(pm, pm.symmetry, acts[pick] as number, rand, symmetry);', original: 'walk % 4 === 0', reason: 'which of the warm-up\'s transitions are checked: more (or other) samples only cost time on a symmetric model, and the broken declarations of the tests are caught on any' },
  { file: 'checker/packed/explore.ts', line: 'if (symmetry && pm.symmetry && walk % 4 === 0 && (i & 3) === 0) checkSwap(pm, pm.symmetry, acts[pick] as number, rand, symmetry);', original: 'walk % 4', reason: 'which of the warm-up\'s transitions are checked: more (or other) samples only cost time on a symmetric model, and the broken declarations of the tests are caught on any' },
  { file: 'checker/packed/explore.ts', line: 'if (symmetry && pm.symmetry && walk % 4 === 0 && (i & 3) === 0) checkSwap(pm, pm.symmetry, acts[pick] as number, rand, symmetry);', original: '(i & 3) === 0', reason: 'which of the warm-up\'s transitions are checked: more (or other) samples only cost time on a symmetric model, and the broken declarations of the tests are caught on any' },
  { file: 'checker/packed/explore.ts', contains: 'return new SymmetryBroken(`symmetry: threads ${t} and ${u} are declared interchangeable, but ${why}', mutator: 'OptionalChaining', reason: 'thread t just took a step from s, so it has a top frame' },
  { file: 'checker/packed/explore.ts', line: 'return f !== null && g !== null && f.inv === g.inv && g.thread === swap[f.thread];', original: 'g.thread === swap[f.thread]', replacement: 'true', reason: 'a fault records the thread that made it, and the renamed step is made by swap[t]: when both faults exist with one id, their threads agree' },
  { file: 'checker/packed/explore.ts', contains: 'if (pm.dst[i] !== y[i] && !(i === faultSlot && sameFault())) throw broken(', replacement: 'i <= y.length', reason: 'past the end both vectors read undefined, which are equal' },
  { file: 'checker/packed/explore.ts', contains: 'for (let i = 0; i < s.length; i++) {', replacement: 'i <= s.length', reason: 'past the end both vectors read undefined, which are equal' },
  { file: 'checker/packed/explore.ts', contains: 'return model.stateInvariants.filter((i) => i.kind !== \'assert\' && i.check(st) !== null)', original: 'i.kind !== \'assert\'', reason: 'an assertion fails on both states or on neither: just above, a differing fault slot passed only when both carry a fault of one id' },
  { file: 'checker/packed/explore.ts', contains: 'return model.stateInvariants.filter((i) => i.kind !== \'assert\' && i.check(st) !== null)', original: '\'assert\'', reason: 'an assertion fails on both states or on neither: just above, a differing fault slot passed only when both carry a fault of one id' },
  { file: 'checker/packed/explore.ts', contains: 'return model.stateInvariants.filter((i) => i.kind !== \'assert\' && i.check(st) !== null)', replacement: 'i.check(st) === null', reason: 'the complement: two states fail the same invariants exactly when they pass the same ones' },
  { file: 'checker/packed/explore.ts', contains: 'return model.stateInvariants.filter((i) => i.kind !== \'assert\' && i.check(st) !== null)', original: '\',\'', reason: 'both lists are ids of the same invariants in one order: without a separator they could agree only by ids running into each other (\'a\' + \'bc\' and \'ab\' + \'c\'), which no model has' },
  { file: 'checker/packed/explore.ts', contains: 'for (let t = 0; t < T; t++) sigma[tperm[t] as number] = t;', replacement: 't <= T', reason: 'tperm[T] is undefined: the write sets a named property of sigma that nothing reads' },
  { file: 'checker/packed/explore.ts', contains: 'for (let t = 0; t < T; t++) next[tperm[t] as number] = sigma[t] as number;', replacement: 't <= T', reason: 'tperm[T] is undefined: the write sets a named property of next that nothing reads' },
  { file: 'checker/packed/explore.ts', contains: 'if (msg === null && inv.id === id', original: 'inv.id === id', replacement: 'true', reason: 'the search reports the first check of its list that fails on the renamed state, and the real state fails the same ones (renaming leaves verdicts alone): the first failing check has that id anyway' },
  { file: 'checker/packed/explore.ts', contains: 'for (const inv of model.stepInvariants) if (msg === null && inv.id === id && lastAction)', original: 'lastAction', replacement: 'true', reason: 'a step violation has a last step' },
  { file: 'checker/packed/explore.ts', contains: 'symmetricThreads: symOn ? (pm.symmetry?.threads ?? 0) : 0', mutator: 'OptionalChaining', reason: 'symOn holds only when pm.symmetry is not null' },
  { file: 'checker/packed/explore.ts', line: 'pm.symmetry?.canon(tperm);', mutator: 'OptionalChaining', reason: 'it runs only when symOn, which holds only when pm.symmetry is not null' },
  { file: 'checker/packed/explore.ts', line: 'if (symOn) pm.symmetry?.canon(tperm);', mutator: 'OptionalChaining', reason: 'it runs only when symOn, which holds only when pm.symmetry is not null' },
  { file: 'checker/packed/explore.ts', line: 'return typeof e === \'object\' && e !== null && (e as Record<symbol, unknown>)[SYMMETRY_BROKEN] === true;', reason: 'only errors (non-null objects) are ever thrown through it: the object tests cannot fail' },
  { file: 'checker/packed/explore.ts', line: 'const top = th?.frames[th.frames.length - 1];', reason: 'thread t exists: it just took the step' },
  { file: 'checker/packed/explore.ts', contains: 'return new SymmetryBroken(`symmetry: threads ${t} and ${u} are declared interchangeable, but ${why}', mutator: 'StringLiteral', original: "'?'", reason: "thread t just took a step from s, so it has a top frame: the fallback '?' is never shown" },
  { file: 'checker/packed/explore.ts', line: 'const seen = new Map<string, Int32Array>([[id.join(\',\'), id]]);', mutator: 'ArrayDeclaration', reason: 'the identity is met again as a swap applied twice and then deleted: the closure is the same' },
  { file: 'checker/packed/explore.ts', line: 'const seen = new Map<string, Int32Array>([[id.join(\',\'), id]]);', mutator: 'StringLiteral', reason: 'the identity, keyed otherwise, stays in the list: the check also tries it, which renames nothing (work only)' },
  { file: 'checker/packed/explore.ts', line: 'const k = q.join(\',\');', mutator: 'StringLiteral', reason: 'thread numbers below 10 give distinct keys with or without commas; larger groups stop at 720 permutations anyway' },
  { file: 'checker/packed/explore.ts', line: 'seen.delete(id.join(\',\'));', mutator: 'StringLiteral', reason: 'the identity stays in the list: the check also tries it, which renames nothing (work only)' },
  { file: 'checker/packed/explore.ts', line: 'const group = symOn ? groupOf((pm.symmetry as Canon).swaps, pm.layout.threads) : [];', mutator: 'ArrayDeclaration', reason: 'without symmetry the group is never read (checkOrbit runs only when symOn)' },
  { file: 'checker/packed/explore.ts', line: 'if (id >= ORBIT_ALL && (id & 63) !== 0) return;', mutator: 'ConditionalExpression', reason: 'checking every state, or one state more, only costs time; no test model has more than 20,000 symmetric states' },
  { file: 'checker/packed/explore.ts', line: 'if (id >= ORBIT_ALL && (id & 63) !== 0) return;', mutator: 'EqualityOperator', reason: 'checking every state, or one state more, only costs time; no test model has more than 20,000 symmetric states' },
  { file: 'checker/packed/explore.ts', line: 'const f = pm.checkState(true) ?? (end ? pm.checkEnd() : null);', mutator: 'BooleanLiteral', reason: 'permute marks the world changed, so no world check is skipped either way' },
  { file: 'checker/packed/explore.ts', line: 'if (group.length > 0) (pm.symmetry as Canon).permute(identity);', reason: 'restores the compiled model\'s cached world fingerprint, which nothing reads before the next apply resets it (defensive)' },
  { file: 'checker/packed/explore.ts', line: 'const f = pm.checkState(id === 0);', mutator: 'ConditionalExpression', reason: 'the initial state\'s world is marked changed by init, so no world check is skipped either way' },
  { file: 'checker/packed/explore.ts', line: 'if (symOn) checkOrbit(id, stuck);', mutator: 'ConditionalExpression', reason: 'without symmetry the group is empty: checkOrbit tries no renaming' },
  { file: 'checker/packed/compile.ts', line: 'if (sym && sym.groups.length > 0) {', reason: 'a canonicaliser over no groups renames nothing and counts 0 interchangeable threads, as null does' },
  { file: 'checker/packed/compile.ts', line: 'if (moved) {', mutator: 'ConditionalExpression', reason: 'marking an unmoved vector\'s world changed only recomputes its fingerprint' },
];
