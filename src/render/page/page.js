// coopgraph's page: the route finder (the same answer as `coopgraph path`), focus, zoom and pan,
// filters, tabs and details. Every dataset string reaches the page through textContent or a
// property set from script, never as markup.
//
// The data (src/render/page_data.rs): groups [{id, name, norm, colour}], areas [{id, name,
// colour}], nodes in columns (bodies, then mechanisms, then forums; see `Nodes`), carriers
// [{k: 0 mechanism | 1 forum | 2 part-of, n: node, x: name, c: [doc, ref], m: bodies}], names
// [[node, [ids, shorts, names, aliases, unqualified]]] (a level: 0 none, 1 the node's id, a name or
// a list), cap, hops, limit, measures, views [{title, nodes: node of each scene index}].
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('coopgraph-data').textContent);
  // Node objects from the columns: {id, k: kind, l: label, n: full name, t: own kind, g: group,
  // p: parent, a: area, r: clause ref, q: quote, f: frequency, lv: level, o: note,
  // m: [[participant, role]], mb: member bodies, mg: member groups, v: via forums, s: centralities}.
  var columns = data.nodes;
  var bodyCount = columns.counts[0];
  var nodes = columns.id.map(function (id, i) {
    var kind = i < bodyCount ? 'body' : (i < bodyCount + columns.counts[1] ? 'mechanism' : 'forum');
    var n = { id: id, k: kind, l: columns.l[i], t: columns.kinds[columns.t[i]] };
    ['n', 'p', 'r', 'q', 'f', 'lv', 'o', 'mb', 'mg', 'v'].forEach(function (key) {
      if (columns[key][i] !== undefined) { n[key] = columns[key][i]; }
    });
    if (kind === 'body' && columns.g[i] !== null) { n.g = columns.g[i]; }
    if (kind === 'mechanism') {
      var a = columns.a[i - bodyCount];
      if (a !== null) { n.a = a; }
      var roles = columns.ro[i];
      n.m = (columns.m[i] || []).map(function (b, j) { return [b, columns.roles[roles ? roles[j] : 1]]; });
    }
    var width = data.measures.length;
    n.s = columns.s.slice(i * width, (i + 1) * width);
    return n;
  });
  // A mechanism's carrier ties its participants, sorted without repeats, unless listed.
  data.carriers.forEach(function (c) {
    if (c.m) { return; }
    c.m = Array.from(new Set(nodes[c.n].m.map(function (p) { return p[0]; }))).sort(function (a, b) { return a - b; });
  });
  var nodeIndex = new Map();
  nodes.forEach(function (n, i) { nodeIndex.set(n.id, i); });

  // displayed:begin — text as the static page shows it (escape::html in src/text/escape.rs): control
  // characters as spaces, U+FFFE/U+FFFF as U+FFFD, and the bidirectional embeddings, overrides
  // and isolates written out as \u{202e}, so a name cannot reorder what is around it.
  function displayed(text) {
    return String(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff\u202a-\u202e\u2066-\u2069]/g, function (c) {
      var code = c.charCodeAt(0);
      if (code === 0xfffe || code === 0xffff) { return '\ufffd'; }
      if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) { return '\\u{' + code.toString(16) + '}'; }
      return ' ';
    });
  }
  // displayed:end
  function add(tag, parent, text, cls) {
    var el = document.createElement(tag);
    if (text !== undefined && text !== null) { el.textContent = displayed(text); }
    if (cls) { el.className = cls; }
    if (parent) { parent.appendChild(el); }
    return el;
  }
  function byId(id) { return document.getElementById(id); }

  // ---- Text, exactly as the CLI treats it -------------------------------------------------

  var MARK = /\p{M}/u;
  var ALNUM = /[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]/u;
  // query::resolve::normalise: NFKD, drop combining marks, lower-case each character, anything
  // not a letter or digit is a space, runs of spaces collapse.
  function normalise(text) {
    var out = '';
    for (var c of text.normalize('NFKD')) {
      if (MARK.test(c)) { continue; }
      for (var l of c.toLowerCase()) { out += ALNUM.test(l) ? l : ' '; }
    }
    return out.split(' ').filter(Boolean).join(' ');
  }
  // Rust orders strings by bytes, which for UTF-8 is code point order (not UTF-16's).
  function cmpStr(a, b) {
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d !== 0) { return d < 0 ? -1 : 1; }
    }
    return x.length - y.length;
  }
  // strsim's (unrestricted) Damerau–Levenshtein distance over code points.
  function damerau(a, b) {
    var n = a.length, m = b.length, inf = n + m;
    var d = [];
    for (var i = 0; i <= n + 1; i++) { d.push(new Array(m + 2).fill(0)); }
    d[0][0] = inf;
    for (i = 0; i <= n; i++) { d[i + 1][0] = inf; d[i + 1][1] = i; }
    for (var j = 0; j <= m; j++) { d[0][j + 1] = inf; d[1][j + 1] = j; }
    var last = new Map();
    for (i = 1; i <= n; i++) {
      var db = 0;
      for (j = 1; j <= m; j++) {
        var i1 = last.get(b[j - 1]) || 0, j1 = db, cost = 1;
        if (a[i - 1] === b[j - 1]) { cost = 0; db = j; }
        d[i + 1][j + 1] = Math.min(d[i][j] + cost, d[i + 1][j] + 1, d[i][j + 1] + 1,
          d[i1][j1] + (i - i1 - 1) + 1 + (j - j1 - 1));
      }
      last.set(a[i - 1], i);
    }
    return d[n + 1][m + 1];
  }
  function similarity(a, b) {
    var x = Array.from(a), y = Array.from(b);
    if (x.length === 0 && y.length === 0) { return 1.0; }
    return 1.0 - damerau(x, y) / Math.max(x.length, y.length);
  }

  // ---- Names (query::resolve::Resolver) ----------------------------------------------------

  data.names.forEach(function (entry) {
    entry[1] = entry[1].map(function (level) {
      if (level === 0) { return []; }
      if (level === 1) { return [nodes[entry[0]].id]; }
      return typeof level === 'string' ? [level] : level;
    });
  });
  var levels = [0, 1, 2, 3, 4].map(function () { return new Map(); });
  data.names.forEach(function (entry, e) {
    for (var level = 0; level < 5; level++) {
      entry[1][level].forEach(function (name) {
        var list = levels[level].get(name);
        if (!list) { list = []; levels[level].set(name, list); }
        if (list[list.length - 1] !== e) { list.push(e); }
      });
    }
  });
  function describe(i) {
    var n = nodes[i];
    if (n.k === 'body') {
      var g = data.groups[n.g];
      return "'" + n.l + "' (" + n.id + ', ' + (g ? g.name : '') + ' ' + n.k + ')';
    }
    return "'" + n.l + "' (" + n.id + ', ' + n.k + ')';
  }
  function suggestions(wanted) {
    var scored = [];
    data.names.forEach(function (entry) {
      var best = 0.0;
      for (var level = 0; level < 5; level++) {
        entry[1][level].forEach(function (name) {
          var score = similarity(wanted, name);
          if (name.startsWith(wanted) || name.split(' ').some(function (w) { return w === wanted; })) {
            score = Math.max(score, 0.7);
          }
          best = Math.max(best, score);
        });
      }
      if (best >= 0.5) { scored.push([best, entry[0]]); }
    });
    scored.sort(function (a, b) { return (b[0] - a[0]) || cmpStr(nodes[a[1]].id, nodes[b[1]].id); });
    var best = scored.slice(0, 3);
    var names = best.map(function (s) { return describe(s[1]); });
    return {
      text: names.length ? '; did you mean ' + names.join(' or ') + '?' : '',
      candidates: best.map(function (s) { return s[1]; })
    };
  }
  // {node: index} | {group: index, bodies: [indices]} | {error: message}
  function resolve(query) {
    var wanted = normalise(query);
    if (!wanted) {
      return { error: "'" + query + "' is not a name; give an id, a short name, a name or a group" };
    }
    for (var level = 0; level < 5; level++) {
      var hits = levels[level].get(wanted);
      if (!hits || !hits.length) { continue; }
      if (hits.length === 1) { return { node: data.names[hits[0]][0] }; }
      return {
        error: "'" + query + "' is ambiguous: it names " +
          hits.map(function (e) { return describe(data.names[e][0]); }).join(', ') + '; use one of their ids',
        candidates: hits.map(function (e) { return data.names[e][0]; })
      };
    }
    for (var g = 0; g < data.groups.length; g++) {
      var group = data.groups[g];
      if (group.norm[0] === wanted || group.norm[1] === wanted) {
        var bodies = [];
        for (var b = 0; b < bodyCount; b++) { if (nodes[b].g === g) { bodies.push(b); } }
        return { group: g, bodies: bodies };
      }
    }
    var close = suggestions(wanted);
    return {
      error: "no body, mechanism, forum or group is called '" + query + "'" + close.text,
      candidates: close.candidates
    };
  }

  // ---- Links and paths (query::links, query::paths) ----------------------------------------

  var linksCache = {};
  function links(hierarchy) {
    var key = hierarchy ? 'with' : 'without';
    if (linksCache[key]) { return linksCache[key]; }
    var maps = [];
    for (var i = 0; i < bodyCount; i++) { maps.push(new Map()); }
    data.carriers.forEach(function (c, ci) {
      if (!hierarchy && c.k === 2) { return; }
      for (var x = 0; x < c.m.length; x++) {
        for (var y = x + 1; y < c.m.length; y++) {
          [[c.m[x], c.m[y]], [c.m[y], c.m[x]]].forEach(function (pair) {
            var list = maps[pair[0]].get(pair[1]);
            if (!list) { list = []; maps[pair[0]].set(pair[1], list); }
            list.push(ci);
          });
        }
      }
    });
    linksCache[key] = maps.map(function (map) {
      return { map: map, keys: Array.from(map.keys()).sort(function (a, b) { return a - b; }) };
    });
    return linksCache[key];
  }
  var KINDS = ['mechanism', 'forum', 'part-of'];
  function carrierId(c) { return data.carriers[c].k === 2 ? null : nodes[data.carriers[c].n].id; }
  function carrierName(c) { var x = data.carriers[c]; return x.x !== undefined ? x.x : nodes[x.n].l; }
  function carrierQuote(c) {
    var x = data.carriers[c], n = nodes[x.n];
    return x.k === 2 ? (n.o || null) : (n.q || null);
  }
  // True when stepping on to `next` continues inside the mechanism or forum of the last hop.
  function detour(net, path, next) {
    if (path.length < 2) { return false; }
    var previous = net[path[path.length - 2]].map.get(path[path.length - 1]);
    var following = net[path[path.length - 1]].map.get(next);
    if (!previous || !following) { return false; }
    return previous.some(function (c) { return following.indexOf(c) >= 0 && data.carriers[c].k !== 2; });
  }
  // The hop's carriers, main first: mechanisms before forums before hierarchy steps.
  function tie(net, a, b) {
    return (net[a].map.get(b) || []).slice().sort(function (x, y) {
      return (data.carriers[x].k - data.carriers[y].k) || (x - y);
    });
  }
  function describePath(net, route) {
    var citations = new Set();
    var hops = [];
    for (var h = 0; h + 1 < route.length; h++) {
      var carriers = tie(net, route[h], route[h + 1]);
      carriers.forEach(function (c) {
        var cite = data.carriers[c].c;
        if (cite) { citations.add(cite[0] + '\u0000' + cite[1]); }
      });
      hops.push(carriers);
    }
    return { route: route, ties: hops, length: hops.length, sources: citations.size };
  }
  function routeIds(p) { return p.route.map(function (i) { return nodes[i].id; }); }
  function cmpRoute(a, b) {
    var x = routeIds(a), y = routeIds(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = cmpStr(x[i], y[i]);
      if (d !== 0) { return d; }
    }
    return x.length - y.length;
  }
  function viaOf(c) {
    return { id: carrierId(c), name: carrierName(c), kind: KINDS[data.carriers[c].k] };
  }
  function sameVia(a, b) { return a.id === b.id && a.name === b.name && a.kind === b.kind; }
  // paths::distances_to on the page: hops from every node to the nearest target, around `avoid`.
  function distancesTo(net, targets, avoid) {
    var distance = net.map(function () { return Infinity; });
    var queue = [];
    Array.from(targets).sort(function (a, b) { return a - b; }).forEach(function (t) {
      if (!avoid.has(t)) { distance[t] = 0; queue.push(t); }
    });
    for (var head = 0; head < queue.length; head++) {
      var v = queue[head];
      net[v].keys.forEach(function (w) {
        if (distance[w] === Infinity && !avoid.has(w)) { distance[w] = distance[v] + 1; queue.push(w); }
      });
    }
    return distance;
  }
  // paths::find_within on the page: every path of 1 hop, then of 2 hops …, never stepping to a
  // node from which the targets are further than the hops left; stops at the path cap (the
  // CLI's time cap has no counterpart here).
  function find(net, q) {
    var targets = new Set(q.to), fromSet = new Set(q.from), avoid = new Set(q.avoid);
    var toTarget = distancesTo(net, targets, avoid);
    var found = [], stopped = null, completeUpTo = 0;
    lengths:
    for (var length = 1; length <= q.maxHops; length++) {
      // Whether this length cut some path short; if none was, every simple path is listed.
      var cut = false;
      for (var s = 0; s < q.from.length; s++) {
        var start = q.from[s];
        if (avoid.has(start) || targets.has(start) || toTarget[start] > length) {
          if (toTarget[start] !== Infinity && toTarget[start] > length) { cut = true; }
          continue;
        }
        var path = [start], onPath = new Set([start]), stack = [[start, 0]];
        while (stack.length) {
          var top = stack[stack.length - 1], neighbours = net[top[0]].keys;
          if (top[1] >= neighbours.length) {
            stack.pop();
            if (path.length) { onPath.delete(path.pop()); }
            continue;
          }
          var w = neighbours[top[1]];
          top[1] += 1;
          var hops = path.length;
          if (onPath.has(w) || avoid.has(w) || (q.fromIsGroup && fromSet.has(w)) || detour(net, path, w)) { continue; }
          if (targets.has(w)) {
            // Shorter paths to a target were listed at their own length.
            if (hops === length) {
              found.push(path.concat([w]));
              if (found.length >= data.cap) { stopped = 'path-cap'; break lengths; }
            }
            continue;
          }
          if (hops < length && toTarget[w] <= length - hops) {
            path.push(w); onPath.add(w); stack.push([w, 0]);
          } else if (toTarget[w] !== Infinity) {
            cut = true;
          }
        }
      }
      completeUpTo = length;
      if (!cut) { completeUpTo = q.maxHops; break; }
    }
    var truncated = stopped !== null;
    var paths = found.map(function (route) { return describePath(net, route); });
    paths.sort(function (a, b) { return (a.length - b.length) || (b.sources - a.sources) || cmpRoute(a, b); });
    var reached = [];
    paths.forEach(function (p) {
      var end = p.route[p.route.length - 1], last = viaOf(p.ties[p.ties.length - 1][0]);
      var entry = reached.find(function (r) { return r.body === end; });
      if (entry) {
        entry.paths += 1;
        if (p.length === entry.hops && !entry.channels.some(function (v) { return sameVia(v, last); })) {
          entry.channels.push(last);
        }
      } else {
        reached.push({ body: end, hops: p.length, paths: 1, channels: [last] });
      }
    });
    reached.sort(function (a, b) { return (a.hops - b.hops) || cmpStr(nodes[a.body].id, nodes[b.body].id); });
    var total = paths.length;
    paths = paths.slice(0, q.limit);
    var bodies = [], seen = new Set();
    paths.forEach(function (p) {
      p.route.slice(1, -1).forEach(function (b) { if (!seen.has(b)) { seen.add(b); bodies.push(b); } });
    });
    return {
      paths: paths, bodies: bodies, reached: reached, found: total, truncated: truncated,
      stopped: stopped === null ? null : { reason: stopped, complete_up_to: completeUpTo },
      shortest: total === 0 ? shortest(net, q, targets, avoid) : null
    };
  }
  function shortest(net, q, targets, avoid) {
    var fromSet = new Set(q.from), distance = new Map(), queue = [];
    q.from.forEach(function (s) { if (!avoid.has(s)) { distance.set(s, 0); queue.push(s); } });
    for (var head = 0; head < queue.length; head++) {
      var v = queue[head], keys = net[v].keys;
      for (var k = 0; k < keys.length; k++) {
        var w = keys[k];
        if (distance.has(w) || avoid.has(w) || (q.fromIsGroup && fromSet.has(w))) { continue; }
        distance.set(w, distance.get(v) + 1);
        if (targets.has(w)) { return distance.get(w); }
        queue.push(w);
      }
    }
    return null;
  }
  // cmd::path::bodies_of
  function bodiesOf(name) {
    var r = resolve(name);
    if (r.error) { return r; }
    if (r.group !== undefined) { return { bodies: r.bodies, isGroup: true, label: data.groups[r.group].name }; }
    var n = nodes[r.node];
    if (n.k === 'body') { return { bodies: [r.node], isGroup: false, label: n.l }; }
    return {
      error: "'" + name + "' is a mechanism or forum ('" + n.id + "'); paths run between bodies or groups — try `coopgraph ego " + n.id + '`'
    };
  }
  // cmd::path::run: {from, to, answer, maxHops} or {error}.
  function pathQuestion(fromText, toText, maxHops, hierarchy, limit, avoidNames) {
    if (!(maxHops >= 1)) { return { error: 'Max hops must be at least 1.' }; }
    // A page of part of a large dataset cannot see every route: it says so rather than answer
    // differently from the CLI.
    if (data.held) {
      return {
        error: heldNote() + ' Routes need the whole network: run coopgraph path "' + fromText + '" "' + toText +
          '" on the dataset.'
      };
    }
    var from = bodiesOf(fromText);
    if (from.error) { from.field = 'from'; return from; }
    var to = bodiesOf(toText);
    if (to.error) { to.field = 'to'; return to; }
    if (from.bodies.some(function (b) { return to.bodies.indexOf(b) >= 0; })) {
      return {
        error: "'" + fromText + "' and '" + toText + "' overlap (" + from.label + ' is part of ' + to.label +
          ' or the same); a path needs two different ends'
      };
    }
    var avoid = [];
    for (var i = 0; i < (avoidNames || []).length; i++) {
      var r = resolve(avoidNames[i]);
      if (r.error) { return r; }
      if (r.bodies) { avoid = avoid.concat(r.bodies); } else if (r.node < bodyCount) { avoid.push(r.node); }
    }
    var answer = find(links(hierarchy), {
      from: from.bodies, to: to.bodies, fromIsGroup: from.isGroup, maxHops: maxHops, limit: limit, avoid: avoid
    });
    return {
      from: from.label, to: to.label, answer: answer, maxHops: maxHops,
      hierarchy: hierarchy, avoided: (avoidNames || []).length > 0
    };
  }
  // What `coopgraph path --format json` prints.
  function answerJson(res) {
    var a = res.answer;
    function citation(c) { var x = data.carriers[c].c; return x ? { doc: x[0], ref: x[1] } : null; }
    return {
      from: res.from, to: res.to,
      paths: a.paths.map(function (p) {
        return {
          length: p.length,
          hops: p.ties.map(function (carriers, h) {
            return {
              from: nodes[p.route[h]].id, to: nodes[p.route[h + 1]].id, via: viaOf(carriers[0]),
              source: citation(carriers[0]),
              also: carriers.slice(1).map(function (c) { return carrierId(c) === null ? 'part-of' : carrierId(c); })
            };
          }),
          sources: p.sources
        };
      }),
      bodies: a.bodies.map(function (b) { return nodes[b].id; }),
      reached: a.reached.map(function (r) {
        return { body: nodes[r.body].id, hops: r.hops, paths: r.paths, channels: r.channels };
      }),
      found: a.found, truncated: a.truncated, stopped: a.stopped, shortest_beyond_limit: a.shortest
    };
  }

  // ---- The answer as text (present::query::PathView) ---------------------------------------

  function bodyText(i) {
    var n = nodes[i], g = data.groups[n.g], group = g ? g.name : '';
    if (!group || n.l.toLowerCase().indexOf(group.toLowerCase()) >= 0) { return n.l; }
    return n.l + ' (' + group + ')';
  }
  function viaText(c) {
    var x = data.carriers[c];
    if (x.k === 2 || !x.c) { return carrierName(c); }
    return carrierName(c) + ' · ' + x.c[1];
  }
  function hopText(carriers) {
    return viaText(carriers[0]) + (carriers.length > 1 ? ' +' + (carriers.length - 1) + ' more' : '');
  }
  function lineText(p) {
    var text = bodyText(p.route[0]);
    p.ties.forEach(function (carriers, h) { text += ' —[' + hopText(carriers) + ']→ ' + bodyText(p.route[h + 1]); });
    return text;
  }
  // present::query::PathView::stop_note: why the search stopped early, and what is complete.
  function stopNote(a) {
    if (a.stopped === null) { return ''; }
    var k = a.stopped.complete_up_to;
    var complete = k === 0 ? 'no length was searched completely'
      : 'every path of up to ' + k + ' hop(s) is listed, longer ones may be missing';
    return ' The search stopped early, after ' + data.cap + ' paths (--max-paths): ' + complete +
      '; lower --max-hops or raise the limit.';
  }
  function summaryText(res) {
    var a = res.answer;
    if (a.found === 0 && a.stopped !== null) {
      return 'No route from ' + res.from + ' to ' + res.to + ' found before the search stopped.' + stopNote(a);
    }
    if (a.found === 0) {
      if (a.shortest !== null) {
        return 'No route from ' + res.from + ' to ' + res.to + ' within ' + res.maxHops + ' hops; the shortest has ' +
          a.shortest + ' hops (raise --max-hops).';
      }
      // Only what could join the parts: the flags this search narrowed it by.
      var hints = [];
      if (!res.hierarchy) { hints.push('drop --no-hierarchy'); }
      if (res.avoided) { hints.push('drop an --avoid'); }
      return 'No route from ' + res.from + ' to ' + res.to +
        ' at any length: they are in separate parts of the network' +
        (hints.length ? ' (try: ' + hints.join(', or ') + ')' : '') + '.';
    }
    return res.from + ' reaches ' + a.reached.length + ' ' + (a.reached.length === 1 ? 'body' : 'bodies') + ' of ' +
      res.to + ' within ' + res.maxHops + ' hops: ' + a.found + ' path(s)' +
      (a.found > a.paths.length ? ', the best ' + a.paths.length + ' shown' : '') +
      (a.truncated ? ('.' + stopNote(a)).replace(/\.+$/, '') : '') + '.';
  }
  // The CLI's wording names its flags; the page names its own controls.
  function pageWording(text) {
    return text.replace('(raise --max-hops)', '(raise Max hops)')
      .replace(' (--max-paths)', '').replace('lower --max-hops', 'lower Max hops')
      .replace('drop --no-hierarchy', 'count steps to a parent body').replace('drop an --avoid', 'avoid fewer bodies');
  }

  // ---- Views: what each drawn element stands for ------------------------------------------

  function titleOf(g) {
    var t = g.querySelector(':scope > title');
    return t ? t.textContent.trim() : '';
  }
  var views = Array.prototype.map.call(document.querySelectorAll('section.view'), function (el, k) {
    var svg = el.querySelector('svg');
    var meta = data.views[k] || { nodes: [] };
    var view = { el: el, svg: svg, nodeEls: [], edges: [], clusters: [], near: new Map(), home: null, box: null };
    if (!svg) { return view; }
    svg.querySelectorAll('g.node').forEach(function (g) {
      var m = /^n(\d+)$/.exec(titleOf(g));
      var i = m ? meta.nodes[Number(m[1])] : null;
      if (i === null || i === undefined) { return; }
      g.setAttribute('data-node', nodes[i].id);
      view.nodeEls.push({ el: g, node: i });
    });
    svg.querySelectorAll('g.edge').forEach(function (g) {
      var m = /^n(\d+)(?:--|->)n(\d+)$/.exec(titleOf(g));
      if (!m) { return; }
      var a = meta.nodes[Number(m[1])], b = meta.nodes[Number(m[2])];
      if (a === null || a === undefined || b === null || b === undefined) { return; }
      view.edges.push({ el: g, a: a, b: b });
      [[a, b], [b, a]].forEach(function (pair) {
        if (!view.near.has(pair[0])) { view.near.set(pair[0], []); }
        view.near.get(pair[0]).push(pair[1]);
      });
    });
    svg.querySelectorAll('g.cluster').forEach(function (g) {
      var t = titleOf(g), m = /_n(\d+)$/.exec(t), grp = /^cluster_group_(\d+)_/.exec(t);
      var i = m ? meta.nodes[Number(m[1])] : null;
      view.clusters.push({ el: g, node: (i === undefined ? null : i), group: grp ? Number(grp[1]) : null });
    });
    // The numbers as written (baseVal would round them to single precision).
    var vb = (svg.getAttribute('viewBox') || '').trim().split(/[\s,]+/).map(Number);
    if (vb.length === 4 && vb[2] > 0 && vb[3] > 0) {
      view.home = { x: vb[0], y: vb[1], w: vb[2], h: vb[3] };
      view.box = Object.assign({}, view.home);
    }
    return view;
  });
  var current = 0;
  function activeView() { return views[current]; }

  // ---- Zoom and pan: the viewBox of each view ---------------------------------------------

  function setBox(view, box) {
    if (!view.home) { return; }
    var w = Math.min(Math.max(box.w, view.home.w / 40), view.home.w * 4);
    var h = box.h * (w / box.w);
    view.box = { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w: w, h: h };
    view.svg.setAttribute('viewBox', [view.box.x, view.box.y, view.box.w, view.box.h].join(' '));
  }
  function toSvg(view, clientX, clientY) {
    var ctm = view.svg.getScreenCTM();
    if (!ctm) { return { x: view.box.x + view.box.w / 2, y: view.box.y + view.box.h / 2 }; }
    var p = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
    return { x: p.x, y: p.y };
  }
  function zoom(view, factor, at) {
    if (!view.home) { return; }
    var b = view.box;
    var c = at || { x: b.x + b.w / 2, y: b.y + b.h / 2 };
    setBox(view, { x: c.x - (c.x - b.x) * factor, y: c.y - (c.y - b.y) * factor, w: b.w * factor, h: b.h * factor });
  }
  function pan(view, dx, dy) {
    if (!view.home) { return; }
    setBox(view, { x: view.box.x + dx, y: view.box.y + dy, w: view.box.w, h: view.box.h });
  }
  function fit(view) { if (view.home) { setBox(view, view.home); } }
  // Home is the drawing itself, without the margins a slide's 16:9 page adds around it:
  // measured once the view is on screen.
  function settle(view) {
    if (view.settled || !view.home || view.el.hidden) { return; }
    var r = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
    view.svg.querySelectorAll('g.node, g.edge, g.cluster, g.graph > text').forEach(function (el) {
      var x = el.getBoundingClientRect();
      if (!x.width && !x.height) { return; }
      r = { left: Math.min(r.left, x.left), top: Math.min(r.top, x.top),
        right: Math.max(r.right, x.right), bottom: Math.max(r.bottom, x.bottom) };
    });
    if (!isFinite(r.left) || r.right <= r.left || r.bottom <= r.top) { return; }
    view.settled = true;
    var a = toSvg(view, r.left, r.top), b = toSvg(view, r.right, r.bottom);
    var margin = Math.max(b.x - a.x, b.y - a.y) * 0.01;
    view.home = { x: a.x - margin, y: a.y - margin, w: b.x - a.x + 2 * margin, h: b.y - a.y + 2 * margin };
    setBox(view, view.home);
  }
  function zoomToFocus(view) {
    var marked = view.el.querySelectorAll('g.node.on, g.edge.on');
    if (!marked.length || !view.home) { fit(view); return; }
    var left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
    marked.forEach(function (el) {
      var r = el.getBoundingClientRect();
      if (!r.width && !r.height) { return; }
      left = Math.min(left, r.left); top = Math.min(top, r.top);
      right = Math.max(right, r.right); bottom = Math.max(bottom, r.bottom);
    });
    if (!isFinite(left)) { return; }
    var a = toSvg(view, left, top), b = toSvg(view, right, bottom);
    var w = b.x - a.x, h = b.y - a.y, margin = Math.max(w, h) * 0.1 + 10;
    setBox(view, { x: a.x - margin, y: a.y - margin, w: w + 2 * margin, h: h + 2 * margin });
  }
  views.forEach(function (view) {
    var el = view.el, drag = null;
    el.addEventListener('wheel', function (e) {
      if (!view.home) { return; }
      e.preventDefault();
      zoom(view, Math.exp(e.deltaY * 0.0015), toSvg(view, e.clientX, e.clientY));
    }, { passive: false });
    el.addEventListener('pointerdown', function (e) {
      if (e.button !== 0 || !view.home) { return; }
      drag = { x: e.clientX, y: e.clientY, moved: false, start: toSvg(view, e.clientX, e.clientY) };
    });
    el.addEventListener('pointermove', function (e) {
      if (!drag) { return; }
      if (!drag.moved && Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) < 4) { return; }
      if (!drag.moved) { drag.moved = true; el.classList.add('dragging'); el.setPointerCapture(e.pointerId); }
      var here = toSvg(view, e.clientX, e.clientY);
      pan(view, drag.start.x - here.x, drag.start.y - here.y);
    });
    function end(e) {
      if (drag && drag.moved) {
        el.classList.remove('dragging');
        // The click that ends a drag selects nothing.
        var swallow = function (c) { c.stopPropagation(); c.preventDefault(); };
        el.addEventListener('click', swallow, { capture: true, once: true });
        setTimeout(function () { el.removeEventListener('click', swallow, { capture: true }); }, 0);
        if (el.hasPointerCapture(e.pointerId)) { el.releasePointerCapture(e.pointerId); }
      }
      drag = null;
    }
    el.addEventListener('pointerup', end);
    el.addEventListener('pointercancel', end);
    el.addEventListener('keydown', function (e) {
      var step = view.box ? view.box.w * 0.1 : 0;
      var handled = true;
      if (e.key === '+' || e.key === '=') { zoom(view, 1 / 1.25); }
      else if (e.key === '-' || e.key === '_') { zoom(view, 1.25); }
      else if (e.key === '0') { fit(view); }
      else if (e.key === 'ArrowLeft') { pan(view, -step, 0); }
      else if (e.key === 'ArrowRight') { pan(view, step, 0); }
      else if (e.key === 'ArrowUp') { pan(view, 0, -step); }
      else if (e.key === 'ArrowDown') { pan(view, 0, step); }
      else { handled = false; }
      if (handled) { e.preventDefault(); }
    });
  });
  byId('zoom-in').addEventListener('click', function () { zoom(activeView(), 1 / 1.25); });
  byId('zoom-out').addEventListener('click', function () { zoom(activeView(), 1.25); });
  byId('zoom-fit').addEventListener('click', function () { fit(activeView()); });
  byId('zoom-focus').addEventListener('click', function () { zoomToFocus(activeView()); });

  // ---- Focus: a route, a body's ties or search hits drawn strongly, the rest dimmed --------

  var focus = null; // {nodes: Set, pairs: Set of "a|b" or null, ends: Set, note}
  function pairKey(a, b) { return a < b ? a + '|' + b : b + '|' + a; }
  function applyFocus() {
    views.forEach(function (view) {
      view.el.classList.toggle('focus', !!focus);
      view.nodeEls.forEach(function (x) {
        x.el.classList.toggle('on', !!focus && focus.nodes.has(x.node));
        x.el.classList.toggle('end', !!focus && focus.ends.has(x.node));
      });
      view.edges.forEach(function (x) {
        var on = !!focus && focus.nodes.has(x.a) && focus.nodes.has(x.b) &&
          (!focus.pairs || focus.pairs.has(pairKey(x.a, x.b)));
        x.el.classList.toggle('on', on);
      });
      view.clusters.forEach(function (x) {
        x.el.classList.toggle('on', !!focus && x.node !== null && focus.ends.has(x.node));
      });
    });
    byId('focus-note').textContent = focus ? displayed(focus.note) : '';
  }
  function setFocus(f) { focus = f; applyFocus(); }
  function clearFocus() {
    focus = null;
    document.querySelectorAll('g.sel').forEach(function (el) { el.classList.remove('sel'); });
    document.querySelectorAll('#routes li.picked').forEach(function (li) { li.classList.remove('picked'); });
    document.querySelectorAll('#routes .pick').forEach(function (b) { b.setAttribute('aria-pressed', 'false'); });
    applyFocus();
  }
  byId('clear-focus').addEventListener('click', clearFocus);
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { clearFocus(); } });
  function routeFocus(paths, note) {
    var set = new Set(), pairs = new Set(), ends = new Set();
    paths.forEach(function (p) {
      ends.add(p.route[0]); ends.add(p.route[p.route.length - 1]);
      p.route.forEach(function (b) { set.add(b); });
      p.ties.forEach(function (carriers, h) {
        var a = p.route[h], b = p.route[h + 1];
        pairs.add(pairKey(a, b));
        carriers.forEach(function (c) {
          var x = data.carriers[c];
          if (x.k === 2) { return; }
          set.add(x.n); pairs.add(pairKey(a, x.n)); pairs.add(pairKey(x.n, b));
        });
      });
    });
    return { nodes: set, pairs: pairs, ends: ends, note: note };
  }
  // A node's own ties, on every view: a body with its mechanisms, forums, parent, sub-bodies and
  // the bodies those tie it to; a mechanism or forum with its participants and members.
  function egoFocus(i) {
    var set = new Set([i]), n = nodes[i];
    if (n.k === 'body') {
      nodes.forEach(function (m, j) {
        if (m.k === 'mechanism' && (m.m || []).some(function (p) { return p[0] === i; })) {
          set.add(j);
          m.m.forEach(function (p) { set.add(p[0]); });
        } else if (m.k === 'forum' && (m.mb || []).indexOf(i) >= 0) {
          set.add(j);
          m.mb.forEach(function (b) { set.add(b); });
        } else if (m.k === 'body' && m.p === i) {
          set.add(j);
        }
      });
      if (n.p !== undefined) { set.add(n.p); }
    } else if (n.k === 'mechanism') {
      (n.m || []).forEach(function (p) { set.add(p[0]); });
      (n.v || []).forEach(function (f) { set.add(f); });
    } else {
      (n.mb || []).forEach(function (b) { set.add(b); });
      nodes.forEach(function (m, j) { if ((m.v || []).indexOf(i) >= 0) { set.add(j); } });
    }
    return { nodes: set, pairs: null, ends: new Set([i]), note: n.l + ' and its ties (' + (set.size - 1) + ')' };
  }

  // ---- Hover: a node's neighbours in the view ---------------------------------------------

  views.forEach(function (view) {
    view.nodeEls.forEach(function (x) {
      x.el.addEventListener('mouseenter', function () {
        if (focus) { return; }
        view.el.classList.add('hovering');
        x.el.classList.add('near');
        (view.near.get(x.node) || []).forEach(function (j) {
          view.nodeEls.forEach(function (y) { if (y.node === j) { y.el.classList.add('near'); } });
        });
        view.edges.forEach(function (e) { if (e.a === x.node || e.b === x.node) { e.el.classList.add('near'); } });
      });
      x.el.addEventListener('mouseleave', function () {
        view.el.classList.remove('hovering');
        view.el.querySelectorAll('.near').forEach(function (el) { el.classList.remove('near'); });
      });
      x.el.addEventListener('click', function () { select(x.node); });
    });
  });

  // ---- Details panel ---------------------------------------------------------------------

  function clauseLines(parent, items) {
    items.forEach(function (item) {
      add('div', parent, item[0]);
      if (item[1]) { add('blockquote', parent, '“' + item[1] + '”'); }
    });
  }
  function mechanismLine(j) {
    var m = nodes[j];
    return [m.l + (m.r ? ' · ' + m.r : ''), m.q];
  }
  function show(i) {
    var n = nodes[i], panel = byId('panel');
    panel.textContent = '';
    add('h2', panel, n.n || n.l);
    var group = n.g !== undefined && data.groups[n.g] ? data.groups[n.g].name : '';
    add('p', panel, n.k + (n.t ? ' (' + n.t + ')' : '') + (group ? ' · ' + group : '') + ' · id ' + n.id);
    if (n.p !== undefined) { add('p', panel, 'Part of ' + nodes[n.p].l); }
    if (n.o) { add('p', panel, n.o, 'note'); }
    var table = add('table', panel, null, 'scores');
    (n.s || []).forEach(function (value, m) {
      var row = add('tr', table);
      add('td', row, data.measures[m]);
      add('td', row, value.toPrecision(4));
    });
    if (n.k === 'body') {
      add('h2', panel, 'Mechanisms');
      var own = [];
      nodes.forEach(function (m, j) {
        if (m.k === 'mechanism' && (m.m || []).some(function (p) { return p[0] === i; })) { own.push(mechanismLine(j)); }
      });
      clauseLines(panel, own);
      var subs = [];
      nodes.forEach(function (m) { if (m.k === 'body' && m.p === i) { subs.push(m.l); } });
      if (subs.length) { add('h2', panel, 'Sub-bodies'); add('p', panel, subs.join('; ')); }
    } else if (n.k === 'mechanism') {
      add('h2', panel, 'Details');
      clauseLines(panel, [mechanismLine(i)]);
      if (n.a !== undefined && data.areas[n.a]) { add('div', panel, 'Area: ' + data.areas[n.a].name); }
      if (n.f) { add('div', panel, 'Frequency: ' + n.f); }
      if (n.lv) { add('div', panel, 'Level: ' + n.lv); }
      (n.m || []).forEach(function (p) { add('div', panel, bodyText(p[0]) + ' (' + p[1] + ')'); });
      (n.v || []).forEach(function (f) { add('div', panel, 'via ' + nodes[f].l); });
    } else {
      add('h2', panel, 'Details');
      var members = (n.mb || []).map(function (b) { return bodyText(b); })
        .concat((n.mg || []).map(function (g) { return data.groups[g].name; }));
      if (members.length) { add('div', panel, 'Members: ' + members.join('; ')); }
      var through = [];
      nodes.forEach(function (m, j) { if ((m.v || []).indexOf(i) >= 0) { through.push(mechanismLine(j)); } });
      clauseLines(panel, through);
    }
  }
  function select(i) {
    show(i);
    document.querySelectorAll('g.sel').forEach(function (el) { el.classList.remove('sel'); });
    views.forEach(function (view) {
      view.nodeEls.forEach(function (x) { if (x.node === i) { x.el.classList.add('sel'); } });
    });
    setFocus(egoFocus(i));
  }

  // ---- Search ----------------------------------------------------------------------------

  var haystack = nodes.map(function (n) { return normalise(n.l + ' ' + (n.n || '') + ' ' + n.id); });
  function search(text) {
    var results = byId('results');
    results.textContent = '';
    var wanted = normalise(text);
    if (!wanted) {
      if (focus && focus.search) { clearFocus(); }
      return [];
    }
    var hits = [];
    haystack.forEach(function (h, i) { if (h.indexOf(wanted) >= 0) { hits.push(i); } });
    hits.slice(0, 12).forEach(function (i) {
      var button = add('button', results, nodes[i].l + ' (' + nodes[i].k + ')');
      button.type = 'button';
      button.addEventListener('click', function () { select(i); });
    });
    if (hits.length > 12) { add('p', results, (hits.length - 12) + ' more: type more of the name.', 'help'); }
    if (hits.length === 1) { select(hits[0]); }
    else if (hits.length) {
      setFocus({ nodes: new Set(hits), pairs: new Set(), ends: new Set(hits), note: hits.length + ' found', search: true });
    } else {
      add('p', results, 'Nothing is called that.', 'help');
      if (focus && focus.search) { clearFocus(); }
    }
    return hits;
  }
  byId('search').addEventListener('input', function (e) { search(e.target.value); });

  // ---- Filters: the legend --------------------------------------------------------------

  var hidden = { group: new Set(), area: new Set(), kind: new Set() };
  var areaUsed = new Set();
  nodes.forEach(function (n) { if (n.k === 'mechanism' && n.a !== undefined) { areaUsed.add(n.a); } });
  function visibility() {
    var areasAll = hidden.area.size === 0;
    var shown = new Array(nodes.length).fill(false);
    // Mechanisms first: in an area shown, with at least one participant of a group shown.
    nodes.forEach(function (n, i) {
      if (n.k !== 'mechanism') { return; }
      var areaOk = n.a === undefined ? areasAll : !hidden.area.has(n.a);
      var groupOk = !(n.m || []).length || n.m.some(function (p) { return !hidden.group.has(nodes[p[0]].g); });
      shown[i] = !hidden.kind.has('mechanism') && areaOk && groupOk;
    });
    var inShown = new Set();
    nodes.forEach(function (n, i) {
      if (n.k === 'mechanism' && (areasAll || shown[i])) {
        (n.m || []).forEach(function (p) { inShown.add(p[0]); });
        (n.v || []).forEach(function (f) { inShown.add(f); });
      }
    });
    nodes.forEach(function (n, i) {
      if (n.k === 'body') {
        shown[i] = !hidden.kind.has('body') && !hidden.group.has(n.g) && (areasAll || inShown.has(i));
      } else if (n.k === 'forum') {
        shown[i] = !hidden.kind.has('forum') && (areasAll || inShown.has(i));
      }
    });
    return shown;
  }
  function applyFilters() {
    var shown = visibility();
    views.forEach(function (view) {
      view.nodeEls.forEach(function (x) { x.el.classList.toggle('off', !shown[x.node]); });
      view.edges.forEach(function (x) { x.el.classList.toggle('off', !shown[x.a] || !shown[x.b]); });
      view.clusters.forEach(function (x) {
        var off = (x.group !== null && hidden.group.has(x.group)) || (x.node !== null && !shown[x.node]);
        x.el.classList.toggle('off', off);
      });
    });
  }
  function legendSection(title, dimension, items) {
    var set = add('fieldset', byId('legend'));
    add('legend', set, title);
    var boxes = [];
    items.forEach(function (item) {
      var label = add('label', set);
      label.title = displayed(item.name);
      var box = add('input', label);
      box.type = 'checkbox';
      box.checked = true;
      box.setAttribute('data-' + dimension, String(item.key));
      box.addEventListener('change', function () {
        if (box.checked) { hidden[dimension].delete(item.key); } else { hidden[dimension].add(item.key); }
        applyFilters();
      });
      boxes.push([box, item.key]);
      var swatch = add('span', label, item.glyph || '', 'swatch');
      if (item.colour) { swatch.style.background = item.colour; } else { swatch.style.border = '0'; }
      label.appendChild(document.createTextNode(displayed(item.name)));
    });
    [['all', false], ['none', true]].forEach(function (choice) {
      var b = add('button', set, choice[0]);
      b.type = 'button';
      b.setAttribute('aria-label', 'Show ' + choice[0] + ' ' + title.toLowerCase());
      b.addEventListener('click', function () {
        boxes.forEach(function (x) {
          x[0].checked = !choice[1];
          if (choice[1]) { hidden[dimension].add(x[1]); } else { hidden[dimension].delete(x[1]); }
        });
        applyFilters();
      });
    });
  }
  if (views.some(function (v) { return v.nodeEls.length; })) {
    legendSection('Countries', 'group', data.groups.map(function (g, i) { return { key: i, name: g.name, colour: g.colour }; }));
    legendSection('Areas', 'area', data.areas.map(function (a, i) { return { key: i, name: a.name, colour: a.colour }; })
      .filter(function (x) { return areaUsed.has(x.key); }));
    legendSection('Kinds', 'kind', [['body', '▭'], ['mechanism', '◯'], ['forum', '⬡']].map(function (k) {
      return { key: k[0], name: k[0], glyph: k[1] };
    }));
    add('p', byId('legend'), 'Black outline: the focus (Escape clears). Drag to pan, wheel or +/− to zoom.', 'help');
  }

  // ---- Tabs -------------------------------------------------------------------------------

  var tabs = Array.prototype.slice.call(document.querySelectorAll('#tabs [role=tab]'));
  function activate(k, moveFocus) {
    if (k < 0 || k >= views.length) { return; }
    current = k;
    tabs.forEach(function (tab, j) {
      tab.setAttribute('aria-selected', j === k ? 'true' : 'false');
      tab.tabIndex = j === k ? 0 : -1;
    });
    views.forEach(function (view, j) {
      view.el.hidden = j !== k;
      view.el.classList.toggle('active', j === k);
    });
    settle(views[k]);
    if (moveFocus) { tabs[k].focus(); }
  }
  tabs.forEach(function (tab, k) {
    tab.addEventListener('click', function () { activate(k); writeHash(); });
    tab.addEventListener('keydown', function (e) {
      var next = { ArrowRight: k + 1, ArrowLeft: k - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) { return; }
      e.preventDefault();
      activate((next + tabs.length) % tabs.length, true);
      writeHash();
    });
  });

  // ---- The route finder ------------------------------------------------------------------

  byId('hops').value = data.hops;
  byId('limit').value = data.limit;
  // "This page holds the 812 bodies, mechanisms and forums its views draw, of 100,000 …".
  function heldNote() {
    return 'This page holds the ' + data.held.nodes.toLocaleString('en') +
      ' bodies, mechanisms and forums its views draw, of ' + data.held.of.toLocaleString('en') +
      ' in the dataset (the whole dataset would make the page too large to open quickly); ' +
      'their details list only the ties among them.';
  }
  if (data.held) {
    var heldHelp = byId('names-help');
    heldHelp.textContent = heldNote() + ' The route finder needs the whole network: ask coopgraph path ' +
      '(the tables and exports in this bundle hold every node).';
    heldHelp.classList.add('held');
  }
  // What to type for body i: its label where that names it alone, else its id.
  function typedName(i) { return resolve(nodes[i].l).node === i ? nodes[i].l : nodes[i].id; }
  var datalist = byId('names');
  for (var b = 0; b < bodyCount; b++) {
    var option = add('option', datalist);
    option.value = typedName(b);
    option.label = (nodes[b].n || nodes[b].l) + (data.groups[nodes[b].g] ? ' — ' + data.groups[nodes[b].g].name : '');
  }
  data.groups.forEach(function (g) {
    var option = add('option', datalist);
    option.value = g.name;
    option.label = 'every body of ' + g.name;
  });

  var lastAnswer = null;
  function renderAnswer(res) {
    var out = byId('answer');
    out.textContent = '';
    lastAnswer = res;
    if (res.error) {
      add('p', out, res.error, 'error').setAttribute('role', 'alert');
      // The candidates of an ambiguous or unknown name, one click (or Enter) from the answer.
      var bodies = (res.candidates || []).filter(function (i) { return i < bodyCount; });
      if (res.field && bodies.length) {
        var pick = add('div', out, null, 'candidates');
        add('span', pick, res.field === 'from' ? 'From: ' : 'To: ');
        bodies.forEach(function (i) {
          var b = add('button', pick, bodyText(i), 'carrier');
          b.type = 'button';
          b.addEventListener('click', function () {
            byId(res.field).value = typedName(i);
            runRoute();
            writeHash();
          });
        });
      }
      clearFocus();
      return;
    }
    var a = res.answer;
    add('p', out, pageWording(summaryText(res)), 'summary');
    if (a.reached.length) {
      var table = add('table', out, null, 'reached');
      add('caption', table, 'Bodies reached');
      var head = add('tr', add('thead', table));
      ['reached', 'hops', 'paths', 'carried by'].forEach(function (h) { add('th', head, h).scope = 'col'; });
      var body = add('tbody', table);
      a.reached.forEach(function (r) {
        var row = add('tr', body);
        add('td', row, bodyText(r.body));
        add('td', row, String(r.hops));
        add('td', row, String(r.paths));
        add('td', row, r.channels.map(function (v) {
          var c = data.carriers.findIndex(function (x) { return x.k !== 2 && nodes[x.n].id === v.id; });
          return v.kind === 'part-of' || c < 0 ? v.name : viaText(c);
        }).join('; '));
      });
    }
    add('h3', out, 'Paths (fewest hops, then most sources)');
    var list = add('ol', out);
    list.id = 'routes';
    list.hidden = a.paths.length === 0;
    a.paths.forEach(function (p, n) {
      var li = add('li', list);
      li.setAttribute('data-line', lineText(p));
      add('span', li, bodyText(p.route[0]), 'body');
      var clauses = add('div', null, null, 'clauses');
      clauses.hidden = true;
      p.ties.forEach(function (carriers, h) {
        var hop = add('span', li, null, 'hop');
        hop.appendChild(document.createTextNode(' —['));
        var button = add('button', hop, hopText(carriers), 'carrier' + (data.carriers[carriers[0]].k === 2 ? ' part-of' : ''));
        button.type = 'button';
        button.setAttribute('aria-expanded', 'false');
        var quote = carrierQuote(carriers[0]);
        button.title = quote ? '“' + displayed(quote) + '”' : 'no quote';
        var block = add('div', clauses);
        block.hidden = true;
        add('div', block, bodyText(p.route[h]) + ' — ' + bodyText(p.route[h + 1]) + ':');
        clauseLines(block, carriers.map(function (c) { return [viaText(c), carrierQuote(c)]; }));
        button.addEventListener('click', function () {
          block.hidden = !block.hidden;
          button.setAttribute('aria-expanded', block.hidden ? 'false' : 'true');
          clauses.hidden = !Array.prototype.some.call(clauses.children, function (c) { return !c.hidden; });
        });
        hop.appendChild(document.createTextNode(']→ '));
        add('span', li, bodyText(p.route[h + 1]), 'body');
      });
      var pick = add('button', li, 'show alone', 'pick');
      pick.type = 'button';
      pick.setAttribute('aria-pressed', 'false');
      pick.setAttribute('aria-label', 'Show path ' + (n + 1) + ' alone on the diagram');
      pick.addEventListener('click', function () {
        var on = pick.getAttribute('aria-pressed') !== 'true';
        document.querySelectorAll('#routes li.picked').forEach(function (x) { x.classList.remove('picked'); });
        document.querySelectorAll('#routes .pick').forEach(function (x) { x.setAttribute('aria-pressed', 'false'); });
        if (on) {
          li.classList.add('picked');
          pick.setAttribute('aria-pressed', 'true');
          setFocus(routeFocus([p], 'path ' + (n + 1)));
        } else {
          setFocus(routeFocus(a.paths, a.paths.length + ' path(s)'));
        }
      });
      li.appendChild(clauses);
    });
    if (a.paths.length) { setFocus(routeFocus(a.paths, a.paths.length + ' path(s)')); } else { clearFocus(); }
  }
  function readNumber(id, fallback) {
    var v = Number(byId(id).value);
    return Number.isInteger(v) && v >= 1 ? v : fallback;
  }
  // The avoid list: names separated by semicolons.
  function avoidNames() {
    return byId('avoid').value.split(';').map(function (x) { return x.trim(); }).filter(Boolean);
  }
  function runRoute() {
    var res = pathQuestion(byId('from').value, byId('to').value, readNumber('hops', data.hops),
      byId('hierarchy').checked, readNumber('limit', data.limit), avoidNames());
    renderAnswer(res);
    return res;
  }
  byId('route-form').addEventListener('submit', function (e) {
    e.preventDefault();
    runRoute();
    writeHash();
  });

  // ---- Deep links: #route=FROM,TO&hops=N&limit=N&hierarchy=off&view=K ------------------------

  function writeHash() {
    var parts = [];
    var from = byId('from').value, to = byId('to').value;
    if (lastAnswer && (from || to)) {
      parts.push('route=' + encodeURIComponent(from) + ',' + encodeURIComponent(to));
      if (readNumber('hops', data.hops) !== data.hops) { parts.push('hops=' + readNumber('hops', data.hops)); }
      if (readNumber('limit', data.limit) !== data.limit) { parts.push('limit=' + readNumber('limit', data.limit)); }
      if (!byId('hierarchy').checked) { parts.push('hierarchy=off'); }
      if (avoidNames().length) { parts.push('avoid=' + avoidNames().map(encodeURIComponent).join(';')); }
    }
    if (current !== 0) { parts.push('view=' + current); }
    history.replaceState(null, '', parts.length ? '#' + parts.join('&') : window.location.pathname + window.location.search);
  }
  function decode(text) {
    try { return decodeURIComponent(text); } catch (e) { return text; }
  }
  // "FROM,TO": the page writes each end encoded, so a raw comma separates them; a hand-typed
  // link whose names hold commas is split where both ends resolve.
  function splitEnds(raw) {
    var parts = raw.split(',');
    if (parts.length === 2) { return [decode(parts[0]), decode(parts[1])]; }
    for (var k = 1; k < parts.length; k++) {
      var a = decode(parts.slice(0, k).join(',')), b = decode(parts.slice(k).join(','));
      if (!resolve(a).error && !resolve(b).error) { return [a, b]; }
    }
    return [decode(parts[0] || ''), decode(parts.slice(1).join(','))];
  }
  function selftest(spec) {
    var out = { answers: [], names: [] };
    function ask(q) {
      var res = pathQuestion(q[0], q[1], q[2], q[3], q[4], q[5] || []);
      var result = res.error ? { error: res.error } : {
        json: answerJson(res), summary: summaryText(res), lines: res.answer.paths.map(lineText)
      };
      out.answers.push({ query: q, result: result });
    }
    if (spec.pairs) {
      (spec.pairs.hierarchy || [true]).forEach(function (h) {
        for (var a = 0; a < bodyCount; a++) {
          for (var b2 = 0; b2 < bodyCount; b2++) {
            if (a !== b2) { ask([nodes[a].id, nodes[b2].id, spec.pairs.hops, h, spec.pairs.limit]); }
          }
          data.groups.forEach(function (g) { ask([nodes[a].id, g.id, spec.pairs.hops, h, spec.pairs.limit]); });
        }
      });
    }
    (spec.queries || []).forEach(ask);
    (spec.names || []).forEach(function (name) {
      var r = resolve(name);
      var result = r.error ? { error: r.error } : r.group !== undefined
        ? { group: data.groups[r.group].id, bodies: r.bodies.map(function (x) { return nodes[x].id; }) }
        : { node: nodes[r.node].id };
      out.names.push({ input: name, result: result });
    });
    var pre = add('pre', document.body);
    pre.id = 'selftest-result';
    pre.hidden = true;
    pre.textContent = JSON.stringify(out).replace(/[<>&]/g, function (c) {
      return '\\u00' + c.charCodeAt(0).toString(16);
    });
  }
  function readHash() {
    var raw = window.location.hash.slice(1);
    if (!raw) { return; }
    var params = {};
    raw.split('&').forEach(function (part) {
      var eq = part.indexOf('=');
      if (eq > 0) { params[part.slice(0, eq)] = part.slice(eq + 1); }
    });
    if (params.selftest !== undefined) {
      selftest(JSON.parse(decode(params.selftest)));
      return;
    }
    if (params.view !== undefined) { activate(Number(params.view) || 0); }
    if (params.hops) { byId('hops').value = Number(params.hops) || data.hops; }
    if (params.limit) { byId('limit').value = Number(params.limit) || data.limit; }
    if (params.hierarchy) { byId('hierarchy').checked = params.hierarchy !== 'off'; }
    if (params.avoid) {
      byId('avoid').value = byId('avoid').defaultValue = params.avoid.split(';').map(decode).join('; ');
    }
    if (params.route !== undefined) {
      var ends = splitEnds(params.route);
      // defaultValue too: the filled inputs then show in the markup (and in saved copies).
      byId('from').value = byId('from').defaultValue = ends[0];
      byId('to').value = byId('to').defaultValue = ends[1];
      runRoute();
    } else if (params.select !== undefined) {
      var i = nodeIndex.get(decode(params.select));
      if (i !== undefined) { select(i); }
    } else if (params.search !== undefined) {
      byId('search').value = decode(params.search);
      search(byId('search').value);
    }
  }

  // ---- Sortable report tables: click a header to sort by it (numbers numerically) -----------

  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('th').forEach(function (th, column) {
      th.tabIndex = 0;
      th.setAttribute('aria-sort', 'none');
      function sort() {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var descending = th.getAttribute('data-order') !== 'desc';
        rows.sort(function (a, b) {
          var x = a.cells[column].textContent, y = b.cells[column].textContent;
          var nx = parseFloat(x), ny = parseFloat(y);
          var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
          return descending ? -order : order;
        });
        th.setAttribute('data-order', descending ? 'desc' : 'asc');
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
  });

  if (views.length) { settle(views[current]); }
  readHash();
  document.body.setAttribute('data-ready', 'yes');
})();
