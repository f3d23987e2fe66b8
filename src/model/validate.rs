//! Validation: every rule of the schema checked at once, every problem collected with its place.

use super::dates::Date;
use super::document::{QuoteMatch, SourceText};
use super::lookup::{all_ids, IdIndex, RecordKind};
use super::{Dataset, SourceRef, SCHEMA, SCHEMAS_READ};
use crate::suggest::{did_you_mean, Suggestions};
use indexmap::{IndexMap, IndexSet};
use std::collections::HashMap;
use std::path::Path;

pub use crate::error::{Problem, Severity};

/// Everything validation found, plus where each citation's quote stands in its source.
#[derive(Debug, Default)]
pub struct Report {
    /// Every problem, in dataset order.
    pub problems: Vec<Problem>,
    /// (element id, position in its `sources`) → where that citation's quote was found.
    pub quotes: IndexMap<(String, usize), QuoteMatch>,
    /// Bodies, forums and mechanisms still marked `"status": "draft"`.
    pub drafts: usize,
}

impl Report {
    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }

    /// True when the dataset must be rejected: any error, or any warning when `strict`.
    pub fn fails(&self, strict: bool) -> bool {
        self.error_count() > 0 || (strict && self.warning_count() > 0)
    }
}

/// Validates `dataset`, resolving source files against `base_dir` (the dataset file's folder).
///
/// Every rule runs, so one pass lists every problem: ids unique across all kinds; every reference
/// (group, parent, area, participant, forum, member, source) resolves; no parent cycles; source
/// files exist; each quote stands verbatim (whitespace-normalised) in its source, and its `ref`
/// matches the numbered item holding it where the document has numbered items.
pub fn validate(dataset: &Dataset, base_dir: &Path) -> Report {
    validate_staged(dataset, base_dir, &HashMap::new())
}

/// [`validate`] with the texts of some source files given (`file` as the dataset writes it →
/// text) rather than read: `draft` and `review` check a dataset and the texts they are about to
/// write beside it before writing anything.
pub fn validate_staged(
    dataset: &Dataset,
    base_dir: &Path,
    staged: &HashMap<String, String>,
) -> Report {
    let mut checker = Checker {
        dataset,
        index: IdIndex::new(dataset),
        report: Report::default(),
        suggestions: Suggestions::default(),
    };
    checker.schema();
    checker.ids();
    let texts = checker.sources(base_dir, staged);
    checker.areas();
    checker.bodies();
    checker.forums();
    checker.mechanisms(&texts);
    checker.element_citations(&texts);
    checker.isolated_bodies();
    checker.drafts();
    checker.report
}

struct Checker<'a> {
    dataset: &'a Dataset,
    index: IdIndex,
    report: Report,
    suggestions: Suggestions,
}

