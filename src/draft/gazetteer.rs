//! The gazetteer: countries, bodies, office titles and forums that `draft` recognises, read from
//! plain CSV files (`data/gazetteer/*.csv`, built in; more with `--gazetteer FILE`).

use crate::error::{Error, Result};
use crate::suggest::{closest, did_you_mean};
use indexmap::IndexMap;
use std::path::Path;

/// The gazetteer files shipped with coopgraph, built into the binary so `draft` runs anywhere.
const BUILT_IN: [(&str, &str); 7] = [
    (
        "data/gazetteer/countries.csv",
        include_str!("../../data/gazetteer/countries.csv"),
    ),
    (
        "data/gazetteer/offices.csv",
        include_str!("../../data/gazetteer/offices.csv"),
    ),
    (
        "data/gazetteer/forums.csv",
        include_str!("../../data/gazetteer/forums.csv"),
    ),
    (
        "data/gazetteer/japan.csv",
        include_str!("../../data/gazetteer/japan.csv"),
    ),
    (
        "data/gazetteer/india.csv",
        include_str!("../../data/gazetteer/india.csv"),
    ),
    (
        "data/gazetteer/united-states.csv",
        include_str!("../../data/gazetteer/united-states.csv"),
    ),
    (
        "data/gazetteer/australia.csv",
        include_str!("../../data/gazetteer/australia.csv"),
    ),
];

/// The columns of every gazetteer file, in order.
pub const COLUMNS: [&str; 8] = [
    "type",
    "group",
    "name",
    "short",
    "aliases",
    "kind",
    "functions",
    "parent",
];

/// The entry types a gazetteer row may have.
const TYPES: [&str; 4] = ["country", "body", "office", "forum"];

/// One gazetteer row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// country, body, office or forum.
    pub kind_of_entry: EntryType,
    /// The group (country) id; empty for forums and for offices of any country.
    pub group: String,
    /// Official name.
    pub name: String,
    /// Acronym or short name.
    pub short: Option<String>,
    /// Former names, other spellings, adjectives (countries).
    pub aliases: Vec<String>,
    /// Body or forum kind (ministry, agency …; summit, un-body …).
    pub kind: String,
    /// Functions other rules look up (foreign-ministry, navy …).
    pub functions: Vec<String>,
    /// The name or short name of the parent body or forum.
    pub parent: Option<String>,
}

/// What a gazetteer row describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryType {
    /// A country: a group of bodies.
    Country,
    /// A ministry, agency, force, institute …
    Body,
    /// An office title that stands for a body function ("Foreign Minister").
    Office,
    /// A multilateral forum.
    Forum,
}

impl Entry {
    /// Every name the entry answers to: name, short name, aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.short.as_deref())
            .chain(self.aliases.iter().map(String::as_str))
    }
}

/// Every entry, in file order (a later entry with the same type, group and name replaces an
/// earlier one, so a user's file can correct a built-in entry).
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// The entries.
    pub entries: Vec<Entry>,
}

impl Gazetteer {
    /// The built-in gazetteer plus the user's `extra` files.
    pub fn load(extra: &[std::path::PathBuf]) -> Result<Gazetteer> {
        let mut merged: IndexMap<(EntryType, String, String), Entry> = IndexMap::new();
        let mut add = |entries: Vec<Entry>| {
            for entry in entries {
                let key = (
                    entry.kind_of_entry,
                    entry.group.clone(),
                    entry.name.to_lowercase(),
                );
                merged.insert(key, entry);
            }
        };
        for (name, text) in BUILT_IN {
            add(parse(text, name)?);
        }
        for path in extra {
            add(read_file(path)?);
        }
        Ok(Gazetteer {
            entries: merged.into_values().collect(),
        })
    }

    /// The entries of one type.
    pub fn of(&self, kind: EntryType) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.kind_of_entry == kind)
    }

    /// The country entry of group `id`.
    pub fn country(&self, id: &str) -> Option<&Entry> {
        self.of(EntryType::Country).find(|c| c.group == id)
    }

    /// The first body of `group` that has `function`.
    pub fn body_with(&self, group: &str, function: &str) -> Option<&Entry> {
        self.of(EntryType::Body)
            .find(|b| b.group == group && b.functions.iter().any(|f| f == function))
    }

    /// Resolves a country given by id, name or alias (case-insensitive) to its group id.
    pub fn resolve_country(&self, wanted: &str) -> Result<String> {
        let folded = wanted.trim().to_lowercase();
        self.of(EntryType::Country)
            .find(|c| c.group == folded || c.names().any(|n| n.to_lowercase() == folded))
            .map(|c| c.group.clone())
            .ok_or_else(|| {
                let names: Vec<&str> = self.of(EntryType::Country).map(|c| c.name.as_str()).collect();
                Error::Usage(format!(
                    "--group '{wanted}' is not a country of the gazetteer{}; expected one of {} (or add a `country` row with --gazetteer FILE)",
                    did_you_mean(&closest(wanted, names.iter().copied())),
                    names.join(", ")
                ))
            })
    }
}

