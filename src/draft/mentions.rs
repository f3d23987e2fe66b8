//! Finding gazetteer names in text: countries, bodies, office titles and forums, as spans.
//!
//! Acronyms and one-word names match case-sensitively ("MOD", "Navy", "naval"); names of several
//! words that contain lower-case letters match ignoring ASCII case ("Ministers of Defence" =
//! "ministers of defence"). A match must stand between word boundaries; overlapping matches are
//! settled in favour of the longest (so "Japan Coast Guard" wins over "Japan" and "Coast Guard").

use super::gazetteer::{EntryType, Gazetteer};

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

struct Pattern {
    text: String,
    folded: bool,
    /// An acronym ("RAN"): not taken when a capitalised word other than a country's name comes
    /// right before it, where it is part of another name ("Open RAN").
    acronym: bool,
    kind: EntryType,
    entry: usize,
}

/// Finds gazetteer names in text.
pub struct Matcher {
    patterns: Vec<Pattern>,
    country_words: Vec<String>,
}

impl Matcher {
    /// Indexes every name of the gazetteer (with typographic and straight apostrophes).
    pub fn new(gazetteer: &Gazetteer) -> Matcher {
        let mut patterns = Vec::new();
        for (index, entry) in gazetteer.entries.iter().enumerate() {
            for name in entry.names() {
                let variants = [name.to_string(), name.replace('\'', "’")];
                for variant in variants {
                    let folded = variant.split_whitespace().count() > 1
                        && variant.chars().any(|c| c.is_lowercase());
                    let text = if folded {
                        variant.to_ascii_lowercase()
                    } else {
                        variant
                    };
                    if patterns
                        .iter()
                        .any(|p: &Pattern| p.text == text && p.entry == index && p.folded == folded)
                    {
                        continue;
                    }
                    let acronym = !text.contains(' ')
                        && text.chars().filter(|c| c.is_uppercase()).count() >= 2
                        && !text.chars().any(char::is_lowercase);
                    patterns.push(Pattern {
                        text,
                        folded,
                        acronym,
                        kind: entry.kind_of_entry,
                        entry: index,
                    });
                }
            }
        }
        let country_words = gazetteer
            .of(EntryType::Country)
            .flat_map(|c| c.names().map(str::to_string).collect::<Vec<_>>())
            .collect();
        Matcher {
            patterns,
            country_words,
        }
    }

    /// True when the word right before `start` is capitalised and not a country's name.
    fn glued_to_a_name(&self, text: &str, start: usize) -> bool {
        let Some(before) = text[..start].strip_suffix(' ') else {
            return false;
        };
        let word = before.rsplit(' ').next().unwrap_or("");
        word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !self.country_words.iter().any(|c| c == word)
            && !matches!(word, "The" | "And" | "Of" | "In" | "With" | "By")
    }

    /// Every mention in `text`, in order, without overlaps (longest first, then earliest).
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let lower = text.to_ascii_lowercase();
        let mut raw: Vec<(usize, usize, EntryType, usize)> = Vec::new();
        for pattern in &self.patterns {
            let haystack = if pattern.folded { &lower } else { text };
            for (start, found) in haystack.match_indices(pattern.text.as_str()) {
                let end = start + found.len();
                if is_boundary(text, start, end)
                    && !(pattern.acronym && self.glued_to_a_name(text, start))
                {
                    raw.push((start, end, pattern.kind, pattern.entry));
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
        let mut chosen: Vec<Mention> = Vec::new();
        for (start, end, kind, entry) in raw {
            if let Some(same) = chosen
                .iter_mut()
                .find(|m| m.start == start && m.end == end && m.kind == kind)
            {
                if !same.entries.contains(&entry) {
                    same.entries.push(entry);
                }
                continue;
            }
            if chosen.iter().any(|m| start < m.end && m.start < end) {
                continue;
            }
            chosen.push(Mention {
                start,
                end,
                kind,
                entries: vec![entry],
            });
        }
        chosen.sort_by_key(|m| (m.start, m.end));
        chosen
    }
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
        assert_eq!(matcher.find("Australian RAN ships").len(), 3);
        // Multi-word names ignore case.
        let found = matcher.find("regular meetings between the ministers of defence");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, EntryType::Office);
    }
}
