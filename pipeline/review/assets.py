"""The review page's style and script, inline (the page is one file plus its images: no CDN, no
network). The script only filters: by flag code, document and indication."""

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
.changes li{font-family:monospace}
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
    var want = {};
    selects.forEach(function (s) { want[s.name] = s.value; });
    var shown = 0;
    document.querySelectorAll('[data-filterable]').forEach(function (el) {
      var ok = matches(el, 'codes', want.code) && matches(el, 'doc', want.doc) &&
               matches(el, 'indication', want.indication);
      el.classList.toggle('hidden', !ok);
      if (ok && el.matches('section.item')) shown += 1;
    });
    document.getElementById('shown').textContent = shown;
  }
  selects.forEach(function (s) { s.addEventListener('change', apply); });
  apply();
})();
"""
