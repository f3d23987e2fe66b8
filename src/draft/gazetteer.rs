//! The gazetteer: countries, bodies, office titles and forums that `draft` recognises, read from
//! plain CSV files (`data/gazetteer/*.csv`, built in; more with `--gazetteer FILE`).

use crate::error::{Error, Result};
use crate::model::dates::Date;
use crate::suggest::{closest, did_you_mean};
use indexmap::IndexMap;
use std::path::Path;

/// The gazetteer files shipped with coopgraph, built into the binary so `draft` runs anywhere.
const BUILT_IN: [(&str, &str); 24] = [
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
    (
        "data/gazetteer/korea.csv",
        include_str!("../../data/gazetteer/korea.csv"),
    ),
    (
        "data/gazetteer/philippines.csv",
        include_str!("../../data/gazetteer/philippines.csv"),
    ),
    (
        "data/gazetteer/indonesia.csv",
        include_str!("../../data/gazetteer/indonesia.csv"),
    ),
    (
        "data/gazetteer/vietnam.csv",
        include_str!("../../data/gazetteer/vietnam.csv"),
    ),
    (
        "data/gazetteer/singapore.csv",
        include_str!("../../data/gazetteer/singapore.csv"),
    ),
    (
        "data/gazetteer/malaysia.csv",
        include_str!("../../data/gazetteer/malaysia.csv"),
    ),
    (
        "data/gazetteer/thailand.csv",
        include_str!("../../data/gazetteer/thailand.csv"),
    ),
    (
        "data/gazetteer/new-zealand.csv",
        include_str!("../../data/gazetteer/new-zealand.csv"),
    ),
    (
        "data/gazetteer/united-kingdom.csv",
        include_str!("../../data/gazetteer/united-kingdom.csv"),
    ),
    (
        "data/gazetteer/france.csv",
        include_str!("../../data/gazetteer/france.csv"),
    ),
    (
        "data/gazetteer/canada.csv",
        include_str!("../../data/gazetteer/canada.csv"),
    ),
    (
        "data/gazetteer/european-union.csv",
        include_str!("../../data/gazetteer/european-union.csv"),
    ),
    (
        "data/gazetteer/companies.csv",
        include_str!("../../data/gazetteer/companies.csv"),
    ),
    (
        "data/gazetteer/asean-members.csv",
        include_str!("../../data/gazetteer/asean-members.csv"),
    ),
    (
        "data/gazetteer/pacific-islands.csv",
        include_str!("../../data/gazetteer/pacific-islands.csv"),
    ),
    (
        "data/gazetteer/international.csv",
        include_str!("../../data/gazetteer/international.csv"),
    ),
    (
        "data/gazetteer/universities.csv",
        include_str!("../../data/gazetteer/universities.csv"),
    ),
];

/// The columns every gazetteer file starts with, in order.
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

/// Columns a file may add after the required ones (older files without them still load):
/// `native`, the name in the country's own language and script (国土交通省); `members`, the
/// group ids of a grouping's members (`australia;india;japan;united-states`); `capital`, a
/// country's capital and the other names or cities its embassies are named by
/// (`Washington;Washington, D.C.`), from which [`Gazetteer::load`] makes the embassies.
pub const OPTIONAL_COLUMNS: [&str; 3] = ["native", "members", "capital"];

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
    /// The name in the country's own language and script, where it has one.
    pub native: Option<String>,
    /// A grouping's member countries (group ids), today's members included.
    pub members: Vec<String>,
    /// Members that joined on a known day (`timor-leste@2025-10-26` in the file): a document
    /// dated before it does not count them.
    pub joined: Vec<(String, Date)>,
    /// A country's capital, then other spellings or cities its embassies are named by.
    pub capital: Vec<String>,
    /// The file and line the row was read from, for messages.
    pub origin: (String, u64),
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

    /// Every name the entry answers to, each with the column it is written in.
    fn names_with_columns(&self) -> impl Iterator<Item = (&str, &'static str)> {
        std::iter::once((self.name.as_str(), "name"))
            .chain(self.short.as_deref().map(|s| (s, "short")))
            .chain(self.aliases.iter().map(|a| (a.as_str(), "aliases")))
    }

    fn place(&self) -> String {
        format!("{} line {}", self.origin.0, self.origin.1)
    }
}

