/**
 * The HTML viewer: self-contained (no network), data embedded safely, opens
 * on the verdict matrix whose cells link to each pair, and its script
 * actually works: run against a tiny fake DOM, it opens the pair a link names
 * (a violation on its last step), lists the results and steps through a trace
 * with prev/next, highlighting the current step; a pass shows no empty box.
 */
import test from 'ava';
import { formatHtml, scriptJson } from '../../reports/html.ts';
import { reportFileName, reportFiles } from '../../reports/site.ts';
import { TRACE, pass, rerun, violation } from './_records.ts';

/** A minimal DOM element: children, text, class, value, handlers. */
class El {
  className = '';
  value = '';
  hidden = false;
  children: El[] = [];
  text = '';
  onclick: (() => void) | null = null;
  onchange: (() => void) | null = null;
  constructor(readonly tagName: string) {}
  get textContent(): string {
    return this.text + this.children.map((c) => c.textContent).join('');
  }
  set textContent(v: string) {
    this.text = String(v);
    this.children = [];
  }
  appendChild(c: El): El {
    this.children.push(c);
    return c;
  }
  all(): El[] {
    return this.children.flatMap((c) => [c, ...c.all()]);
  }
  querySelector(sel: string): El | null {
    const [tag, cls] = sel.split('.');
    return this.all().find((e) => e.tagName === tag && e.className.split(' ').includes(cls ?? '')) ?? null;
  }
  scrollIntoView(): void {}
}

/** Runs the page's script on a fake DOM; returns the elements and the keydown handler. */
function boot(html: string, hash = '') {
  const data = /<script type="application\/json" id="data">([\s\S]*?)<\/script>/.exec(html)![1]!;
  const js = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
  const ids: Record<string, El> = {};
  for (const id of ['pick', 'head', 'tw', 'side', 'pos', 'first', 'prev', 'next', 'last', 'matrix', 'viewer', 'nav', 'wrap']) ids[id] = new El(id);
  ids.viewer!.hidden = true;
  ids.data = new El('script');
  ids.data.text = data;
  let keydown: (ev: { key: string; target: unknown }) => void = () => {};
  const document = {
    getElementById: (id: string) => ids[id] ?? null,
    createElement: (tag: string) => new El(tag),
    createTextNode: (s: string) => Object.assign(new El('#text'), { text: s }),
    addEventListener: (type: string, f: typeof keydown) => {
      if (type === 'keydown') keydown = f;
    },
  };
  const location = { hash };
  const replaced: string[] = [];
  const history = { replaceState: (_a: unknown, _b: unknown, url: string) => void replaced.push(url) };
  new Function('document', 'location', 'history', js)(document, location, history);
  return { ids, keydown: (key: string) => keydown({ key, target: null }), replaced };
}

const RECS = [pass({ protocol: 'v4.8' }), violation(TRACE, { message: 'evil </script><script>alert(1)</script> & <!-- x' })];

