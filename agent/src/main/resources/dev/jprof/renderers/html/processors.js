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
    root = null;
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
      if (bRole[b] && (bRole[b] === R_IDLE_LINE) === state.showAll) {
        // ThreadArrangement.arrange: a thread row left out or folded, with everything below it (up to the next root row).
        while (b + 1 < NB && bParent[b + 1] !== 0) b++;
        continue;
      }
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


  // ConsoleRenderer.renderNode: a member of a folded library group is shown when it roots the group, holds
  // more than a fifth of all time itself, or calls out of the group; the others give way to their children.
  function groupFrameShown(n) {
    var g = n.group;
    if (!g || g.root === n || n.self > 0.2 * total) return true;
    for (var i = 0; i < n.children.length; i++) if (n.children[i].group !== g) return true;
    return false;
  }
  // The children a node shows under a visibility rule: hidden ones give way to their children, in place.
  function foldedChildren(n, shown) {
    var out = [], work = n.children.slice().reverse();
    while (work.length) {
      var c = work.pop();
      if (shown(c)) out.push(c); else for (var i = c.children.length - 1; i >= 0; i--) work.push(c.children[i]);
    }
    return out;
  }
