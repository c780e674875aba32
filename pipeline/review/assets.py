"""The review pages' style and script: one file each, written once beside the document pages
(review/review.css, review/review.js) and linked by every page (no CDN, no network). The script
filters (by flag code, document, indication, kind: any <select> of #filters) and sorts the index's
table by a column."""
from ..pdf.crops import FOLDER

CSS_FILE, JS_FILE = "review.css", "review.js"  # inside FOLDER, beside the document pages

CSS = """
body{font-family:"DejaVu Sans",Tahoma,sans-serif;margin:1.5em;color:#222;line-height:1.5}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.25em .5em;vertical-align:top}
th{background:#f4f4f4;text-align:start}.item{border:1px solid #ddd;border-radius:4px;margin:1em 0;padding:.6em}
.item h3{font-size:1em;margin:0 0 .4em}.reasons li{color:#8a1c1c}.meta{color:#666;font-size:.9em}
[lang=fa]{direction:rtl;unicode-bidi:isolate;font-size:1.05em}p[lang=fa],pre[lang=fa]{text-align:right}
[lang=zh]{direction:ltr;unicode-bidi:isolate}mark{background:#ffe08a}.reviewed li{color:#2a6b2a}
dl{display:grid;grid-template-columns:max-content auto;gap:.1em .8em;margin:.4em 0}dt{color:#555}dd{margin:0}
.pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1em}
.source img{max-width:100%;border:1px solid #ccc;display:block;margin-bottom:.3em}
.source figcaption{color:#666;font-size:.85em}pre{white-space:pre-wrap;margin:.3em 0}
.readings>div{border-top:1px dashed #ddd;padding-top:.3em}
details.fix pre{background:#f7f7f7;padding:.4em;direction:ltr;text-align:left}
#counts{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4em 1.2em}#counts b{font-size:1.1em}
#filters{position:sticky;top:0;background:#fff;padding:.4em 0;border-bottom:1px solid #ccc;z-index:1}
#filters label{margin-inline-end:1em}.hidden{display:none}
.changes li{font-family:monospace}nav{margin-bottom:.6em}
table.sortable th{cursor:pointer;user-select:none}table.sortable th[aria-sort=ascending]::after{content:" \\25B2"}
table.sortable th[aria-sort=descending]::after{content:" \\25BC"}td.n{text-align:end}
"""

JS = """
(function () {
  var selects = document.querySelectorAll('#filters select');
  function matches(el, key, value) {
    if (!value) return true;
    var have = (el.getAttribute('data-' + key) || '').split(' ');
    return have.indexOf(value) >= 0;
  }
  function apply() {
    var shown = 0;
    document.querySelectorAll('[data-filterable]').forEach(function (el) {
      var ok = true;
      selects.forEach(function (s) { ok = ok && matches(el, s.getAttribute('data-key') || s.name, s.value); });
      el.classList.toggle('hidden', !ok);
      if (ok && el.hasAttribute('data-counted')) shown += 1;
    });
    var out = document.getElementById('shown');
    if (out) out.textContent = shown;
  }
  selects.forEach(function (s) { s.addEventListener('change', apply); });
  apply();
  // the index: a click on a column's head sorts the documents by it (numbers as numbers)
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.querySelectorAll('thead th');
    heads.forEach(function (th, column) {
      th.addEventListener('click', function () {
        var down = th.getAttribute('aria-sort') !== 'descending';
        heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', down ? 'descending' : 'ascending');
        var body = table.tBodies[0], rows = Array.from(body.rows);
        function key(row) {
          var cell = row.cells[column], v = cell.getAttribute('data-value');
          return v === null ? cell.textContent : v;
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
          var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
          return down ? -c : c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
"""

ASSETS = {f"{FOLDER}/{CSS_FILE}": CSS.lstrip(), f"{FOLDER}/{JS_FILE}": JS.lstrip()}
