  /* ---------- call tree view ---------- */
  var treeEl = $('tree');
  var expandedByUser = new Map(); // node path -> boolean
  var groupsOpen = new Set();      // group root path
  var rows = [];                   // visible rows: {node, type: 'node'|'group', depth}
  var selected = 0;
  var matchSet = null, matchAncestors = null, matchList = [], matchAt = -1, matchShare = 0;

  function isExpanded(n) {
    var v = expandedByUser.get(n.path);
    if (v !== undefined) return v;
    if (matchAncestors && matchAncestors.has(n)) return true;
    return n.kind !== K_METHOD || n.time / keptTotal >= 0.05;
  }
  function groupOpen(g) { return groupsOpen.has(g.path); }
  function visibleInGroup(n) {
    var g = n.group;
    if (!g || groupOpen(g) || (matchSet && matchSet.has(n))) return true;
    return groupFrameShown(n);
  }
  // The children a node shows: members of a collapsed group that are not visible give way to their
  // children, in place, as in ConsoleRenderer.
  function shownChildren(n) { return foldedChildren(n, visibleInGroup); }
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
    matchShare = q ? matchedTime() / total : 0;
    $('match-share').textContent = q && matchSet.size ? (matchShare * 100).toFixed(1) + '% of all time' : '';
  }
  // The time spent in matching frames: a match inside another (recursion, a caller and its callee) adds
  // nothing, its time is already in the outer one's.
  function matchedTime() {
    var sum = 0, work = root ? root.children.slice() : [];
    while (work.length) {
      var n = work.pop();
      if (matchSet.has(n)) { sum += n.time; continue; }
      for (var i = 0; i < n.children.length; i++) work.push(n.children[i]);
    }
    return sum;
  }
  function nextMatch() {
    if (!matchSet || !matchSet.size) return;
    var start = selected;
    for (var k = 1; k <= rows.length; k++) {
      var i = (start + k) % rows.length;
      if (rows[i].type === 'node' && matchSet.has(rows[i].node)) { select(i, true); return; }
    }
  }

