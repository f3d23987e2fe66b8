//! The outline of a plain-text document: its sections, sub-headings, bullets and paragraphs, each
//! with the reference a citation uses (`ref`).
//!
//! Two shapes of document are read:
//! - **numbered**: `N. Heading` at the margin (at least two, numbered without restarting), with
//!   indented `•` bullets (`3.2` is the second bullet of section 3), `(p) Sub-heading` lines and
//!   indented `i. item` lines under them (`3.(1).2`). A numbered paragraph may wrap onto lines at
//!   the margin; any other line at the margin after a blank line ends the outline (signatures,
//!   page debris). A communiqué of numbered paragraphs is this shape: paragraph 12 is `12`.
//! - **paragraphs**: everything else. Headings (a Markdown `#` line, or a short standalone line
//!   without closing punctuation) are sections, counted from 1; bullets (`•`, `-`, `*`, `·`, `–`,
//!   `N.`, `N)`, `(a)` …) are `bullet K of section S` (`bullet K` before any heading); prose blocks
//!   are `para N`, counted through the whole document. The first line, when it is heading-like,
//!   is the document's title and a heading that is a date line ("20 May 2023, Hiroshima") is
//!   not a section.

use super::document::{Item, ItemKind};

/// One line of the source: its raw text and where its words sit in the normalised text.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// The raw line.
    pub text: &'a str,
    /// Offset of its first word in the normalised text.
    pub start: usize,
    /// Offset just past its last word.
    pub end: usize,
}

/// Reads the outline of `lines`.
pub fn read(lines: &[Line]) -> Vec<Item> {
    if is_numbered(lines) {
        numbered(lines)
    } else {
        paragraphs(lines)
    }
}

/// A document is numbered when at least two margin lines read `N. ` and the numbers never restart.
fn is_numbered(lines: &[Line]) -> bool {
    let numbers: Vec<u64> = lines
        .iter()
        .filter(|l| !l.text.starts_with(char::is_whitespace))
        .filter_map(|l| leading_number(l.text, '.'))
        .filter_map(|n| n.parse().ok())
        .collect();
    numbers.len() >= 2 && numbers.windows(2).all(|w| w[0] < w[1])
}

fn numbered(lines: &[Line]) -> Vec<Item> {
    let mut reader = Outline::default();
    let mut section: Option<String> = None;
    let mut bullet = 0usize;
    let mut subheading: Option<String> = None;
    let mut previous_blank = true;
    for line in lines {
        let trimmed = line.text.trim_start();
        if trimmed.is_empty() {
            previous_blank = true;
            continue;
        }
        let indented = trimmed.len() != line.text.len();
        if !indented {
            if let Some(number) = leading_number(trimmed, '.') {
                reader.open.clear();
                section = Some(number.clone());
                bullet = 0;
                subheading = None;
                reader.open_item(number, ItemKind::Section, line);
            } else if !previous_blank && reader.open.len() == 1 {
                // A numbered paragraph wrapped onto the margin: it continues.
            } else {
                reader.open.clear();
                section = None;
            }
        } else if let Some(current) = section.clone() {
            if is_bullet_mark(trimmed) {
                reader.open.truncate(1);
                bullet += 1;
                subheading = None;
                reader.open_item(format!("{current}.{bullet}"), ItemKind::Entry, line);
            } else if let Some(number) = parenthesised_number(trimmed) {
                reader.open.truncate(1);
                let reference = format!("{current}.({number})");
                subheading = Some(reference.clone());
                reader.open_item(reference, ItemKind::Subheading, line);
            } else if let Some(number) = leading_number(trimmed, '.') {
                let parent = subheading.clone().unwrap_or_else(|| current.clone());
                // Close everything below the sub-heading (or section) before opening the item.
                while let Some(&last) = reader.open.last() {
                    if reader.items[last].reference == parent {
                        break;
                    }
                    reader.open.pop();
                }
                reader.open_item(format!("{parent}.{number}"), ItemKind::Entry, line);
            }
        }
        reader.extend(line.end);
        previous_blank = false;
    }
    reader.items
}

fn paragraphs(lines: &[Line]) -> Vec<Item> {
    let mut reader = Outline::default();
    let mut sections = 0usize;
    let mut bullets = 0usize;
    let mut paragraphs = 0usize;
    let mut previous_blank = true;
    let mut seen_text = false;
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.text.trim();
        if trimmed.is_empty() {
            reader.close_block();
            previous_blank = true;
            continue;
        }
        let next_blank = lines
            .get(index + 1)
            .is_none_or(|next| next.text.trim().is_empty());
        let indented = line.text.starts_with(char::is_whitespace);
        let markdown_heading =
            trimmed.starts_with('#') && trimmed.trim_start_matches('#').starts_with(' ');
        let listed = is_bullet_mark(trimmed) || list_number(trimmed);
        if markdown_heading || (!listed && previous_blank && next_blank && is_heading_like(trimmed))
        {
            reader.close_block();
            let first_line = !seen_text;
            let heading = trimmed.trim_start_matches('#').trim();
            if !first_line && !is_date_line(heading) && heading.chars().any(char::is_alphabetic) {
                sections += 1;
                bullets = 0;
                reader.open.clear();
                reader.open_item(format!("section {sections}"), ItemKind::Section, line);
            }
        } else if listed {
            reader.close_block();
            bullets += 1;
            let reference = match sections {
                0 => format!("bullet {bullets}"),
                s => format!("bullet {bullets} of section {s}"),
            };
            reader.open_item(reference, ItemKind::Entry, line);
        } else if !trimmed.chars().any(char::is_alphanumeric) {
            reader.close_block(); // "###", "* * *": end-of-release marks, rules
        } else if reader.block_open() && (!previous_blank || (indented && reader.in_entry())) {
            // The paragraph or bullet goes on.
        } else {
            reader.close_block();
            paragraphs += 1;
            reader.open_item(format!("para {paragraphs}"), ItemKind::Paragraph, line);
        }
        seen_text = true;
        reader.extend(line.end);
        previous_blank = false;
    }
    reader.items
}

