//! The organisation-name grammar: names of ministries, agencies, forces, institutes, companies
//! and universities that no gazetteer row knows, read from their shape.
//!
//! A name is a run of capitalised words (with the links `of`, `for`, `and`, `on`, `the`, `&`)
//! holding a head noun (Ministry, Agency, Institute, University, Limited …). Around it:
//! - a country modifier before it ("U.S.", "Indian", "India's") or "of <country>" after it
//!   gives its country;
//! - a possessive between two names gives a parent ("the Department of Defense's Space Force");
//! - an acronym in brackets after it, or the name in brackets after an acronym, is its short
//!   name (both orders);
//! - "and", "/" and "," between two names that each have a head split them ("the FBI and the
//!   CBI", "ISRO/Department of Space").
use super::names::SENTENCE_OPENERS;

/// An organisation name found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgName {
    /// Byte range of the name (without modifier) in the sentence.
    pub start: usize,
    /// End of the range.
    pub end: usize,
    /// The name as written, without a leading article or country modifier.
    pub name: String,
    /// The acronym defined beside it.
    pub short: Option<String>,
    /// The country word written before it ("U.S.", "Indian", "Japan's"), if any.
    pub modifier: Option<String>,
    /// The country written after it ("… of India"), if any.
    pub of_country: Option<String>,
    /// The name of the organisation it belongs to, from a possessive.
    pub parent: Option<String>,
    /// Body kind from its head noun.
    pub kind: &'static str,
    /// The grammar rule that found it, for the draft's note.
    pub rule: &'static str,
}

/// Head nouns of organisation names and the body kind each gives.
const HEADS: [(&str, &str); 54] = [
    ("Ministry", "ministry"),
    ("Department", "ministry"),
    ("Agency", "agency"),
    ("Administration", "agency"),
    ("Authority", "agency"),
    ("Bureau", "agency"),
    ("Office", "office"),
    ("Secretariat", "office"),
    ("Directorate", "agency"),
    ("Service", "agency"),
    ("Survey", "agency"),
    ("Commission", "agency"),
    ("Council", "office"),
    ("Board", "agency"),
    ("Organisation", "agency"),
    ("Organization", "agency"),
    ("Institute", "research"),
    ("Institution", "research"),
    ("Laboratory", "research"),
    ("Laboratories", "research"),
    ("Lab", "research"),
    ("Labs", "research"),
    ("Centre", "research"),
    ("Center", "research"),
    ("Academy", "education"),
    ("University", "education"),
    ("College", "education"),
    ("School", "education"),
    ("Force", "military"),
    ("Forces", "military"),
    ("Navy", "military"),
    ("Army", "military"),
    ("Corps", "military"),
    ("Command", "military"),
    ("Fleet", "military"),
    ("Guard", "coast-guard"),
    ("Coastguard", "coast-guard"),
    ("Police", "agency"),
    ("Bank", "development-bank"),
    ("Fund", "development-bank"),
    ("Corporation", "company"),
    ("Company", "company"),
    ("Limited", "company"),
    ("Ltd", "company"),
    ("Inc", "company"),
    ("LLC", "company"),
    ("Foundation", "foundation"),
    ("Association", "association"),
    ("Federation", "association"),
    ("Chamber", "association"),
    ("Society", "association"),
    ("Parliament", "legislature"),
    ("Congress", "legislature"),
    ("Assembly", "legislature"),
];

/// Words that link the parts of a name.
const LINKS: [&str; 8] = ["of", "for", "and", "on", "the", "&", "de", "in"];

/// Capitalised words that open a channel's name or an office title rather than an
/// organisation ("New …", "Joint …", "Prime Minister …"), on top of
/// [`super::names::SENTENCE_OPENERS`].
const NOT_NAME_START: [&str; 6] = ["New", "Joint", "Leaders", "President", "Prime", "Minister"];

/// Heads that name a channel when no single country owns them ("a joint Centre …"): a name
/// with one of these is an organisation only with a country modifier or "of <country>".
const SHARED_HEADS: [&str; 9] = [
    "Lab",
    "Labs",
    "Council",
    "Commission",
    "Centre",
    "Center",
    "Fund",
    "Board",
    "Laboratory",
];

