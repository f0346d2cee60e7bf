/* jprof interactive report. Vanilla JS, no network. Every name from the profile reaches the DOM through
   textContent or setAttribute, never through HTML parsing. Times are integer microseconds. */
(function () {
  'use strict';

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
  var baseLines = (function () {
    var L = TR.lines, out = [];
    for (var i = 0; i < L.node.length; i++) (out[L.node[i]] || (out[L.node[i]] = [])).push(i);
    return out;
  })();

  /* ---------- options ---------- */
  var O = D.options || {};
  var state = {
    view: /^#view=(tree|flame|timeline)$/.test(location.hash) ? location.hash.substring(6) : O.view === 'timeline' ? 'timeline' : 'tree',
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

  /* ---------- processors (dev.jprof.Processors), only those the view options change ---------- */
  function Node(id, b, parent) {
    this.id = id; this.fr = bFrame[b]; this.parent = parent; this.kind = FR.kind[this.fr]; this.key = FR.id[this.fr];
    this.time = 0; this.abs = 0; this.self = 0; this.line = 0; this.children = []; this.group = null; this.hidden = false;
    this.depth = parent ? parent.depth + 1 : 0;
    this._path = null;
  }
  // A node's identity across rebuilds (expanded state survives option changes); built on demand.
  Object.defineProperty(Node.prototype, 'path', {
    get: function () {
      if (this._path !== null) return this._path;
      // Iterative: a 10,000-frame-deep stack must not overflow the JavaScript stack.
      var chain = [], n = this;
      while (n && n._path === null) { chain.push(n); n = n.parent; }
      var p = n ? n._path : '';
      for (var i = chain.length - 1; i >= 0; i--) {
        p = chain[i].parent ? p + '/' + chain[i].key : 'r';
        chain[i]._path = p;
      }
      return this._path;
    }
  });
  function nodeName(n) { return n.kind === K_ROOT ? 'all threads' : S[FR.name[n.fr]]; }
  function nodeClass(n) { return S[FR['class'][n.fr]]; }
  function nodeMethod(n) { return S[FR.method[n.fr]]; }
  function nodeFile(n) { return S[FR.file[n.fr]]; }
  function nodeLocation(n) { return S[FR.location[n.fr]]; }
  function nodeLibrary(n) { return S[FR.library[n.fr]]; }
  function isApp(n) { return FR.app[n.fr] === 1; }
  function isSelf(n) { return n.kind === K_SYNTHETIC && n.key === SELF_ID; }

  // total: all recorded time; keptTotal: the time of the threads shown, against which frames below them
  // are judged (hundreds of idle threads must not collapse everything else).
  var root = null, total = 1, keptTotal = 1;

  /* removeImportlib + removeReflection and aggregateRepeatedCalls on flat typed arrays first (a million
     samples make hundreds of thousands of nodes), then removeIrrelevantNodes,
     removeUnnecessarySelfTimeNodes and groupLibraryFrames on objects for the nodes that survive. */
  function buildTree() {
    var hideRe = compileRegex(state.hide), showRe = compileRegex(state.show);
    root = null; flameFocus = null;
    var removePlumbing = !state.showAll, threshold = state.showAll ? 0 : state.threshold;
    var count = 1;
    var map = new Int32Array(NB), tBase = new Int32Array(NB), tParent = new Int32Array(NB);
    var tAbs = new Float64Array(NB), tIdle = new Float64Array(NB), tTime = new Float64Array(NB), tIdleAll = new Float64Array(NB);
    var tLine = new Int32Array(NB), merged = new Map();
    // (parent, identifier) -> node, open addressing on typed arrays: a Map of a million number keys is slow.
    var mask = 1; while (mask < NB * 2) mask <<= 1; mask -= 1;
    var hP = new Int32Array(mask + 1).fill(-1), hI = new Int32Array(mask + 1), hV = new Int32Array(mask + 1);
    var NA = TR.nodes.absorbed, NI = TR.nodes.idle;
    tParent[0] = -1; tAbs[0] = NA[0] / 1000; tIdle[0] = NI[0] / 1000;
    // The line shown for a method is the one where most of its time was seen (Frame.addLineTime); only
    // nodes merged from several base nodes need their lines counted again.
    function linesOf(b, into) {
      var ls = baseLines[b];
      if (!ls) { into.push(FR.line[bFrame[b]], bTotal[b]); return; }
      for (var li = 0; li < ls.length; li++) into.push(TR.lines.line[ls[li]], TR.lines.time[ls[li]]);
    }
    function bestLine(pairs) {
      var totals = new Map(), best = -1, line = 0;
      for (var i = 0; i < pairs.length; i += 2) {
        var t = (totals.get(pairs[i]) || 0) + pairs[i + 1];
        totals.set(pairs[i], t);
        if (t > best) { best = t; line = pairs[i]; }
      }
      return line;
    }
    for (var b = 1; b < NB; b++) {
      var p = map[bParent[b]], fr = bFrame[b];
      if (removePlumbing && FR.plumbing[fr]) {
        // Plumbing gives way to its callees; its own time goes to its caller.
        map[b] = p; tAbs[p] += NA[b] / 1000; tIdle[p] += NI[b] / 1000;
        continue;
      }
      // aggregateRepeatedCalls: one node per (parent, identifier), in order of first appearance.
      var id = FR.id[fr], h = (Math.imul(p, 0x9E3779B1) ^ Math.imul(id, 0x85EBCA77)) & mask;
      while (hP[h] !== -1 && !(hP[h] === p && hI[h] === id)) h = (h + 1) & mask;
      var c;
      if (hP[h] === -1) {
        c = count++; hP[h] = p; hI[h] = id; hV[h] = c; tParent[c] = p; tBase[c] = b;
        tLine[c] = FR.line[fr];
        if (baseLines[b]) { var first = []; linesOf(b, first); tLine[c] = bestLine(first); }
      } else {
        c = hV[h];
        var pairs = merged.get(c);
        if (!pairs) { pairs = []; linesOf(tBase[c], pairs); merged.set(c, pairs); }
        linesOf(b, pairs);
        tLine[c] = bestLine(pairs);
      }
      map[b] = c;
      tAbs[c] += NA[b] / 1000; tIdle[c] += NI[b] / 1000;
    }
    // time == absorbed + sum(children): children always have larger ids than their parent.
    for (var id = count - 1; id >= 0; id--) {
      tTime[id] += tAbs[id]; tIdleAll[id] += tIdle[id];
      if (id > 0) { tTime[tParent[id]] += tTime[id]; tIdleAll[tParent[id]] += tIdleAll[id]; }
    }
    total = tTime[0] > 0 ? tTime[0] : Number.MIN_VALUE;
    // removeIrrelevantNodes: a frame under the threshold of all time stays when its active (not idle) time
    // reaches the threshold of all active time; threads are judged first, the frames below them against
    // the time of the threads that stay.
    var totalActive = tTime[0] - tIdleAll[0];
    function relevant(k, base) {
      return tTime[k] / base >= threshold || (totalActive > 0 && (tTime[k] - tIdleAll[k]) / totalActive >= threshold);
    }
    var keptThreads = 0;
    // The idle-threads line (synthetic, all idle) is no thread whose frames are judged: it sets no base.
    for (var kt = 1; kt < count; kt++) {
      if (tParent[kt] === 0 && FR.kind[bFrame[tBase[kt]]] !== K_SYNTHETIC && relevant(kt, total)) keptThreads += tTime[kt];
    }
    keptTotal = keptThreads > 0 ? keptThreads : total;
    var nodes = new Array(count);
    var r = new Node(0, 0, null);
    r.time = tTime[0]; r.abs = tAbs[0];
    nodes[0] = r;
    var kept = [r];
    for (var n = 1; n < count; n++) {
      var parent = nodes[tParent[n]];
      if (!parent) continue;
      if (!relevant(n, tParent[n] === 0 ? total : keptTotal)) { parent.abs += tTime[n]; continue; }
      var x = new Node(n, tBase[n], parent);
      x.time = tTime[n]; x.abs = tAbs[n]; x.line = tLine[n]; x.idle = tIdleAll[n];
      nodes[n] = x;
      parent.children.push(x);
      kept.push(x);
    }
    // aggregateRepeatedCalls sorts by descending time, stable; then removeUnnecessarySelfTimeNodes.
    for (var q = 0; q < kept.length; q++) {
      var kq = kept[q];
      // Threads rank by active time (ThreadArrangement.sortByActiveTime), frames by time.
      if (kq.children.length > 1) kq.children.sort(kq === r ? byActiveTime : byTime);
      if (kq.children.length === 1 && isSelf(kq.children[0])) { kq.abs += kq.children[0].time; kq.children = []; }
    }
    // Frame.selfTime(): absorbed time plus [self] children.
    for (var sq = 0; sq < kept.length; sq++) {
      var sn = kept[sq];
      sn.self = sn.abs;
      for (var sc = 0; sc < sn.children.length; sc++) if (isSelf(sn.children[sc])) sn.self += sn.children[sc].time;
    }
    if (!state.showAll) groupLibraryFrames(r, hiddenPredicate(hideRe, showRe));
    root = r;
    return r;
  }
  function byTime(a, b) { return b.time - a.time; }
  function byActiveTime(a, b) { return (b.time - b.idle) - (a.time - a.idle); }

  // Processors.hiddenPredicate: a [self] frame follows its parent; only methods are otherwise hidden.
  function hiddenPredicate(hideRe, showRe) {
    return function hidden(n) {
      if (isSelf(n)) return !!n.parent && hidden(n.parent);
      if (n.kind !== K_METHOD) return false;
      var path = nodeLocation(n);
      if (showRe && showRe.test(path)) return false;
      if (hideRe && hideRe.test(path)) return true;
      return !isApp(n);
    };
  }
  // Processors.groupLibraryFrames: a hidden frame with a hidden method child starts a group of its hidden descendants.
  function groupLibraryFrames(r, hidden) {
    var groups = 0, work = [r];
    while (work.length) {
      var frame = work.pop();
      for (var i = 0; i < frame.children.length; i++) {
        var child = frame.children[i];
        if (child.group === null && hidden(child) && child.children.some(function (c) { return c.kind === K_METHOD && hidden(c); })) {
          var group = { id: ++groups, root: child, frames: [], libraries: [], path: child.path };
          var todo = [child];
          while (todo.length) {
            var gf = todo.pop();
            gf.group = group;
            if (gf.kind === K_METHOD) {
              group.frames.push(gf);
              var lib = nodeLibrary(gf);
              if (group.libraries.indexOf(lib) < 0) group.libraries.push(lib);
            }
            for (var gc = gf.children.length - 1; gc >= 0; gc--) if (hidden(gf.children[gc])) todo.push(gf.children[gc]);
          }
        }
      }
      for (var j = frame.children.length - 1; j >= 0; j--) work.push(frame.children[j]);
    }
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

  /* ---------- call tree view ---------- */
  var treeEl = $('tree');
  var expandedByUser = new Map(); // node path -> boolean
  var groupsOpen = new Set();      // group root path
  var rows = [];                   // visible rows: {node, type: 'node'|'group', depth}
  var selected = 0;
  var matchSet = null, matchAncestors = null, matchList = [], matchAt = -1;

  function isExpanded(n) {
    var v = expandedByUser.get(n.path);
    if (v !== undefined) return v;
    if (matchAncestors && matchAncestors.has(n)) return true;
    return n.kind !== K_METHOD || n.time / keptTotal >= 0.05;
  }
  function groupOpen(g) { return groupsOpen.has(g.path); }
  function visibleInGroup(n) {
    var g = n.group;
    if (!g || groupOpen(g) || g.root === n) return true;
    if (n.self > 0.2 * total) return true;
    if (matchSet && matchSet.has(n)) return true;
    for (var i = 0; i < n.children.length; i++) if (n.children[i].group !== g) return true; // exit frame
    return false;
  }
  // The children a node shows: members of a collapsed group that are not visible give way to their
  // children, in place, as in ConsoleRenderer.
  function shownChildren(n) {
    var out = [], work = n.children.slice().reverse();
    while (work.length) {
      var c = work.pop();
      if (visibleInGroup(c)) out.push(c); else for (var i = c.children.length - 1; i >= 0; i--) work.push(c.children[i]);
    }
    return out;
  }
  function hasKids(n) { return n.children.length > 0; }

  function computeRows() {
    rows = [];
    var work = [];
    var top = shownChildren(root);
    for (var i = top.length - 1; i >= 0; i--) work.push({ node: top[i], type: 'node', depth: 0 });
    while (work.length) {
      var item = work.pop();
      rows.push(item);
      if (item.type !== 'node') continue;
      var n = item.node;
      if (!hasKids(n) || !isExpanded(n)) continue;
      var next = [];
      if (n.group && n.group.root === n) next.push({ node: n, type: 'group', depth: item.depth + 1 });
      var kids = shownChildren(n);
      for (var k = 0; k < kids.length; k++) next.push({ node: kids[k], type: 'node', depth: item.depth + 1 });
      for (var j = next.length - 1; j >= 0; j--) work.push(next[j]);
    }
  }

  function appendHighlighted(parent, text, q) {
    if (!q) { parent.appendChild(document.createTextNode(text)); return; }
    var lower = text.toLowerCase(), from = 0, at;
    while ((at = lower.indexOf(q, from)) >= 0) {
      if (at > from) parent.appendChild(document.createTextNode(text.substring(from, at)));
      parent.appendChild(el('mark', null, text.substring(at, at + q.length)));
      from = at + q.length;
    }
    if (from < text.length) parent.appendChild(document.createTextNode(text.substring(from)));
  }

  var MAX_INDENT = 48;
  function position(n) { return nodeFile(n) + (n.line > 0 ? ':' + n.line : ''); }
  function threadOf(n) { while (n.parent && n.parent.kind !== K_ROOT) n = n.parent; return n; }
  function rowElement(item, index) {
    var n = item.node, row = el('div', 'row');
    colourBase = threadOf(n).time || total;
    row.setAttribute('role', 'treeitem');
    row.dataset.index = index;
    // Indentation stops growing at MAX_INDENT levels so very deep stacks stay on screen.
    var indent = Math.min(item.depth, MAX_INDENT) * 18;
    row.style.paddingLeft = indent + 'px';
    row.style.backgroundSize = indent + 'px 100%';
    if (item.depth > MAX_INDENT) row.appendChild(el('span', 'deep', '\u21b3' + item.depth));
    var q = state.query;
    if (item.type === 'group') {
      var g = n.group, open = groupOpen(g);
      row.classList.add('group');
      row.appendChild(el('span', 'toggle', open ? '\u2212' : '+'));
      row.appendChild(el('span', 'name', open ? '[' + g.frames.length + ' library frames shown] hide'
        : '[' + g.frames.length + ' frames hidden]'));
      row.appendChild(el('span', 'libs', g.libraries.join(', ')));
      row.setAttribute('aria-expanded', open ? 'true' : 'false');
      return row;
    }
    var t = n.time;
    var expandable = item.type === 'node' && hasKids(n);
    var open = expandable && isExpanded(n);
    row.appendChild(el('span', 'toggle', expandable ? (open ? '\u25BE' : '\u25B8') : ''));
    row.appendChild(el('span', 'time ' + timeClass(t), fmtTime(t)));
    var name = el('span', 'name');
    appendHighlighted(name, nodeName(n), q);
    if (n.kind === K_THREAD) row.classList.add('thread');
    if (n.kind === K_SYNTHETIC) row.classList.add('self');
    if (isApp(n)) row.classList.add('app');
    if (matchSet && matchSet.has(n)) row.classList.add('match');
    row.appendChild(name);
    if (n.kind === K_METHOD) {
      var loc = el('span', 'loc');
      appendHighlighted(loc, position(n), q);
      row.appendChild(loc);
      row.setAttribute('title', nodeClass(n) + '.' + nodeMethod(n) + '\n' + nodeLocation(n) + '\n' + nodeLibrary(n));
    }
    if (expandable) row.setAttribute('aria-expanded', open ? 'true' : 'false');
    return row;
  }

  // Big trees are virtualised: only the rows near the viewport are in the DOM, between two spacers.
  var ROW_PX = 20, VIRTUAL_FROM = 1500, BUFFER = 80, virtual = false, winFrom = -1, winTo = -1;
  function renderTree() {
    computeRows();
    if (selected >= rows.length) selected = rows.length - 1;
    if (selected < 0) selected = 0;
    treeEl.dataset.rows = rows.length;
    virtual = rows.length > VIRTUAL_FROM;
    renderWindow(true);
  }
  function renderWindow(force) {
    var from = 0, to = rows.length;
    if (virtual) {
      var first = Math.floor(Math.max(0, -treeEl.getBoundingClientRect().top) / ROW_PX);
      from = Math.max(0, first - BUFFER);
      to = Math.min(rows.length, first + Math.ceil(window.innerHeight / ROW_PX) + BUFFER);
      if (!force && from === winFrom && to === winTo) return;
    }
    winFrom = from; winTo = to;
    var frag = document.createDocumentFragment();
    if (!rows.length) frag.appendChild(el('div', 'empty', 'No samples were recorded.'));
    if (virtual) { var top = el('div', 'spacer'); top.style.height = (from * ROW_PX) + 'px'; frag.appendChild(top); }
    for (var i = from; i < to; i++) {
      var r = rowElement(rows[i], i);
      if (i === selected) r.classList.add('selected');
      frag.appendChild(r);
    }
    if (virtual) { var bottom = el('div', 'spacer'); bottom.style.height = ((rows.length - to) * ROW_PX) + 'px'; frag.appendChild(bottom); }
    treeEl.textContent = '';
    treeEl.appendChild(frag);
  }
  var scrollQueued = false;
  window.addEventListener('scroll', function () {
    if (!virtual || scrollQueued || state.view !== 'tree') return;
    scrollQueued = true;
    requestAnimationFrame(function () { scrollQueued = false; renderWindow(false); });
  });
  function rowAt(i) { return treeEl.querySelector('.row[data-index="' + i + '"]'); }

  function select(i, scroll) {
    if (!rows.length) return;
    i = Math.max(0, Math.min(rows.length - 1, i));
    var old = rowAt(selected);
    if (old) old.classList.remove('selected');
    selected = i;
    if (scroll && virtual && (i < winFrom || i >= winTo)) {
      window.scrollTo(0, window.scrollY + treeEl.getBoundingClientRect().top + i * ROW_PX - window.innerHeight / 2);
      renderWindow(true);
    }
    var now = rowAt(selected);
    if (now) { now.classList.add('selected'); if (scroll) now.scrollIntoView({ block: 'nearest' }); }
  }

  function toggleRow(i, force) {
    var item = rows[i];
    if (!item) return;
    if (item.type === 'group') {
      var g = item.node.group;
      if (force === undefined ? !groupOpen(g) : force) groupsOpen.add(g.path); else groupsOpen.delete(g.path);
    } else if (item.type === 'node' && hasKids(item.node)) {
      var n = item.node;
      expandedByUser.set(n.path, force === undefined ? !isExpanded(n) : force);
    } else return;
    selected = i;
    renderTree();
  }

  treeEl.addEventListener('click', function (e) {
    var row = e.target.closest('.row');
    if (!row) return;
    treeEl.focus({ preventScroll: true });
    select(+row.dataset.index, false);
    toggleRow(+row.dataset.index);
  });
  treeEl.addEventListener('keydown', function (e) {
    var item = rows[selected];
    switch (e.key) {
      case 'ArrowDown': select(selected + 1, true); break;
      case 'ArrowUp': select(selected - 1, true); break;
      case 'Home': select(0, true); break;
      case 'End': select(rows.length - 1, true); break;
      case 'ArrowRight':
        if (item && item.type === 'node' && hasKids(item.node) && !isExpanded(item.node)) toggleRow(selected, true);
        else if (item && item.type === 'group' && !groupOpen(item.node.group)) toggleRow(selected, true);
        else select(selected + 1, true);
        break;
      case 'ArrowLeft':
        if (item && item.type === 'node' && hasKids(item.node) && isExpanded(item.node)) toggleRow(selected, false);
        else {
          for (var p = selected - 1; p >= 0; p--) if (rows[p].depth < item.depth && rows[p].type === 'node') { select(p, true); break; }
        }
        break;
      case 'Enter': case ' ': toggleRow(selected); break;
      default: return;
    }
    e.preventDefault();
  });

  /* ---------- search ---------- */
  function updateSearch() {
    var q = state.query;
    matchSet = null; matchAncestors = null; matchList = []; matchAt = -1;
    if (q) {
      matchSet = new Set(); matchAncestors = new Set();
      var stack = [root];
      while (stack.length) {
        var n = stack.pop();
        if (n !== root && nodeMatches(n, q)) {
          matchSet.add(n);
          for (var a = n.parent; a && !matchAncestors.has(a); a = a.parent) matchAncestors.add(a);
        }
        for (var i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
      }
    }
    $('match-count').textContent = q ? (matchSet.size + (matchSet.size === 1 ? ' match' : ' matches')) : '';
  }
  function nextMatch() {
    if (!matchSet || !matchSet.size) return;
    var start = selected;
    for (var k = 1; k <= rows.length; k++) {
      var i = (start + k) % rows.length;
      if (rows[i].type === 'node' && matchSet.has(rows[i].node)) { select(i, true); return; }
    }
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

  /* ---------- flame graph (icicle) ---------- */
  var flameCanvas = $('flame'), flameFocus = null, flameRects = [];
  var ROW_H = 18, MAX_FLAME_DEPTH = 1200, MAX_ANCESTORS = 40;
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
  function drawFlame() {
    var focus = flameFocus && !flameFocus.removed ? flameFocus : root;
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
    var q = state.query;
    function box(n, x, y, w) {
      var dim = q && !(matchSet && matchSet.has(n));
      ctx.fillStyle = frameColor(n, dim);
      ctx.fillRect(x, y, Math.max(w - 1, 0.5), ROW_H - 1);
      if (matchSet && matchSet.has(n)) { ctx.strokeStyle = '#ffe066'; ctx.lineWidth = 1.5; ctx.strokeRect(x + 0.75, y + 0.75, w - 2.5, ROW_H - 2.5); }
      if (w > 28) {
        var label = nodeName(n);
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
  }
  function flameHit(e) {
    var r = flameCanvas.getBoundingClientRect(), x = e.clientX - r.left, y = e.clientY - r.top;
    for (var i = flameRects.length - 1; i >= 0; i--) {
      var b = flameRects[i];
      if (x >= b[0] && x < b[0] + b[2] && y >= b[1] && y < b[1] + ROW_H) return b[3];
    }
    return null;
  }
  flameCanvas.addEventListener('click', function (e) {
    var n = flameHit(e);
    if (!n) return;
    flameFocus = n === root ? null : n;
    drawFlame();
  });
  flameCanvas.addEventListener('mousemove', function (e) {
    var n = flameHit(e);
    if (n) showTip(e.clientX, e.clientY, frameLines(n)); else hideTip();
  });
  flameCanvas.addEventListener('mouseleave', hideTip);
  $('flame-reset').addEventListener('click', function () { flameFocus = null; drawFlame(); });

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
  tlCanvas.addEventListener('wheel', function (e) {
    e.preventDefault();
    zoomTimeline(e.deltaY > 0 ? 1.25 : 0.8, tlTimeAt(e.clientX));
  }, { passive: false });
  var drag = null;
  tlCanvas.addEventListener('mousedown', function (e) { drag = { x: e.clientX, v: tlView.slice() }; $('timeline-wrap').classList.add('dragging'); });
  window.addEventListener('mouseup', function () { drag = null; $('timeline-wrap').classList.remove('dragging'); });
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
    ['tree', 'flame', 'timeline'].forEach(function (name) {
      $('view-' + name).hidden = name !== v;
      $('tab-' + name).setAttribute('aria-selected', name === v ? 'true' : 'false');
    });
    hideTip();
    if (v === 'flame') { drawFlame(); drawn.flame = true; }
    if (v === 'timeline') { drawTimeline(); drawn.timeline = true; }
    if (v === 'tree') treeEl.focus({ preventScroll: true });
  }
  function refresh(rebuild) {
    if (rebuild) {
      try {
        buildTree();
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
    }
  });
  updateSearch();
  renderTree();
  showView(state.view);
  timings.rendered = Math.round(performance.now());
  document.documentElement.setAttribute('data-jprof-timings', JSON.stringify(timings));
  document.documentElement.setAttribute('data-jprof-ready', String(Math.round(performance.now())));
})();
