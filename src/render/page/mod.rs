//! The interactive HTML page: one self-contained file — each view's Graphviz SVG inline as a
//! tab, the data as inert JSON (`data`), and our own script (`page.js`) and styles
//! (`page.css`): the route finder that answers what `coopgraph path` answers, focus, zoom and
//! pan, filters, details with the quoted clauses. No request leaves the page: a
//! Content-Security-Policy forbids it.

pub mod data;

use super::scene::Scene;
use crate::analysis::centrality::Scores;
use crate::model::Dataset;
use crate::query::links::Links;
use crate::text::escape::{html, json_in_html};
use data::{has_timeline, page_json, PageView};

/// The page's behaviour. Every dataset string reaches the page through `textContent` or an
/// attribute set from script, never as markup.
const SCRIPT: &str = include_str!("page.js");
/// The page's styles, print stylesheet included.
const STYLE: &str = include_str!("page.css");
/// The timeline slider's script and styles: only on the page of a dataset with two or more
/// source dates, so a page of one source is unchanged by them.
const TIMELINE_SCRIPT: &str = include_str!("page_timeline.js");
const TIMELINE_STYLE: &str = include_str!("page_timeline.css");

/// The page for one `scene` (`render --format html`), with Graphviz's `svg` inline.
pub fn page(scene: &Scene, dataset: &Dataset, svg: &str) -> String {
    let view = PageView {
        title: scene.title.clone(),
        svg: svg.to_string(),
        node_ids: scene.nodes.iter().map(|n| n.id.clone()).collect(),
    };
    page_with(&scene.title, dataset, &[view], "")
}

/// The page titled `title` with `views` as tabs (the first one shown) and `extra` markup (built
/// by coopgraph, every dataset string already escaped) below: the report's findings and tables.
pub fn page_with(title: &str, dataset: &Dataset, views: &[PageView], extra: &str) -> String {
    page_with_scores(title, dataset, views, extra, None, None)
}

/// [`page_with`], reading the nodes' centralities from `scores` (computed on the network, with
/// at least degree, betweenness, eigenvector and PageRank) and the route finder's links (built
/// with the hierarchy) from `links` when given.
pub fn page_with_scores(
    title: &str,
    dataset: &Dataset,
    views: &[PageView],
    extra: &str,
    scores: Option<&[Scores]>,
    links: Option<&Links>,
) -> String {
    let json = page_json(title, dataset, views, scores, links);
    let (style, script) = if has_timeline(dataset) {
        (
            format!("{STYLE}{TIMELINE_STYLE}"),
            format!("{SCRIPT}</script>\n<script>\n{TIMELINE_SCRIPT}"),
        )
    } else {
        (STYLE.to_string(), SCRIPT.to_string())
    };
    let (tabs, panels) = tabs_and_panels(views);
    format!(
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{style}
</style>
</head>
<body>
<a class="skip" href="#from">Skip to the route finder</a>
<div id="layout">
<main id="diagram">
<header>
<h1>{title}</h1>
<div role="tablist" aria-label="Views" id="tabs">{tabs}</div>
<div id="toolbar" role="toolbar" aria-label="Zoom and focus">
<button type="button" id="zoom-in" aria-label="Zoom in" title="Zoom in (+)">+</button>
<button type="button" id="zoom-out" aria-label="Zoom out" title="Zoom out (−)">−</button>
<button type="button" id="zoom-fit" title="Show the whole view (0)">Fit</button>
<button type="button" id="zoom-focus" title="Zoom to what is drawn strongly">Zoom to focus</button>
<button type="button" id="clear-focus" title="Clear the focus (Escape)">Clear focus</button>
<span id="focus-note" aria-live="polite"></span>
</div>
</header>
<div id="views">
{panels}</div>
<div id="legend" aria-label="Legend and filters"></div>
</main>
<aside>
<form id="route-form" aria-labelledby="route-title" autocomplete="off">
<h2 id="route-title">Which bodies link …</h2>
<div class="ends">
<label for="from">From</label><input id="from" name="from" list="names" placeholder="body or country, e.g. MLIT" aria-describedby="names-help">
<label for="to">To</label><input id="to" name="to" list="names" placeholder="body or country, e.g. India" aria-describedby="names-help">
</div>
<p id="names-help" class="help">An id, short name, name, alias or country — as <code>coopgraph path</code> takes them.</p>
<div class="options">
<label><input type="checkbox" id="hierarchy" checked> count steps to a parent body (part of)</label>
<label for="hops">Max hops</label><input id="hops" type="number" min="1" max="12" step="1">
<label for="limit">Show at most</label><input id="limit" type="number" min="1" step="1">
<label for="avoid">Avoid</label><input id="avoid" name="avoid" placeholder="bodies, separated by ;" aria-describedby="avoid-help">
<button type="submit" id="route">Find routes</button>
</div>
<p id="avoid-help" class="help">Avoid: no path passes through these bodies (or every body of a country), like <code>--avoid</code>.</p>
</form>
<datalist id="names"></datalist>
<div id="answer" aria-live="polite"></div>
<h2><label for="search">Search</label></h2>
<input id="search" type="search" placeholder="name, short name, id" autocomplete="off" aria-controls="results">
<div id="results"></div>
<section id="panel" aria-live="polite"><p>Hover a node to see its ties; click it for its details and the clauses behind them. Escape clears the focus.</p></section>
</aside>
</div>
{extra}
<script type="application/json" id="coopgraph-data">{json}</script>
<script>
{script}
</script>
</body>
</html>
"##,
        title = html(title),
        style = style,
        tabs = tabs,
        panels = panels,
        json = json_in_html(&json),
        extra = extra,
        script = script,
    )
}

