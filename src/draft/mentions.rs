//! Finding gazetteer names in text: countries, bodies, office titles and forums, as spans.
//!
//! Acronyms and one-word names match case-sensitively ("MOD", "Navy"); office titles of several
//! words, and other names of several words with a lower-case word, match ignoring ASCII case
//! ("Ministers of Defence" = "ministers of defence"); a name of capitalised words only
//! ("Home Affairs") matches as written. A match must stand between word boundaries; overlapping matches are
//! settled in favour of the longest (so "Japan Coast Guard" wins over "Japan" and "Coast Guard").

use super::gazetteer::{EntryType, Gazetteer};
use aho_corasick::{AhoCorasick, MatchKind};
use indexmap::IndexMap;
use std::collections::BTreeMap;

/// A name found in text, with every gazetteer entry it may stand for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset where it starts.
    pub start: usize,
    /// Byte offset just past its end.
    pub end: usize,
    /// What it names.
    pub kind: EntryType,
    /// Indices into the gazetteer's entries (several when a name is shared, such as "MOD").
    pub entries: Vec<usize>,
}

/// What one indexed name stands for.
#[derive(Debug, Clone, Copy)]
struct Target {
    /// An acronym ("RAN"): not taken when a capitalised word other than a country's name comes
    /// right before it, where it is part of another name ("Open RAN").
    acronym: bool,
    kind: EntryType,
    entry: usize,
}

/// Names of one case rule, in one automaton: each distinct text once, with every entry it
/// stands for.
struct Index {
    automaton: Option<AhoCorasick>,
    targets: Vec<Vec<Target>>,
    /// Per text: every name it stands for is a body's or forum's of capitalised words only
    /// ("Home Affairs"), so a match must start with a capital.
    proper: Vec<bool>,
}

impl Index {
    fn build(names: IndexMap<String, (Vec<Target>, bool)>, fold: bool) -> Index {
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(fold)
            .match_kind(MatchKind::Standard)
            .build(names.keys())
            .ok();
        let (targets, proper) = names.into_values().unzip();
        Index {
            automaton,
            targets,
            proper,
        }
    }
}

/// Finds gazetteer names in text, in one pass over the text per case rule (Aho-Corasick), so
/// the time grows with the text, not with the text times the gazetteer.
pub struct Matcher {
    exact: Index,
    folded: Index,
    country_words: Vec<String>,
    /// Each entry's names of several words, folded (and in every spelling).
    long_names: Vec<Vec<String>>,
}

/// Abbreviations of documents ("MOU": a memorandum of understanding) that a statement uses
/// far more often than any body whose short name they also are (Korea's Ministry of
/// Unification): never read as a body's acronym.
const DOCUMENT_ABBREVIATIONS: [&str; 5] = ["MOU", "MOA", "MOC", "LOI", "LOA"];

/// Words an office row lists that name a quality or a thing, not who holds the office: they
/// stand for each side's navy only before a word of what navies do together ("bilateral naval
/// exercises", "ship rider programmes", "ship visits" of the 2009 plan), not in "naval nuclear propulsion",
/// "visits by U.S. ships" or "littoral combat ships" (noise in us-ph-2024, au-uk-us-2022,
/// sg-us-2021 and us-vn-2021, of two sets; no key lists a navy for them).
const ADJECTIVE_HOLDERS: [&str; 4] = ["naval", "Naval", "ship", "ships"];

/// What navies do together, after one of [`ADJECTIVE_HOLDERS`].
const NAVAL_ACTIVITIES: [&str; 9] = [
    "exercise",
    "training",
    "drill",
    "rider",
    "staff",
    "cooperation",
    "patrol",
    "to-ship",
    "visit",
];

/// True unless the office mention at `start..end` is one of [`ADJECTIVE_HOLDERS`] not followed
/// by a naval activity.
fn holds_office(text: &str, start: usize, end: usize) -> bool {
    if !ADJECTIVE_HOLDERS.contains(&&text[start..end]) {
        return true;
    }
    let next = text[end..]
        .trim_start_matches([' ', '-'])
        .split(' ')
        .next()
        .unwrap_or("")
        .to_lowercase();
    NAVAL_ACTIVITIES.iter().any(|a| next.starts_with(a))
}

