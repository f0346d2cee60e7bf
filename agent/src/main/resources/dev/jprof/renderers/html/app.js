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

  /* ---------- frames ---------- */
  var K_ROOT = 0, K_THREAD = 1, K_METHOD = 2;
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
  function locationPath(f) { return S[F.location[f]]; }
  function library(f) { return S[F.library[f]]; }

  // The JVM's remove_importlib and removeReflection, as in dev.jprof.Processors.
  var plumbing = new Uint8Array(nFrames);
  for (var pf = 0; pf < nFrames; pf++) {
    var c = cls(pf), m = meth(pf);
    if (c.indexOf('jdk.internal.loader.') === 0 || c === 'java.lang.ClassLoader' || c === 'java.net.URLClassLoader'
        || c === 'java.security.SecureClassLoader' || (c === 'java.lang.System$2' && m.indexOf('defineClass') === 0)
        || c.indexOf('jdk.internal.reflect.') === 0 || c.indexOf('java.lang.invoke.') === 0
        || (c === 'java.lang.reflect.Method' && m === 'invoke')
        || (c === 'java.lang.reflect.Constructor' && m.indexOf('newInstance') === 0) || c.indexOf('$$Lambda') >= 0) {
      plumbing[pf] = 1;
    }
  }

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

  /* ---------- processors: build the aggregated tree ---------- */
  function Node(id, kind, frame, parent, key) {
    this.id = id; this.kind = kind; this.f = frame; this.parent = parent; this.key = key;
    this.time = 0; this.self = 0; this.line = 0; this.children = []; this.group = null; this.hidden = false;
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

  // total: all recorded time; keptTotal: the time of the threads shown, against which frames below them
  // are judged (hundreds of idle threads must not collapse everything else).
  var root = null, total = 1, keptTotal = 1;
  var memo = new Int32Array(nStacks).fill(-1), incl = new Float64Array(nStacks);
  var pairsByThread = (function () {
    var T = D.totals, out = [];
    for (var p = 0; p < T.weight.length; p++) (out[T.thread[p]] || (out[T.thread[p]] = [])).push(p);
    return out;
  })();

  /* The processors, on flat typed arrays first (a million samples make hundreds of thousands of
     paths), then as objects only for the nodes that survive the threshold. */
  function buildTree() {
    var removePlumbing = !state.showAll;
    var threshold = state.showAll ? 0 : state.threshold;
    var hideRe = compileRegex(state.hide), showRe = compileRegex(state.show);
    var T = D.totals, KEYS = nFrames + TH.name.length + 1;
    var cap = 4096, count = 1;
    var tParent = new Int32Array(cap), tKey = new Int32Array(cap), tFrame = new Int32Array(cap);
    var tKind = new Uint8Array(cap), tLine = new Int32Array(cap);
    var tSelf = new Float64Array(cap), tTime = new Float64Array(cap), tLineW = new Float64Array(cap);
    var tSelfIdle = new Float64Array(cap), tIdle = new Float64Array(cap);
    tParent[0] = -1; tKind[0] = K_ROOT; tFrame[0] = -1;
    function grow() {
      cap *= 2;
      var a = function (old, Type) { var n = new Type(cap); n.set(old); return n; };
      tParent = a(tParent, Int32Array); tKey = a(tKey, Int32Array); tFrame = a(tFrame, Int32Array);
      tKind = a(tKind, Uint8Array); tLine = a(tLine, Int32Array);
      tSelf = a(tSelf, Float64Array); tTime = a(tTime, Float64Array); tLineW = a(tLineW, Float64Array);
      tSelfIdle = a(tSelfIdle, Float64Array); tIdle = a(tIdle, Float64Array);
    }
    var index = new Map();
    // aggregate_repeated_calls by construction: one node per (parent, method).
    function child(parent, kind, frame, key) {
      var k = parent * KEYS + key, c = index.get(k);
      if (c === undefined) {
        if (count === cap) grow();
        c = count++;
        tParent[c] = parent; tKey[c] = key; tFrame[c] = frame; tKind[c] = kind;
        index.set(k, c);
      }
      return c;
    }
    for (var th = 0; th < pairsByThread.length; th++) {
      var pairs = pairsByThread[th];
      if (!pairs) continue;
      var tn = child(0, K_THREAD, th, nFrames + th), touched = [];
      for (var i = 0; i < pairs.length; i++) {
        var s = T.stack[pairs[i]], w = T.weight[pairs[i]], node = tn;
        if (s > 0) {
          var chain = [], at = s;
          while (at > 0 && memo[at] < 0) { chain.push(at); at = ST.parent[at]; }
          node = at > 0 ? memo[at] : tn;
          for (var c = chain.length - 1; c >= 0; c--) {
            var st = chain[c], f = ST.frame[st];
            // remove_importlib / removeReflection: plumbing frames give way to their callees.
            if (!(removePlumbing && plumbing[f])) node = child(node, K_METHOD, f, methodKey[f]);
            memo[st] = node;
            touched.push(st);
          }
        }
        tSelf[node] += w;
        if (T.idle) tSelfIdle[node] += T.idle[pairs[i]];
        incl[s] += w;
      }
      // The line shown for a method is the one where most of its time was seen.
      var order = Int32Array.from(touched).sort();
      for (var o = order.length - 1; o >= 0; o--) {
        var st2 = order[o], n = memo[st2], f2 = ST.frame[st2];
        incl[ST.parent[st2]] += incl[st2];
        if (tKind[n] === K_METHOD && tKey[n] === methodKey[f2] && incl[st2] > tLineW[n]) { tLineW[n] = incl[st2]; tLine[n] = F.line[f2]; }
        memo[st2] = -1; incl[st2] = 0;
      }
      incl[0] = 0;
    }
    // time == self + sum(children): children always have larger ids than their parent.
    for (var id = count - 1; id > 0; id--) {
      tTime[id] += tSelf[id]; tTime[tParent[id]] += tTime[id];
      tIdle[id] += tSelfIdle[id]; tIdle[tParent[id]] += tIdle[id];
    }
    total = tTime[0] > 0 ? tTime[0] : 1;
    // As Processors.removeIrrelevantNodes: a frame under the threshold of all time stays when its active
    // (not parked, sleeping or waiting) time reaches the threshold of all active time; threads are judged
    // first, and the frames below them against the time of the threads that stay.
    var totalActive = tTime[0] - tIdle[0];
    function relevant(k, base) {
      return tTime[k] / base >= threshold || (totalActive > 0 && (tTime[k] - tIdle[k]) / totalActive >= threshold);
    }
    var keptThreads = 0;
    for (var kt = 1; kt < count; kt++) if (tParent[kt] === 0 && relevant(kt, total)) keptThreads += tTime[kt];
    var base = keptThreads > 0 ? keptThreads : total;
    keptTotal = base;
    // remove_irrelevant_nodes: frames under the threshold fold into their parent's self time.
    var nodes = new Array(count);
    var r = new Node(0, K_ROOT, -1, null, 'root');
    r.time = tTime[0];
    nodes[0] = r;
    var kept = [];
    for (var k = 1; k < count; k++) {
      var parent = nodes[tParent[k]];
      if (!parent) continue;
      if (!relevant(k, tParent[k] === 0 ? total : base)) { parent.self += tTime[k]; continue; }
      var x = new Node(k, tKind[k], tFrame[k], parent, tKind[k] === K_THREAD ? 't' + tFrame[k] : tKey[k]);
      x.time = tTime[k]; x.self += tSelf[k]; x.line = tLine[k];
      nodes[k] = x;
      parent.children.push(x);
      kept.push(x);
    }
    for (var q = 0; q < kept.length; q++) if (kept[q].children.length > 1) kept[q].children.sort(byTime);
    r.children.sort(byTime);
    // group_library_frames, parents before children.
    var hiddenTest = function (node) {
      if (node.kind !== K_METHOD) return false;
      var path = locationPath(node.f);
      if (showRe && showRe.test(path)) return false;
      if (hideRe && hideRe.test(path)) return true;
      return !F.app[node.f];
    };
    var groups = 0;
    if (!state.showAll) {
      for (var g = 0; g < kept.length; g++) kept[g].hidden = hiddenTest(kept[g]);
      for (var h = 0; h < kept.length; h++) {
        var hn = kept[h];
        if (hn.group || !hn.hidden) continue;
        // As in Processors.groupLibraryFrames: a hidden frame with a hidden child (its own [self] counts).
        var selfShown = hn.self > 0 && hn.children.length > 0 && hn.self / keptTotal >= threshold;
        if (!selfShown && !hn.children.some(function (y) { return y.hidden; })) continue;
        var group = { id: ++groups, root: hn, frames: [], libraries: [], path: hn.path };
        var todo = [hn];
        while (todo.length) {
          var gf = todo.pop();
          gf.group = group; group.frames.push(gf);
          var lib = library(gf.f);
          if (group.libraries.indexOf(lib) < 0) group.libraries.push(lib);
          for (var gc = gf.children.length - 1; gc >= 0; gc--) if (gf.children[gc].hidden) todo.push(gf.children[gc]);
        }
      }
    }
    root = r;
    flameFocus = null;
    return r;
  }
  function byTime(a, b) { return b.time - a.time || a.id - b.id; }

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
  function nodeName(n) {
    return n.kind === K_THREAD ? TH.name[n.f] : n.kind === K_METHOD ? simpleName(n.f) : 'all threads';
  }
  function nodeMatches(n, q) {
    if (!q || n.kind !== K_METHOD) return n.kind === K_THREAD && q && TH.name[n.f].toLowerCase().indexOf(q) >= 0;
    return simpleName(n.f).toLowerCase().indexOf(q) >= 0 || cls(n.f).toLowerCase().indexOf(q) >= 0
      || fileName(n.f).toLowerCase().indexOf(q) >= 0;
  }

  /* ---------- call tree view ---------- */
  var treeEl = $('tree');
  var expandedByUser = new Map(); // node path -> boolean
  var groupsOpen = new Set();      // group root path
  var rows = [];                   // visible rows: {node, type: 'node'|'self'|'group', depth}
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
  // The children a node shows: members of a collapsed group that are not visible give way to their children.
  function shownChildren(n) {
    var out = [], work = n.children.slice();
    var hoisted = false;
    while (work.length) {
      var c = work.shift();
      if (visibleInGroup(c)) out.push(c); else { hoisted = true; for (var i = 0; i < c.children.length; i++) work.push(c.children[i]); }
    }
    if (hoisted) out.sort(byTime);
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
      if (n.self > 0 && n.self / keptTotal >= (state.showAll ? 0 : state.threshold)) {
        var at = 0;
        while (at < next.length && (next[at].type === 'group' || next[at].node.time >= n.self)) at++;
        next.splice(at, 0, { node: n, type: 'self', depth: item.depth + 1 });
      }
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
    var t = item.type === 'self' ? n.self : n.time;
    var expandable = item.type === 'node' && hasKids(n);
    var open = expandable && isExpanded(n);
    row.appendChild(el('span', 'toggle', expandable ? (open ? '\u25BE' : '\u25B8') : ''));
    row.appendChild(el('span', 'time ' + timeClass(t), fmtTime(t)));
    var name = el('span', 'name');
    if (item.type === 'self') {
      row.classList.add('self');
      name.textContent = '[self]';
    } else {
      appendHighlighted(name, nodeName(n), q);
      if (n.kind === K_THREAD) row.classList.add('thread');
      if (n.kind === K_METHOD && F.app[n.f]) row.classList.add('app');
      if (matchSet && matchSet.has(n)) row.classList.add('match');
    }
    row.appendChild(name);
    if (item.type === 'node' && n.kind === K_METHOD) {
      var loc = el('span', 'loc');
      appendHighlighted(loc, fileName(n.f) + (n.line > 0 ? ':' + n.line : ''), q);
      row.appendChild(loc);
      row.setAttribute('title', cls(n.f) + '.' + meth(n.f) + '\n' + locationPath(n.f) + '\n' + library(n.f));
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
    if (F.app[n.f]) return 'hsla(' + (20 + hue(n.key) % 40) + ',85%,' + (55 + hue(n.key) % 12) + '%,' + a + ')';
    return 'hsla(' + (195 + hue(n.key) % 30) + ',28%,' + (42 + hue(n.key) % 12) + '%,' + a + ')';
  }

  /* ---------- tooltip ---------- */
  var tip = $('tooltip');
  function showTip(x, y, lines) {
    tip.textContent = '';
    for (var i = 0; i < lines.length; i++) tip.appendChild(el('div', lines[i][0], lines[i][1]));
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.min(x + 14, window.innerWidth - w - 8) + 'px';
    tip.style.top = (y + 16 + h > window.innerHeight ? y - h - 10 : y + 16) + 'px';
  }
  function hideTip() { tip.hidden = true; }
  function frameLines(n) {
    var out = [['tt-title', nodeName(n)]];
    out.push(['tt-sub', fmtTimeBoth(n.time) + (n.self > 0 ? '  (self ' + fmtTimeBoth(n.self) + ')' : '')]);
    if (n.kind === K_METHOD) {
      out.push(['tt-sub', cls(n.f) + '  ' + fileName(n.f) + (n.line > 0 ? ':' + n.line : '')]);
      out.push(['tt-sub', locationPath(n.f)]);
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
        var label = n.kind === K_ROOT ? 'all threads' : n.kind === K_THREAD ? TH.name[n.f] : simpleName(n.f);
        var maxChars = Math.floor((w - 8) / 6.7), timed = label + '  ' + fmtTime(n.time) + (state.percent ? '' : ' s');
        if (timed.length <= maxChars) label = timed;
        else if (label.length > maxChars) label = maxChars > 2 ? label.substring(0, maxChars - 1) + '\u2026' : '';
        ctx.fillStyle = dim ? 'rgba(230,232,234,0.45)' : (n.kind === K_METHOD && F.app[n.f] ? '#1b1b1b' : '#f2f4f5');
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
  (function () {
    var byThread = new Map(), prevEnd = new Map();
    for (var i = 0; i < TL.weight.length; i++) {
      var th = TL.thread[i];
      var start = (prevEnd.get(th) || 0) + TL.gap[i], end = start + TL.weight[i];
      prevEnd.set(th, end);
      if (!byThread.has(th)) byThread.set(th, { thread: th, start: [], end: [], idx: [] });
      var lane = byThread.get(th);
      lane.start.push(start); lane.end.push(end); lane.idx.push(i);
      if (end > tlEnd) tlEnd = end;
    }
    byThread.forEach(function (l) { lanes.push(l); });
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
      var label = TH.name[lane.thread];
      if (label.length > 24) label = label.substring(0, 23) + '\u2026';
      ctx.fillText(label, 6, y + LANE_H / 2);
      var lastPx = -1;
      var first = lowerBound(lane.end, v0);
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
    tlCanvas.dataset.laneThreads = JSON.stringify(lanes.map(function (l) { return TH.name[l.thread]; }));
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
    var t = tlTimeAt(e.clientX), k = lowerBound(lane.end, t);
    // within a pixel, so thin samples can be hovered
    var slack = (tlView[1] - tlView[0]) / (r.width - LABEL_W - 8);
    if (k >= lane.start.length || lane.start[k] > t + slack) { hideTip(); return; }
    var i = lane.idx[k], lines = [['tt-title', TH.name[lane.thread]]];
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
      ['Threads', String(TH.name.length)],
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
    var memory = memoryNotice(M);
    if (memory) notes.appendChild(el('div', 'note', memory + '.'));
  }

  /* The same one line as the text report's header (MemoryNotice.java). */
  function memoryNotice(M) {
    var what = [];
    if (M.timeline_aggregated) what.push('timeline aggregated');
    if (M.shallower_samples > 0) what.push(M.shallower_samples.toLocaleString('en-US') + ' samples kept at shallower stacks');
    if (M.dropped_samples > 0) what.push(M.dropped_samples.toLocaleString('en-US') + ' samples dropped');
    if (!what.length) return '';
    return (M.memory_limit > 0 ? 'memory limit ' + byteSize(M.memory_limit) + ' reached' : 'the sample store was full')
      + ': ' + what.join('; ');
  }

  function byteSize(bytes) {
    var units = ['bytes', 'KB', 'MB', 'GB'], v = bytes, u = 0;
    while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
    return (v === Math.round(v) ? String(v) : v.toFixed(1)) + ' ' + units[u];
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
  // A plain-text view of the processed tree (every node, not only the expanded ones): one line per frame,
  // "depth<TAB>time_us<TAB>group (- none, g member, gr group root)<TAB>name". Handy from the devtools console; tests compare it with the Java processors.
  window.jprof = Object.freeze({
    treeText: function () {
      var out = [], work = root ? root.children.slice().reverse() : [];
      while (work.length) {
        var n = work.pop();
        out.push((n.depth - 1) + '\t' + Math.round(n.time) + '\t' + (n.group ? 'g' + (n.group.root === n ? 'r' : '') : '-')
          + '\t' + (n.kind === K_THREAD ? '[thread] ' + TH.name[n.f] : cls(n.f) + '.' + meth(n.f)));
        for (var i = n.children.length - 1; i >= 0; i--) work.push(n.children[i]);
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
