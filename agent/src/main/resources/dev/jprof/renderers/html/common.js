/* jprof interactive report. Vanilla JS, no network. Every name from the profile reaches the DOM through
   textContent or setAttribute, never through HTML parsing. Times are integer microseconds. */

  var timings = { start: Math.round(performance.now()) };
  var D = JSON.parse(document.getElementById('jprof-data').textContent);
  timings.parsed = Math.round(performance.now());
  var S = D.strings, F = D.frames, ST = D.stacks, TH = D.threads;
  var nFrames = F['class'].length, nStacks = ST.parent.length;
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  /* ---------- sampled frames, for the timeline ---------- */
  var methodKey = new Int32Array(nFrames);
  (function () {
    var seen = new Map();
    for (var f = 0; f < nFrames; f++) {
      var k = F['class'][f] + ',' + F.method[f] + ',' + F.file[f];
      var first = seen.get(k);
      if (first === undefined) { seen.set(k, f); first = f; }
      methodKey[f] = first;
    }
  })();
  function cls(f) { return S[F['class'][f]]; }
  function meth(f) { return S[F.method[f]]; }
  function simpleName(f) { var c = cls(f); return c.substring(c.lastIndexOf('.') + 1) + '.' + meth(f); }
  function fileName(f) { return S[F.file[f]]; }

  /* ---------- the classified tree (dev.jprof.renderers.HtmlTree) ---------- */
  // Kinds as in HtmlTree. Every name (threads, virtual-thread groups, [await], any synthetic frame) comes
  // from Java: the page never decides what a frame is, only how the view options treat it.
  var K_ROOT = 0, K_THREAD = 1, K_METHOD = 2, K_SYNTHETIC = 3;
  var TR = D.tree, FR = TR.frames, NB = TR.nodes.frame.length, SELF_ID = -1;
  for (var si = 0; si < S.length; si++) if (S[si] === '[self]') { SELF_ID = si; break; }
  var bParent = new Int32Array(NB), bFrame = Int32Array.from(TR.nodes.frame), bTotal = new Float64Array(NB);
  for (var bi = 0; bi < NB; bi++) { bParent[bi] = bi - TR.nodes.up[bi]; bTotal[bi] = TR.nodes.absorbed[bi]; }
  for (var bj = NB - 1; bj > 0; bj--) bTotal[bParent[bj]] += bTotal[bj];
  bParent[0] = -1;
  // ThreadArrangement's roles of root rows (HtmlTree): 1 service thread, 2 idle thread, both shown only
  // with show all; 3 the [N idle threads] line standing for the idle ones otherwise.
  var R_IDLE_LINE = 3, bRole = new Int8Array(NB);
  if (TR.threads) for (var ri = 0; ri < TR.threads.node.length; ri++) bRole[TR.threads.node[ri]] = TR.threads.role[ri];
  var baseLines = (function () {
    var L = TR.lines, out = [];
    for (var i = 0; i < L.node.length; i++) (out[L.node[i]] || (out[L.node[i]] = [])).push(i);
    return out;
  })();

  /* ---------- options ---------- */
  var O = D.options || {};
  var state = {
    view: /^#view=(tree|flame|timeline|flat)$/.test(location.hash) ? location.hash.substring(6)
      : /^(timeline|flat)$/.test(O.view) ? O.view : 'tree',
    percent: O.time === 'percent_of_total',
    threshold: typeof O.filter_threshold === 'number' ? O.filter_threshold : 0.01,
    showAll: !!O.show_all,
    hide: O.hide_regex || '',
    show: O.show_regex || '',
    query: ''
  };

  /* hide_regex / show_regex are Java patterns (the CLI's globs become \Q..\E quotes, (?s:..) and \z):
     translate the Java-only syntax, anchor at the start as Java's lookingAt() does. */
  function compileRegex(src) {
    if (!src) return null;
    var out = '', flags = '', i = 0, m;
    while (i < src.length) {
      if (src.startsWith('\\Q', i)) {
        var end = src.indexOf('\\E', i + 2), lit = src.substring(i + 2, end < 0 ? src.length : end);
        out += lit.replace(/[.*+?^${}()|[\]\\\/-]/g, '\\$&');
        i = end < 0 ? src.length : end + 2;
      } else if (src.startsWith('\\z', i)) { out += '$'; i += 2; }
      else if (src.startsWith('\\Z', i)) { out += '(?=\\n?$)'; i += 2; }
      else if (src.startsWith('\\A', i)) { out += '^'; i += 2; }
      else if ((m = /^\(\?([is]+)(:|\))/.exec(src.substring(i)))) {
        for (var k = 0; k < m[1].length; k++) if (flags.indexOf(m[1][k]) < 0) flags += m[1][k];
        out += m[2] === ':' ? '(?:' : '';
        i += m[0].length;
      } else if (src[i] === '\\') { out += src.substr(i, 2); i += 2; }
      else { out += src[i]; i++; }
    }
    return new RegExp('^(?:' + out + ')', flags);
  }

  /* ---------- formatting ---------- */
  function fmtTime(t) {
    return state.percent ? (t / total * 100).toFixed(1) + '%' : (t / 1e6).toFixed(3);
  }
  // Colour by share of the thread's time, so each thread reads on its own like a pyinstrument profile.
  var colourBase = 1;
  function timeClass(t) {
    var share = t / colourBase;
    return share > 0.6 ? 't-red' : share > 0.2 ? 't-yellow' : share > 0.05 ? 't-green' : 't-dim';
  }
  function nodeMatches(n, q) {
    if (!q || n.kind === K_ROOT) return false;
    return nodeName(n).toLowerCase().indexOf(q) >= 0 || nodeClass(n).toLowerCase().indexOf(q) >= 0
      || nodeFile(n).toLowerCase().indexOf(q) >= 0;
  }


  /* ---------- colours ---------- */
  function hue(key) { var h = (key * 2654435761) >>> 0; return h % 360; }
  function frameColor(n, dim) {
    var a = dim ? 0.25 : 1;
    if (n.kind === K_ROOT) return 'rgba(90,98,104,' + a + ')';
    if (n.kind === K_THREAD) return 'rgba(110,120,128,' + a + ')';
    if (isApp(n)) return 'hsla(' + (20 + hue(n.key) % 40) + ',85%,' + (55 + hue(n.key) % 12) + '%,' + a + ')';
    return 'hsla(' + (195 + hue(n.key) % 30) + ',28%,' + (42 + hue(n.key) % 12) + '%,' + a + ')';
  }

  /* ---------- tooltip ---------- */
  var tip = $('tooltip');
  function showTip(x, y, lines) {
    tip.textContent = '';
    for (var i = 0; i < lines.length; i++) tip.appendChild(el('div', lines[i][0], lines[i][1]));
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight, H = window.innerHeight;
    tip.style.left = Math.max(8, Math.min(x + 14, window.innerWidth - w - 8)) + 'px';
    // Below the pointer, else above it, else as near as the window allows: never past the top or bottom.
    var top = y + 16 + h <= H - 8 ? y + 16 : y - h - 10;
    tip.style.top = Math.max(8, Math.min(top, H - h - 8)) + 'px';
  }
  function hideTip() { tip.hidden = true; }
  function frameLines(n) {
    var out = [['tt-title', nodeName(n)]];
    out.push(['tt-sub', fmtTimeBoth(n.time) + (n.self > 0 ? '  (self ' + fmtTimeBoth(n.self) + ')' : '')]);
    if (n.kind === K_METHOD) {
      out.push(['tt-sub', nodeClass(n) + '  ' + position(n)]);
      out.push(['tt-sub', nodeLocation(n)]);
    }
    return out;
  }
  function fmtTimeBoth(t) { return (t / 1e6).toFixed(3) + ' s, ' + (t / total * 100).toFixed(1) + '%'; }

  function setupCanvas(canvas, cssW, cssH) {
    var ratio = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.floor(cssW * ratio));
    canvas.height = Math.max(1, Math.floor(cssH * ratio));
    canvas.style.width = cssW + 'px';
    canvas.style.height = cssH + 'px';
    var ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    return ctx;
  }