impl Matcher {
    /// Indexes every name of the gazetteer (with typographic and straight apostrophes).
    pub fn new(gazetteer: &Gazetteer) -> Matcher {
        let mut exact: IndexMap<String, (Vec<Target>, bool)> = IndexMap::new();
        let mut folded: IndexMap<String, (Vec<Target>, bool)> = IndexMap::new();
        let mut long_names = vec![Vec::new(); gazetteer.entries.len()];
        for (index, entry) in gazetteer.entries.iter().enumerate() {
            for name in entry.names() {
                for variant in spellings(name) {
                    if variant.contains(' ') {
                        long_names[index].push(variant.to_ascii_lowercase());
                    }
                    let fold = variant.split_whitespace().count() > 1
                        && variant.chars().any(|c| c.is_lowercase());
                    let proper = fold
                        && entry.kind_of_entry != EntryType::Office
                        && variant
                            .split_whitespace()
                            .all(|w| !w.starts_with(char::is_lowercase));
                    let (map, text) = if fold {
                        (&mut folded, variant.to_ascii_lowercase())
                    } else {
                        (&mut exact, variant)
                    };
                    let acronym = !text.contains(' ')
                        && text.chars().filter(|c| c.is_uppercase()).count() >= 2
                        && !text.chars().any(char::is_lowercase);
                    if acronym && DOCUMENT_ABBREVIATIONS.contains(&text.as_str()) {
                        continue;
                    }
                    let (targets, all_proper) = map.entry(text).or_insert((Vec::new(), true));
                    *all_proper &= proper;
                    if !targets.iter().any(|t| t.entry == index) {
                        targets.push(Target {
                            acronym,
                            kind: entry.kind_of_entry,
                            entry: index,
                        });
                    }
                }
            }
        }
        let country_words = gazetteer
            .of(EntryType::Country)
            .flat_map(|c| c.names().map(str::to_string).collect::<Vec<_>>())
            .collect();
        Matcher {
            exact: Index::build(exact, false),
            folded: Index::build(folded, true),
            country_words,
            long_names,
        }
    }

    /// True when the text before the bracket at `start` ends with one of the entry's longer
    /// names ("Indian Space Research Organisation (ISRO)").
    fn spelled_before(&self, text: &str, start: usize, entry: usize) -> bool {
        // Compared in place: lower-casing the whole text before every bracketed acronym made
        // a long document's draft quadratic.
        let before = text[..start.saturating_sub(1)].trim_end().as_bytes();
        self.long_names.get(entry).is_some_and(|names| {
            names.iter().any(|n| {
                before.len() >= n.len()
                    && before[before.len() - n.len()..].eq_ignore_ascii_case(n.as_bytes())
            })
        })
    }

    /// True when the word right before `start` is capitalised and not a country's name ("Open
    /// RAN", "(Open RAN)"), or any word but a country's joined to it by a hyphen ("O-RAN",
    /// "open-RAN"): the acronym is part of another name.
    fn glued_to_a_name(&self, text: &str, start: usize) -> bool {
        let Some(before) = text[..start]
            .strip_suffix(' ')
            .or_else(|| text[..start].strip_suffix('-'))
        else {
            return false;
        };
        let hyphen = text[..start].ends_with('-');
        // "(Open RAN)", "“Open RAN”": the bracket or quote before the word is not part of it.
        let word = before
            .rsplit(' ')
            .next()
            .unwrap_or("")
            .trim_start_matches(['(', '“', '"', '‘', '\'']);
        // "O-RAN", "open-RAN": a hyphen glues the acronym to any word but a country's.
        let starts = if hyphen {
            word.chars().next().is_some_and(char::is_alphabetic)
        } else {
            word.chars().next().is_some_and(char::is_uppercase)
        };
        starts
            && word.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !self.country_words.iter().any(|c| c == word)
            && !matches!(word, "The" | "And" | "Of" | "In" | "With" | "By")
    }

    /// Every mention in `text`, in order, without overlaps (longest first, then earliest).
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut raw: Vec<(usize, usize, EntryType, usize)> = Vec::new();
        for index in [&self.exact, &self.folded] {
            let Some(automaton) = &index.automaton else {
                continue;
            };
            for found in automaton.find_overlapping_iter(text) {
                let (start, end) = (found.start(), found.end());
                if !is_boundary(text, start, end) {
                    continue;
                }
                let defined_here = text[..start].ends_with('(') && text[end..].starts_with(')');
                for target in &index.targets[found.pattern().as_usize()] {
                    if target.acronym
                        && defined_here
                        && !self.spelled_before(text, start, target.entry)
                    {
                        continue; // "Comprehensive Safeguards Agreement (CSA)" defines its own
                    }
                    // A proper name all of whose words are capitalised is indexed folded
                    // ("Defense Threat Reduction agency", "LAM Research") but starts with a
                    // capital where the text means it ("home affairs ministers" does not).
                    if index.proper[found.pattern().as_usize()]
                        && text[start..].starts_with(char::is_lowercase)
                    {
                        continue;
                    }
                    if target.kind == EntryType::Office && !holds_office(text, start, end) {
                        continue;
                    }
                    if !(target.acronym && self.glued_to_a_name(text, start)) {
                        raw.push((start, end, target.kind, target.entry));
                    }
                }
            }
        }
        // Longest spans first; equal spans group their entries (a shared name).
        raw.sort_by(|a, b| {
            (b.1 - b.0)
                .cmp(&(a.1 - a.0))
                .then(a.0.cmp(&b.0))
                .then(a.3.cmp(&b.3))
        });
        // The chosen spans never overlap, so they are kept by start: the one starting last
        // before a candidate's end is the only one it can overlap (a whole text's mentions
        // are chosen in n log n, not n²).
        let mut chosen: BTreeMap<usize, Mention> = BTreeMap::new();
        for (start, end, kind, entry) in raw {
            if let Some((_, last)) = chosen.range_mut(..end).next_back() {
                if last.start == start && last.end == end && last.kind == kind {
                    if !last.entries.contains(&entry) {
                        last.entries.push(entry);
                    }
                    continue;
                }
                if start < last.end {
                    continue;
                }
            }
            chosen.insert(
                start,
                Mention {
                    start,
                    end,
                    kind,
                    entries: vec![entry],
                },
            );
        }
        chosen.into_values().collect()
    }
}

