//! The only place user-supplied text is made safe for the formats it lands in.

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

    proptest! {
        #[test]
        fn round_trips(text in ".*") {
            let escaped = csv_cell(&text);
            prop_assert_eq!(csv_cell_unescape(&escaped), text.as_str());
        }
    }
}
