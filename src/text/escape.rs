//! The only place user-supplied text is made safe for the formats it lands in: one function per
//! target (terminal, Markdown, XML 1.0, DOT, HTML, CSV, Cypher).

use graphviz_rust::dot_structures::Id;
use std::borrow::Cow;
use std::fmt::Write as _;

/// What stands in for a character a format cannot hold at all (XML 1.0's forbidden ones).
pub const REPLACEMENT: char = '\u{FFFD}';

/// True for the characters XML 1.0 forbids even as character references: C0 controls other than
/// tab, line feed and carriage return, and U+FFFE/U+FFFF. (Lone surrogates, the third kind,
/// cannot occur in a Rust string: the loaders reject them.)
pub fn xml_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// True for characters a terminal acts on instead of showing: C0 and C1 controls, DEL, the
/// bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069, which can make
/// text read differently from what it is), and the Unicode line and paragraph separators.
pub fn terminal_unsafe(c: char) -> bool {
    c.is_control() || bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// True for the bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069):
/// invisible, they reorder the text around them, so "navy\u{202e}-south" reads as another name.
/// Right-to-left scripts need none of them to show correctly.
pub fn bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` for one cell or line of terminal output: every character a terminal would act on is
/// shown visibly instead (`\u{1b}` for ESC, `\n`, `\t`, `\r`), so a name cannot move the
/// cursor, recolour, retitle or reorder what is printed.
pub fn terminal(text: &str) -> Cow<'_, str> {
    terminal_with(text, |_| false)
}

/// `text` for a message of several lines that coopgraph composed (an error listing every
/// problem): like [`terminal`], but line feeds and tabs stay as they are.
pub fn terminal_message(text: &str) -> Cow<'_, str> {
    terminal_with(text, |c| c == '\n' || c == '\t')
}

fn terminal_with(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| terminal_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if keep(c) || !terminal_unsafe(c) => shown.push(c),
            '\n' => shown.push_str("\\n"),
            '\t' => shown.push_str("\\t"),
            '\r' => shown.push_str("\\r"),
            c => {
                let _ = write!(shown, "\\u{{{:x}}}", c as u32);
            }
        }
    }
    Cow::Owned(shown)
}

/// `text` as inline Markdown that renders exactly as written: the characters CommonMark (and
/// GitHub's tables and strikethrough) give a meaning inside a line are backslash-escaped, so a
/// name can open no HTML tag, entity, link, image, emphasis, code span or table cell; a name
/// that would start a heading, list, quote or rule at the start of a line has that marker
/// escaped too; line breaks become spaces (a name stays on its line) and other control
/// characters are shown as in [`terminal`].
pub fn markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    // A block marker counts only where the name would start a line: its first non-space
    // character, or the `.`/`)` after leading digits ("1. ", "2) ").
    let lead = text.trim_start_matches(' ');
    let marker_at = text.len() - lead.len();
    let digits = lead.bytes().take_while(u8::is_ascii_digit).count();
    for (at, c) in text.char_indices() {
        let block_marker = (at == marker_at && matches!(c, '#' | '+' | '-' | '=' | '>'))
            || (digits > 0 && at == marker_at + digits && matches!(c, '.' | ')'));
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                escaped.push('\\');
                escaped.push(c);
            }
            c if block_marker => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\n' | '\r' | '\t' => escaped.push(' '),
            c if terminal_unsafe(c) || xml_forbidden(c) => {
                // Shown as `\u{1b}`, its backslash escaped so Markdown prints it.
                let _ = write!(escaped, "\\\\u{{{:x}}}", c as u32);
            }
            c => escaped.push(c),
        }
    }
    escaped
}

/// The entity for a character that is markup in both HTML and XML.
fn markup_entity(c: char) -> Option<&'static str> {
    match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        _ => None,
    }
}

/// `text` as XML 1.0 character data or attribute value, fully escaped: markup characters as
/// entities; tab, line feed and carriage return as character references (so that a reader's
/// attribute-value and line-end normalisation gives them back unchanged); characters XML 1.0
/// forbids replaced by U+FFFD.
pub fn xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if let Some(entity) = markup_entity(c) {
            escaped.push_str(entity);
            continue;
        }
        match c {
            '\'' => escaped.push_str("&apos;"),
            '\t' => escaped.push_str("&#9;"),
            '\n' => escaped.push_str("&#10;"),
            '\r' => escaped.push_str("&#13;"),
            c if xml_forbidden(c) => escaped.push(REPLACEMENT),
            c => escaped.push(c),
        }
    }
    escaped
}

/// A DOT quoted string holding `text` verbatim: backslashes and quotes escaped, line breaks as
/// `\n` (DOT's centred line break), bidirectional controls shown as `\u{202e}` (a diagram must
/// not reorder a name). Nothing the user writes can end the string or inject an attribute.
pub fn dot_string(text: &str) -> Id {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '\\' => quoted.push_str("\\\\"),
            '"' => quoted.push_str("\\\""),
            '\n' => quoted.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => quoted.push(' '),
            c if bidi_control(c) => {
                let _ = write!(quoted, "\\\\u{{{:x}}}", c as u32);
            }
            // Graphviz copies labels and tooltips into SVG, which is XML.
            c if xml_forbidden(c) => quoted.push(REPLACEMENT),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    Id::Escaped(quoted)
}

/// A DOT quoted string for a tooltip holding `text` verbatim. Graphviz reads a tooltip twice —
/// once as a DOT string, then for its `\N`, `\G`, `\L`, `\T`, `\H` and `\E` sequences (the
/// node's name, the graph's, …) — where a label is read once: so every backslash of `text` is
/// doubled again, and a name holding `\N` shows as written, not as the node's id.
pub fn dot_tooltip(text: &str) -> Id {
    let doubled = text.replace('\\', "\\\\");
    dot_string(&doubled)
}

/// `text` escaped for HTML text and attribute values (`& < > " '`); control characters become
/// spaces, the characters XML 1.0 forbids U+FFFD (so it is also safe in SVG), and bidirectional
/// controls are shown as `\u{202e}`.
pub fn html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if let Some(entity) = markup_entity(c) {
            escaped.push_str(entity);
            continue;
        }
        match c {
            '\'' => escaped.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => escaped.push(' '),
            c if xml_forbidden(c) => escaped.push(REPLACEMENT),
            c if bidi_control(c) => {
                let _ = write!(escaped, "\\u{{{:x}}}", c as u32);
            }
            c => escaped.push(c),
        }
    }
    escaped
}