fn read_file(path: &Path) -> Result<Vec<Entry>> {
    // Under the input rules: a regular file, at most the input limit, and never an output.
    let bytes = crate::fsio::read_input(path, "gazetteer").map_err(|message| {
        Error::Input(format!(
            "{message}; expected a UTF-8 CSV file with the columns {}",
            COLUMNS.join(",")
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|err| {
        Error::Input(format!(
            "gazetteer '{}': byte {} is not UTF-8; expected a UTF-8 CSV file with the columns {}",
            path.display(),
            err.utf8_error().valid_up_to(),
            COLUMNS.join(",")
        ))
    })?;
    parse(&text, &path.display().to_string())
}

/// Parses one gazetteer file; `file` names it in errors (which give the line and column).
pub fn parse(text: &str, file: &str) -> Result<Vec<Entry>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|err| Error::Input(format!("{file}: {err}")))?
        .iter()
        .map(str::to_lowercase)
        .collect();
    if headers != COLUMNS {
        return Err(Error::Input(format!(
            "{file} line 1: the header is '{}'; expected '{}'",
            headers.join(","),
            COLUMNS.join(",")
        )));
    }
    let mut entries = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|err| {
            let line = err.position().map_or(0, |p| p.line());
            Error::Input(format!("{file} line {line}: {err}"))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let cell = |i: usize| record.get(i).unwrap_or("").trim().to_string();
        let list = |i: usize| -> Vec<String> {
            cell(i)
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        let kind_of_entry = match cell(0).as_str() {
            "country" => EntryType::Country,
            "body" => EntryType::Body,
            "office" => EntryType::Office,
            "forum" => EntryType::Forum,
            other => {
                return Err(Error::Input(format!(
                "{file} line {line}, column 'type': unknown type '{other}'{}; expected one of {}",
                did_you_mean(&closest(other, TYPES)),
                TYPES.join(", ")
            )))
            }
        };
        let name = cell(2);
        if name.is_empty() {
            return Err(Error::Input(format!(
                "{file} line {line}, column 'name': empty; expected the entry's name"
            )));
        }
        let group = cell(1);
        if matches!(kind_of_entry, EntryType::Country | EntryType::Body) && group.is_empty() {
            return Err(Error::Input(format!(
                "{file} line {line}, column 'group': empty; a {} needs its group (country) id",
                cell(0)
            )));
        }
        let optional = |i: usize| Some(cell(i)).filter(|s| !s.is_empty());
        entries.push(Entry {
            kind_of_entry,
            group,
            name,
            short: optional(3),
            aliases: list(4),
            kind: cell(5),
            functions: list(6),
            parent: optional(7),
        });
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_gazetteer_covers_the_four_countries() {
        let gazetteer = Gazetteer::load(&[]).expect("built-in gazetteer parses");
        for group in ["japan", "india", "united-states", "australia"] {
            for function in [
                "government",
                "foreign-ministry",
                "defence-ministry",
                "navy",
                "coast-guard",
            ] {
                assert!(
                    gazetteer.body_with(group, function).is_some(),
                    "{group} has no {function}"
                );
            }
        }
        assert_eq!(
            gazetteer.resolve_country("Japanese").expect("adjective"),
            "japan"
        );
        let err = gazetteer.resolve_country("Japn").expect_err("typo");
        assert!(err.to_string().contains("did you mean 'Japan'"), "{err}");
    }

    #[test]
    fn a_bad_row_is_reported_with_its_line() {
        let text = "type,group,name,short,aliases,kind,functions,parent\nbody,japan,X,,,agency,,\nbdy,japan,Y,,,agency,,\n";
        let err = parse(text, "mine.csv").expect_err("bad type").to_string();
        assert!(
            err.contains(
                "mine.csv line 3, column 'type': unknown type 'bdy'; did you mean 'body'?"
            ),
            "{err}"
        );
        let err = parse("name\nx\n", "mine.csv")
            .expect_err("header")
            .to_string();
        assert!(err.contains("line 1: the header is 'name'"), "{err}");
    }

    #[test]
    fn a_user_file_replaces_a_built_in_entry() {
        let dir = tempfile::tempdir().expect("temp");
        let file = dir.path().join("mine.csv");
        std::fs::write(
            &file,
            "type,group,name,short,aliases,kind,functions,parent\nbody,japan,Japan Coast Guard,JCG,Kaiho,coast-guard,coast-guard,\nbody,japan,Japan Fisheries Agency,JFA,,agency,,\n",
        )
        .expect("write");
        let gazetteer = Gazetteer::load(&[file]).expect("loads");
        let jcg: Vec<&Entry> = gazetteer
            .of(EntryType::Body)
            .filter(|b| b.name == "Japan Coast Guard")
            .collect();
        assert_eq!(jcg.len(), 1);
        assert_eq!(jcg[0].aliases, ["Kaiho"]);
        assert!(gazetteer
            .of(EntryType::Body)
            .any(|b| b.short.as_deref() == Some("JFA")));
    }
}