/// Every entry, in file order (an entry of a user's file with the same type, group and name as
/// an earlier file's replaces it, so a user's file can correct a built-in entry).
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// The entries.
    pub entries: Vec<Entry>,
}

impl Gazetteer {
    /// The built-in gazetteer plus the user's `extra` files. Every problem of every file is
    /// reported at once (one per line), not only the first. Within the built-in files, and within
    /// one user file, a row may appear once and a name may lead to one body of a country; a user
    /// file's row replaces an earlier file's row of the same type, group and name.
    pub fn load(extra: &[std::path::PathBuf]) -> Result<Gazetteer> {
        let mut merged: IndexMap<RowKey, Entry> = IndexMap::new();
        let mut problems: Vec<String> = Vec::new();
        let mut layer = |files: Vec<std::result::Result<Vec<Entry>, Vec<String>>>| {
            let mut seen: IndexMap<RowKey, (String, u64)> = IndexMap::new();
            for parsed in files {
                match parsed {
                    Ok(entries) => {
                        for entry in entries {
                            let key = row_key(&entry);
                            if let Some(first) = seen.get(&key) {
                                problems.push(repeated_row(&entry, first));
                                continue;
                            }
                            seen.insert(key.clone(), entry.origin.clone());
                            merged.insert(key, entry);
                        }
                    }
                    Err(found) => problems.extend(found),
                }
            }
        };
        layer(
            BUILT_IN
                .iter()
                .map(|(name, text)| parse_all(text, name))
                .collect(),
        );
        for path in extra {
            layer(vec![read_file(path)]);
        }
        let mut entries: Vec<Entry> = merged.into_values().collect();
        let embassies = embassies(&entries);
        entries.extend(embassies);
        let gazetteer = Gazetteer { entries };
        if problems.is_empty() {
            problems = gazetteer.shared_names();
        }
        if problems.is_empty() {
            problems = gazetteer.links();
        }
        if problems.is_empty() {
            Ok(gazetteer)
        } else {
            Err(Error::Input(format!(
                "the gazetteer has {} problem{}:\n  {}",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" },
                problems.join("\n  ")
            )))
        }
    }