/// A word of the sentence with its punctuation.
#[derive(Debug, Clone)]
struct Word {
    core: String,
    start: usize,
    end: usize,
    /// Punctuation after the word ends the name here (",", ".", ")", ";", ":", "/").
    closes: bool,
    /// The word is in brackets ("(ISRO)").
    bracketed: bool,
    /// The word carries a possessive ("Defense's").
    possessive: bool,
}

fn words(sentence: &str) -> Vec<Word> {
    let mut out = Vec::new();
    for (piece_start, raw) in pieces(sentence) {
        let lead = raw.len() - raw.trim_start_matches(['(', '“', '"', '‘']).len();
        let inner = &raw[lead..];
        let mut core =
            inner.trim_end_matches([')', ',', ';', ':', '.', '”', '"', '’', '!', '?', '/']);
        // "U.S." keeps its final stop.
        if inner.len() > core.len() && inner[core.len()..].starts_with('.') && core.contains('.') {
            core = &inner[..core.len() + 1];
        }
        let mut possessive = false;
        for suffix in ["’s", "'s", "s’", "s'"] {
            if let Some(stem) = core.strip_suffix(suffix) {
                if !stem.is_empty() {
                    possessive = true;
                    core = if suffix.starts_with('s') {
                        &core[..core.len() - suffix.len() + 1]
                    } else {
                        stem
                    };
                }
                break;
            }
        }
        if core.is_empty() {
            continue;
        }
        let start = piece_start + lead;
        let tail = &inner[core.len()..];
        out.push(Word {
            core: core.to_string(),
            start,
            end: start + core.len(),
            closes: tail.contains([')', ',', ';', ':', '.', '!', '?', '/', '”', '"']),
            bracketed: raw.starts_with('('),
            possessive,
        });
    }
    out
}

/// The pieces of a sentence between spaces, a slash ending a piece ("ISRO)/" + "Department").
fn pieces(sentence: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (at, c) in sentence.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, &sentence[s..at]));
            }
        } else {
            let s = *start.get_or_insert(at);
            if c == '/' {
                out.push((s, &sentence[s..at + 1]));
                start = None;
            }
        }
    }
    if let Some(s) = start {
        out.push((s, &sentence[s..]));
    }
    out
}

fn capital(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        || word == "&"
}

/// The body kind an organisation's head noun gives ("Administration" → agency), if it is one.
pub fn head_kind(word: &str) -> Option<&'static str> {
    HEADS.iter().find(|(h, _)| *h == word).map(|(_, k)| *k)
}

/// True for a word that is all capitals (two or more letters): an acronym.
pub fn acronym_like(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    letters >= 2 && capitals * 3 >= letters * 2 && !word.contains(' ') && !word.contains('.')
}

/// Every organisation name in `sentence`. `is_country` tells whether a word (or two) is a
/// country's name or adjective, so it is read as a modifier rather than part of the name.
pub fn organisations(sentence: &str, is_country: &dyn Fn(&str) -> bool) -> Vec<OrgName> {
    let words = words(sentence);
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // A bracketed name is read only after its acronym ("ISRO (Indian Space Research
        // Organisation)"); other brackets hold asides and acronyms of the name before.
        let bracketed_aside = words[i].bracketed && acronym_before(&words, i).is_none();
        if !capital(&words[i].core) || bracketed_aside {
            i += 1;
            continue;
        }
        // A run of capitalised words and links, ending at punctuation or a bracket.
        let mut j = i;
        while j + 1 < words.len()
            && !words[j].closes
            && !words[j].possessive
            && !words[j + 1].bracketed
            && (capital(&words[j + 1].core) || LINKS.contains(&words[j + 1].core.as_str()))
        {
            j += 1;
        }
        for part in split_run(&words, i, j) {
            if let Some(org) = read_name(sentence, &words, part, is_country) {
                found.push(org);
            }
        }
        i = j + 1;
    }
    possessive_parents(&words, &mut found);
    found
}