/// A name in every spelling the documents use: typographic and straight apostrophes, and
/// British and American forms ("Defence"/"Defense", "Organisation"/"Organization",
/// "Centre"/"Center", "Programme"/"Program", "Labour"/"Labor").
pub fn spellings(name: &str) -> Vec<String> {
    const PAIRS: [(&str, &str); 6] = [
        ("Defence", "Defense"),
        ("isation", "ization"),
        ("Centre", "Center"),
        ("Programme", "Program"),
        ("Labour", "Labor"),
        ("defence", "defense"),
    ];
    let mut out = vec![name.to_string()];
    for (uk, us) in PAIRS {
        for known in out.clone() {
            for (from, to) in [(uk, us), (us, uk)] {
                if known.contains(from) && !(from == "Program" && known.contains("Programme")) {
                    let other = known.replace(from, to);
                    if !out.contains(&other) {
                        out.push(other);
                    }
                }
            }
        }
    }
    for known in out.clone() {
        let curly = known.replace('\'', "’");
        if !out.contains(&curly) {
            out.push(curly);
        }
    }
    out
}

/// True when `text[start..end]` is not glued to a letter or digit on either side.
fn is_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_names_win_and_shared_names_keep_every_candidate() {
        let gazetteer = Gazetteer::load(&[]).expect("gazetteer");
        let matcher = Matcher::new(&gazetteer);
        let text = "joint exercise between the Japan Coast Guard and the Ministry of Defence (MOD) of India";
        let found = matcher.find(text);
        let spans: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(
            spans,
            ["Japan Coast Guard", "Ministry of Defence", "MOD", "India"]
        );
        assert!(
            found[1].entries.len() >= 2,
            "Ministry of Defence is Japan's and India's"
        );
        assert_eq!(found[3].kind, EntryType::Country);
        // Case: an acronym does not match inside a word or in another case.
        assert!(matcher.find("the modern world").is_empty());
        // An acronym inside another name is not the body ("Open RAN" is not the Navy).
        assert!(matcher.find("Open RAN deployment").is_empty());
        assert_eq!(matcher.find("Australian RAN ship visits").len(), 3);
        // "home affairs ministers" is no department; "Home Affairs" is.
        assert!(matcher
            .find("meetings of home affairs ministers")
            .iter()
            .all(|m| m.kind != EntryType::Body));
        assert!(matcher
            .find("Australia’s Department of Home Affairs")
            .iter()
            .any(|m| m.kind == EntryType::Body));
        // "Open Radio Access Networks (Open RAN)", "O-RAN", "open-RAN" are not the Navy.
        for text in [
            "Networks (Open RAN) for",
            "an O-RAN training lab",
            "use of open-RAN",
        ] {
            assert!(matcher.find(text).is_empty(), "{text}");
        }
        // "naval" and "ships" name things, not who holds an office, except before what navies
        // do together.
        assert!(matcher
            .find("naval nuclear propulsion and visits by ships")
            .is_empty());
        assert_eq!(matcher.find("bilateral naval exercises").len(), 1);
        // Multi-word names ignore case.
        let found = matcher.find("regular meetings between the ministers of defence");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, EntryType::Office);
        // "MOU" is a memorandum, not Korea's Ministry of Unification.
        assert!(matcher.find("signed an MOU on space").is_empty());
    }

    #[test]
    fn a_long_text_with_many_mentions_and_acronyms_keeps_them_all() {
        let gazetteer = Gazetteer::load(&[]).expect("gazetteer");
        let matcher = Matcher::new(&gazetteer);
        let text = "the Indian Space Research Organisation (ISRO) and Japan. ".repeat(2000);
        let found = matcher.find(&text);
        assert_eq!(found.len(), 6000);
        assert!(found.windows(2).all(|w| w[0].end <= w[1].start));
    }
}