/// The tab buttons and the view panels, the first view shown.
fn tabs_and_panels(views: &[PageView]) -> (String, String) {
    let mut tabs = String::new();
    let mut panels = String::new();
    for (k, view) in views.iter().enumerate() {
        let selected = k == 0;
        tabs.push_str(&format!(
            "<button type=\"button\" role=\"tab\" id=\"tab-{k}\" aria-controls=\"view-{k}\" aria-selected=\"{selected}\" tabindex=\"{}\" title=\"{title}\">{title}</button>",
            if selected { 0 } else { -1 },
            title = html(&view.title)
        ));
        panels.push_str(&format!(
            "<section class=\"view{}\" role=\"tabpanel\" id=\"view-{k}\" aria-labelledby=\"tab-{k}\" tabindex=\"0\" data-view=\"{k}\"{}>\n{}\n</section>\n",
            if selected { " active" } else { "" },
            if selected { "" } else { " hidden" },
            inline_svg(&view.svg, k)
        ));
    }
    if views.is_empty() {
        panels.push_str("<p>No diagram: Graphviz is needed to draw one.</p>");
    }
    (tabs, panels)
}

/// Graphviz's SVG made fit to sit inline as view `k`: without the XML declaration and DOCTYPE,
/// without the fixed width and height (the page sizes it; the viewBox keeps the proportions),
/// and with every `id` prefixed `v{k}_` so that ids stay unique among several views.
fn inline_svg(svg: &str, k: usize) -> String {
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
    // Attribute values come escaped from Graphviz (a quote is &quot;), so ` id="` only ever
    // starts an id attribute.
    svg.replace(" id=\"", &format!(" id=\"v{k}_"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_svg_drops_the_prolog_and_size_and_scopes_ids() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg width=\"10pt\" height=\"5pt\" viewBox=\"0 0 10 5\">\n<g id=\"n0\" class=\"node\"><title>n0</title></g></svg>";
        let inline = inline_svg(svg, 2);
        assert!(inline.starts_with("<svg viewBox=\"0 0 10 5\">"), "{inline}");
        assert!(inline.contains("<g id=\"v2_n0\" class=\"node\">"));
        assert!(!inline.contains("DOCTYPE"));
    }
}