/// Splits a run at coordinations between two names that each have a head ("Department of
/// Defense and Department of State"); "and" inside a name stays ("Scientific and Industrial
/// Research Organisation").
fn split_run(words: &[Word], from: usize, to: usize) -> Vec<(usize, usize)> {
    let has_head = |a: usize, b: usize| (a..=b).any(|k| head_kind(&words[k].core).is_some());
    let mut parts = Vec::new();
    let mut start = from;
    let mut k = from;
    while k <= to {
        if words[k].core == "and" && k > start && k < to {
            let next = if words[k + 1].core == "the" {
                k + 2
            } else {
                k + 1
            };
            // The left part ends in a head or its complement; the right part starts a name.
            if next <= to && has_head(start, k - 1) && has_head(next, to) {
                let right_head = (next..=to).find(|&m| head_kind(&words[m].core).is_some());
                let left_starts_alike = right_head.is_some_and(|h| {
                    h == next
                        || capital(&words[next].core) && !LINKS.contains(&words[next].core.as_str())
                });
                if left_starts_alike {
                    parts.push((start, k - 1));
                    start = next;
                    k = next;
                    continue;
                }
            }
        }
        k += 1;
    }
    parts.push((start, to));
    parts
}

/// Reads one part of a run as a name, if it has a head.
fn read_name(
    sentence: &str,
    words: &[Word],
    (from, to): (usize, usize),
    is_country: &dyn Fn(&str) -> bool,
) -> Option<OrgName> {
    // The acronym before a bracketed name sits before the run, whatever the name drops.
    let acronym = acronym_before(words, from);
    let (from, to) = without_openers(words, (from, to))?;
    let (modifier, from) = leading_country(sentence, words, (from, to), is_country)?;
    let (of_country, to) = closing_country(sentence, words, (from, to), is_country);
    // The head is the last word before the first "of"/"for"/"on"/"in", else the last word:
    // "Enhanced Force Posture Cooperation" is no organisation although it holds "Force".
    let head = (from..=to)
        .find(|&k| k > from && ["of", "for", "on", "in"].contains(&words[k].core.as_str()))
        .map_or(to, |k| k - 1);
    head_kind(&words[head].core)?;
    // The head's complement is the capitalised words after it; a name of one bare head word
    // ("Ministry") is not a name.
    if from == to {
        return None;
    }
    let head_word = words[head].core.as_str();
    if SHARED_HEADS.contains(&head_word) && modifier.is_none() && of_country.is_none() {
        return None;
    }
    // "Force" heads a channel in "Task Force".
    if head_word == "Force" && head > from && words[head - 1].core == "Task" {
        return None;
    }
    let start = words[from].start;
    let end = words[to].end;
    let name = sentence[start..end].to_string();
    if name
        .split_whitespace()
        .all(|w| !w.chars().any(char::is_lowercase))
        && !name.contains(' ')
    {
        return None;
    }
    let short = words
        .get(to + 1)
        .filter(|w| w.bracketed && acronym_like(&w.core))
        .map(|w| w.core.clone())
        .or(acronym);
    Some(OrgName {
        start,
        end,
        name,
        short,
        modifier,
        of_country,
        parent: None,
        kind: head_kind(head_word).unwrap_or("agency"),
        rule: "organisation name (head noun)",
    })
}

/// The part without links at its ends and words that open clauses; `None` when nothing is left.
fn without_openers(words: &[Word], (mut from, mut to): (usize, usize)) -> Option<(usize, usize)> {
    while from <= to
        && (LINKS.contains(&words[from].core.as_str())
            || SENTENCE_OPENERS.contains(&words[from].core.as_str())
            || NOT_NAME_START.contains(&words[from].core.as_str()))
    {
        from += 1;
    }
    while to > from && LINKS.contains(&words[to].core.as_str()) {
        to -= 1;
    }
    (from <= to).then_some((from, to))
}

/// A country modifier opening the name ("U.S.", "United States", "Indian", "Japan's") and where
/// the name proper starts; `None` when nothing is left after it.
fn leading_country(
    sentence: &str,
    words: &[Word],
    (mut from, to): (usize, usize),
    is_country: &dyn Fn(&str) -> bool,
) -> Option<(Option<String>, usize)> {
    let mut modifier = None;
    for width in [3, 2, 1] {
        if from + width <= to {
            let text = &sentence[words[from].start..words[from + width - 1].end];
            if is_country(text) {
                modifier = Some(text.to_string());
                from += width;
                break;
            }
        }
    }
    // A country joined to the name by a link ("India and the Tokyo … Institute") is another
    // party, not the name's modifier.
    if modifier.is_some() && from <= to && LINKS.contains(&words[from].core.as_str()) {
        modifier = None;
    }
    while from <= to && LINKS.contains(&words[from].core.as_str()) {
        from += 1;
    }
    (from <= to).then_some((modifier, from))
}

