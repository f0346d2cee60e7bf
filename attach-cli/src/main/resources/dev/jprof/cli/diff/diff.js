// jprof diff page: a differential flame graph of B coloured by each frame's change of share from A.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('diff-data').textContent);
  var totalA = data.a.total, totalB = data.b.total;
  var nodes = [], maxChange = 0.01, maxDepth = 0;

  function prepare(n, parent, depth) {
    n.id = nodes.length; n.parent = parent; n.depth = depth; nodes.push(n);
    n.sa = totalA > 0 ? n.a / totalA : 0;
    n.sb = totalB > 0 ? n.b / totalB : 0;
    n.change = n.sb - n.sa;
    if (parent) { maxChange = Math.max(maxChange, Math.abs(n.change)); }
    maxDepth = Math.max(maxDepth, depth);
    (n.c || []).forEach(function (c) { prepare(c, n, depth + 1); });
  }
  prepare(data.root, null, 0);

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function pct(x) { return (x * 100).toFixed(1) + '%'; }
  function points(x) { return Math.abs(x) < 0.0005 ? '0.0%' : (x > 0 ? '+' : '') + (x * 100).toFixed(1) + '%'; }
  function secs(x) { return x.toFixed(3) + ' s'; }
  function changeOf(x) { return x >= 0.0005 ? 'grew' : x <= -0.0005 ? 'shrank' : 'same'; }
  function colour(x) {
    var kind = changeOf(x);
    if (kind === 'same') { return 'hsl(40, 15%, 88%)'; }
    var t = Math.min(1, Math.abs(x) / maxChange);
    return 'hsl(' + (kind === 'grew' ? 0 : 215) + ', 80%, ' + (92 - 34 * t).toFixed(1) + '%)';
  }

  function describe(p) {
    return p.label + ' \u00b7 ' + secs(p.duration) + ', ' + p.samples + ' samples'
      + (p.program ? ' \u00b7 Program: ' + p.program : '');
  }
  var header = el('header');
  header.appendChild(el('h1', {}, 'jprof diff: change of each frame\u2019s share of wall time, A to B'));
  header.appendChild(el('div', {'class': 'profile', id: 'profile-a'}, 'A: ' + describe(data.a)));
  header.appendChild(el('div', {'class': 'profile', id: 'profile-b'}, 'B: ' + describe(data.b)));
  if (data.note) { header.appendChild(el('div', {'class': 'note', id: 'note'}, 'Note: ' + data.note)); }
  var tools = el('div', {'class': 'tools'});
  var legend = el('span', {'class': 'legend'});
  legend.appendChild(el('span', {'class': 'grew'}, 'grew in B'));
  legend.appendChild(el('span', {'class': 'shrank'}, 'shrank in B'));
  legend.appendChild(document.createTextNode('widths: B; click a frame to zoom'));
  tools.appendChild(legend);
  var search = el('input', {id: 'search', type: 'search', placeholder: 'search frames'});
  tools.appendChild(search);
  var matchInfo = el('span', {id: 'match'});
  tools.appendChild(matchInfo);
  header.appendChild(tools);
  document.body.appendChild(header);
  var graph = el('div', {id: 'graph'});
  document.body.appendChild(graph);
  var tip = el('div', {id: 'tip'});
  document.body.appendChild(tip);

  var ROW = 18, zoomed = data.root;
  function draw() {
    graph.textContent = '';
    var width = graph.clientWidth || 1000, ancestors = [];
    for (var p = zoomed.parent; p; p = p.parent) { ancestors.unshift(p); }
    graph.style.height = ((maxDepth + 1) * ROW) + 'px';
    ancestors.forEach(function (n) { frame(n, 0, 100, true); });
    place(zoomed, 0, 100, width);
    highlight();
  }
  function place(n, left, share, width) {
    frame(n, left, share, false);
    var base = n.b > 0 ? n.b : 1, x = left;
    (n.c || []).forEach(function (c) {
      var w = share * c.b / base;
      if (c.b > 0 && w * width / 100 >= 0.5) { place(c, x, w, width); }
      x += w;
    });
  }
  function frame(n, left, share, ancestor) {
    var d = el('div', {'class': 'frame' + (n.app ? ' app' : '') + (ancestor ? ' ancestor' : ''),
      'data-id': n.id, 'data-name': n.n, 'data-change': changeOf(n.change)}, n.n);
    d.style.left = left + '%';
    d.style.width = share + '%';
    d.style.top = (n.depth * ROW) + 'px';
    d.style.background = colour(n.change);
    graph.appendChild(d);
  }

  function tipText(n) {
    return n.n + (n.f ? '  ' + n.f : '') + '\nA: ' + secs(n.a) + ' (' + pct(n.sa) + ')\nB: ' + secs(n.b) + ' ('
      + pct(n.sb) + ')\nchange: ' + points(n.change) + ' of total';
  }
  graph.addEventListener('mousemove', function (e) {
    var id = e.target.getAttribute('data-id');
    if (id === null) { tip.style.display = 'none'; return; }
    tip.textContent = tipText(nodes[+id]);
    tip.style.display = 'block';
    tip.style.left = Math.min(e.clientX + 12, window.innerWidth - tip.offsetWidth - 4) + 'px';
    tip.style.top = (e.clientY + 14) + 'px';
  });
  graph.addEventListener('mouseleave', function () { tip.style.display = 'none'; });
  graph.addEventListener('click', function (e) {
    var id = e.target.getAttribute('data-id');
    if (id !== null) { zoomed = nodes[+id]; draw(); }
  });

  function highlight() {
    var q = search.value.trim().toLowerCase(), a = 0, b = 0, count = 0;
    nodes.forEach(function (n) {
      n.match = q !== '' && n.parent !== null && n.n.toLowerCase().indexOf(q) >= 0;
      var outer = true;
      for (var p = n.parent; p; p = p.parent) { if (p.match) { outer = false; } }
      if (n.match && outer) { a += n.sa; b += n.sb; count++; }
    });
    Array.prototype.forEach.call(graph.children, function (d) {
      var n = nodes[+d.getAttribute('data-id')];
      d.classList.toggle('match', n.match);
      d.classList.toggle('dim', q !== '' && !n.match);
    });
    matchInfo.textContent = q === '' ? '' : count + ' matching: A ' + pct(a) + ', B ' + pct(b) + ' (' + points(b - a) + ')';
  }
  search.addEventListener('input', highlight);

  var table = el('table', {id: 'ranked'});
  var head = el('tr');
  ['change', 'A share', 'B share', 'A time', 'B time', 'frame  (called from)'].forEach(function (h) {
    head.appendChild(el('th', {}, h));
  });
  table.appendChild(head);
  data.top.forEach(function (r) {
    var sa = totalA > 0 ? r.a / totalA : 0, sb = totalB > 0 ? r.b / totalB : 0, tr = el('tr', {'class': 'row'});
    tr.appendChild(el('td', {'class': changeOf(sb - sa)}, points(sb - sa)));
    [pct(sa), pct(sb), r.a.toFixed(3), r.b.toFixed(3)].forEach(function (v) { tr.appendChild(el('td', {}, v)); });
    var name = el('td', {'class': 'name'}, r.n);
    if (r.w) { name.appendChild(el('span', {'class': 'where'}, '  \u2190 ' + r.w)); }
    tr.appendChild(name);
    table.appendChild(tr);
  });
  document.body.appendChild(el('h2', {style: 'font-size:14px;margin:16px 16px 0'}, 'Largest changes'));
  document.body.appendChild(table);

  window.addEventListener('resize', draw);
  draw();
  document.documentElement.setAttribute('data-jprof-ready', '1');
}());
