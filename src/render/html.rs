//! The interactive HTML view: one self-contained file — the Graphviz SVG inline, the data as
//! inert JSON, and a small vanilla script (hover, details panel with the quoted clauses, search,
//! route finder). No request leaves the page: a Content-Security-Policy forbids it.

use super::scene::Scene;
use crate::analysis::centrality::{compute, Measure, Options};
use crate::graph::{build_graph, BuildOptions, GraphKind, NodeKind};
use crate::model::Dataset;
use crate::text::escape::{html, json_in_html};
use serde::Serialize;
use std::collections::HashMap;

/// One line of a node's details: a related mechanism, body or forum and the clause behind it.
#[derive(Debug, Clone, Serialize)]
struct Line {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<String>,
}

/// What the page knows of a node.
#[derive(Debug, Clone, Serialize)]
struct NodeData {
    id: String,
    label: String,
    name: String,
    kind: &'static str,
    group: String,
    note: String,
    centrality: Vec<(String, f64)>,
    related: Vec<Line>,
}

#[derive(Debug, Serialize)]
struct PageData {
    title: String,
    nodes: Vec<NodeData>,
    edges: Vec<(usize, usize)>,
}

fn page_data(scene: &Scene, dataset: &Dataset) -> PageData {
    let network = build_graph(dataset, GraphKind::Network, BuildOptions::default());
    let measures = [
        Measure::Degree,
        Measure::Betweenness,
        Measure::Eigenvector,
        Measure::Pagerank,
    ];
    let scores: HashMap<String, Vec<(String, f64)>> =
        compute(&network, &measures, &Options::default())
            .scores
            .into_iter()
            .map(|s| {
                let values = measures
                    .iter()
                    .filter_map(|m| s.get(*m).map(|v| (m.as_str().to_string(), v)))
                    .collect();
                (s.id, values)
            })
            .collect();
    let group_name: HashMap<&str, &str> = dataset
        .groups
        .iter()
        .map(|g| (g.id.as_str(), g.name.as_str()))
        .collect();
    let labels = crate::present::labels::Labels::new(dataset);
    let cite = |m: &crate::model::Mechanism| Line {
        name: m.name.clone(),
        reference: m.source().map(|s| s.reference.clone()),
        quote: m.source().map(|s| s.quote.clone()),
    };
    let nodes = scene
        .nodes
        .iter()
        .map(|node| {
            let (note, related) = match node.kind {
                NodeKind::Body => {
                    let body = dataset.bodies.iter().find(|b| b.id == node.id);
                    let related = dataset
                        .mechanisms
                        .iter()
                        .filter(|m| m.participants.iter().any(|p| p.body == node.id))
                        .map(cite)
                        .collect();
                    (
                        body.and_then(|b| b.note.clone()).unwrap_or_default(),
                        related,
                    )
                }
                NodeKind::Mechanism => {
                    let mechanism = dataset.mechanisms.iter().find(|m| m.id == node.id);
                    let mut related: Vec<Line> =
                        mechanism.map(|m| vec![cite(m)]).unwrap_or_default();
                    if let Some(m) = mechanism {
                        related.extend(m.participants.iter().map(|p| Line {
                            name: format!("{} ({})", labels.of(&p.body), p.role),
                            reference: None,
                            quote: None,
                        }));
                    }
                    (
                        mechanism.and_then(|m| m.note.clone()).unwrap_or_default(),
                        related,
                    )
                }
                NodeKind::Forum => {
                    let forum = dataset.forums.iter().find(|f| f.id == node.id);
                    let related = dataset
                        .mechanisms
                        .iter()
                        .filter(|m| m.via.contains(&node.id))
                        .map(cite)
                        .collect();
                    (
                        forum.and_then(|f| f.note.clone()).unwrap_or_default(),
                        related,
                    )
                }
            };
            NodeData {
                id: node.id.clone(),
                label: node.label.clone(),
                name: node.name.clone(),
                kind: node.kind.as_str(),
                group: node
                    .group
                    .as_deref()
                    .map(|g| group_name.get(g).copied().unwrap_or(g).to_string())
                    .unwrap_or_default(),
                note,
                centrality: scores.get(&node.id).cloned().unwrap_or_default(),
                related,
            }
        })
        .collect();
    PageData {
        title: scene.title.clone(),
        nodes,
        edges: scene.edges.iter().map(|e| (e.a, e.b)).collect(),
    }
}

/// The page for `scene`, with Graphviz's `svg` inline.
pub fn page(scene: &Scene, dataset: &Dataset, svg: &str) -> String {
    page_with(scene, dataset, svg, "")
}

