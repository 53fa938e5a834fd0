/**
 * A single self-contained HTML page (inline CSS and JS, no network) that
 * opens on the verdict matrix (reports/html-matrix.ts: scenarios × versions,
 * mutants in their own table, each cell a link to its pair) and embeds the
 * results, so that the reader can open a pair and step through its
 * interleaving: prev/next buttons (and arrow keys), the current step
 * highlighted in a one-column-per-thread table, and the state changes of the
 * current step (and those before it) shown beside it. A violation opens on
 * its last step; a pair without a trace shows no trace table and no side box.
 * The URL hash names the pair and step (`#<scenario>--<protocol>@<step>`;
 * none: the matrix), so the browser's back button returns to the matrix.
 * Deterministic bytes.
 */
import { htmlEscape, htmlMatrix } from './html-matrix.ts';
import { formatJson } from './json.ts';
import type { RunRecord } from './record.ts';

/** Makes JSON safe inside a `<script>` element. */
export function scriptJson(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const CSS = `
[hidden]{display:none!important}
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2129;background:#fafbfc}
header{padding:12px 20px;background:#24292f;color:#fff}
header h1{font-size:18px;margin:0}
main{padding:12px 20px}
select{font-size:14px;max-width:100%}
#head{margin:12px 0;padding:10px 14px;background:#fff;border:1px solid #d0d7de;border-radius:6px}
#head .t{font-weight:600;font-size:16px}
#head blockquote{margin:6px 0;padding-left:10px;border-left:3px solid #d0d7de;color:#57606a}
.v-violation{color:#b42318;font-weight:600}.v-pass{color:#1a7f37;font-weight:600}.v-incomplete{color:#9a6700;font-weight:600}
.mm{color:#b42318}
#nav{margin:8px 0;display:flex;gap:6px;align-items:center}
button{font-size:14px;padding:3px 10px}
#wrap{display:flex;gap:16px;align-items:flex-start}
#tw{flex:3;overflow:auto}
table{border-collapse:collapse;background:#fff;width:100%}
th,td{border:1px solid #d0d7de;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#f6f8fa}
td.n{text-align:right;color:#57606a;width:2em}
tr.cur td{background:#fff8c5}
tr.past td.s{color:#57606a}
tr.fut td.s{color:#8c959f}
tr{cursor:pointer}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
.f{font:12px ui-monospace,monospace;color:#0550ae}
.ch{font:12px ui-monospace,monospace;color:#1a7f37}
#side{flex:2;position:sticky;top:8px;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px 12px;min-width:220px}
#side h2{font-size:14px;margin:4px 0}
#side ul{margin:4px 0;padding-left:18px}
.dim{color:#8c959f}
#matrix h2{font-size:15px;margin:18px 0 6px}
.scroll{overflow-x:auto;max-width:100%}
table.mx{width:auto}
table.mx th.s{position:sticky;left:0;z-index:1}
table.mx .m{margin-left:2px}
table.mx td,table.mx th{white-space:nowrap}
table.mx th.s{background:#fff;font-weight:normal;font-family:ui-monospace,monospace;font-size:12px}
table.mx td.ok a{color:#1a7f37}
table.mx td.bad{background:#ffebe9}
table.mx td.bad a{color:#b42318;font-weight:600}
table.mx td.na{color:#8c959f;text-align:center}
table.mx .exp{font-size:12px;color:#b42318}
.gl{font-weight:600;font-size:15px}.gl.ok{color:#1a7f37}.gl.bad{color:#b42318}
#back{display:inline-block;margin:4px 0 8px}
`;

const JS = `
(function(){
var D=JSON.parse(document.getElementById('data').textContent).results;
var sel=document.getElementById('pick'),head=document.getElementById('head'),tw=document.getElementById('tw'),side=document.getElementById('side'),pos=document.getElementById('pos');
var matrix=document.getElementById('matrix'),viewer=document.getElementById('viewer'),nav=document.getElementById('nav'),wrap=document.getElementById('wrap');
var cur=0,step=0;
function el(t,c,x){var e=document.createElement(t);if(c)e.className=c;if(x!==undefined&&x!==null)e.textContent=String(x);return e;}
function cell(v){return v==='pass'||v==='incomplete'?v:'\\u2717 '+v;}
D.forEach(function(r,i){var o=el('option',null,r.scenario+' / '+r.protocol+' : '+cell(r.actual)+(r.match===false?' (MISMATCH)':''));o.value=String(i);sel.appendChild(o);});
function key(r){return r.scenario+'--'+r.protocol;}
function lastStep(r){return r&&r.verdict==='violation'?r.trace.length:0;}
function render(){
  var r=D[cur];if(!r){head.textContent='No results.';tw.textContent='';side.textContent='';pos.textContent='';return;}
  sel.value=String(cur);
  head.textContent='';
  head.appendChild(el('div','t',r.scenario+' \\u2014 '+r.title));
  head.appendChild(el('div',null,'protocol: '+r.protocol+' \\u2014 '+r.protocolTitle));
  if(r.review||r.quote){var q=el('blockquote');q.appendChild(el('b',null,(r.review||'review')+': '));q.appendChild(document.createTextNode(r.quote||''));head.appendChild(q);}
  var v=el('div','v-'+r.verdict);
  if(r.verdict==='violation')v.textContent='VIOLATION of '+r.invariant+' ('+r.kind+'): '+r.message;
  else if(r.verdict==='pass')v.textContent='PASS: every interleaving checked ('+r.stats.states+' states, '+r.stats.transitions+' transitions, depth '+r.stats.depth+')';
  else v.textContent='INCOMPLETE: '+r.bound+' '+r.limit+' hit after '+r.stats.states+' states \\u2014 no violation found so far, this is NOT a pass';
  head.appendChild(v);
  var e=el('div',r.match===false?'mm':null,'expected: '+(r.expected===null?'none':(r.expected==='pass'?'pass':'violation of '+r.expected))+(r.match===null?'':(r.match?' (matches)':' (DOES NOT MATCH)'))+(r.why?' \\u2014 '+r.why:''));
  head.appendChild(e);
  if(r.replay)head.appendChild(el('div',null)).appendChild(el('code',null,r.replay));
  var n=r.trace.length;if(step>n)step=n;
  pos.textContent=n?('step '+step+' / '+n):'no trace';
  tw.textContent='';side.textContent='';
  nav.hidden=!n;wrap.hidden=!n;
  if(!n){try{history.replaceState(null,'','#'+encodeURIComponent(key(r)));}catch(_){}return;}
  var t=el('table'),hr=el('tr');hr.appendChild(el('th',null,'#'));
  r.threads.forEach(function(name){hr.appendChild(el('th',null,name));});t.appendChild(hr);
  r.trace.forEach(function(s){
    var tr=el('tr',s.index===step?'cur':(s.index<step?'past':'fut'));tr.appendChild(el('td','n',s.index));
    for(var k=0;k<r.threads.length;k++){var td=el('td','s');
      if(k===s.thread){td.appendChild(el('div','f',s['function']+':'));td.appendChild(el('code',null,s.code+(s.branch?' ['+s.branch+']':'')));
        s.summary.forEach(function(l){td.appendChild(el('div','ch','\\u2192 '+l));});}
      tr.appendChild(td);}
    tr.onclick=function(){go(s.index);};
    t.appendChild(tr);});
  tw.appendChild(t);
  var c=t.querySelector('tr.cur');if(c&&c.scrollIntoView)c.scrollIntoView({block:'nearest'});
  var s=r.trace[step-1];
  side.appendChild(el('h2',null,step?('step '+step+': '+s.threadName):'before the first step'));
  if(s){side.appendChild(el('div','f',s['function']+' ('+s.file+')'));side.appendChild(el('code',null,s.code+(s.branch?' ['+s.branch+']':'')));
    side.appendChild(el('h2',null,'changes'));
    if(!s.summary.length)side.appendChild(el('div','dim','nothing in the shared state'));
    var ul=el('ul');s.summary.forEach(function(l){ul.appendChild(el('li','ch',l));});side.appendChild(ul);}
  side.appendChild(el('h2',null,'changes so far'));
  if(!step)side.appendChild(el('div','dim','none yet'));
  var ul2=el('ul');r.trace.slice(0,step).forEach(function(p){p.summary.forEach(function(l){ul2.appendChild(el('li',p.index===step?'ch':'dim',p.index+'. '+l));});});side.appendChild(ul2);
  if(step===n&&r.verdict==='violation')side.appendChild(el('div','v-violation','\\u2717 '+r.invariant+': '+r.message));
  try{history.replaceState(null,'','#'+encodeURIComponent(key(r))+'@'+step);}catch(_){}
}
function go(i){var r=D[cur];if(!r)return;step=Math.max(0,Math.min(r.trace.length,i));render();}
sel.onchange=function(){cur=Number(sel.value);step=lastStep(D[cur]);render();};
document.getElementById('first').onclick=function(){go(0);};
document.getElementById('prev').onclick=function(){go(step-1);};
document.getElementById('next').onclick=function(){go(step+1);};
document.getElementById('last').onclick=function(){var r=D[cur];go(r?r.trace.length:0);};
document.addEventListener('keydown',function(ev){if(ev.target===sel)return;if(ev.key==='ArrowLeft')go(step-1);else if(ev.key==='ArrowRight')go(step+1);});
function route(){
  var h=decodeURIComponent(location.hash.slice(1)),at=h.lastIndexOf('@'),want=at<0?h:h.slice(0,at),found=-1;
  D.forEach(function(r,i){if(key(r)===want)found=i;});
  matrix.hidden=found>=0;viewer.hidden=found<0;
  if(found<0)return;
  cur=found;step=at<0?lastStep(D[cur]):(Number(h.slice(at+1))||0);render();
}
if(typeof window!=='undefined'&&window.addEventListener)window.addEventListener('hashchange',route);
route();
})();
`;

/** The viewer page of a set of results. */
export function formatHtml(records: readonly RunRecord[], title = 'movcheck report'): string {
  const esc = htmlEscape;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${esc(title)}</h1></header>`,
    '<main>',
    ...htmlMatrix(records),
    '<section id="viewer" hidden>',
    '<a id="back" href="#">&#x2190; verdict matrix</a>',
    '<label>scenario / version: <select id="pick"></select></label>',
    '<div id="head"></div>',
    '<div id="nav"><button id="first" title="first">&#x00AB; first</button><button id="prev" title="previous (left arrow)">&#x25C0; prev</button><span id="pos"></span><button id="next" title="next (right arrow)">next &#x25B6;</button><button id="last" title="last">last &#x00BB;</button></div>',
    '<div id="wrap"><div id="tw"></div><aside id="side"></aside></div>',
    '</section>',
    '</main>',
    `<script type="application/json" id="data">${scriptJson(formatJson(records, { seconds: false }).trimEnd())}</script>`,
    `<script>${JS}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
