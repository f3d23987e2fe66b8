//! The links between the documents: every relative link and picture of README.md and docs/*.md
//! points at a file that exists and, for `file.md#anchor`, at a heading of that file, so a
//! reader's click always lands (GitHub's heading anchors: lower case, punctuation dropped,
//! spaces to `-`, `-1`, `-2` … for repeats).

use crate::examples::{documents, relative, root};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

/// Every problem with the links of the documentation.
pub fn problems() -> Vec<String> {
    let mut problems = Vec::new();
    for file in documents() {
        let text = fs::read_to_string(&file).expect("read a document");
        for (line, target) in links(&text) {
            if let Some(problem) = check(&file, &target) {
                problems.push(format!("{}:{line}: {target}: {problem}", relative(&file)));
            }
        }
    }
    problems
}

/// The link and picture targets of a Markdown text, with their line numbers.
fn links(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (event, range) in Parser::new_ext(text, Options::all()).into_offset_iter() {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event {
            let line = text[..range.start].matches('\n').count() + 1;
            found.push((line, dest_url.to_string()));
        }
    }
    found
}

/// What is wrong with `target`, a link in `file`, if anything.
fn check(file: &Path, target: &str) -> Option<String> {
    if target.contains("://") || target.starts_with("mailto:") {
        return None;
    }
    let (path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (target, None),
    };
    let linked = if path.is_empty() {
        file.to_path_buf()
    } else {
        normalise(&file.parent().expect("a document has a folder").join(path))
    };
    let name = relative(&linked);
    if !linked.exists() {
        return Some(format!("no file {name}"));
    }
    let anchor = anchor?;
    if linked.extension().is_none_or(|e| e != "md") {
        return None;
    }
    let text = fs::read_to_string(&linked).expect("read a linked document");
    (!anchors(&text).contains(anchor)).then(|| format!("no heading #{anchor} in {name}"))
}

/// `path` with `.` and `..` resolved (the files may not exist).
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    if out.starts_with(root()) {
        out
    } else {
        root().join(out)
    }
}

/// The anchors GitHub gives the headings of a Markdown text.
pub fn anchors(text: &str) -> BTreeSet<String> {
    let mut anchors = BTreeSet::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(text, Options::all()) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    let slug = slug(&h);
                    let mut anchor = slug.clone();
                    let mut n = 0;
                    while anchors.contains(&anchor) {
                        n += 1;
                        anchor = format!("{slug}-{n}");
                    }
                    anchors.insert(anchor);
                }
            }
            _ => {}
        }
    }
    anchors
}

/// GitHub's anchor for a heading's text.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}
