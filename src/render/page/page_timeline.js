// coopgraph's timeline slider (on the page of a dataset with two or more source dates only):
// replays the network source by source. Step k shows what `--as-of DATE_k` keeps — every node
// named by a source dated up to k (with the parents above it) — fades what was named before
// but not by k's sources, outlines (dashed) what k's sources name first, and says how many bodies,
// mechanisms and forums there are, and what changed since the previous step. The last step,
// "all", is the whole dataset (undated sources included).
//
// The data (src/render/page_data.rs, `TimeData`): time.steps [[date, [[source id, title]]]],
// time.at [steps each node is named at, ascending], nodes in page order (bodies, mechanisms,
// forums). It runs after page.js, which marks each drawn node with data-node="ID"; the two
// compose: page.js hides with the class `off` (filters), this script with `later`.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('coopgraph-data').textContent);
  var time = data.time;
  if (!time) { return; }
  var ids = data.nodes.id;
  var counts = data.nodes.counts;
  var all = time.steps.length;
  var KINDS = ['bodies', 'mechanisms', 'forums'];
  function kindOf(i) { return i < counts[0] ? 0 : (i < counts[0] + counts[1] ? 1 : 2); }
  var index = new Map();
  ids.forEach(function (id, i) { index.set(id, i); });
  var at = time.at.map(function (steps) { return new Set(steps); });
  var first = time.at.map(function (steps) { return steps.length ? steps[0] : all; });

  function el(tag, parent, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined) { x.textContent = text; }
    if (cls) { x.className = cls; }
    if (parent) { parent.appendChild(x); }
    return x;
  }
  function stepTitle(k) {
    if (k === all) { return 'all sources'; }
    return time.steps[k][1].map(function (s) { return s[1]; }).join('; ');
  }
  function stepLabel(k) {
    return k === all ? 'all' : time.steps[k][0] + ' · ' + stepTitle(k);
  }

  // What step k shows: shown (as of k), faded (as of k, but not named by k's sources), fresh
  // (named first by k's sources; none at the first step, where everything is).
  function state(k) {
    var shown = [], faded = [], fresh = [];
    ids.forEach(function (id, i) {
      shown.push(k === all || first[i] <= k);
      faded.push(k !== all && shown[i] && !at[i].has(k));
      fresh.push(k !== all && k > 0 && first[i] === k);
    });
    return { shown: shown, faded: faded, fresh: fresh };
  }
  // Counts by kind of what step k shows, and the nodes named at k but not at k - 1 (added)
  // and the reverse (dropped): what `coopgraph diff --from PREVIOUS --to K` lists by id.
  function summary(k) {
    var s = state(k), n = [0, 0, 0], added = [], dropped = [];
    ids.forEach(function (id, i) {
      if (s.shown[i]) { n[kindOf(i)] += 1; }
      if (k > 0 && k < all) {
        if (at[i].has(k) && !at[i].has(k - 1)) { added.push(id); }
        if (at[i].has(k - 1) && !at[i].has(k)) { dropped.push(id); }
      }
    });
    return { state: s, counts: n, added: added, dropped: dropped };
  }
  function sentence(k, sum) {
    var text = (k === all ? 'All sources' : 'As of ' + time.steps[k][0] + ' (' + stepTitle(k) + ')') + ': ' +
      sum.counts.map(function (c, j) { return c + ' ' + KINDS[j]; }).join(', ');
    if (k > 0 && k < all) {
      text += '; +' + sum.added.length + ' \u2212' + sum.dropped.length + ' since the previous source (' + time.steps[k - 1][0] + ')';
    } else if (k === 0) {
      text += '; the first source';
    }
    return text + '.';
  }

  // ---- The drawn elements of every view --------------------------------------------------

  var drawn = [];
  document.querySelectorAll('section.view').forEach(function (section, v) {
    var meta = data.views[v] || { nodes: [] };
    var svg = section.querySelector('svg');
    if (!svg) { return; }
    svg.querySelectorAll('g.node[data-node]').forEach(function (g) {
      var i = index.get(g.getAttribute('data-node'));
      if (i !== undefined) { drawn.push({ el: g, ends: [i] }); }
    });
    svg.querySelectorAll('g.edge').forEach(function (g) {
      var t = g.querySelector(':scope > title');
      var m = /^n(\d+)(?:--|->)n(\d+)$/.exec(t ? t.textContent.trim() : '');
      if (!m) { return; }
      var a = meta.nodes[Number(m[1])], b = meta.nodes[Number(m[2])];
      if (a === null || a === undefined || b === null || b === undefined) { return; }
      drawn.push({ el: g, ends: [a, b], edge: true });
    });
    svg.querySelectorAll('g.cluster').forEach(function (g) {
      var t = g.querySelector(':scope > title');
      var m = /_n(\d+)$/.exec(t ? t.textContent.trim() : '');
      var i = m ? meta.nodes[Number(m[1])] : null;
      if (i !== null && i !== undefined) { drawn.push({ el: g, ends: [i], cluster: true }); }
    });
  });

  // ---- The slider --------------------------------------------------------------------------

  var box = el('div', null, undefined, 'timeline');
  box.id = 'timeline';
  box.setAttribute('role', 'group');
  box.setAttribute('aria-labelledby', 'asof-label');
  var label = el('label', box, 'Timeline');
  label.id = 'asof-label';
  label.htmlFor = 'asof';
  var range = el('input', box);
  range.type = 'range';
  range.id = 'asof';
  range.min = '0';
  range.max = String(all);
  range.step = '1';
  range.value = String(all);
  range.setAttribute('aria-describedby', 'asof-note');
  var list = el('ol', box, undefined, 'asof-steps');
  var stepButtons = [];
  for (var k = 0; k <= all; k++) {
    var item = el('li', list);
    var b = el('button', item, stepLabel(k));
    b.type = 'button';
    b.title = k === all ? 'The whole dataset' : stepLabel(k);
    b.setAttribute('data-step', String(k));
    b.addEventListener('click', (function (step) { return function () { go(step, true); }; })(k));
    stepButtons.push(b);
  }
  var note = el('output', box);
  note.id = 'asof-note';
  note.htmlFor = 'asof';
  note.setAttribute('aria-live', 'polite');
  var toolbar = document.getElementById('toolbar');
  toolbar.parentNode.insertBefore(box, toolbar.nextSibling);

  var key = el('fieldset', document.getElementById('legend'), undefined, 'timeline-key');
  el('legend', key, 'Timeline');
  el('span', key, 'not yet named: hidden', 'later-key');
  el('span', key, 'named before, not by this source: faded', 'faded-key');
  el('span', key, 'named first by this source: dashed outline', 'fresh-key');

  var step = all;
  function go(k, record) {
    step = k;
    range.value = String(k);
    var sum = summary(k), s = sum.state;
    drawn.forEach(function (x) {
      var hide = x.ends.some(function (i) { return !s.shown[i]; });
      x.el.classList.toggle('later', hide);
      x.el.classList.toggle('faded', !hide && x.ends.some(function (i) { return s.faded[i]; }));
      x.el.classList.toggle('fresh', !hide && !x.cluster && !x.edge && s.fresh[x.ends[0]]);
    });
    stepButtons.forEach(function (button, j) { button.setAttribute('aria-current', j === k ? 'step' : 'false'); });
    range.setAttribute('aria-valuetext', stepLabel(k));
    note.textContent = sentence(k, sum);
    if (record) { history.replaceState(null, '', window.location.pathname + window.location.search + window.location.hash); }
    return sum;
  }
  range.addEventListener('input', function () { go(Number(range.value), true); });

  // ---- Deep link: #asof=DATE (a step's date, or YYYY / YYYY-MM: the last step by then, as
  // --as-of reads it), #asof=SOURCE-ID, #asof=all ----------------------------------------------

  // page.js rewrites the address from its own state (route, view); keep the step in it.
  var replace = history.replaceState.bind(history);
  function withStep(url) {
    var at = url.indexOf('#');
    var base = at < 0 ? url : url.slice(0, at);
    var parts = (at < 0 ? '' : url.slice(at + 1)).split('&').filter(function (p) { return p && p.indexOf('asof=') !== 0; });
    if (step !== all) { parts.push('asof=' + encodeURIComponent(time.steps[step][0])); }
    return parts.length ? base + '#' + parts.join('&') : base;
  }
  history.replaceState = function (state, title, url) { replace(state, title, withStep(String(url))); };

  function stepOf(text) {
    if (text === 'all') { return all; }
    for (var k = 0; k < all; k++) {
      if (time.steps[k][0] === text || time.steps[k][1].some(function (s) { return s[0] === text; })) { return k; }
    }
    // A shorter date reaches the end of its year or month.
    if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(text)) { return null; }
    var cut = text.length === 4 ? text + '-12-31' : (text.length === 7 ? text + '-31' : text);
    var found = null;
    for (var j = 0; j < all; j++) { if (time.steps[j][0] <= cut) { found = j; } }
    return found;
  }
  function readHash() {
    var asked = null, test = false;
    window.location.hash.slice(1).split('&').forEach(function (part) {
      if (part.indexOf('asof=') === 0) {
        try { asked = decodeURIComponent(part.slice(5)); } catch (e) { asked = part.slice(5); }
      }
      if (part === 'asof-selftest') { test = true; }
    });
    if (test) { selftest(); return; }
    if (asked === null) { go(all, false); return; }
    var k = stepOf(asked);
    if (k === null) {
      go(all, false);
      note.textContent = 'No source is dated by “' + asked + '”; showing all sources.';
    } else {
      go(k, false);
    }
  }

  // ---- Self-test (tests/tools/page.rs): every step's counts and visible nodes ----------------

  function selftest() {
    var out = [];
    for (var k = 0; k <= all; k++) {
      var sum = go(k, false);
      var shown = ids.filter(function (id, i) { return sum.state.shown[i]; }).sort();
      var visible = new Set();
      document.querySelectorAll('section.view g.node[data-node]').forEach(function (g) {
        if (!g.classList.contains('later')) { visible.add(g.getAttribute('data-node')); }
      });
      out.push({
        step: k === all ? 'all' : time.steps[k][0],
        counts: sum.counts,
        added: sum.added.sort(),
        dropped: sum.dropped.sort(),
        shown: shown,
        drawn: Array.from(visible).sort(),
        note: note.textContent,
        range: range.getAttribute('aria-valuetext')
      });
    }
    var pre = el('pre', document.body);
    pre.id = 'timeline-result';
    pre.hidden = true;
    pre.textContent = JSON.stringify(out).replace(/[<>&]/g, function (c) {
      return '\\u00' + c.charCodeAt(0).toString(16);
    });
  }

  readHash();
  window.addEventListener('hashchange', readHash);
})();
