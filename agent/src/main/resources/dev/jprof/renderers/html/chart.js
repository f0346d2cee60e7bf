  /* ---------- timeline flame chart: stacks over time ---------- */
  // Below the lanes, the stacks of one thread (or of every thread, one under another) over time: x is time,
  // y the depth from the outermost frame. Consecutive samples sharing a method at a depth, called through the
  // same methods, make one block. It shares the lanes' zoom and pan.
  var chartCanvas = $('tl-chart'), chartSel = $('tl-thread'), chartBoxes = [];
  var CHART_ROW = 16, CHART_MAX_DEPTH = 400, CHART_ALL_DEPTH = 60, CHART_MAX_PX = 30000;
  var ALL_LANES = -1;

  // A block is one method under the same chain of calling methods, whatever line each was at: a stack is
  // read as a path of canonical ids, one per (calling path, method), each named by the first frame seen
  // for it. Unless "show all" is on, library code folds as in the tree: of a run of library frames only the
  // outermost is kept (the code called into), then the application frames it calls back.
  var canonRep = [0], canonIds = new Map(), pathCache = new Map();
  function stackPath(s) {
    var cached = pathCache.get(s);
    if (cached) return cached;
    var rows = [];
    for (var at = s; at > 0; at = ST.parent[at]) rows.push(at);
    var path = [], parent = 0, prevApp = true;
    for (var i = rows.length - 1; i >= 0 && path.length < CHART_MAX_DEPTH; i--) {
      var f = ST.frame[rows[i]], app = F.app[f] === 1;
      if (!state.showAll && !app && !prevApp) continue;
      prevApp = app;
      var key = parent * nFrames + methodKey[f], id = canonIds.get(key);
      if (id === undefined) { id = canonRep.length; canonIds.set(key, id); canonRep.push(rows[i]); }
      path.push(id);
      parent = id;
    }
    pathCache.set(s, path);
    return path;
  }
  // "show all" changed: stacks are read again.
  function resetChart() {
    pathCache.clear();
    lanes.forEach(function (lane) { lane.blocks = null; });
  }

  // Per lane, lazily: blocks by depth, each depth's blocks in time order ({start, end, node} arrays).
  function laneBlocks(lane) {
    if (lane.blocks) return lane.blocks;
    // Resampled entries stand for a whole bucket: blocks bridge the gaps between buckets.
    var slack = TL.resampled ? TL.bucket : 0, byDepth = [], open = [], path = [], pathOf = -1;
    function close(from) {
      for (var d = from; d < open.length; d++) {
        var o = open[d];
        if (!o) continue;
        var b = byDepth[d] || (byDepth[d] = { start: [], end: [], node: [] });
        b.start.push(o[0]); b.end.push(o[1]); b.node.push(o[2]);
      }
      open.length = Math.min(open.length, from);
    }
    for (var k = 0; k < lane.start.length; k++) {
      var s = TL.stack[lane.idx[k]], t0 = lane.start[k], t1 = lane.end[k];
      if (s !== pathOf) { path = stackPath(s); pathOf = s; }
      var d = 0;
      for (; d < path.length; d++) {
        var o = open[d];
        if (o && o[2] === path[d] && t0 <= o[1] + slack) { o[1] = Math.max(o[1], t1); continue; }
        close(d);
        break;
      }
      close(Math.max(d, path.length));
      for (; d < path.length; d++) open[d] = [t0, t1, path[d]];
    }
    close(0);
    lane.blocks = byDepth;
    return byDepth;
  }
  // The thread chosen first: the one with the most time running Java code. Done when the timeline is first
  // drawn, so that opening a big report on another view does not pay for it.
  function fillThreadChoice() {
    var best = 0, most = -1;
    lanes.forEach(function (lane, li) {
      var busy = 0;
      for (var k = 0; k < lane.start.length; k++) {
        var i = lane.idx[k];
        if (TL.stack[i] > 0 && TL.state[i] === 0) busy += lane.end[k] - lane.start[k];
      }
      if (busy > most) { most = busy; best = li; }
      chartSel.appendChild(new Option(lane.label, String(li)));
    });
    chartSel.appendChild(new Option('all threads, stacked', String(ALL_LANES)));
    chartSel.value = String(best);
  }
  function chartColor(node) {
    var f = ST.frame[node], hk = hue(methodKey[f]);
    return F.app[f] ? 'hsl(' + (20 + hk % 40) + ',85%,' + (52 + hk % 12) + '%)' : 'hsl(' + (195 + hk % 30) + ',30%,' + (40 + hk % 12) + '%)';
  }
  function drawChart() {
    if (!chartSel.options.length) fillThreadChoice();
    var chosen = +chartSel.value, shown = chosen === ALL_LANES ? lanes : lanes.slice(chosen, chosen + 1);
    var maxDepth = chosen === ALL_LANES ? CHART_ALL_DEPTH : CHART_MAX_DEPTH;
    var sections = shown.map(function (lane) {
      var blocks = laneBlocks(lane);
      return { lane: lane, blocks: blocks, rows: Math.max(1, Math.min(blocks.length, maxDepth)) };
    });
    var H = 4;
    sections.forEach(function (sec) { sec.top = H; H += (sec.rows + (chosen === ALL_LANES ? 1 : 0)) * CHART_ROW; });
    H = Math.min(H + 4, CHART_MAX_PX);
    var W = Math.max(400, $('chart-wrap').clientWidth - 2);
    var ctx = setupCanvas(chartCanvas, W, H);
    ctx.fillStyle = '#212427'; ctx.fillRect(0, 0, W, H);
    ctx.font = '11px ' + getComputedStyle(document.body).getPropertyValue('--mono');
    ctx.textBaseline = 'middle';
    var plotW = W - LABEL_W - 8, v0 = tlView[0], v1 = tlView[1], scale = plotW / (v1 - v0), q = state.query;
    chartBoxes = [];
    sections.forEach(function (sec) {
      var y0 = sec.top;
      if (chosen === ALL_LANES) {
        ctx.fillStyle = '#2a2e31'; ctx.fillRect(0, y0, W, CHART_ROW);
        ctx.fillStyle = '#c8ccd0'; ctx.fillText(sec.lane.label, 6, y0 + CHART_ROW / 2);
        y0 += CHART_ROW;
      } else {
        ctx.fillStyle = '#8d969c'; ctx.fillText(sec.lane.label, 6, y0 + CHART_ROW / 2);
      }
      for (var d = 0; d < sec.rows && d < sec.blocks.length; d++) {
        var b = sec.blocks[d], y = y0 + d * CHART_ROW;
        if (!b || y > H) continue;
        var lastPx = -1;
        for (var k = lowerBound(b.end, v0); k < b.start.length && b.start[k] <= v1; k++) {
          var x0 = Math.max(LABEL_W, LABEL_W + (b.start[k] - v0) * scale), x1 = Math.min(LABEL_W + plotW, LABEL_W + (b.end[k] - v0) * scale);
          if (x1 - x0 < 1) { if (Math.floor(x0) === lastPx) continue; x1 = x0 + 1; }
          lastPx = Math.floor(x1 - 1);
          var node = canonRep[b.node[k]], f = ST.frame[node];
          ctx.fillStyle = chartColor(node);
          ctx.fillRect(x0, y, Math.max(x1 - x0 - 0.5, 0.5), CHART_ROW - 1);
          if (q && (cls(f) + '.' + meth(f) + ' ' + fileName(f)).toLowerCase().indexOf(q) >= 0) {
            ctx.strokeStyle = '#ffe066'; ctx.lineWidth = 1.5; ctx.strokeRect(x0 + 0.75, y + 0.75, Math.max(x1 - x0 - 2, 0.5), CHART_ROW - 2.5);
          }
          var w = x1 - x0, maxChars = Math.floor((w - 6) / 6.7);
          if (maxChars >= 3) {
            var label = simpleName(f);
            if (label.length > maxChars) label = label.substring(0, maxChars - 1) + '\u2026';
            ctx.fillStyle = F.app[f] ? '#1b1b1b' : '#f2f4f5';
            ctx.fillText(label, x0 + 3, y + CHART_ROW / 2);
          }
          chartBoxes.push({ x: x0, y: y, w: w, depth: d, lane: sec.lane.label, node: node, start: b.start[k], end: b.end[k] });
        }
      }
    });
    chartCanvas.dataset.drawn = chartBoxes.length;
    chartCanvas.dataset.thread = chosen === ALL_LANES ? '' : shown[0] ? shown[0].label : '';
    $('tl-chart-note').textContent = (state.showAll ? '' : 'library code folded to its outermost frame ("show all" unfolds it)')
      + (chosen !== ALL_LANES && sections[0] && sections[0].blocks.length > maxDepth
        ? '; the first ' + maxDepth + ' of ' + sections[0].blocks.length + ' levels' : '');
  }
  function chartHit(e) {
    var r = chartCanvas.getBoundingClientRect(), x = e.clientX - r.left, y = e.clientY - r.top;
    // Thin blocks are widened to a pixel when drawn: allow that much when hovering.
    for (var i = chartBoxes.length - 1; i >= 0; i--) {
      var b = chartBoxes[i];
      if (y >= b.y && y < b.y + CHART_ROW && x >= b.x - 0.5 && x < b.x + Math.max(b.w, 1) + 0.5) return b;
    }
    return null;
  }
  chartCanvas.addEventListener('mousemove', function (e) {
    var b = drag ? null : chartHit(e);
    if (!b) { hideTip(); return; }
    var f = ST.frame[b.node];
    showTip(e.clientX, e.clientY, [[F.app[f] ? 'tt-app' : 'tt-lib', cls(f) + '.' + meth(f)],
      ['tt-sub', fileName(f) + '  \u00b7  ' + b.lane + '  \u00b7  depth ' + b.depth],
      ['tt-title', fmtMs(b.end - b.start)], ['tt-sub', fmtMs(b.start) + ' \u2013 ' + fmtMs(b.end)]]);
  });
  chartCanvas.addEventListener('mouseleave', hideTip);
  chartSel.addEventListener('change', function () { if (state.view === 'timeline') drawChart(); });
  // For tests and the console: the blocks drawn, with their frame, depth, times (microseconds) and x.
  function chartBlocks() {
    return chartBoxes.map(function (b) {
      var f = ST.frame[b.node];
      return { name: simpleName(f), method: cls(f) + '.' + meth(f), lane: b.lane, depth: b.depth, start: b.start, end: b.end, x: b.x, w: b.w };
    });
  }
