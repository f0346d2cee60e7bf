  /* ---------- header ---------- */
  function header() {
    var M = D.meta || {};
    $('version').textContent = 'v' + (M.jprof_version || '');
    var facts = [
      ['Recorded', M.start_time ? new Date(M.start_time * 1000).toLocaleString() : 'n/a'],
      ['Samples', (M.sample_count || 0).toLocaleString('en-US')],
      ['Threads', M.threads || String(TH.name.length)],
      ['Duration', (M.duration || 0).toFixed(3) + ' s'],
      ['CPU time', M.cpu_time >= 0 ? M.cpu_time.toFixed(3) + ' s' : 'n/a'],
      ['Interval', ((M.interval || 0) * 1000).toFixed(M.interval * 1000 >= 10 ? 0 : 2) + ' ms']
    ];
    var dl = $('facts');
    facts.forEach(function (p) { dl.appendChild(el('dt', null, p[0])); dl.appendChild(el('dd', null, p[1])); });
    var prog = $('program');
    if (M.target_description) { prog.appendChild(el('b', null, 'Program: ')); prog.appendChild(document.createTextNode(M.target_description)); }
    var jvm = [];
    if (M.jvm_version) jvm.push('JVM ' + M.jvm_version);
    if (M.pid > 0) jvm.push('pid ' + M.pid);
    if (M.sampler) jvm.push('sampler: ' + M.sampler);
    if (jvm.length) prog.appendChild(el('div', 'jvm', jvm.join('  \u00b7  ')));
    document.title = 'jprof' + (M.target_description ? ' \u2013 ' + M.target_description : '');
    var notes = $('notes');
    if (TL.resampled) {
      notes.appendChild(el('div', 'note', 'Big session: the timeline was resampled from ' + TL.source_runs.toLocaleString('en-US')
        + ' sample runs to ' + TL.weight.length.toLocaleString('en-US') + ' entries (the heaviest stack of each '
        + (TL.bucket / 1000).toFixed(1) + ' ms bucket per thread). The call tree and flame graph count every sample.'));
      $('tl-note').textContent = '(resampled: ' + (TL.bucket / 1000).toFixed(1) + ' ms buckets)';
    }
    if (M.memory_notice) notes.appendChild(el('div', 'note', M.memory_notice + '.'));
  }

  /* ---------- wiring ---------- */
  var drawn = { flame: false, timeline: false };
  function showView(v) {
    state.view = v;
    try { history.replaceState(null, '', '#view=' + v); } catch (ignored) { /* some file:// setups forbid it */ }
    ['tree', 'flame', 'timeline', 'flat'].forEach(function (name) {
      $('view-' + name).hidden = name !== v;
      $('tab-' + name).setAttribute('aria-selected', name === v ? 'true' : 'false');
    });
    hideTip();
    if (v === 'flame') { drawFlame(); drawn.flame = true; }
    if (v === 'timeline') { drawTimeline(); drawn.timeline = true; }
    if (v === 'flat') renderFlat();
    if (v === 'tree') treeEl.focus({ preventScroll: true });
  }
  function refresh(rebuild) {
    if (rebuild) {
      try {
        buildTree();
        flameTop = null;
        resetChart();
        $('regex-error').textContent = '';
      } catch (err) {
        if (!(err instanceof SyntaxError)) throw err;
        $('regex-error').textContent = 'invalid regex: ' + err.message;
        return;
      }
    }
    updateSearch();
    renderTree();
    if (state.view === 'flame') drawFlame();
    if (state.view === 'timeline') drawTimeline();
    if (state.view === 'flat') renderFlat();
  }
  document.querySelectorAll('.tabs button').forEach(function (b) {
    b.addEventListener('click', function () { showView(b.dataset.view); });
  });
  var search = $('search');
  search.addEventListener('input', function () { state.query = search.value.trim().toLowerCase(); refresh(false); });
  search.addEventListener('keydown', function (e) {
    if (e.key === 'Enter') { e.preventDefault(); if (state.view === 'tree') nextMatch(); }
    if (e.key === 'Escape' && search.value) { e.preventDefault(); search.value = ''; state.query = ''; refresh(false); }
  });
  // "/" jumps to the search box, as in many code viewers.
  document.addEventListener('keydown', function (e) {
    if (e.key === '/' && document.activeElement !== search && !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) {
      e.preventDefault(); search.focus();
    }
  });
  var timeSel = $('time-format');
  timeSel.value = state.percent ? 'percent_of_total' : 'seconds';
  timeSel.addEventListener('change', function () { state.percent = timeSel.value === 'percent_of_total'; refresh(false); });
  var thr = $('threshold');
  thr.value = +(state.threshold * 100).toFixed(3);
  thr.addEventListener('change', function () {
    var v = parseFloat(thr.value);
    if (!(v >= 0 && v <= 100)) { thr.value = +(state.threshold * 100).toFixed(3); return; }
    state.threshold = v / 100; refresh(true);
  });
  var showAll = $('show-all');
  showAll.checked = state.showAll;
  showAll.addEventListener('change', function () { state.showAll = showAll.checked; thr.disabled = state.showAll; refresh(true); });
  thr.disabled = state.showAll;
  var hideIn = $('hide-regex'), showIn = $('show-regex');
  hideIn.value = state.hide; showIn.value = state.show;
  if (state.hide || state.show) { $('more').hidden = false; }
  $('more-toggle').addEventListener('click', function () {
    var m = $('more'); m.hidden = !m.hidden; $('more-toggle').setAttribute('aria-expanded', String(!m.hidden));
  });
  hideIn.addEventListener('change', function () { state.hide = hideIn.value; refresh(true); });
  showIn.addEventListener('change', function () { state.show = showIn.value; refresh(true); });
  var resizeTimer = 0;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { if (state.view === 'flame') drawFlame(); if (state.view === 'timeline') drawTimeline(); }, 100);
  });

  timings.indexed = Math.round(performance.now());
  header();
  try {
    buildTree();
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    $('regex-error').textContent = 'invalid regex: ' + err.message;
    $('more').hidden = false;
    state.hide = ''; state.show = '';
    buildTree();
  }
  timings.built = Math.round(performance.now());
  // Plain-text views of the processed tree, handy from the devtools console; tests compare them with the
  // text report. treeText: every node, "depth<TAB>time_us<TAB>group (- none, g member, gr group root)<TAB>name"
  // (methods by class and method). shownText: the rows the tree view shows with every node expanded,
  // "depth<TAB>row" where a row reads as in the text report.
  window.jprof = Object.freeze({
    treeText: function () {
      var out = [], work = root ? root.children.slice().reverse() : [];
      while (work.length) {
        var n = work.pop();
        out.push((n.depth - 1) + '\t' + Math.round(n.time) + '\t' + (n.group ? 'g' + (n.group.root === n ? 'r' : '') : '-')
          + '\t' + (n.kind === K_METHOD ? nodeClass(n) + '.' + nodeMethod(n) : nodeName(n)));
        for (var i = n.children.length - 1; i >= 0; i--) work.push(n.children[i]);
      }
      return out.join('\n');
    },
    shownText: function () {
      var out = [], work = [];
      var top = root ? shownChildren(root) : [];
      for (var i = top.length - 1; i >= 0; i--) work.push([top[i], 0, 'node']);
      while (work.length) {
        var it = work.pop(), n = it[0], d = it[1];
        if (it[2] === 'group') {
          out.push(d + '\t[' + n.group.frames.length + ' frames hidden]  ' + n.group.libraries.join(', '));
          continue;
        }
        out.push(d + '\t' + fmtTime(n.time) + ' ' + nodeName(n) + (n.kind === K_METHOD ? '  ' + position(n) : ''));
        var kids = shownChildren(n);
        for (var k = kids.length - 1; k >= 0; k--) work.push([kids[k], d + 1, 'node']);
        if (n.group && n.group.root === n) work.push([n, d + 1, 'group']);
      }
      return out.join('\n');
    },
    // The flat view's rows as the text report's flat mode writes them (all of them, not only those shown).
    flatText: function () { return flatEntries().map(flatRowText).join('\n'); },
    flameBoxes: flameBoxes,
    chartBlocks: chartBlocks
  });
  updateSearch();
  renderTree();
  showView(state.view);
  timings.rendered = Math.round(performance.now());
  document.documentElement.setAttribute('data-jprof-timings', JSON.stringify(timings));
  document.documentElement.setAttribute('data-jprof-ready', String(Math.round(performance.now())));
