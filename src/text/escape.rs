//! The only place user-supplied text is made safe for the formats it lands in.

use graphviz_rust::dot_structures::Id;

/// A DOT quoted string holding `text` verbatim: backslashes and quotes escaped, line breaks as
/// `\n` (DOT's centred line break). Nothing the user writes can end the string or inject an
/// attribute.
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
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    Id::Escaped(quoted)
}

/// `text` escaped for HTML and XML text and attribute values (`& < > " '`).
pub fn html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => escaped.push(' '),
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

/// `text` made safe to print on a terminal: control characters (escape sequences, carriage
/// returns, bells) become spaces, so a name cannot move the cursor, recolour or clear the screen.
pub fn terminal(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