/// The page for `scene` with `extra` markup (built by coopgraph, every dataset string already
/// escaped) after the diagram: the report's findings and tables.
pub fn page_with(scene: &Scene, dataset: &Dataset, svg: &str, extra: &str) -> String {
    let data = page_data(scene, dataset);
    let json = serde_json::to_string(&data).unwrap_or_else(|_| "{}".to_string());
    // Graphviz starts with an XML declaration and a DOCTYPE; inline SVG needs neither. Its fixed
    // width and height go too, so the viewBox scales the drawing to the page.
    let svg = svg.find("<svg").map_or(svg, |start| &svg[start..]);
    let svg = match svg.find('>') {
        Some(end) => {
            let tag: String = svg[..end]
                .split(' ')
                .filter(|part| !part.starts_with("width=") && !part.starts_with("height="))
                .collect::<Vec<_>>()
                .join(" ");
            format!("{tag}{}", &svg[end..])
        }
        None => svg.to_string(),
    };
    let mut bodies: Vec<(usize, &str)> = scene
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind == NodeKind::Body)
        .map(|(i, n)| (i, n.label.as_str()))
        .collect();
    bodies.sort_by(|a, b| a.1.cmp(b.1));
    let options: String = bodies
        .iter()
        .map(|(i, label)| format!("<option value=\"{i}\">{}</option>", html(label)))
        .collect();
    format!(
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ margin: 0; font-family: "Noto Sans", "DejaVu Sans", sans-serif; display: flex; height: 100vh; color: #222; }}
#diagram {{ flex: 1; overflow: auto; }}
#diagram svg {{ width: 100%; height: auto; }}
aside {{ width: 26rem; border-left: 1px solid #ccc; padding: 0.8rem; overflow: auto; font-size: 0.9rem; }}
aside h2 {{ font-size: 1.1rem; margin: 0.2rem 0; }}
aside input, aside select, aside button {{ font: inherit; margin: 0.15rem 0; }}
#results button {{ display: block; text-align: left; width: 100%; background: none; border: 0; padding: 0.1rem; cursor: pointer; color: #0645ad; }}
blockquote {{ margin: 0.2rem 0 0.6rem 0.6rem; padding-left: 0.5rem; border-left: 3px solid #ccc; color: #444; }}
svg.dim g.node:not(.hl), svg.dim g.edge:not(.hl) {{ opacity: 0.2; }}
g.node {{ cursor: pointer; }}
g.node.sel polygon, g.node.sel ellipse, g.node.sel path {{ stroke: #000; stroke-width: 4px; }}
g.node.onpath polygon, g.node.onpath ellipse, g.node.onpath path {{ stroke: #D55E00; stroke-width: 4px; }}
table.scores td {{ padding: 0 0.6rem 0 0; }}
section.report {{ padding: 0 1.5rem 2rem 1.5rem; max-width: 70rem; }}
table.sortable {{ border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0 1.5rem 0; }}
table.sortable th, table.sortable td {{ border-bottom: 1px solid #ddd; padding: 0.15rem 0.5rem; text-align: left; }}
table.sortable th {{ cursor: pointer; background: #f3f3f3; }}
</style>
</head>
<body>
<main id="diagram">
{svg}
{extra}
</main>
<aside>
<label>Search <input id="search" type="search" placeholder="name, short name, id" autocomplete="off"></label>
<div id="results"></div>
<h2>Route finder</h2>
<select id="from">{options}</select> → <select id="to">{options}</select>
<button id="route" type="button">Find route</button>
<div id="route-result"></div>
<section id="panel"><p>Hover a node to see its ties; click it for its details and the clauses behind them.</p></section>
</aside>
<script type="application/json" id="coopgraph-data">{json}</script>
<script>
{script}
</script>
</body>
</html>
"##,
        title = html(&scene.title),
        svg = svg,
        options = options,
        json = json_in_html(&json),
        extra = extra,
        script = SCRIPT,
    )
}

/// The page's behaviour. Every dataset string reaches the page through `textContent`, never as
/// markup.
const SCRIPT: &str = r#"(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('coopgraph-data').textContent);
  var svg = document.querySelector('#diagram svg');
  var adjacency = data.nodes.map(function () { return []; });
  data.edges.forEach(function (e) { adjacency[e[0]].push(e[1]); adjacency[e[1]].push(e[0]); });
  function element(i) { return document.getElementById('n' + i); }
  function add(tag, parent, text) {
    var el = document.createElement(tag);
    if (text !== undefined) { el.textContent = text; }
    parent.appendChild(el);
    return el;
  }
  function clear(cls) {
    Array.prototype.forEach.call(document.querySelectorAll('.' + cls), function (el) { el.classList.remove(cls); });
  }
  function hover(i) {
    clear('hl');
    if (i === null) { svg.classList.remove('dim'); return; }
    svg.classList.add('dim');
    [i].concat(adjacency[i]).forEach(function (j) { var el = element(j); if (el) { el.classList.add('hl'); } });
  }
  function show(i) {
    var node = data.nodes[i];
    var panel = document.getElementById('panel');
    panel.textContent = '';
    clear('sel');
    var el = element(i);
    if (el) { el.classList.add('sel'); }
    add('h2', panel, node.name || node.label);
    add('p', panel, node.kind + (node.group ? ' · ' + node.group : '') + ' · id ' + node.id);
    if (node.note) { add('p', panel, node.note); }
    var table = add('table', panel);
    table.className = 'scores';
    node.centrality.forEach(function (c) {
      var row = add('tr', table);
      add('td', row, c[0]);
      add('td', row, c[1].toFixed(4));
    });
    add('h2', panel, node.kind === 'body' ? 'Mechanisms' : 'Details');
    node.related.forEach(function (line) {
      add('div', panel, line.name + (line.reference ? ' · ' + line.reference : ''));
      if (line.quote) { add('blockquote', panel, '“' + line.quote + '”'); }
    });
  }
  function find(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) { return []; }
    var hits = [];
    data.nodes.forEach(function (n, i) {
      if ((n.label + ' ' + n.name + ' ' + n.id).toLowerCase().indexOf(wanted) >= 0) { hits.push(i); }
    });
    return hits;
  }
  function search(text) {
    var results = document.getElementById('results');
    results.textContent = '';
    var hits = find(text);
    hits.slice(0, 12).forEach(function (i) {
      var button = add('button', results, data.nodes[i].label + ' (' + data.nodes[i].kind + ')');
      button.type = 'button';
      button.addEventListener('click', function () { show(i); });
    });
    if (hits.length === 1) { show(hits[0]); }
    return hits;
  }
  function route(a, b) {
    var previous = {}; previous[a] = a;
    var queue = [a];
    while (queue.length) {
      var v = queue.shift();
      if (v === b) { break; }
      adjacency[v].forEach(function (w) { if (!(w in previous)) { previous[w] = v; queue.push(w); } });
    }
    var out = document.getElementById('route-result');
    out.textContent = '';
    clear('onpath');
    if (!(b in previous)) { add('p', out, 'No route in this diagram.'); return null; }
    var steps = [b];
    while (steps[0] !== a) { steps.unshift(previous[steps[0]]); }
    steps.forEach(function (i) { var el = element(i); if (el) { el.classList.add('onpath'); } });
    add('p', out, steps.map(function (i) { return data.nodes[i].label; }).join(' → '));
    return steps;
  }
  data.nodes.forEach(function (n, i) {
    var el = element(i);
    if (!el) { return; }
    el.addEventListener('mouseenter', function () { hover(i); });
    el.addEventListener('mouseleave', function () { hover(null); });
    el.addEventListener('click', function () { show(i); });
  });
  var toSelect = document.getElementById('to');
  if (toSelect.options.length > 1) { toSelect.selectedIndex = toSelect.options.length - 1; }
  document.getElementById('search').addEventListener('input', function (e) { search(e.target.value); });
  document.getElementById('route').addEventListener('click', function () {
    route(Number(document.getElementById('from').value), Number(document.getElementById('to').value));
  });
  // Sortable report tables: click a header to sort by it (numbers numerically).
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.querySelectorAll('th'), function (th, column) {
      th.addEventListener('click', function () {
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
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  // Deep links, also used by the browser tests: #select=ID, #search=TEXT, #route=ID,ID.
  function index(id) {
    for (var i = 0; i < data.nodes.length; i++) { if (data.nodes[i].id === id) { return i; } }
    return -1;
  }
  var hash = decodeURIComponent(window.location.hash.slice(1));
  var parts = hash.split('=');
  if (parts[0] === 'select') {
    var i = index(parts[1]);
    if (i >= 0 && element(i)) { element(i).dispatchEvent(new MouseEvent('click', { bubbles: true })); }
  } else if (parts[0] === 'search') {
    document.getElementById('search').value = parts[1];
    search(parts[1]);
  } else if (parts[0] === 'route') {
    var ends = parts[1].split(',').map(index);
    if (ends[0] >= 0 && ends[1] >= 0) { route(ends[0], ends[1]); }
  }
  document.body.setAttribute('data-ready', 'yes');
})();"#;
