  /* ---------- timeline ---------- */
  var TL = D.timeline, tlCanvas = $('timeline');
  var lanes = [], tlEnd = 1, tlView = null;
  var LANE_H = 22, LABEL_W = 170, AXIS_H = 22;
  // One lane per thread of the call tree: virtual threads of one name share a lane, as they share a
  // [virtual threads] node. reach[k] is the latest end among entries 0..k, so lanes can be searched by time.
  (function () {
    var byKey = new Map(), prevEnd = new Map();
    for (var i = 0; i < TL.weight.length; i++) {
      var th = TL.thread[i];
      var start = (prevEnd.get(th) || 0) + TL.gap[i], end = start + TL.weight[i];
      prevEnd.set(th, end);
      var key = TH.virtual[th] ? 'v\u0000' + TH.name[th] : th;
      if (!byKey.has(key)) {
        byKey.set(key, { thread: th, label: (TH.virtual[th] ? '[virtual threads] ' : '') + TH.name[th], start: [], end: [], idx: [], shared: false });
      }
      var lane = byKey.get(key);
      if (lane.thread !== th) lane.shared = true;
      lane.start.push(start); lane.end.push(end); lane.idx.push(i);
      if (end > tlEnd) tlEnd = end;
    }
    byKey.forEach(function (l) {
      if (l.shared) {
        var order = l.start.map(function (_, k) { return k; }).sort(function (a, b) { return l.start[a] - l.start[b]; });
        l.start = order.map(function (k) { return l.start[k]; });
        l.end = order.map(function (k) { return l.end[k]; });
        l.idx = order.map(function (k) { return l.idx[k]; });
      }
      l.reach = [];
      for (var k = 0, m = 0; k < l.end.length; k++) { m = Math.max(m, l.end[k]); l.reach.push(m); }
      lanes.push(l);
    });
    lanes.sort(function (a, b) { return a.thread - b.thread; });
  })();
  var leafColorCache = new Map();
  // A sample is coloured by its innermost application frame (the code the reader wrote), else its leaf.
  function stackColorKey(s) {
    var v = leafColorCache.get(s);
    if (v !== undefined) return v;
    var leaf = -1, app = -1;
    for (var at = s; at > 0; at = ST.parent[at]) {
      var f = ST.frame[at];
      if (leaf < 0) leaf = f;
      if (F.app[f]) { app = f; break; }
    }
    v = app >= 0 ? app : leaf;
    leafColorCache.set(s, v);
    return v;
  }
  function sampleColor(i) {
    var f = stackColorKey(TL.stack[i]);
    var waiting = TL.state[i] === 1 || TL.state[i] === 2 || TL.state[i] === 3 || TL.state[i] === 5; // 5: READY, [carrier wait]
    if (f < 0) return '#3a4044';
    var hk = hue(methodKey[f]);
    if (F.app[f]) return 'hsl(' + (20 + hk % 40) + ',' + (waiting ? '30%,38%' : '85%,58%') + ')';
    return 'hsl(' + (195 + hk % 30) + ',' + (waiting ? '12%,32%' : '30%,48%') + ')';
  }
  function drawTimeline() {
    if (!tlView) tlView = [0, tlEnd];
    var W = Math.max(400, $('timeline-wrap').clientWidth - 2);
    var H = AXIS_H + Math.max(1, lanes.length) * LANE_H + 4;
    var ctx = setupCanvas(tlCanvas, W, H);
    ctx.fillStyle = '#212427'; ctx.fillRect(0, 0, W, H);
    var plotW = W - LABEL_W - 8, v0 = tlView[0], v1 = tlView[1], scale = plotW / (v1 - v0);
    ctx.font = '11px ' + getComputedStyle(document.body).getPropertyValue('--mono');
    ctx.textBaseline = 'middle';
    // axis
    var stepUs = niceStep((v1 - v0) / 8);
    ctx.fillStyle = '#8d969c'; ctx.strokeStyle = '#3a4044';
    for (var t = Math.ceil(v0 / stepUs) * stepUs; t <= v1; t += stepUs) {
      var x = LABEL_W + (t - v0) * scale;
      ctx.fillRect(x, AXIS_H - 6, 1, 6);
      if (x + 40 < W) ctx.fillText(fmtAxis(t, stepUs), x + 3, AXIS_H / 2);
      ctx.fillStyle = '#2c3134'; ctx.fillRect(x, AXIS_H, 1, H - AXIS_H); ctx.fillStyle = '#8d969c';
    }
    var drawn = 0;
    for (var li = 0; li < lanes.length; li++) {
      var lane = lanes[li], y = AXIS_H + li * LANE_H;
      ctx.fillStyle = li % 2 ? '#25292c' : '#2a2e31';
      ctx.fillRect(0, y, W, LANE_H);
      ctx.fillStyle = '#c8ccd0';
      var label = lane.label;
      if (label.length > 24) label = label.substring(0, 23) + '\u2026';
      ctx.fillText(label, 6, y + LANE_H / 2);
      var lastPx = -1;
      var first = lowerBound(lane.reach, v0);
      for (var k = first; k < lane.start.length && lane.start[k] <= v1; k++) {
        var x0 = LABEL_W + (lane.start[k] - v0) * scale, x1 = LABEL_W + (lane.end[k] - v0) * scale;
        if (x1 < LABEL_W) continue;
        x0 = Math.max(x0, LABEL_W);
        if (x1 - x0 < 1) { if (Math.floor(x0) === lastPx) continue; x1 = x0 + 1; }
        lastPx = Math.floor(x1 - 1);
        ctx.fillStyle = sampleColor(lane.idx[k]);
        ctx.fillRect(x0, y + 3, x1 - x0, LANE_H - 6);
        drawn++;
      }
    }
    tlCanvas.dataset.drawn = drawn;
    tlCanvas.dataset.lanes = lanes.length;
    tlCanvas.dataset.span = Math.round(v1 - v0);
    tlCanvas.dataset.start = Math.round(v0);
    tlCanvas.dataset.laneThreads = JSON.stringify(lanes.map(function (l) { return l.label; }));
    drawChart();
  }
  function lowerBound(arr, v) { var lo = 0, hi = arr.length; while (lo < hi) { var mid = (lo + hi) >> 1; if (arr[mid] < v) lo = mid + 1; else hi = mid; } return lo; }
  function niceStep(us) {
    var p = Math.pow(10, Math.floor(Math.log10(Math.max(us, 1)))), m = us / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
  }
  function fmtAxis(us, step) {
    if (step >= 1e6) return (us / 1e6).toFixed(0) + ' s';
    if (step >= 1e3) return (us / 1e3).toFixed(step >= 1e4 ? 0 : 1) + ' ms';
    return us.toFixed(0) + ' µs';
  }
  function fmtMs(us) { return (us / 1e3).toFixed(us >= 1e5 ? 1 : 2) + ' ms'; }
  function tlTimeAt(clientX) {
    var r = tlCanvas.getBoundingClientRect(), plotW = r.width - LABEL_W - 8;
    return tlView[0] + (clientX - r.left - LABEL_W) / plotW * (tlView[1] - tlView[0]);
  }
  function zoomTimeline(factor, center) {
    var v0 = tlView[0], v1 = tlView[1], span = (v1 - v0) * factor;
    span = Math.max(Math.min(span, tlEnd), 20);
    var c = center === undefined ? (v0 + v1) / 2 : center, frac = (c - v0) / (v1 - v0);
    var n0 = c - span * frac;
    n0 = Math.max(0, Math.min(n0, tlEnd - span));
    tlView = [n0, n0 + span];
    drawTimeline();
  }
  // Zoom and pan move the lanes and the flame chart below them together.
  var drag = null;
  [tlCanvas, $('tl-chart')].forEach(function (canvas) {
    canvas.addEventListener('wheel', function (e) {
      e.preventDefault();
      zoomTimeline(e.deltaY > 0 ? 1.25 : 0.8, tlTimeAt(e.clientX));
    }, { passive: false });
    canvas.addEventListener('mousedown', function (e) {
      drag = { x: e.clientX, v: tlView.slice(), wrap: canvas.parentNode };
      drag.wrap.classList.add('dragging');
    });
  });
  window.addEventListener('mouseup', function () { if (drag) drag.wrap.classList.remove('dragging'); drag = null; });
  window.addEventListener('mousemove', function (e) {
    if (!drag) return;
    var r = tlCanvas.getBoundingClientRect(), plotW = r.width - LABEL_W - 8;
    var dt = (e.clientX - drag.x) / plotW * (drag.v[1] - drag.v[0]), span = drag.v[1] - drag.v[0];
    var n0 = Math.max(0, Math.min(drag.v[0] - dt, tlEnd - span));
    tlView = [n0, n0 + span];
    drawTimeline();
  });
  tlCanvas.addEventListener('mousemove', function (e) {
    if (drag) { hideTip(); return; }
    var r = tlCanvas.getBoundingClientRect(), li = Math.floor((e.clientY - r.top - AXIS_H) / LANE_H);
    var lane = lanes[li];
    if (!lane || e.clientX - r.left < LABEL_W) { hideTip(); return; }
    var t = tlTimeAt(e.clientX), k = lowerBound(lane.reach, t);
    // within a pixel, so thin samples can be hovered
    var slack = (tlView[1] - tlView[0]) / (r.width - LABEL_W - 8);
    while (k < lane.start.length && lane.end[k] < t && lane.start[k] <= t + slack) k++;
    if (k >= lane.start.length || lane.start[k] > t + slack) { hideTip(); return; }
    var i = lane.idx[k], lines = [['tt-title', lane.label]];
    lines.push(['tt-sub', fmtMs(lane.start[k]) + ' \u2013 ' + fmtMs(lane.end[k]) + '  (' + fmtMs(lane.end[k] - lane.start[k]) + ')  '
      + ['RUNNABLE', 'BLOCKED', 'WAITING', 'TIMED_WAITING', 'OTHER', 'READY (carrier wait)'][TL.state[i]]]);
    var shown = 0;
    for (var at = TL.stack[i]; at > 0 && shown < 28; at = ST.parent[at], shown++) {
      var f = ST.frame[at];
      lines.push([F.app[f] ? 'tt-app' : 'tt-lib', simpleName(f) + '  ' + fileName(f) + (F.line[f] > 0 ? ':' + F.line[f] : '')]);
    }
    if (at > 0) lines.push(['tt-sub', '\u2026']);
    showTip(e.clientX, e.clientY, lines);
  });
  tlCanvas.addEventListener('mouseleave', hideTip);
  $('tl-in').addEventListener('click', function () { zoomTimeline(0.5); });
  $('tl-out').addEventListener('click', function () { zoomTimeline(2); });
  $('tl-reset').addEventListener('click', function () { tlView = [0, tlEnd]; drawTimeline(); });

