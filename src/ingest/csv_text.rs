//! The raw text of a CSV table, read beside the `csv` crate's parser: line numbers from byte
//! offsets (right for `\n`, `\r\n` and `\r` line ends alike), quoting mistakes the parser would
//! silently repair, and the `;`-separated list cells.

/// Line numbers of byte offsets in a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line after the first starts.
    starts: Vec<u64>,
}

impl LineIndex {
    /// Indexes the line ends of `bytes` (`\n`, `\r\n`, or a lone `\r`).
    pub fn new(bytes: &[u8]) -> LineIndex {
        let mut starts = Vec::new();
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i as u64 + 1);
            }
        }
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line(&self, offset: u64) -> u64 {
        self.starts.partition_point(|&start| start <= offset) as u64 + 1
    }

    /// The line where a record the parser says starts at `offset` of `bytes` really starts: the
    /// parser ends a record at `\r` and counts the `\n` of a `\r\n` as the next record's start
    /// (so its own line numbers are one too low after Windows line ends).
    pub fn record_line(&self, bytes: &[u8], offset: u64) -> u64 {
        let skipped = bytes
            .iter()
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        self.line(offset + skipped as u64)
    }
}

/// A quoted cell that goes on after its closing quote (`"Y "bad" body"`), or is never closed:
/// the parser would drop the quotes, or swallow the rest of the file into the cell, without a
/// word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteProblem {
    /// True when the cell's quote is never closed (the rest of the file would be its text).
    pub unclosed: bool,
    /// 1-based line of the stray character (of the opening quote, for an unclosed cell).
    pub line: u64,
    /// 0-based position of the cell in its row.
    pub field: usize,
    /// The cell as written (up to 60 characters).
    pub cell: String,
}

/// Every quoted cell of `bytes` (comma-separated, `"`-quoted, quotes doubled inside) that has
/// text after its closing quote. One pass, linear in the size of the text.
pub fn quote_problems(bytes: &[u8]) -> Vec<QuoteProblem> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Start,
        Unquoted,
        Quoted,
        QuoteSeen,
    }
    let mut problems = Vec::new();
    let mut state = State::Start;
    let (mut line, mut field, mut cell_start) = (1u64, 0usize, 0usize);
    let (mut cell_line, mut cell_field) = (1u64, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        let line_end = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        match state {
            State::Quoted => {
                if b == b'"' {
                    state = State::QuoteSeen;
                }
                if line_end {
                    line += 1;
                }
                continue;
            }
            State::QuoteSeen if b == b'"' => {
                state = State::Quoted;
                continue;
            }
            State::QuoteSeen if b != b',' && b != b'\r' && b != b'\n' => {
                problems.push(QuoteProblem {
                    unclosed: false,
                    line,
                    field,
                    cell: cell_text(bytes, cell_start, i),
                });
                state = State::Unquoted;
                continue;
            }
            _ => {}
        }
        match b {
            b',' => {
                field += 1;
                state = State::Start;
            }
            b'\r' | b'\n' => {
                field = 0;
                state = State::Start;
            }
            b'"' if state == State::Start => {
                state = State::Quoted;
                (cell_start, cell_line, cell_field) = (i, line, field);
            }
            _ => {
                if state == State::Start {
                    state = State::Unquoted;
                }
            }
        }
        if line_end {
            line += 1;
        }
    }
    if state == State::Quoted {
        problems.push(QuoteProblem {
            unclosed: true,
            line: cell_line,
            field: cell_field,
            cell: cell_text(bytes, cell_start, cell_start),
        });
    }
    problems
}

/// The cell starting at `start` whose closing quote was followed by text at `stray`: up to the
/// next comma or line end after that (where the parser ends it), at most 60 characters.
fn cell_text(bytes: &[u8], start: usize, stray: usize) -> String {
    let end = bytes[stray..]
        .iter()
        .position(|&b| b == b',' || b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |p| stray + p);
    let text = String::from_utf8_lossy(&bytes[start..end]);
    let mut cell: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        cell.push('…');
    }
    cell
}

/// The separator of items in a list cell.
pub const LIST_SEPARATOR: char = ';';

/// A list cell: items joined by `; `, with `;` and `\` inside an item written `\;` and `\\`, so
/// that every item comes back exactly ([`split_list`]).
pub fn join_list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| item.replace('\\', "\\\\").replace(LIST_SEPARATOR, "\\;"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The items of a list cell: split at every `;` not written `\;`, `\;` and `\\` read back as `;`
/// and `\` (any other backslash is kept as it is), each item trimmed, empty items dropped.
pub fn split_list(cell: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut item = String::new();
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if matches!(chars.peek(), Some('\\') | Some(';')) => {
                item.extend(chars.next());
            }
            LIST_SEPARATOR => items.push(std::mem::take(&mut item)),
            c => item.push(c),
        }
    }
    items.push(item);
    items
        .into_iter()
        .map(|item| item.trim().to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn lines_count_crlf_once() {
        let text = b"a,b\r\nc,d\r\ne,f\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(5), 2);
        assert_eq!(index.line(10), 3);
        // The parser puts the next record's start on the `\n` of `\r\n`.
        assert_eq!(index.line(4), 1);
        assert_eq!(index.record_line(text, 4), 2);
        let old_mac = b"a\rb\rc";
        assert_eq!(LineIndex::new(old_mac).line(4), 3);
    }

    #[test]
    fn finds_text_after_a_closing_quote() {
        let text = "id,name\r\nx,\"fine \"\"quoted\"\" name\"\r\ny,\"Y \"bad\" body\"\r\n\"multi\nline\",ok\n";
        assert_eq!(
            quote_problems(text.as_bytes()),
            vec![QuoteProblem {
                unclosed: false,
                line: 3,
                field: 1,
                cell: "\"Y \"bad\" body\"".into()
            }]
        );
        assert!(quote_problems(b"a,\"b\nc\",\"d\"\n").is_empty());
        let unclosed = quote_problems(b"id,name\nx,\"open\ny,z\n");
        assert_eq!(unclosed.len(), 1);
        assert!(unclosed[0].unclosed && unclosed[0].line == 2 && unclosed[0].field == 1);
    }

    #[test]
    fn semicolons_and_backslashes_survive_lists() {
        let items = vec!["a;b".to_string(), "c\\".to_string(), "C:\\x".to_string()];
        assert_eq!(join_list(&items), "a\\;b; c\\\\; C:\\\\x");
        assert_eq!(split_list(&join_list(&items)), items);
        // Hand-written cells: a lone backslash stays.
        assert_eq!(split_list("C:\\x; y"), vec!["C:\\x", "y"]);
    }

    proptest! {
        #[test]
        fn lists_round_trip(items in proptest::collection::vec("[^\\s]([^\\n]{0,8}[^\\s])?", 0..5)) {
            prop_assert_eq!(split_list(&join_list(&items)), items);
        }
    }
}