/// "… of India": a country closing the name is its qualifier; the qualifier and where the name
/// proper ends.
fn closing_country(
    sentence: &str,
    words: &[Word],
    (from, to): (usize, usize),
    is_country: &dyn Fn(&str) -> bool,
) -> (Option<String>, usize) {
    for width in [3, 2, 1] {
        if to > from + width && words[to - width].core == "of" {
            let text = &sentence[words[to - width + 1].start..words[to].end];
            if is_country(text) {
                return (Some(text.to_string()), to - (width + 1));
            }
        }
    }
    (None, to)
}

/// "ISRO (Indian Space Research Organisation)": the acronym written before a bracketed name.
fn acronym_before(words: &[Word], from: usize) -> Option<String> {
    let opening = words.get(from)?;
    if !opening.bracketed || from == 0 {
        return None;
    }
    let before = &words[from - 1];
    acronym_like(&before.core).then(|| before.core.clone())
}

/// "the Department of Defense's Space Force": a name right after a possessive name is part
/// of it.
fn possessive_parents(words: &[Word], found: &mut [OrgName]) {
    for k in 1..found.len() {
        let (left, right) = found.split_at_mut(k);
        let parent = &left[k - 1];
        let child = &mut right[0];
        let ends_possessive = words.iter().any(|w| w.end == parent.end && w.possessive);
        let adjacent = words
            .iter()
            .position(|w| w.end == parent.end)
            .and_then(|p| words.get(p + 1))
            .is_some_and(|w| w.start == child.start);
        if ends_possessive && adjacent {
            child.parent = Some(parent.name.clone());
            if child.modifier.is_none() {
                child.modifier.clone_from(&parent.modifier);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(text: &str) -> bool {
        matches!(
            text,
            "U.S."
                | "United States"
                | "Indian"
                | "India"
                | "Japanese"
                | "Japan"
                | "Canada"
                | "Canadian"
                | "Norway"
                | "Norwegian"
                | "Ruritania"
                | "Ruritanian"
        )
    }

    fn names(sentence: &str) -> Vec<(String, Option<String>, Option<String>)> {
        organisations(sentence, &country)
            .into_iter()
            .map(|o| (o.name, o.short, o.modifier.or(o.of_country)))
            .collect()
    }

    #[test]
    fn head_nouns_with_country_modifiers_and_acronyms() {
        assert_eq!(
            names("The leaders welcomed work by the Ruritanian Maritime Research Institute (RMRI) on tides."),
            [(
                "Maritime Research Institute".to_string(),
                Some("RMRI".to_string()),
                Some("Ruritanian".to_string())
            )]
        );
        assert_eq!(
            names("Funding comes from the Ministry of Fisheries of Norway."),
            [(
                "Ministry of Fisheries".to_string(),
                None,
                Some("Norway".to_string())
            )]
        );
    }

    #[test]
    fn coordinations_and_slashes_split_names() {
        let found = names(
            "a pact between the Canadian Department of Fisheries and the Norwegian Polar Institute",
        );
        let plain: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(plain, ["Department of Fisheries", "Polar Institute"]);
        let found =
            names("an astronaut of the Ruritanian Space Agency/Department of Space at the centre");
        let plain: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(plain, ["Space Agency", "Department of Space"]);
        // "and" inside one name stays.
        let found = names("with the Commonwealth Scientific and Industrial Research Organisation");
        assert_eq!(
            found[0].0,
            "Commonwealth Scientific and Industrial Research Organisation"
        );
    }

    #[test]
    fn possessives_give_parents() {
        let found = organisations(
            "officers of the Ruritanian Ministry of Defence's Coastal Defence Force trained",
            &country,
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[1].name, "Coastal Defence Force");
        assert_eq!(found[1].parent.as_deref(), Some("Ministry of Defence"));
        assert_eq!(found[1].modifier.as_deref(), Some("Ruritanian"));
    }

    #[test]
    fn acronyms_before_their_names_and_shared_heads() {
        let found = organisations("RSA (Ruritanian Space Agency) staff", &country);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].short.as_deref(), Some("RSA"));
        // A joint centre with no single owner is a channel, not a body.
        assert!(names("They opened a Joint Research Centre on oceans.").is_empty());
        assert!(names("The Task Force will meet.").is_empty());
        // "U.S." stays whole.
        assert_eq!(
            names("the U.S. Geological Survey and partners")[0]
                .2
                .as_deref(),
            Some("U.S.")
        );
    }
}
