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