/// JSON text made safe inside an HTML `<script>` element: `<`, `>`, `&` and the JavaScript line
/// separators become `\u` escapes, so no `</script>` or `<!--` can appear in it.
pub fn json_in_html(json: &str) -> String {
    let mut escaped = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => escaped.push_str("\\u003c"),
            '>' => escaped.push_str("\\u003e"),
            '&' => escaped.push_str("\\u0026"),
            '\u{2028}' => escaped.push_str("\\u2028"),
            '\u{2029}' => escaped.push_str("\\u2029"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// JSON text (as serde_json writes it) with every character a terminal would act on inside its
/// strings written as a `\u` escape: serde_json escapes C0 controls but passes DEL, C1 controls
/// and bidi overrides through raw. The JSON means exactly the same; only its bytes are safe to
/// print. (Outside strings JSON is ASCII without controls, so only string content changes.)
pub fn json_terminal_safe(json: &str) -> Cow<'_, str> {
    // Raw line feeds, tabs and carriage returns can only be the layout between tokens: inside
    // strings serde_json has escaped them already.
    let unsafe_here = |c: char| terminal_unsafe(c) && !matches!(c, '\n' | '\t' | '\r');
    if !json.chars().any(unsafe_here) {
        return Cow::Borrowed(json);
    }
    let mut escaped = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_here(c) {
            // Every terminal-unsafe character is in the Basic Multilingual Plane.
            let _ = write!(escaped, "\\u{:04x}", c as u32);
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

/// serde_json's pretty layout with [`json_terminal_safe`]'s escaping done while writing, so JSON
/// can be streamed (a table of millions of rows is never held as text) and still be safe to print.
pub struct TerminalSafeJson<'a>(pub serde_json::ser::PrettyFormatter<'a>);

impl Default for TerminalSafeJson<'_> {
    fn default() -> Self {
        TerminalSafeJson(serde_json::ser::PrettyFormatter::new())
    }
}

/// Forwards the layout calls to the pretty formatter it wraps.
macro_rules! pretty {
    ($($name:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $name<W: ?Sized + std::io::Write>(&mut self, writer: &mut W $(, $arg: $ty)*) -> std::io::Result<()> {
            self.0.$name(writer $(, $arg)*)
        }
    )*};
}

impl serde_json::ser::Formatter for TerminalSafeJson<'_> {
    pretty!(
        begin_array(),
        end_array(),
        begin_array_value(first: bool),
        end_array_value(),
        begin_object(),
        end_object(),
        begin_object_key(first: bool),
        begin_object_value(),
        end_object_value(),
    );

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if terminal_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                // Every terminal-unsafe character is in the Basic Multilingual Plane.
                write!(writer, "\\u{:04x}", c as u32)?;
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// A Cypher string literal: single-quoted, with backslashes, quotes and line breaks escaped.
pub fn cypher_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('\'');
    for c in text.chars() {
        match c {
            '\\' => quoted.push_str("\\\\"),
            '\'' => quoted.push_str("\\'"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => quoted.push(' '),
            c => quoted.push(c),
        }
    }
    quoted.push('\'');
    quoted
}

/// Characters that make a spreadsheet treat a cell as a formula (CSV injection).
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Makes `text` safe as a CSV cell opened in a spreadsheet: a leading formula character gets a
/// `'` in front, which spreadsheets show as text. (Quoting of commas and quotes is the `csv`
/// crate's job.) [`csv_cell_unescape`] undoes it, so exported tables import unchanged.
pub fn csv_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if starts_formula(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// Reverses [`csv_cell`]: drops one `'` in front of a (guarded) leading formula character.
pub fn csv_cell_unescape(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if starts_formula(rest) => rest,
        _ => text,
    }
}

/// True when `text`, past any guard quotes already in front, starts with a formula character;
/// counting existing quotes keeps values that start with `'` intact through a round trip.
/// A plain number ("-0.5") is data, not a formula, and stays as it is.
fn starts_formula(text: &str) -> bool {
    let unguarded = text.trim_start_matches('\'');
    unguarded.starts_with(FORMULA_TRIGGERS) && unguarded.parse::<f64>().is_err()
}

/// `text` as the character data of a slide's text run (PresentationML `a:t`): markup characters
/// as entities; line breaks as spaces (a run holds one line); control characters, bidirectional
/// controls and XML 1.0's forbidden characters shown visibly as `\u{202e}`, as in [`terminal`],
/// so a name can neither break the file nor reorder what the slide shows.
pub fn slide_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => escaped.push(' '),
            c if terminal_unsafe(c) || xml_forbidden(c) => {
                let _ = write!(escaped, "\\u{{{:x}}}", c as u32);
            }
            c => match markup_entity(c) {
                Some(entity) => escaped.push_str(entity),
                None => escaped.push(c),
            },
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn diagrams_and_pages_show_bidi_controls_instead_of_obeying_them() {
        let name = "navy\u{202e}-south\u{2066}x";
        let Id::Escaped(quoted) = dot_string(name) else {
            panic!("escaped")
        };
        assert_eq!(quoted, r#""navy\\u{202e}-south\\u{2066}x""#);
        assert_eq!(html(name), r"navy\u{202e}-south\u{2066}x");
        // Right-to-left text itself is left as it is.
        assert_eq!(html("وزارة الدفاع"), "وزارة الدفاع");
    }

    #[test]
    fn streamed_json_is_escaped_as_the_text_function_escapes_it() {
        use serde::Serialize;
        let value = serde_json::json!({"name": "a\u{1b}]0;x\u{7}b\u{202e}c\u{9b}", "n": [1, 2]});
        let mut streamed = Vec::new();
        let mut serializer =
            serde_json::Serializer::with_formatter(&mut streamed, TerminalSafeJson::default());
        value.serialize(&mut serializer).expect("serialize");
        let text = serde_json::to_string_pretty(&value).expect("text");
        assert_eq!(
            String::from_utf8(streamed).expect("utf8"),
            json_terminal_safe(&text)
        );
    }

    #[test]
    fn guards_formulas_only() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("-1"), "-1");
        assert_eq!(csv_cell("-cmd"), "'-cmd");
        assert_eq!(csv_cell("MLIT"), "MLIT");
        assert_eq!(csv_cell("'quoted"), "'quoted");
    }

    #[test]
    fn dot_strings_cannot_break_out() {
        let Id::Escaped(quoted) = dot_string("a\"b\\c\nd") else {
            panic!("escaped id")
        };
        assert_eq!(quoted, "\"a\\\"b\\\\c\\nd\"");
    }

    #[test]
    fn cypher_strings_cannot_break_out() {
        assert_eq!(cypher_string("O'Brien \\ x"), "'O\\'Brien \\\\ x'");
    }

    #[test]
    fn html_and_script_json_are_inert() {
        assert_eq!(html("<script>&'\""), "&lt;script&gt;&amp;&#39;&quot;");
        assert_eq!(json_in_html("\"</script>\""), "\"\\u003c/script\\u003e\"");
    }

    #[test]
    fn terminal_shows_what_a_terminal_would_act_on() {
        assert_eq!(terminal("MLIT"), "MLIT");
        assert!(matches!(terminal("MLIT"), Cow::Borrowed(_)));
        assert_eq!(
            terminal("\u{1b}[31mred\u{7}\u{9b}\u{202e}x\u{2069}\n\t\r\u{7f}"),
            "\\u{1b}[31mred\\u{7}\\u{9b}\\u{202e}x\\u{2069}\\n\\t\\r\\u{7f}"
        );
        assert_eq!(terminal_message("a\u{1b}\n\tb\r"), "a\\u{1b}\n\tb\\r");
        assert_eq!(terminal("日本 é"), "日本 é");
    }

    #[test]
    fn markdown_names_render_as_written() {
        assert_eq!(
            markdown("<img src=x onerror=alert(1)>"),
            "\\<img src=x onerror=alert(1)\\>"
        );
        assert_eq!(
            markdown("[x](javascript:alert(1)) **b** `c` a|b &amp; \\"),
            "\\[x\\](javascript:alert(1)) \\*\\*b\\*\\* \\`c\\` a\\|b \\&amp; \\\\"
        );
        // Block markers only where the name would start a line.
        assert_eq!(markdown("# Title - 1. x"), "\\# Title - 1. x");
        assert_eq!(markdown("12. item"), "12\\. item");
        assert_eq!(markdown("a\nb\u{1b}"), "a b\\\\u{1b}");
        assert_eq!(markdown("MLIT (Japan), 3.(1).2"), "MLIT (Japan), 3.(1).2");
    }

    #[test]
    fn json_stays_the_same_json_without_raw_controls() {
        let value = serde_json::json!({"name": "a\u{1b}\u{9b}\u{7f}\u{202e}\u{2028}b\n"});
        let text = serde_json::to_string_pretty(&value).expect("json");
        let safe = json_terminal_safe(&text);
        assert_eq!(
            safe,
            "{\n  \"name\": \"a\\u001b\\u009b\\u007f\\u202e\\u2028b\\n\"\n}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back, value);
    }

    #[test]
    fn xml_replaces_what_xml_forbids_and_keeps_whitespace() {
        assert_eq!(
            xml("a\u{b}b\u{0}\u{fffe}\u{ffff}<&>\"'\t\n\r"),
            "a\u{fffd}b\u{fffd}\u{fffd}\u{fffd}&lt;&amp;&gt;&quot;&apos;&#9;&#10;&#13;"
        );
        assert_eq!(html("x\u{fffe}<"), "x\u{fffd}&lt;");
        let Id::Escaped(quoted) = dot_string("x\u{ffff}\u{b}") else {
            panic!("escaped id")
        };
        assert_eq!(quoted, "\"x\u{fffd} \"");
    }

    proptest! {
        #[test]
        fn round_trips(text in ".*") {
            let escaped = csv_cell(&text);
            prop_assert_eq!(csv_cell_unescape(&escaped), text.as_str());
        }

        #[test]
        fn dot_strings_parse_back(text in "\\PC{0,40}") {
            let Id::Escaped(quoted) = dot_string(&text) else { panic!("escaped") };
            let graph = format!("graph g {{ a [label={quoted}] }}");
            prop_assert!(graphviz_rust::parse(&graph).is_ok(), "{}", graph);
        }
    }
}