/// Items and the stack of those still open, innermost last.
#[derive(Default)]
struct Outline {
    items: Vec<Item>,
    open: Vec<usize>,
}

impl Outline {
    fn open_item(&mut self, reference: String, kind: ItemKind, line: &Line) {
        self.items.push(Item {
            reference,
            kind,
            start: line.start,
            end: line.start,
            head_end: line.end,
        });
        self.open.push(self.items.len() - 1);
    }

    fn extend(&mut self, end: usize) {
        for &index in &self.open {
            self.items[index].end = end;
        }
    }

    fn block_open(&self) -> bool {
        self.open
            .last()
            .is_some_and(|&i| matches!(self.items[i].kind, ItemKind::Entry | ItemKind::Paragraph))
    }

    fn in_entry(&self) -> bool {
        self.open
            .last()
            .is_some_and(|&i| self.items[i].kind == ItemKind::Entry)
    }

    /// Closes the open paragraph or bullet, keeping the section open.
    fn close_block(&mut self) {
        if self.block_open() {
            self.open.pop();
        }
    }
}

/// A short line without closing punctuation that starts with a capital or a digit.
fn is_heading_like(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let first = text.chars().next();
    let last = text
        .trim_end_matches(['”', '"', '’', '\'', ')'])
        .chars()
        .last();
    words <= 12
        && first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !last.is_some_and(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?'))
        && !is_bullet_mark(text)
}

/// A date line such as "20 May 2023, Hiroshima" or "December 29, 2009".
fn is_date_line(text: &str) -> bool {
    let has_month = text
        .split(|c: char| !c.is_alphabetic())
        .any(|w| super::dates::MONTHS.contains(&w));
    let has_year = text
        .split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 4);
    has_month && has_year && text.split_whitespace().count() <= 6
}

/// A bullet character followed by a space.
fn is_bullet_mark(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(
        chars.next(),
        Some('•' | '-' | '*' | '·' | '–' | '▪' | '◦' | '●' | '○' | '■' | '►')
    ) && chars.next().is_some_and(char::is_whitespace)
}

/// A list entry numbered `N.`, `N)`, `(N)`, `(a)` or `a)` (in a document of paragraphs).
fn list_number(text: &str) -> bool {
    leading_number(text, '.').is_some()
        || leading_number(text, ')').is_some()
        || parenthesised_number(text).is_some()
        || {
            let inner = text.strip_prefix('(').unwrap_or(text);
            let mut chars = inner.chars();
            chars.next().is_some_and(|c| c.is_ascii_lowercase())
                && chars.next() == Some(')')
                && chars.next().is_some_and(char::is_whitespace)
        }
}

/// `"12. Text"` → `Some("12")` when followed by `terminator` and a space.
fn leading_number(text: &str, terminator: char) -> Option<String> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let rest = &text[digits.len()..];
    let mut chars = rest.chars();
    (chars.next() == Some(terminator) && chars.next().is_some_and(char::is_whitespace))
        .then_some(digits)
}

/// `"(2) Text"` → `Some("2")`.
fn parenthesised_number(text: &str) -> Option<String> {
    let inner = text.strip_prefix('(')?;
    let digits: String = inner.chars().take_while(char::is_ascii_digit).collect();
    (!digits.is_empty() && inner[digits.len()..].starts_with(')')).then_some(digits)
}

#[cfg(test)]
mod tests {
    use crate::model::document::{ItemKind, SourceText};

    fn refs(text: &str) -> Vec<(String, ItemKind, String)> {
        let source = SourceText::new(text);
        source
            .items()
            .iter()
            .map(|i| {
                (
                    i.reference.clone(),
                    i.kind,
                    source.text()[i.start..i.end].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn a_statement_of_paragraphs_and_headings() {
        let text = "Joint Statement\n\n20 May 2023, Hiroshima\n\nWe met today.\n\nPeace and Stability\n\nWe discussed the region.\nIt goes on here.\n\n- First bullet\n  wraps here\n- Second bullet\n\n###\n";
        let found = refs(text);
        let names: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "para 1",
                "section 1",
                "para 2",
                "bullet 1 of section 1",
                "bullet 2 of section 1"
            ]
        );
        assert_eq!(found[2].2, "We discussed the region. It goes on here.");
        assert_eq!(found[3].2, "- First bullet wraps here");
        assert_eq!(found[1].1, ItemKind::Section);
    }

    #[test]
    fn a_communique_of_numbered_paragraphs_wrapped_at_the_margin() {
        let text = "Communique\n\n1. The ministers met\nand agreed to talk.\n\n2. They will meet again.\n\nSigned in Paris\n";
        let found = refs(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, "1");
        assert_eq!(found[0].2, "1. The ministers met and agreed to talk.");
        assert_eq!(found[1].2, "2. They will meet again.");
    }

    #[test]
    fn markdown_lists_that_restart_are_bullets_under_their_headings() {
        let text = "# Fact sheet\n\n## Defence\n\n1. Naval exercise\n2. Staff talks\n\n## Space\n\n1. Data sharing\n";
        let names: Vec<String> = refs(text).into_iter().map(|f| f.0).collect();
        assert_eq!(
            names,
            [
                "section 1",
                "bullet 1 of section 1",
                "bullet 2 of section 1",
                "section 2",
                "bullet 1 of section 2"
            ]
        );
    }
}