test('self-contained: no external resources, inline style and script, deterministic', (t) => {
  const html = formatHtml(RECS);
  t.true(html.startsWith('<!DOCTYPE html>\n<html lang="en">'));
  t.notRegex(html, /(src|href)\s*=\s*["']?(https?:)?\/\//i);
  t.notRegex(html, /<link|<script src|@import|url\(/i);
  t.is(html.match(/<\/script>/g)?.length, 2, 'embedded data cannot close the script element');
  t.false(html.includes('<!-- x'));
  t.is(html, formatHtml(rerun(RECS)), 'another run (other seconds) gives the same page');
});

test('scriptJson keeps JSON parseable and inert inside a script element', (t) => {
  const s = scriptJson(JSON.stringify({ a: '</script>&<!--\u2028' }));
  t.false(/[<>&\u2028]/.test(s));
  t.deepEqual(JSON.parse(s), { a: '</script>&<!--\u2028' });
});

test('the page opens on the matrix; the viewer stays hidden until a pair is named', (t) => {
  const { ids } = boot(formatHtml(RECS));
  t.false(ids.matrix!.hidden);
  t.true(ids.viewer!.hidden);
  t.is(ids.head!.textContent, '', 'nothing rendered yet');
  const other = boot(formatHtml(RECS), '#no-such-pair@3');
  t.false(other.ids.matrix!.hidden, 'an unknown pair shows the matrix');
});

test('the matrix: scenarios × versions, mutants apart, every cell a link to its pair (a violation on its last step), no empty cell', (t) => {
  const recs = [...RECS, violation(TRACE, { protocol: 'v3~no-lock', expected: { verdict: 'pass', why: null } })];
  const html = formatHtml(recs);
  const section = /<section id="matrix">[\s\S]*?<\/section>/.exec(html)![0];
  t.regex(section, /<p class="gl bad">gate: 2\/3 match ✗<\/p>/);
  t.true(section.includes('<tr><th>scenario</th><th>v4.8</th><th>v3</th></tr>'));
  t.true(
    section.includes(
      '<tr><th class="s" scope="row" title="putback_movable_pages clears PG_movable without lock_page">r6-putback-unlocked</th>' +
        '<td class="ok"><a href="#r6-putback-unlocked--v4.8@0" title="r6-putback-unlocked under v4.8: matches the expectation">pass</a> <span class="m">✓</span></td>' +
        '<td class="ok"><a href="#r6-putback-unlocked--v3@6" title="r6-putback-unlocked under v3: matches the expectation">✗ no-double-isolation</a> <span class="m">✓</span></td></tr>',
    ),
  );
  t.true(section.includes('<tr><th>scenario (mutant: must fail)</th><th>mutant version</th><th>verdict</th></tr>'));
  t.regex(section, /<td class="v">v3~no-lock<\/td><td class="bad"><a href="#r6-putback-unlocked--v3~no-lock@6" [^>]*>✗ no-double-isolation<\/a> <span class="m">≠<\/span><div class="exp">expected pass<\/div><\/td>/);
  t.notRegex(section, /<td[^>]*><\/td>/, 'no empty cell');
  const missing = formatHtml([RECS[0]!, violation(TRACE, { id: 'other', protocol: 'v3' })]);
  t.regex(missing, /<td class="na" title="not run">-<\/td>/);
});

test('a link opens its pair: a violation on its last step, a pass without trace table or side box', (t) => {
  const v = boot(formatHtml(RECS), '#r6-putback-unlocked--v3@6');
  t.true(v.ids.matrix!.hidden);
  t.false(v.ids.viewer!.hidden);
  t.is(v.ids.pos!.textContent, 'step 6 / 6');
  t.regex(v.ids.side!.textContent, /✗ no-double-isolation: evil/);
  const noStep = boot(formatHtml(RECS), '#r6-putback-unlocked--v3');
  t.is(noStep.ids.pos!.textContent, 'step 6 / 6', 'no step in the hash: the last one');
  const p = boot(formatHtml(RECS), '#r6-putback-unlocked--v4.8@0');
  t.regex(p.ids.head!.textContent, /PASS: every interleaving checked/);
  t.true(p.ids.nav!.hidden);
  t.true(p.ids.wrap!.hidden, 'no empty trace table or side box');
  t.is(p.ids.side!.textContent, '');
});

test('the viewer lists results and steps through a trace', (t) => {
  const { ids, keydown, replaced } = boot(formatHtml(RECS), '#r6-putback-unlocked--v4.8');
  const opts = ids.pick!.children;
  t.deepEqual(
    opts.map((o) => o.textContent),
    ['r6-putback-unlocked / v4.8 : pass', 'r6-putback-unlocked / v3 : ✗ no-double-isolation'],
  );
  t.regex(ids.head!.textContent, /PASS: every interleaving checked/);
  t.is(ids.pos!.textContent, 'no trace');
  ids.pick!.value = '1';
  ids.pick!.onchange!();
  t.regex(ids.head!.textContent, /VIOLATION of no-double-isolation \(state\): evil <\/script>/);
  t.false(ids.wrap!.hidden);
  t.is(ids.pos!.textContent, 'step 6 / 6', 'a violation opens on its last step');
  ids.first!.onclick!();
  t.is(ids.pos!.textContent, 'step 0 / 6');
  t.regex(ids.side!.textContent, /before the first stepchanges so farnone yet/);
  const rows = () => ids.tw!.all().filter((e) => e.tagName === 'tr');
  t.is(rows().length, 7, 'header + 6 steps');
  t.deepEqual(rows()[0]!.children.map((c) => c.textContent), ['#', 'C0', 'C1']);
  ids.next!.onclick!();
  ids.next!.onclick!();
  t.is(ids.pos!.textContent, 'step 2 / 6');
  t.is(rows()[2]!.className, 'cur');
  t.is(rows()[1]!.className, 'past');
  t.regex(rows()[2]!.textContent, /isolate_movable_page:trylock_page\(page\)→ page0\.flags \+PG_locked/);
  t.regex(ids.side!.textContent, /step 2: C0.*changespage0\.flags \+PG_locked/);
  ids.prev!.onclick!();
  t.is(ids.pos!.textContent, 'step 1 / 6');
  ids.last!.onclick!();
  t.is(ids.pos!.textContent, 'step 6 / 6');
  t.regex(ids.side!.textContent, /✗ no-double-isolation: evil/);
  keydown('ArrowRight');
  t.is(ids.pos!.textContent, 'step 6 / 6', 'stays at the end');
  keydown('ArrowLeft');
  t.is(ids.pos!.textContent, 'step 5 / 6');
  ids.first!.onclick!();
  t.is(ids.pos!.textContent, 'step 0 / 6');
  t.is(replaced.at(-1), '#r6-putback-unlocked--v3@0');
});

test('the viewer opens the result and step named in the URL hash', (t) => {
  const { ids } = boot(formatHtml(RECS), '#r6-putback-unlocked--v3@4');
  t.is(ids.pos!.textContent, 'step 4 / 6');
});

test('report files: fixed order, safe names, no timing, deterministic', (t) => {
  const recs = [violation(TRACE, { id: 'a/b c', protocol: 'v4.8' }), ...RECS];
  t.is(reportFileName(recs[0]!), 'a_b_c--v4.8.md');
  const files = reportFiles(recs);
  t.deepEqual(files.map((f) => f.path), ['index.md', 'results.json', 'index.html', 'a_b_c--v4.8.md', 'r6-putback-unlocked--v4.8.md', 'r6-putback-unlocked--v3.md']);
  t.deepEqual(files, reportFiles(rerun(recs)), 'another run (other seconds) gives the same files');
  for (const f of files) t.false(f.content.includes('0.125'), `${f.path} has no seconds`);
  t.regex(files[0]!.content, /\[✗ no-double-isolation\]\(r6-putback-unlocked--v3\.md\) ✅/);
});
