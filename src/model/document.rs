//! Source texts: whitespace-normalised quote lookup and the document's section/item structure.
//!
//! Quotes are checked verbatim after folding every run of whitespace to one space, because
//! documents copied from web pages differ in line breaks and indentation, never in words.

use super::outline::{self, Line};

/// Where a quote was found in a source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteMatch {
    /// 1-based line of the source file where the quote starts.
    pub line: usize,
    /// The section/item reference of the numbered item or bullet holding it, if the document has one.
    pub item: Option<String>,
}

/// How far a quote that is not in the text does match, for a helpful error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartialMatch {
    /// The longest leading part of the (normalised) quote found in the text.
    pub matched: String,
    /// 1-based line where that part starts.
    pub line: usize,
    /// What the text says right after the matched part (a few words).
    pub text_continues: String,
    /// What the quote says right after the matched part (a few words).
    pub quote_continues: String,
}

/// A section, bullet, sub-item or paragraph of a document, as a byte range of the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Reference such as "3", "3.2" (second bullet of section 3), "3.(1)", "3.(1).2", "para 12"
    /// or "bullet 4 of section 2" (see [`crate::model::outline`]).
    pub reference: String,
    /// What kind of item it is.
    pub kind: ItemKind,
    /// Start offset in the normalised text.
    pub start: usize,
    /// End offset (exclusive) in the normalised text.
    pub end: usize,
    /// End of the item's first line: a heading's text is `start..head_end`.
    pub head_end: usize,
}

/// The role of an item in the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A numbered or titled section (its first line is the heading).
    Section,
    /// A `(1)`-style sub-heading inside a section.
    Subheading,
    /// A bullet or numbered list entry.
    Entry,
    /// A paragraph of prose.
    Paragraph,
}

/// A source document prepared for quote lookup.
#[derive(Debug, Clone)]
pub struct SourceText {
    normalized: String,
    /// Source line (1-based) of every byte of `normalized`.
    line_of_byte: Vec<usize>,
    items: Vec<Item>,
}

/// Folds every run of whitespace to a single space and trims the ends.
pub fn normalize_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl SourceText {
    /// Prepares `raw` text: normalises it and reads its section/item structure.
    pub fn new(raw: &str) -> SourceText {
        let mut normalized = String::with_capacity(raw.len());
        let mut line_of_byte = Vec::with_capacity(raw.len());
        let mut lines = Vec::new();
        for (index, line) in raw.lines().enumerate() {
            let line_number = index + 1;
            // The line's first word starts after the separating space, if any text precedes it.
            let start = normalized.len() + usize::from(!normalized.is_empty());
            for word in line.split_whitespace() {
                if !normalized.is_empty() {
                    normalized.push(' ');
                    line_of_byte.push(line_number);
                }
                normalized.push_str(word);
                line_of_byte.extend(std::iter::repeat_n(line_number, word.len()));
            }
            lines.push(Line {
                text: line,
                start,
                end: normalized.len(),
            });
        }
        let items = outline::read(&lines);
        SourceText {
            normalized,
            line_of_byte,
            items,
        }
    }

    /// The normalised text.
    pub fn text(&self) -> &str {
        &self.normalized
    }

    /// The numbered sections, bullets and sub-items found in the document.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Every place the whitespace-normalised `quote` occurs, first first.
    pub fn find_all(&self, quote: &str) -> Vec<QuoteMatch> {
        let wanted = normalize_whitespace(quote);
        if wanted.is_empty() {
            return Vec::new();
        }
        self.normalized
            .match_indices(&wanted)
            .map(|(start, _)| QuoteMatch {
                line: self.line_at(start),
                item: self.item_at(start).map(|item| item.reference.clone()),
            })
            .collect()
    }

    /// The longest leading part of `quote` that the text holds, to explain a failed match.
    pub fn partial_match(&self, quote: &str) -> Option<PartialMatch> {
        let wanted = normalize_whitespace(quote);
        let boundaries: Vec<usize> = wanted
            .char_indices()
            .map(|(i, _)| i)
            .skip(1)
            .chain(std::iter::once(wanted.len()))
            .collect();
        // Occurrence of a prefix is monotone in its length, so binary search the longest one.
        let (mut low, mut high) = (0usize, boundaries.len());
        while low < high {
            let middle = (low + high).div_ceil(2);
            if self.normalized.contains(&wanted[..boundaries[middle - 1]]) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        if low == 0 {
            return None;
        }
        let matched = &wanted[..boundaries[low - 1]];
        let start = self.normalized.find(matched)?;
        let after_text = &self.normalized[start + matched.len()..];
        let after_quote = &wanted[matched.len()..];
        Some(PartialMatch {
            matched: matched.to_string(),
            line: self.line_at(start),
            text_continues: first_words(after_text, 6),
            quote_continues: first_words(after_quote, 6),
        })
    }

    fn line_at(&self, offset: usize) -> usize {
        self.line_of_byte.get(offset).copied().unwrap_or(0)
    }

    /// The innermost item holding `offset`.
    fn item_at(&self, offset: usize) -> Option<&Item> {
        self.items
            .iter()
            .filter(|item| item.start <= offset && offset < item.end)
            .min_by_key(|item| item.end - item.start)
    }
}

fn first_words(text: &str, count: usize) -> String {
    let words: Vec<&str> = text
        .split(' ')
        .filter(|w| !w.is_empty())
        .take(count)
        .collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Title\n\n1. First Heading\n\n  • Alpha bullet\n  • Beta\n    bullet continues\n2. Second\n\n  • Gamma\n\n    (1) Sub\n\n    1. Delta item\n    2. Epsilon item\nNew Delhi\n";

    #[test]
    fn finds_quotes_across_line_breaks_with_their_item() {
        let text = SourceText::new(SAMPLE);
        let found = text.find_all("Beta bullet   continues");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 6);
        assert_eq!(found[0].item.as_deref(), Some("1.2"));
    }

    #[test]
    fn numbers_sub_items_under_their_subheading() {
        let text = SourceText::new(SAMPLE);
        assert_eq!(text.find_all("Epsilon")[0].item.as_deref(), Some("2.(1).2"));
        assert_eq!(
            text.find_all("Delta item")[0].item.as_deref(),
            Some("2.(1).1")
        );
        assert_eq!(text.find_all("Gamma")[0].item.as_deref(), Some("2.1"));
        assert_eq!(text.find_all("Second")[0].item.as_deref(), Some("2"));
    }

    #[test]
    fn text_at_the_margin_ends_the_outline() {
        let text = SourceText::new(SAMPLE);
        assert_eq!(text.find_all("New Delhi")[0].item, None);
        assert_eq!(text.find_all("Title")[0].item, None);
    }

    #[test]
    fn missing_quote_reports_where_it_diverges() {
        let text = SourceText::new(SAMPLE);
        assert!(text.find_all("Alpha bulletin").is_empty());
        let partial = text
            .partial_match("Alpha bulletin board")
            .expect("prefix matches");
        assert_eq!(partial.matched, "Alpha bullet");
        assert_eq!(partial.line, 5);
        assert_eq!(partial.quote_continues, "in board");
        assert_eq!(partial.text_continues, "• Beta bullet continues 2. Second");
        assert!(text.partial_match("Zzz").is_none());
    }
}