impl Checker<'_> {
    fn push(&mut self, severity: Severity, location: String, message: String) {
        self.report.problems.push(Problem {
            severity,
            location,
            message,
        });
    }

    fn error(&mut self, location: String, message: String) {
        self.push(Severity::Error, location, message);
    }

    fn warning(&mut self, location: String, message: String) {
        self.push(Severity::Warning, location, message);
    }

    /// Checks that `id` names a record of one of `kinds`; reports at `location` otherwise.
    fn reference(&mut self, owner: &str, location: String, id: &str, kinds: &[RecordKind]) -> bool {
        match self.index.get(id) {
            Some((kind, _)) if kinds.contains(&kind) => true,
            found => {
                let expected: Vec<&str> = kinds.iter().map(|k| k.noun()).collect();
                let expected = expected.join(" or ");
                let message = match found {
                    Some((kind, _)) => format!(
                        "'{id}' is a {}, expected a {expected}{}",
                        kind.noun(),
                        if kind == RecordKind::Forum && kinds.contains(&RecordKind::Body) {
                            " (a mechanism names the forums it runs through in `via`)"
                        } else {
                            ""
                        }
                    ),
                    None => {
                        let index = &self.index;
                        let suggested = self
                            .suggestions
                            .closest(id, || kinds.iter().flat_map(|k| index.ids_of(*k)));
                        format!("unknown {expected} '{id}'{}", did_you_mean(&suggested))
                    }
                };
                self.error(location, format!("{message} (in {owner})"));
                false
            }
        }
    }

    fn schema(&mut self) {
        if !SCHEMAS_READ.contains(&self.dataset.schema.as_str()) {
            let known: Vec<String> = SCHEMAS_READ.iter().map(|s| format!("\"{s}\"")).collect();
            self.error(
                "schema".into(),
                format!(
                    "unsupported schema '{}', expected \"{SCHEMA}\" (coopgraph reads {})",
                    self.dataset.schema,
                    known.join(" and ")
                ),
            );
        }
    }

    /// Where a mechanism's citation `slot` sits in the file: a coopgraph/1 file writes the one
    /// citation as `source`, so its problems are located there.
    fn citation_at(&self, at: &str, field: &str, slot: usize) -> String {
        if field == "mechanisms" && self.dataset.schema == SCHEMAS_READ[0] && slot == 0 {
            format!("{at}.source")
        } else {
            format!("{at}.sources[{slot}]")
        }
    }

    fn ids(&mut self) {
        let mut first_use: HashMap<&str, String> = HashMap::new();
        let mut problems = Vec::new();
        for (kind, ids) in all_ids(self.dataset) {
            for (position, id) in ids.into_iter().enumerate() {
                let location = format!("{}[{position}].id", kind.field());
                if id.trim().is_empty() || id.trim() != id || id.contains(char::is_control) {
                    problems.push((
                        location,
                        format!("id '{id}' must be non-empty, without leading or trailing spaces or control characters"),
                    ));
                    continue;
                }
                match first_use.get(id) {
                    Some(first) => problems.push((
                        location,
                        format!("id '{id}' is already used by {first}; ids must be unique across sources, groups, areas, bodies, forums and mechanisms"),
                    )),
                    None => {
                        first_use.insert(id, format!("{}[{position}]", kind.field()));
                    }
                }
            }
        }
        for (location, message) in problems {
            self.error(location, message);
        }
    }

    /// Checks source files and reads the texts of those that exist.
    fn sources(
        &mut self,
        base_dir: &Path,
        staged: &HashMap<String, String>,
    ) -> HashMap<String, SourceText> {
        let mut texts = HashMap::new();
        let dataset = self.dataset;
        let several = dataset.sources.len() > 1;
        for (position, source) in dataset.sources.iter().enumerate() {
            match &source.date {
                Some(date) if Date::parse(date).is_none() => self.warning(
                    format!("sources[{position}].date"),
                    format!(
                        "date '{date}' of source '{}' is not an ISO 8601 date; expected YYYY-MM-DD (or YYYY-MM, YYYY), so that first and last appearances can be ordered",
                        source.id
                    ),
                ),
                None if several => self.warning(
                    format!("sources[{position}]"),
                    format!(
                        "source '{}' has no `date`; with several sources, every one needs a date (YYYY-MM-DD) to order first and last appearances",
                        source.id
                    ),
                ),
                _ => {}
            }
            let Some(file) = &source.file else {
                let cited = all_citations(dataset).any(|c| c.doc == source.id);
                if cited {
                    self.warning(
                        format!("sources[{position}]"),
                        format!(
                            "source '{}' has no `file`, so the quotes citing it cannot be verified",
                            source.id
                        ),
                    );
                }
                continue;
            };
            let location = format!("sources[{position}].file");
            let path = match crate::fsio::source_paths::resolve(base_dir, file) {
                Ok(path) => path,
                Err(message) => {
                    self.error(location, message);
                    continue;
                }
            };
            if let Some(raw) = staged.get(file) {
                texts.insert(source.id.clone(), SourceText::new(raw));
                continue;
            }
            match crate::fsio::read_input(&path, "source text") {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(raw) => {
                        texts.insert(source.id.clone(), SourceText::new(&raw));
                    }
                    Err(_) => self.error(
                        location,
                        format!(
                            "'{}' is not UTF-8 text; save the source as UTF-8",
                            path.display()
                        ),
                    ),
                },
                Err(message) => self.error(
                    location,
                    format!("{message}; `file` is relative to the dataset's folder"),
                ),
            }
        }
        texts
    }

    fn areas(&mut self) {
        for (position, area) in self.dataset.areas.iter().enumerate() {
            if let Some(source) = &area.source {
                self.reference(
                    &format!("area '{}'", area.id),
                    format!("areas[{position}].source"),
                    source,
                    &[RecordKind::Source],
                );
            }
        }
    }

    fn bodies(&mut self) {
        let dataset = self.dataset;
        for (position, body) in dataset.bodies.iter().enumerate() {
            self.required_text(format!("bodies[{position}].name"), &body.name);
            self.reference(
                &format!("body '{}'", body.id),
                format!("bodies[{position}].group"),
                &body.group,
                &[RecordKind::Group],
            );
            if let Some(parent) = &body.parent {
                // A self-parent is reported as a one-member cycle below.
                if parent != &body.id {
                    self.reference(
                        &format!("body '{}'", body.id),
                        format!("bodies[{position}].parent"),
                        parent,
                        &[RecordKind::Body],
                    );
                }
            }
        }
        let parents: Vec<(&str, Option<&str>)> = dataset
            .bodies
            .iter()
            .map(|b| (b.id.as_str(), b.parent.as_deref()))
            .collect();
        for (position, cycle) in find_cycles(&parents) {
            self.error(
                format!("bodies[{position}].parent"),
                format!("parent links form a cycle: {}", cycle.join(" → ")),
            );
        }
    }

    fn forums(&mut self) {
        let dataset = self.dataset;
        for (position, forum) in dataset.forums.iter().enumerate() {
            self.required_text(format!("forums[{position}].name"), &forum.name);
            for (slot, member) in forum.members.iter().enumerate() {
                self.reference(
                    &format!("forum '{}'", forum.id),
                    format!("forums[{position}].members[{slot}]"),
                    member,
                    &[RecordKind::Body, RecordKind::Group],
                );
            }
            if let Some(parent) = &forum.parent {
                // A self-parent is reported as a one-member cycle below.
                if parent != &forum.id {
                    self.reference(
                        &format!("forum '{}'", forum.id),
                        format!("forums[{position}].parent"),
                        parent,
                        &[RecordKind::Forum],
                    );
                }
            }
        }
        let parents: Vec<(&str, Option<&str>)> = dataset
            .forums
            .iter()
            .map(|f| (f.id.as_str(), f.parent.as_deref()))
            .collect();
        for (position, cycle) in find_cycles(&parents) {
            self.error(
                format!("forums[{position}].parent"),
                format!("parent links form a cycle: {}", cycle.join(" → ")),
            );
        }
    }

    fn mechanisms(&mut self, texts: &HashMap<String, SourceText>) {
        let dataset = self.dataset;
        for (position, mechanism) in dataset.mechanisms.iter().enumerate() {
            let at = format!("mechanisms[{position}]");
            let owner = format!("mechanism '{}'", mechanism.id);
            self.required_text(format!("{at}.name"), &mechanism.name);
            if let Some(area) = &mechanism.area {
                self.reference(&owner, format!("{at}.area"), area, &[RecordKind::Area]);
            }
            if mechanism.participants.is_empty() {
                self.warning(
                    format!("{at}.participants"),
                    format!(
                        "mechanism '{}' has no participants, so it ties no bodies together",
                        mechanism.id
                    ),
                );
            }
            let mut seen = IndexSet::new();
            for (slot, participant) in mechanism.participants.iter().enumerate() {
                let location = format!("{at}.participants[{slot}].body");
                if self.reference(
                    &owner,
                    location.clone(),
                    &participant.body,
                    &[RecordKind::Body],
                ) && !seen.insert(participant.body.as_str())
                {
                    self.error(
                        location,
                        format!(
                            "body '{}' is listed twice in mechanism '{}'",
                            participant.body, mechanism.id
                        ),
                    );
                }
            }
            let mut seen_forums = IndexSet::new();
            for (slot, forum) in mechanism.via.iter().enumerate() {
                let location = format!("{at}.via[{slot}]");
                if self.reference(&owner, location.clone(), forum, &[RecordKind::Forum])
                    && !seen_forums.insert(forum.as_str())
                {
                    self.error(
                        location,
                        format!(
                            "forum '{forum}' is listed twice in mechanism '{}'",
                            mechanism.id
                        ),
                    );
                }
            }
            if mechanism.sources.is_empty() {
                let location = if dataset.schema == SCHEMAS_READ[0] {
                    format!("{at}.source")
                } else {
                    format!("{at}.sources")
                };
                self.warning(
                    location,
                    format!(
                        "mechanism '{}' cites no source, so its ties cannot be traced to a document",
                        mechanism.id
                    ),
                );
            }
            self.citations(
                &at,
                "mechanisms",
                &owner,
                &mechanism.id,
                &mechanism.sources,
                texts,
            );
        }
    }

    /// Checks the citations of bodies and forums (optional: a body may have none of its own).
    fn element_citations(&mut self, texts: &HashMap<String, SourceText>) {
        let dataset = self.dataset;
        for (position, body) in dataset.bodies.iter().enumerate() {
            let at = format!("bodies[{position}]");
            let owner = format!("body '{}'", body.id);
            self.citations(&at, "bodies", &owner, &body.id, &body.sources, texts);
        }
        for (position, forum) in dataset.forums.iter().enumerate() {
            let at = format!("forums[{position}]");
            let owner = format!("forum '{}'", forum.id);
            self.citations(&at, "forums", &owner, &forum.id, &forum.sources, texts);
        }
    }

    /// Checks each citation of one element: the source exists, the quote stands in it, the ref
    /// agrees with the item holding the quote; the same document cited twice is suspicious.
    fn citations(
        &mut self,
        at: &str,
        field: &str,
        owner: &str,
        id: &str,
        citations: &[SourceRef],
        texts: &HashMap<String, SourceText>,
    ) {
        for (slot, citation) in citations.iter().enumerate() {
            let location = self.citation_at(at, field, slot);
            if self.reference(
                owner,
                format!("{location}.doc"),
                &citation.doc,
                &[RecordKind::Source],
            ) {
                self.quote(
                    &location,
                    owner,
                    id,
                    slot,
                    citation,
                    texts.get(&citation.doc),
                );
            }
        }
    }

    /// Checks that the quote of one citation stands in `text` under its `ref`.
    fn quote(
        &mut self,
        at: &str,
        owner: &str,
        id: &str,
        slot: usize,
        source: &SourceRef,
        text: Option<&SourceText>,
    ) {
        if source.quote.trim().is_empty() {
            self.error(
                format!("{at}.quote"),
                format!("the quote is empty; copy the clause that names it (in {owner})"),
            );
            return;
        }
        let Some(text) = text else {
            return; // the missing or unreadable file is reported once, on the source
        };
        let found = text.find_all(&source.quote);
        let Some(first) = found.first() else {
            let hint = match text.partial_match(&source.quote) {
                Some(partial) => format!(
                    "; the text matches up to \"{}\" (line {}), then reads \"{}\" where the quote has \"{}\"",
                    tail(&partial.matched, 40),
                    partial.line,
                    partial.text_continues,
                    partial.quote_continues
                ),
                None => String::new(),
            };
            self.error(
                format!("{at}.quote"),
                format!(
                    "quote of {owner} is not in source '{}' (compared verbatim, whitespace-normalised){hint}",
                    source.doc
                ),
            );
            return;
        };
        let structured = !text.items().is_empty();
        let placed = found
            .iter()
            .find(|m| m.item.as_deref() == Some(source.reference.as_str()));
        let key = (id.to_string(), slot);
        match placed {
            Some(matched) => {
                self.report.quotes.insert(key, matched.clone());
            }
            None => {
                self.report.quotes.insert(key, first.clone());
                if let (true, Some(item)) = (structured, &first.item) {
                    self.warning(
                        format!("{at}.ref"),
                        format!(
                            "ref '{}' of {owner}, but its quote stands in item {item} (line {})",
                            source.reference, first.line
                        ),
                    );
                }
            }
        }
    }

    /// Counts what `coopgraph draft` proposed and nobody reviewed yet (a warning, so that
    /// `validate --strict` passes only on a reviewed dataset); a draft should say why it was
    /// proposed.
    fn drafts(&mut self) {
        let dataset = self.dataset;
        let drafted = dataset
            .bodies
            .iter()
            .enumerate()
            .filter(|(_, b)| b.is_draft())
            .map(|(i, b)| (format!("bodies[{i}]"), &b.id, &b.note))
            .chain(
                dataset
                    .forums
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.is_draft())
                    .map(|(i, f)| (format!("forums[{i}]"), &f.id, &f.note)),
            )
            .chain(
                dataset
                    .mechanisms
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.is_draft())
                    .map(|(i, m)| (format!("mechanisms[{i}]"), &m.id, &m.note)),
            );
        let mut count = 0;
        let mut unexplained = Vec::new();
        for (location, id, note) in drafted {
            count += 1;
            if note.as_deref().is_none_or(|n| n.trim().is_empty()) {
                unexplained.push((location, id.clone()));
            }
        }
        for (location, id) in unexplained {
            self.warning(
                format!("{location}.note"),
                format!("draft '{id}' has no note; a drafted element says why it was proposed"),
            );
        }
        self.report.drafts = count;
        if count > 0 {
            self.warning(
                "status".into(),
                format!(
                    "{count} drafted element(s) not reviewed yet (\"status\": \"draft\"); accept, correct or drop them with `coopgraph review`"
                ),
            );
        }
    }

    /// Bodies that no mechanism, forum or sub-body ties to anything end up isolated.
    fn isolated_bodies(&mut self) {
        let dataset = self.dataset;
        let mut tied: IndexSet<&str> = IndexSet::new();
        for mechanism in &dataset.mechanisms {
            tied.extend(mechanism.participants.iter().map(|p| p.body.as_str()));
        }
        for forum in &dataset.forums {
            tied.extend(forum.members.iter().map(String::as_str));
        }
        tied.extend(dataset.bodies.iter().filter_map(|b| b.parent.as_deref()));
        for (position, body) in dataset.bodies.iter().enumerate() {
            if !tied.contains(body.id.as_str()) {
                self.warning(
                    format!("bodies[{position}]"),
                    format!(
                        "body '{}' takes part in no mechanism, belongs to no forum and has no sub-body, so it is isolated",
                        body.id
                    ),
                );
            }
        }
    }

    fn required_text(&mut self, location: String, value: &str) {
        if value.trim().is_empty() {
            self.error(location, "must not be empty".into());
        }
    }
}

