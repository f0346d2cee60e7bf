  /* ---------- flat view (ConsoleRenderer.renderFlat) ---------- */
  // One row per method across all threads, by descending time: each method's self time, or its total
  // time counted once per outermost call when it recurses. Synthetic frames ([await], ...) count their time.
  var flatEl = $('flat'), flatSel = $('flat-time');
  flatSel.value = O.flat_time === 'total' ? 'total' : 'self';
  function flatEntries() {
    var totalMode = flatSel.value === 'total';
    var times = new Map(), first = new Map(), onStack = new Map(), work = [[root, false]];
    while (work.length) {
      var it = work.pop(), n = it[0];
      var counted = n.kind === K_METHOD || (n.kind === K_SYNTHETIC && !isSelf(n));
      if (it[1]) { onStack.set(n.key, onStack.get(n.key) - 1); continue; }
      if (counted) {
        if (!first.has(n.key)) { first.set(n.key, n); times.set(n.key, 0); }
        var t = totalMode ? ((onStack.get(n.key) || 0) > 0 ? 0 : n.time) : (n.kind === K_SYNTHETIC ? n.time : n.self);
        times.set(n.key, times.get(n.key) + t);
        onStack.set(n.key, (onStack.get(n.key) || 0) + 1);
        work.push([n, true]);
      }
      for (var i = n.children.length - 1; i >= 0; i--) work.push([n.children[i], false]);
    }
    var out = [];
    times.forEach(function (t, key) { if (t > 0) out.push({ node: first.get(key), time: t }); });
    // Stable, as Java's List.sort: equal times keep the order of first appearance.
    return out.sort(function (a, b) { return b.time - a.time; });
  }
  function flatRowText(e) {
    var n = e.node;
    return fmtTime(e.time) + ' ' + nodeName(n) + (n.kind === K_METHOD ? '  ' + position(n) : '');
  }
  function renderFlat() {
    var entries = flatEntries(), frag = document.createDocumentFragment(), q = state.query;
    colourBase = total;
    // A long tail of tiny methods says little and costs DOM: the rows past the first thousand are counted.
    var shown = Math.min(entries.length, 1000);
    for (var i = 0; i < shown; i++) {
      var n = entries[i].node, row = el('div', 'row flat-row');
      row.appendChild(el('span', 'time ' + timeClass(entries[i].time), fmtTime(entries[i].time)));
      var name = el('span', 'name');
      appendHighlighted(name, nodeName(n), q);
      row.appendChild(name);
      if (n.kind === K_METHOD) { var loc = el('span', 'loc'); appendHighlighted(loc, position(n), q); row.appendChild(loc); }
      else row.classList.add('self');
      if (isApp(n)) row.classList.add('app');
      if (q && nodeMatches(n, q)) row.classList.add('match');
      frag.appendChild(row);
    }
    if (!entries.length) frag.appendChild(el('div', 'empty', 'No samples were recorded.'));
    if (entries.length > shown) frag.appendChild(el('div', 'empty', (entries.length - shown) + ' more methods below'));
    flatEl.textContent = '';
    flatEl.appendChild(frag);
    flatEl.dataset.rows = entries.length;
  }
  flatSel.addEventListener('change', function () { renderFlat(); });