    /// Names that lead to two bodies of one country: a mention of such a name could only be
    /// given to one of them at random, so the second row is refused. A name shared by bodies of
    /// different countries is allowed (the country written next to it settles it).
    fn shared_names(&self) -> Vec<String> {
        let mut holder: IndexMap<(String, String), (&Entry, &'static str)> = IndexMap::new();
        let mut problems = Vec::new();
        for entry in self.of(EntryType::Body) {
            let mut own: Vec<String> = Vec::new();
            for (name, column) in entry.names_with_columns() {
                let folded = fold_name(name);
                if own.contains(&folded) {
                    continue; // the same body written twice, e.g. an alias that is its name
                }
                own.push(folded.clone());
                let key = (entry.group.clone(), folded);
                match holder.get(&key) {
                    Some((first, first_column)) => problems.push(format!(
                        "{}, column '{column}': '{name}' is also the {} of '{}' ({}), another body of '{}'; a name must lead to one body of a country: drop it from one of the rows{}",
                        entry.place(),
                        column_word(first_column),
                        first.name,
                        first.place(),
                        entry.group,
                        if first.origin.0 == entry.origin.0 {
                            ""
                        } else {
                            " (a file given with --gazetteer may replace a built-in row by its name)"
                        }
                    )),
                    None => {
                        holder.insert(key, (entry, column));
                    }
                }
            }
        }
        problems
    }

    /// Problems between rows: parents that name no body (forum) of the same group, parent
    /// chains that loop, members that are not countries.
    fn links(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let parent_of = |entry: &Entry| -> Option<&Entry> {
            let wanted = entry.parent.as_deref()?;
            self.entries.iter().find(|other| {
                other.kind_of_entry == entry.kind_of_entry
                    && (entry.kind_of_entry == EntryType::Forum || other.group == entry.group)
                    && (other.name == wanted || other.short.as_deref() == Some(wanted))
            })
        };
        for entry in &self.entries {
            if !matches!(entry.kind_of_entry, EntryType::Body | EntryType::Forum) {
                continue;
            }
            let Some(wanted) = entry.parent.as_deref() else {
                continue;
            };
            if parent_of(entry).is_none() {
                let candidates = self
                    .entries
                    .iter()
                    .filter(|o| o.kind_of_entry == entry.kind_of_entry && o.group == entry.group)
                    .map(|o| o.name.as_str());
                problems.push(format!(
                    "{}, column 'parent': '{wanted}' is not the name or short name of a {} of the same group{}",
                    entry.place(),
                    if entry.kind_of_entry == EntryType::Body { "body" } else { "forum" },
                    did_you_mean(&closest(wanted, candidates))
                ));
                continue;
            }
            // Walk up; a chain that comes back to this entry is a cycle (reported once, at the
            // row of its first member in file order).
            let mut chain = vec![entry.name.as_str()];
            let mut current = entry;
            while let Some(parent) = parent_of(current) {
                if std::ptr::eq(parent, entry) {
                    chain.push(parent.name.as_str());
                    let first = self.entries.iter().position(|e| {
                        chain.contains(&e.name.as_str())
                            && e.kind_of_entry == entry.kind_of_entry
                            && e.group == entry.group
                    });
                    if first.is_some_and(|f| std::ptr::eq(&self.entries[f], entry)) {
                        problems.push(format!(
                            "{}, column 'parent': the parents go round in a circle ({}); a body cannot sit under itself",
                            entry.place(),
                            chain.join(" → ")
                        ));
                    }
                    break;
                }
                if chain.contains(&parent.name.as_str()) {
                    break; // a cycle above this entry, reported at its own row
                }
                chain.push(parent.name.as_str());
                current = parent;
            }
        }
        let countries: Vec<&str> = self
            .of(EntryType::Country)
            .map(|c| c.group.as_str())
            .collect();
        for entry in &self.entries {
            for member in &entry.members {
                if !countries.contains(&member.as_str()) {
                    problems.push(format!(
                        "{}, column 'members': '{member}' is not the group id of a country{}",
                        entry.place(),
                        did_you_mean(&closest(member, countries.iter().copied()))
                    ));
                }
            }
        }
        problems
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

/// The embassies statements name by their country and the city they sit in ("U.S. Embassy
/// Seoul", "the ROK Embassy in Washington", "Embassy of India in Tokyo"): for every pair of
/// countries with a capital, a body of the first under its foreign ministry (when it has
/// one), so that no file lists them city by city. The files give capitals to the fifteen
/// countries of issue #21 only: every pair adds about eight names, and the matcher's set-up
/// time grows with the names (all 58 countries' capitals, 15,700 names, tripled it). An embassy a
/// file already names (any of its names, of the same country) is not made a second time.
/// They carry no function: "the Embassies" of the 2009 plan stand for each side's one embassy
/// row, not for every embassy made here.
fn embassies(entries: &[Entry]) -> Vec<Entry> {
    let countries: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.kind_of_entry == EntryType::Country)
        .collect();
    let mut taken: std::collections::HashSet<(String, String)> = entries
        .iter()
        .filter(|e| e.kind_of_entry == EntryType::Body)
        .flat_map(|e| e.names().map(|n| (e.group.clone(), fold_name(n))))
        .collect();
    let mut out = Vec::new();
    for sender in countries.iter().filter(|c| !c.capital.is_empty()) {
        let Some(ministry) = entries.iter().find(|e| {
            e.kind_of_entry == EntryType::Body
                && e.group == sender.group
                && e.functions.iter().any(|f| f == "foreign-ministry")
        }) else {
            continue;
        };
        for host in countries.iter().filter(|h| h.group != sender.group) {
            let Some(embassy) = embassy(sender, ministry, host) else {
                continue;
            };
            let names: Vec<(String, String)> = embassy
                .names()
                .map(|n| (embassy.group.clone(), fold_name(n)))
                .collect();
            if names.iter().any(|n| taken.contains(n)) {
                continue;
            }
            taken.extend(names);
            out.push(embassy);
        }
    }
    out
}

/// The embassy of `sender` in `host`'s capital ("Embassy of the United States in Seoul", also
/// "U.S. Embassy Seoul", "US Embassy in Seoul" …), or none when `host` has no capital.
fn embassy(sender: &Entry, ministry: &Entry, host: &Entry) -> Option<Entry> {
    let capital = host.capital.first()?;
    let official = with_article(&sender.name);
    let mut aliases: Vec<String> = Vec::new();
    for city in &host.capital {
        for prefix in embassy_prefixes(sender) {
            aliases.push(format!("{prefix} Embassy in {city}"));
            aliases.push(format!("{prefix} Embassy {city}"));
        }
        aliases.push(format!("Embassy of {official} in {city}"));
    }
    let name = format!("Embassy of {official} in {capital}");
    aliases.retain(|a| *a != name);
    aliases.dedup();
    Some(Entry {
        kind_of_entry: EntryType::Body,
        group: sender.group.clone(),
        name,
        short: None,
        aliases,
        kind: "embassy".into(),
        functions: Vec::new(),
        parent: Some(ministry.name.clone()),
        native: None,
        members: Vec::new(),
        joined: Vec::new(),
        capital: Vec::new(),
        origin: host.origin.clone(),
    })
}

/// The words a country's embassy is named with before "Embassy": its name, short name and
/// adjectives ("United States", "U.S.", "US", "American"), not its possessives ("Japan's"),
/// other names with "the" or of three words or more ("United States of America").
fn embassy_prefixes(country: &Entry) -> Vec<&str> {
    let other = country
        .short
        .iter()
        .chain(&country.aliases)
        .map(String::as_str)
        .filter(|n| {
            !n.ends_with("'s")
                && !n.ends_with("’s")
                && !n.ends_with('\'')
                && !n.starts_with("the ")
                && n.split_whitespace().count() <= 2
        });
    std::iter::once(country.name.as_str())
        .chain(other)
        .collect()
}

/// A country's name as it follows "Embassy of": with "the" before a plural or a republic,
/// union or kingdom ("the United States", "the Philippines", "the Republic of Korea").
fn with_article(name: &str) -> String {
    const TAKES_THE: [&str; 5] = ["United ", "Republic ", "Democratic ", "Federated ", "Lao "];
    if name.ends_with('s') || TAKES_THE.iter().any(|w| name.starts_with(w)) {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

/// What identifies a row: its type, its group and its name (ignoring case).
type RowKey = (EntryType, String, String);

fn row_key(entry: &Entry) -> RowKey {
    (
        entry.kind_of_entry,
        entry.group.clone(),
        entry.name.to_lowercase(),
    )
}

/// The message for a row whose type, group and name an earlier row of the same layer has.
fn repeated_row(entry: &Entry, first: &(String, u64)) -> String {
    let kind = match entry.kind_of_entry {
        EntryType::Country => "country",
        EntryType::Body => "body",
        EntryType::Office => "office",
        EntryType::Forum => "forum",
    };
    let group = if entry.group.is_empty() {
        String::new()
    } else {
        format!(" of group '{}'", entry.group)
    };
    format!(
        "{}, column 'name': a second {kind} row '{}'{group}; the first is at {} line {}. A row may appear once: merge the two (a file given with --gazetteer may replace a built-in row)",
        entry.place(),
        entry.name,
        first.0,
        first.1
    )
}

/// How a column is named in a sentence ("the short name of …").
fn column_word(column: &str) -> &'static str {
    match column {
        "name" => "name",
        "short" => "short name",
        _ => "alias",
    }
}

/// A name as the matcher compares it: names of several words ignoring case and British or
/// American spelling, one-word names and acronyms as written; straight and curly apostrophes
/// alike.
fn fold_name(name: &str) -> String {
    let name = name.trim().replace('\u{2019}', "'");
    if !name.contains(char::is_whitespace) {
        return name;
    }
    const SPELLINGS: [(&str, &str); 5] = [
        ("defense", "defence"),
        ("ization", "isation"),
        ("center", "centre"),
        ("programme", "program"),
        ("labor", "labour"),
    ];
    let mut folded = name.to_lowercase();
    for (from, to) in SPELLINGS {
        folded = folded.replace(from, to);
    }
    folded
}

fn read_file(path: &Path) -> std::result::Result<Vec<Entry>, Vec<String>> {
    // Under the input rules: a regular file, at most the input limit, and never an output.
    let bytes = crate::fsio::read_input(path, "gazetteer").map_err(|message| {
        vec![format!(
            "{message}; expected a UTF-8 CSV file with the columns {}",
            COLUMNS.join(",")
        )]
    })?;
    let text = String::from_utf8(bytes).map_err(|err| {
        vec![format!(
            "gazetteer '{}': byte {} is not UTF-8; expected a UTF-8 CSV file with the columns {}",
            path.display(),
            err.utf8_error().valid_up_to(),
            COLUMNS.join(",")
        )]
    })?;
    parse_all(&text, &path.display().to_string())
}

/// Parses one gazetteer file; `file` names it in errors (which give the line and column). The
/// error holds every problem of the file, one per line.
pub fn parse(text: &str, file: &str) -> Result<Vec<Entry>> {
    parse_all(text, file).map_err(|problems| Error::Input(problems.join("\n")))
}

/// Parses one file, collecting every problem rather than stopping at the first.
fn parse_all(text: &str, file: &str) -> std::result::Result<Vec<Entry>, Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|err| vec![format!("{file}: {err}")])?
        .iter()
        .map(str::to_lowercase)
        .collect();
    let optional = |name: &str| headers.iter().position(|h| h == name);
    let extra_ok = headers.len() >= COLUMNS.len()
        && headers[COLUMNS.len()..].iter().enumerate().all(|(i, h)| {
            OPTIONAL_COLUMNS.contains(&h.as_str())
                && !headers[COLUMNS.len()..COLUMNS.len() + i].contains(h)
        });
    if headers.len() < COLUMNS.len() || headers[..COLUMNS.len()] != COLUMNS || !extra_ok {
        return Err(vec![format!(
            "{file} line 1: the header is '{}'; expected '{}', optionally followed by {}",
            headers.join(","),
            COLUMNS.join(","),
            OPTIONAL_COLUMNS.map(|c| format!("'{c}'")).join(" and ")
        )]);
    }
    let at = Extras {
        native: optional("native"),
        members: optional("members"),
        capital: optional("capital"),
    };
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                let line = err.position().map_or(0, |p| p.line());
                problems.push(format!("{file} line {line}: {err}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        match entry(&record, file, line, &at, headers.len()) {
            Ok(entry) => entries.push(entry),
            Err(found) => problems.extend(found),
        }
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(problems)
    }
}

/// A grouping's member ids, and the day each member that has one joined.
type Members = (Vec<String>, Vec<(String, Date)>);

/// A members cell's ids, and the day each member written `id@YYYY-MM-DD` joined.
fn members_of(cells: Vec<String>, file: &str, line: u64) -> std::result::Result<Members, String> {
    let (mut members, mut joined) = (Vec::new(), Vec::new());
    for cell in cells {
        let Some((id, day)) = cell.split_once('@') else {
            members.push(cell);
            continue;
        };
        let Some(date) = Date::parse(day.trim()) else {
            return Err(format!(
                "{file} line {line}, column 'members': '{cell}' has no valid date after '@'; expected id@YYYY-MM-DD (the day the member joined)"
            ));
        };
        members.push(id.trim().to_string());
        joined.push((id.trim().to_string(), date));
    }
    Ok((members, joined))
}

impl Entry {
    /// The grouping's members on `date` (all of today's when the document has no date).
    pub fn members_on(&self, date: Option<Date>) -> impl Iterator<Item = &String> {
        self.members.iter().filter(move |member| {
            let since = self
                .joined
                .iter()
                .find(|(id, _)| id == *member)
                .map(|j| j.1);
            match (since, date) {
                (Some(since), Some(date)) => since <= date,
                _ => true,
            }
        })
    }
}

/// Where a file's optional columns are, if it has them.
struct Extras {
    native: Option<usize>,
    members: Option<usize>,
    capital: Option<usize>,
}

/// One row to an entry, or every problem the row has.
fn entry(
    record: &csv::StringRecord,
    file: &str,
    line: u64,
    at: &Extras,
    width: usize,
) -> std::result::Result<Entry, Vec<String>> {
    let cell = |i: usize| record.get(i).unwrap_or("").trim().to_string();
    let list = |i: usize| -> Vec<String> {
        cell(i)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut problems = Vec::new();
    if record.len() > width {
        problems.push(format!(
            "{file} line {line}: {} fields, but the header has {width}; a name holding a comma needs double quotes",
            record.len()
        ));
    }
    let kind_of_entry = match cell(0).as_str() {
        "country" => Some(EntryType::Country),
        "body" => Some(EntryType::Body),
        "office" => Some(EntryType::Office),
        "forum" => Some(EntryType::Forum),
        other => {
            problems.push(format!(
                "{file} line {line}, column 'type': unknown type '{other}'{}; expected one of {}",
                did_you_mean(&closest(other, TYPES)),
                TYPES.join(", ")
            ));
            None
        }
    };
    let name = cell(2);
    if name.is_empty() {
        problems.push(format!(
            "{file} line {line}, column 'name': empty; expected the entry's name"
        ));
    }
    let group = cell(1);
    if matches!(kind_of_entry, Some(EntryType::Country | EntryType::Body)) && group.is_empty() {
        problems.push(format!(
            "{file} line {line}, column 'group': empty; a {} needs its group (country) id",
            cell(0)
        ));
    }
    let (members, joined) = members_of(at.members.map(list).unwrap_or_default(), file, line)
        .unwrap_or_else(|problem| {
            problems.push(problem);
            (Vec::new(), Vec::new())
        });
    let (Some(kind_of_entry), true) = (kind_of_entry, problems.is_empty()) else {
        return Err(problems);
    };
    let optional = |i: usize| Some(cell(i)).filter(|s| !s.is_empty());
    Ok(Entry {
        kind_of_entry,
        group,
        name,
        short: optional(3),
        aliases: list(4),
        kind: cell(5),
        functions: list(6),
        parent: optional(7),
        native: at.native.and_then(optional),
        members,
        joined,
        capital: at.capital.map(list).unwrap_or_default(),
        origin: (file.to_string(), line),
    })
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
    fn every_problem_is_reported_and_parent_cycles_are_refused() {
        let dir = tempfile::tempdir().expect("temp");
        let file = dir.path().join("mine.csv");
        std::fs::write(
            &file,
            "type,group,name,short,aliases,kind,functions,parent\nbdy,japan,X,,,agency,,\nbody,,Y,,,agency,,\n",
        )
        .expect("write");
        let err = Gazetteer::load(&[file])
            .expect_err("two bad rows")
            .to_string();
        assert!(err.contains("2 problems"), "{err}");
        assert!(err.contains("mine.csv line 2, column 'type'"), "{err}");
        assert!(err.contains("mine.csv line 3, column 'group'"), "{err}");

        let cycle = dir.path().join("cycle.csv");
        std::fs::write(
            &cycle,
            "type,group,name,short,aliases,kind,functions,parent\nbody,japan,Alpha Office,,,office,,Beta Office\nbody,japan,Beta Office,,,office,,Alpha Office\nbody,japan,Gamma Office,,,office,,Gama\n",
        )
        .expect("write");
        let err = Gazetteer::load(&[cycle]).expect_err("cycle").to_string();
        assert!(
            err.contains("cycle.csv line 2, column 'parent': the parents go round in a circle (Alpha Office → Beta Office → Alpha Office)"),
            "{err}"
        );
        assert!(
            err.contains("cycle.csv line 4, column 'parent': 'Gama'"),
            "{err}"
        );
    }

    #[test]
    fn a_member_may_carry_the_day_it_joined() {
        let file = "type,group,name,short,aliases,kind,functions,parent,native,members\nforum,,Example Grouping,EG,,regional-organisation,,,,japan;india@2020-05-01\n";
        let entries = parse(file, "groupings.csv").expect("loads");
        let grouping = &entries[0];
        assert_eq!(grouping.members, ["japan", "india"]);
        let on = |day: &str| -> Vec<&String> { grouping.members_on(Date::parse(day)).collect() };
        assert_eq!(on("2019-12-31"), ["japan"]);
        assert_eq!(on("2020-05-01"), ["japan", "india"]);
        assert_eq!(
            grouping.members_on(None).count(),
            2,
            "an undated text counts today's"
        );
        let bad = file.replace("@2020-05-01", "@May 2020");
        let err = parse(&bad, "groupings.csv").expect_err("refused");
        assert!(
            err.to_string().contains("groupings.csv line 2, column 'members': 'india@May 2020' has no valid date after '@'; expected id@YYYY-MM-DD"),
            "{err}"
        );
    }

    #[test]
    fn native_names_and_members_are_optional_columns() {
        let gazetteer = Gazetteer::load(&[]).expect("built-in");
        let mlit = gazetteer
            .of(EntryType::Body)
            .find(|b| b.short.as_deref() == Some("MLIT"))
            .expect("MLIT");
        assert_eq!(mlit.native.as_deref(), Some("国土交通省"));
        let quad = gazetteer
            .of(EntryType::Forum)
            .find(|f| f.short.as_deref() == Some("Quad"))
            .expect("Quad");
        assert_eq!(
            quad.members,
            ["australia", "india", "japan", "united-states"]
        );
        // An old eight-column file still loads.
        let old = parse(
            "type,group,name,short,aliases,kind,functions,parent\nbody,japan,X Office,,,office,,\n",
            "old.csv",
        )
        .expect("old file");
        assert_eq!(old[0].native, None);
        let countries: std::collections::BTreeSet<&str> = gazetteer
            .of(EntryType::Body)
            .map(|b| b.group.as_str())
            .collect();
        assert!(countries.len() >= 16, "{countries:?}");
    }

    #[test]
    fn a_repeated_row_is_refused_with_both_lines() {
        let dir = tempfile::tempdir().expect("temp");
        let file = dir.path().join("mine.csv");
        std::fs::write(
            &file,
            "type,group,name,short,aliases,kind,functions,parent\nbody,japan,Alpha Office,AO,,office,,\nbody,japan,Beta Office,,,office,,\nbody,japan,alpha office,,Other,office,,\n",
        )
        .expect("write");
        let err = Gazetteer::load(&[file]).expect_err("repeated").to_string();
        assert!(
            err.contains("mine.csv line 4, column 'name': a second body row 'alpha office' of group 'japan'; the first is at ")
                && err.contains("mine.csv line 2"),
            "{err}"
        );
        // The same name in two countries' rows is two rows, not a repeat.
        let other = dir.path().join("other.csv");
        std::fs::write(
            &other,
            "type,group,name,short,aliases,kind,functions,parent\nbody,japan,Alpha Office,,,office,,\nbody,india,Alpha Office,,,office,,\n",
        )
        .expect("write");
        assert!(Gazetteer::load(&[other]).is_ok());
    }

    #[test]
    fn a_name_of_two_bodies_of_one_country_is_refused() {
        let dir = tempfile::tempdir().expect("temp");
        let file = dir.path().join("mine.csv");
        std::fs::write(
            &file,
            "type,group,name,short,aliases,kind,functions,parent\nbody,japan,Alpha Defense Office,ADO,,office,,\nbody,japan,Beta Office,BO,alpha defence office;Beta,office,,\nbody,japan,Gamma Office,ado,,office,,\n",
        )
        .expect("write");
        let err = Gazetteer::load(&[file]).expect_err("shared").to_string();
        assert!(
            err.contains("mine.csv line 3, column 'aliases': 'alpha defence office' is also the name of 'Alpha Defense Office' (")
                && err.contains("mine.csv line 2), another body of 'japan'"),
            "{err}"
        );
        // Acronyms match as written: "ado" is not "ADO".
        assert!(err.contains("1 problem:"), "{err}");
        // A user's body may not take a built-in body's name of the same country …
        let clash = dir.path().join("clash.csv");
        std::fs::write(
            &clash,
            "type,group,name,short,aliases,kind,functions,parent\nbody,japan,Japan Sea Guard,,Japan Coast Guard,agency,,\n",
        )
        .expect("write");
        let err = Gazetteer::load(&[clash]).expect_err("clash").to_string();
        assert!(
            err.contains("clash.csv line 2, column 'aliases': 'Japan Coast Guard' is also the name of 'Japan Coast Guard' (data/gazetteer/japan.csv line")
                && err.contains("may replace a built-in row by its name"),
            "{err}"
        );
        // … but a body of another country may share it: the country written next to it decides.
        let shared = dir.path().join("shared.csv");
        std::fs::write(
            &shared,
            "type,group,name,short,aliases,kind,functions,parent\nbody,india,Ministry of Foreign Affairs of Testland,,Ministry of Foreign Affairs,ministry,,\n",
        )
        .expect("write");
        assert!(Gazetteer::load(&[shared]).is_ok());
    }

    /// The bodies a text names, found by the matcher, with their group, name and parent.
    fn body_named(gazetteer: &Gazetteer, text: &str) -> Vec<(String, String, Option<String>)> {
        let matcher = crate::draft::mentions::Matcher::new(gazetteer);
        matcher
            .find(text)
            .into_iter()
            .filter(|m| m.kind == EntryType::Body)
            .flat_map(|m| m.entries)
            .map(|i| &gazetteer.entries[i])
            .map(|e| (e.group.clone(), e.name.clone(), e.parent.clone()))
            .collect()
    }

    #[test]
    fn an_embassy_is_named_by_its_country_and_city() {
        let gazetteer = Gazetteer::load(&[]).expect("built-in");
        let state = Some("Department of State".to_string());
        let found = body_named(&gazetteer, "U.S. Embassy Seoul will partner with others.");
        assert_eq!(
            found,
            [(
                "united-states".to_string(),
                "Embassy of the United States in Seoul".to_string(),
                state.clone()
            )]
        );
        let found = body_named(&gazetteer, "with the ROK Embassy in Washington to recruit");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "korea");
        assert_eq!(found[0].1, "Embassy of the Republic of Korea in Washington");
        for text in [
            "the US Embassy in Manila",
            "American Embassy Manila",
            "the Embassy of the United States in Manila",
        ] {
            let found = body_named(&gazetteer, text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(
                found[0].1, "Embassy of the United States in Manila",
                "{text}"
            );
        }
        // A file's own embassy row is kept, not made again under the same name.
        let found = body_named(&gazetteer, "the Embassy of India in Tokyo");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, "Embassy of India in Japan");
    }

    #[test]
    fn an_embassy_without_its_city_or_of_a_country_without_a_foreign_ministry_is_not_made() {
        let gazetteer = Gazetteer::load(&[]).expect("built-in");
        for text in [
            "the U.S. Embassy celebrated the anniversary",
            "at the U.S. Embassy Compound in Hanoi",
            "the Embassy in Seoul",
            "the Chinese Embassy in Manila",
            "the U.S. Embassy in Port Vila",
            "U.S. Embassy Springfield",
        ] {
            let found = body_named(&gazetteer, text);
            assert!(
                found
                    .iter()
                    .all(|(_, name, _)| !name.starts_with("Embassy of ")),
                "{text}: {found:?}"
            );
        }
        // No made embassy stands for a country's "Embassies" office (the 2009 plan's "the
        // Embassies"): only a row of a file with the function does.
        assert!(gazetteer.body_with("united-states", "embassy").is_none());
        assert_eq!(
            gazetteer
                .body_with("india", "embassy")
                .map(|e| e.name.as_str()),
            Some("Embassy of India in Japan")
        );
    }

    #[test]
    fn embassies_come_from_the_capital_column_of_a_users_file_too() {
        let dir = tempfile::tempdir().expect("temp");
        let file = dir.path().join("mine.csv");
        std::fs::write(
            &file,
            "type,group,name,short,aliases,kind,functions,parent,capital\ncountry,testland,Testland,TL,Testlandic,,,,Testville;Old Testville\nbody,testland,Testland Foreign Office,,,ministry,foreign-ministry,\n",
        )
        .expect("write");
        let gazetteer = Gazetteer::load(&[file]).expect("loads");
        let found = body_named(
            &gazetteer,
            "the U.S. Embassy in Old Testville and the TL Embassy in Tokyo",
        );
        let names: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(
            names,
            [
                "Embassy of the United States in Testville",
                "Embassy of Testland in Tokyo"
            ]
        );
        assert_eq!(found[1].2.as_deref(), Some("Testland Foreign Office"));
        // A user's own row of that name is kept and not made a second time (no shared-name
        // error).
        let own = dir.path().join("own.csv");
        std::fs::write(
            &own,
            "type,group,name,short,aliases,kind,functions,parent\nbody,united-states,U.S. Embassy Seoul,,,embassy,,Department of State\n",
        )
        .expect("write");
        let gazetteer = Gazetteer::load(&[own]).expect("loads");
        let found = body_named(&gazetteer, "U.S. Embassy Seoul");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, "U.S. Embassy Seoul");
    }

    #[test]
    fn a_user_file_replaces_a_built_in_entry() {
        let dir = tempfile::tempdir().expect("temp");
        let file = dir.path().join("mine.csv");
        std::fs::write(
            &file,
            "type,group,name,short,aliases,kind,functions,parent\nbody,japan,Japan Coast Guard,JCG,Kaiho,coast-guard,coast-guard,\nbody,japan,Japan Sample Bureau,JSB,,agency,,\n",
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
            .any(|b| b.short.as_deref() == Some("JSB")));
    }
}