/// Every citation of the dataset: of mechanisms, bodies and forums.
fn all_citations(dataset: &Dataset) -> impl Iterator<Item = &SourceRef> {
    dataset
        .mechanisms
        .iter()
        .flat_map(|m| &m.sources)
        .chain(dataset.bodies.iter().flat_map(|b| &b.sources))
        .chain(dataset.forums.iter().flat_map(|f| &f.sources))
}

/// The last `limit` characters of `text`, with an ellipsis when cut.
fn tail(text: &str, limit: usize) -> String {
    let count = text.chars().count();
    if count <= limit {
        return text.to_string();
    }
    let kept: String = text.chars().skip(count - limit).collect();
    format!("…{kept}")
}

/// Parent cycles among `(id, parent)` pairs: for each cycle, the position of its first member in
/// list order and the ids around it (first id repeated at the end).
fn find_cycles(links: &[(&str, Option<&str>)]) -> Vec<(usize, Vec<String>)> {
    let position: HashMap<&str, usize> = links
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    // 0 = unvisited, 1 = on the current walk, 2 = done.
    let mut state = vec![0u8; links.len()];
    let mut cycles = Vec::new();
    for start in 0..links.len() {
        let mut walk = Vec::new();
        let mut current = Some(start);
        while let Some(node) = current {
            match state[node] {
                2 => break,
                1 => {
                    let from = walk.iter().position(|&n| n == node).unwrap_or(0);
                    let members = &walk[from..];
                    let first = members.iter().copied().min().unwrap_or(node);
                    let rotate = members.iter().position(|&n| n == first).unwrap_or(0);
                    let mut ids: Vec<String> = members[rotate..]
                        .iter()
                        .chain(&members[..rotate])
                        .map(|&n| links[n].0.to_string())
                        .collect();
                    ids.push(links[first].0.to_string());
                    cycles.push((first, ids));
                    break;
                }
                _ => {
                    state[node] = 1;
                    walk.push(node);
                    current = links[node]
                        .1
                        .and_then(|parent| position.get(parent).copied());
                }
            }
        }
        for node in walk {
            state[node] = 2;
        }
    }
    cycles.sort();
    cycles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_cycle_once_from_its_first_member() {
        let links = [
            ("a", Some("b")),
            ("b", Some("c")),
            ("c", Some("a")),
            ("d", Some("a")),
            ("e", None),
            ("f", Some("f")),
        ];
        let cycles = find_cycles(&links);
        assert_eq!(
            cycles,
            vec![
                (0, vec!["a".into(), "b".into(), "c".into(), "a".into()]),
                (5, vec!["f".into(), "f".into()])
            ]
        );
    }

    #[test]
    fn no_cycles_in_a_tree() {
        let links = [("a", None), ("b", Some("a")), ("c", Some("b"))];
        assert!(find_cycles(&links).is_empty());
    }

    fn dataset_with_text(text: &str) -> (tempfile::TempDir, Dataset) {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::write(dir.path().join("a.txt"), text).expect("write");
        std::fs::write(dir.path().join("b.txt"), "Second text names the Navy.").expect("write");
        let json = r#"{"schema": "coopgraph/2",
          "sources": [{"id": "a", "title": "A", "date": "2021-09-24", "file": "a.txt"},
                      {"id": "b", "title": "B", "date": "24 May 2022", "file": "b.txt"}],
          "groups": [{"id": "g", "name": "G"}],
          "bodies": [{"id": "navy", "name": "Navy", "kind": "military", "group": "g",
                      "sources": [{"doc": "b", "ref": "1", "quote": "names the Navy"}],
                      "status": "draft"},
                     {"id": "army", "name": "Army", "kind": "military", "group": "g"}],
          "mechanisms": [{"id": "m", "name": "M", "kind": "exercise",
             "participants": [{"body": "navy"}, {"body": "army"}],
             "sources": [{"doc": "a", "ref": "1", "quote": "joint exercise"},
                         {"doc": "b", "ref": "1", "quote": "a missing clause"}],
             "status": "draft", "note": "rule: exercise"}]}"#;
        (
            dir,
            crate::ingest::json::parse(json, "t.json").expect("parses"),
        )
    }

    #[test]
    fn checks_every_citation_and_counts_drafts() {
        let (dir, dataset) = dataset_with_text("The navy and army hold a joint exercise.");
        let report = validate(&dataset, dir.path());
        let shown: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
        let has = |needle: &str| shown.iter().any(|p| p.contains(needle));
        assert!(has("error: mechanisms[0].sources[1].quote: quote of mechanism 'm' is not in source 'b'"), "{shown:#?}");
        assert!(has("warning: sources[1].date: date '24 May 2022' of source 'b' is not an ISO 8601 date"), "{shown:#?}");
        assert!(
            has("warning: bodies[0].note: draft 'navy' has no note"),
            "{shown:#?}"
        );
        assert!(has("2 drafted element(s) not reviewed yet"), "{shown:#?}");
        assert_eq!(report.drafts, 2);
        // The body's own citation and the mechanism's first are verified.
        assert_eq!(report.quotes.len(), 2);
        assert!(report.quotes.contains_key(&("navy".to_string(), 0)));
    }

    #[test]
    fn a_version_1_file_keeps_its_locations() {
        let (dir, mut dataset) = dataset_with_text("Nothing here.");
        dataset.schema = "coopgraph/1".into();
        dataset.mechanisms[0].sources.truncate(1);
        let report = validate(&dataset, dir.path());
        assert!(report
            .problems
            .iter()
            .any(|p| p.location == "mechanisms[0].source.quote"));
    }

    #[test]
    fn tail_keeps_the_end() {
        assert_eq!(tail("abcdef", 3), "…def");
        assert_eq!(tail("ab", 3), "ab");
    }
}
