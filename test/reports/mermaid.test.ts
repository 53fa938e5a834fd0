/** Markdown and its Mermaid sequence diagram: participants, arrows and notes, escaping. */
import test from 'ava';
import { formatMarkdown } from '../../reports/md.ts';
import { mermaidBlock, mermaidText } from '../../reports/mermaid.ts';
import { TRACE, incomplete, pass, step, violation } from './_records.ts';

test('escapes what mermaid dislikes', (t) => {
  t.is(mermaidText('a; b # "c" \'d\' <e> `f` {g}'), 'a#59; b #35; #quot;c#quot; #39;d#39; #lt;e#gt; #96;f#96; #123;g#125;');
  t.is(mermaidText('line\nbreak'), 'line break');
  t.is(mermaidText('page->mapping->a_ops'), 'page-#gt;mapping-#gt;a_ops');
});

test('one participant per thread plus Page; arrows for changing steps, notes otherwise; closing verdict', (t) => {
  const block = mermaidBlock(violation(TRACE, { threads: ['C0', 'C1', 'driver'] }));
  const lines = block.split('\n');
  t.is(lines[0], '```mermaid');
  t.is(lines[1], 'sequenceDiagram');
  t.deepEqual(lines.slice(2, 6), ['  participant T0 as C0', '  participant T1 as C1', '  participant T2 as driver', '  participant Page']);
  t.true(lines.includes('  T0->>Page: 2. isolate_movable_page: trylock_page(page)'));
  t.true(lines.includes('  Note over Page: page0.flags +PG_locked'));
  t.true(lines.includes('  Note over Page: page0.flags -PG_movable<br/>page0._mapcount -255 → -1<br/>page0.mapping = NULL'));
  t.true(lines.includes('  Note over T1: 6. isolate_movable_page: if (!PageMovable(page) || PageIsolated(page)) [movable]'));
  t.is(lines.at(-3), '  Note over T0,Page: ✗ no-double-isolation (state invariant): page 0 is isolated by C0 and by C1 at once');
  t.is(lines.at(-2), '```');
  t.is(lines.filter((l) => /->>|Note over T\d:/.test(l)).length, TRACE.length);
});

test('pass and incomplete get a diagram with a closing note, never calling incomplete a pass', (t) => {
  t.regex(mermaidBlock(pass()), /Note over T0,Page: pass: every interleaving checked \(42 states\)/);
  const inc = mermaidBlock(incomplete());
  t.regex(inc, /Note over T0,Page: incomplete: max-states 42 hit after 42 states, NOT a pass/);
});

test('markdown: heading, quote, verdict, diagram, step table with escaped cells, replay', (t) => {
  const md = formatMarkdown([violation([...TRACE, step(7, 1, 'f', 'a | b `c`', ['x|y'])])]);
  t.regex(md, /^## r6-putback-unlocked under v3: ✗ no-double-isolation$/m);
  t.regex(md, /^> \*\*R6:\*\* Couldn’t a parallel compaction/m);
  t.regex(md, /^\*\*Verdict:\*\* VIOLATION of no-double-isolation \(state invariant\)$/m);
  t.regex(md, /^```mermaid$/m);
  t.regex(md, /^\| 2 \| C0 \| `isolate_movable_page` \| `trylock_page\(page\)` \| page0\.flags \+PG\\_locked \|$/m);
  t.true(md.includes('| 7 | C1 | `f` | `` a \\| b `c` `` | x\\|y |'));
  t.regex(md, /^Replay: `movcheck replay r6-putback-unlocked --protocol v3 --schedule 000001a1`$/m);
});
