  /* ---------- flame graph (icicle) ---------- */
  // The flame graph draws the processed tree with library groups folded as the call tree folds them. By
  // default threads are merged: one frame path in several threads is one box as wide as their sum, so
  // eight identical pool workers are drawn once; "split by thread" draws a column per thread instead.
  var flameCanvas = $('flame'), flameRects = [], flameTop = null, flameFocusPath = null, flameSplit = false;
  var ROW_H = 18, MAX_FLAME_DEPTH = 1200, MAX_ANCESTORS = 40;

  // Shaped like a tree Node (kind, fr, key, line, time, self) so names, colours and tooltips serve both.
  function FlameNode(parent, rep, sources) {
    this.parent = parent; this.rep = rep; this.sources = sources;
    this.kind = rep.kind; this.fr = rep.fr; this.key = rep.key; this.line = rep.line; this.group = rep.group;
    this.time = 0; this.self = 0; this.children = [];
    this.depth = parent ? parent.depth + 1 : 0;
    this.path = parent ? parent.path + '/' + rep.kind + ':' + rep.key : (flameSplit ? 's' : 'm');
    for (var i = 0; i < sources.length; i++) { this.time += sources[i].time; this.self += sources[i].self; }
  }
  function buildFlame() {
    var top;
    if (flameSplit) {
      top = new FlameNode(null, root, [root]);
      for (var t = 0; t < root.children.length; t++) top.children.push(new FlameNode(top, root.children[t], [root.children[t]]));
    } else {
      top = new FlameNode(null, root, root.children);
      top.time = root.time; top.self = root.self;
    }
    var work = flameSplit ? top.children.slice() : [top];
    while (work.length) {
      var fn = work.pop();
      if (fn.depth >= MAX_FLAME_DEPTH) continue;
      // Children of every source merged by frame, in order of first appearance, then by time.
      var byKey = new Map();
      for (var s = 0; s < fn.sources.length; s++) {
        var kids = foldedChildren(fn.sources[s], groupFrameShown);
        for (var k = 0; k < kids.length; k++) {
          var id = kids[k].key * 4 + kids[k].kind, list = byKey.get(id);
          if (list) list.push(kids[k]); else byKey.set(id, [kids[k]]);
        }
      }
      byKey.forEach(function (list) { fn.children.push(new FlameNode(fn, list[0], list)); });
      fn.children.sort(byTime);
      for (var c = 0; c < fn.children.length; c++) work.push(fn.children[c]);
    }
    flameTop = top;
  }
  function flameFocus() {
    if (!flameFocusPath) return flameTop;
    // The focused path survives option changes while it still exists.
    var n = flameTop, parts = flameFocusPath.split('/');
    for (var i = 1; i < parts.length && n; i++) {
      var want = n.path + '/' + parts[i], next = null;
      for (var c = 0; c < n.children.length; c++) if (n.children[c].path === want) { next = n.children[c]; break; }
      n = next;
    }
    return n || flameTop;
  }
  function drawFlame() {
    if (!flameTop) buildFlame();
    var focus = flameFocus(), q = state.query;
    var ancestors = [];
    for (var a = focus; a && ancestors.length < MAX_ANCESTORS; a = a.parent) ancestors.unshift(a);
    var maxDepth = 0, stack = [[focus, 0]];
    while (stack.length) {
      var it = stack.pop();
      if (it[1] > maxDepth) maxDepth = it[1];
      if (it[1] < MAX_FLAME_DEPTH) for (var i = 0; i < it[0].children.length; i++) stack.push([it[0].children[i], it[1] + 1]);
    }
    var W = Math.max(300, $('flame-wrap').clientWidth - 2);
    var depthRows = ancestors.length + maxDepth;
    var ctx = setupCanvas(flameCanvas, W, depthRows * ROW_H + 4);
    ctx.fillStyle = '#212427'; ctx.fillRect(0, 0, W, depthRows * ROW_H + 4);
    ctx.font = '11px ' + getComputedStyle(document.body).getPropertyValue('--mono');
    ctx.textBaseline = 'middle';
    flameRects = [];
    function box(n, x, y, w) {
      var hit = q && nodeMatches(n, q), dim = q && !hit;
      ctx.fillStyle = frameColor(n, dim);
      ctx.fillRect(x, y, Math.max(w - 1, 0.5), ROW_H - 1);
      if (hit) { ctx.strokeStyle = '#ffe066'; ctx.lineWidth = 1.5; ctx.strokeRect(x + 0.75, y + 0.75, w - 2.5, ROW_H - 2.5); }
      if (w > 28) {
        var label = n.kind === K_ROOT ? (flameSplit ? 'all threads' : 'all threads (merged)') : nodeName(n);
        var maxChars = Math.floor((w - 8) / 6.7), timed = label + '  ' + fmtTime(n.time) + (state.percent ? '' : ' s');
        if (timed.length <= maxChars) label = timed;
        else if (label.length > maxChars) label = maxChars > 2 ? label.substring(0, maxChars - 1) + '\u2026' : '';
        ctx.fillStyle = dim ? 'rgba(230,232,234,0.45)' : (isApp(n) ? '#1b1b1b' : '#f2f4f5');
        ctx.fillText(label, x + 4, y + ROW_H / 2);
      }
      flameRects.push([x, y, w, n]);
    }
    for (var d = 0; d < ancestors.length; d++) box(ancestors[d], 0, d * ROW_H, W);
    var base = (ancestors.length - 1) * ROW_H;
    var work = [[focus, 0, W, 0]];
    while (work.length) {
      var cur = work.pop(), n = cur[0], x = cur[1], w = cur[2], depth = cur[3];
      if (depth >= MAX_FLAME_DEPTH) continue;
      var scale = n.time > 0 ? w / n.time : 0, cx = x;
      for (var c = 0; c < n.children.length; c++) {
        var ch = n.children[c], cw = ch.time * scale;
        if (cw >= 0.4) {
          box(ch, cx, base + (depth + 1) * ROW_H, cw);
          if (cw >= 1) work.push([ch, cx, cw, depth + 1]);
        }
        cx += cw;
      }
    }
    flameCanvas.dataset.rects = flameRects.length;
    flameCanvas.dataset.focus = focus.path;
    flameCanvas.dataset.width = W;
    crumbs(ancestors);
  }
  // The way back from a zoom: every ancestor of the focus, each a button.
  function crumbs(ancestors) {
    var nav = $('flame-crumbs');
    nav.textContent = '';
    if (ancestors.length < 2) return;
    ancestors.forEach(function (n, i) {
      if (i) nav.appendChild(document.createTextNode(' \u203a '));
      var b = el('button', 'crumb', n.kind === K_ROOT ? 'all threads' : nodeName(n));
      b.type = 'button';
      b.addEventListener('click', function () { zoomFlame(n); });
      nav.appendChild(b);
    });
  }
  function zoomFlame(n) {
    flameFocusPath = n && n.parent ? n.path : null;
    drawFlame();
  }
  function flameHit(e) {
    var r = flameCanvas.getBoundingClientRect(), x = e.clientX - r.left, y = e.clientY - r.top;
    for (var i = flameRects.length - 1; i >= 0; i--) {
      var b = flameRects[i];
      if (x >= b[0] && x < b[0] + b[2] && y >= b[1] && y < b[1] + ROW_H) return b[3];
    }
    return null;
  }
  function flameLines(n) {
    var out = frameLines(n);
    if (!flameSplit && n.kind !== K_ROOT) {
      var threads = new Set();
      n.sources.forEach(function (s) { threads.add(threadOf(s)); });
      if (threads.size > 1) out.push(['tt-sub', 'in ' + threads.size + ' threads']);
    }
    var g = n.rep.group;
    if (g && g.root === n.rep) out.push(['tt-lib', '[' + g.frames.length + ' frames hidden]  ' + g.libraries.join(', ')]);
    return out;
  }
  flameCanvas.addEventListener('click', function (e) {
    var n = flameHit(e);
    if (n) zoomFlame(n);
  });
  flameCanvas.addEventListener('mousemove', function (e) {
    var n = flameHit(e);
    if (n) showTip(e.clientX, e.clientY, flameLines(n)); else hideTip();
  });
  flameCanvas.addEventListener('mouseleave', hideTip);
  $('flame-reset').addEventListener('click', function () { zoomFlame(null); });
  $('flame-split').addEventListener('change', function () {
    flameSplit = $('flame-split').checked;
    flameFocusPath = null; flameTop = null;
    drawFlame();
  });
  // For tests and the console: the boxes drawn, as name, x, width, row and time (microseconds).
  function flameBoxes() {
    return flameRects.map(function (b) {
      return { name: b[3].kind === K_ROOT ? 'all threads' : nodeName(b[3]), x: b[0], w: b[2], row: b[1] / ROW_H, time: b[3].time };
    });
  }
