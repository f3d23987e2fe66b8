//! Splitting a paragraph into sentences, as byte ranges of the text (so quotes stay verbatim).

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 14] = [
    "Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "No", "Nos", "Art", "para", "e.g", "i.e", "vs",
];

/// The sentences of `text` as `(start, end)` byte ranges, trimmed of surrounding spaces.
///
/// A sentence ends at `.`, `!` or `?` (and any closing quote or bracket after it) followed by a
/// space and a capital letter, digit or opening quote, unless the word before the stop is an
/// abbreviation or an initialism such as "U.S." followed by a capitalised name.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut result = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')') {
                j += 1;
            }
            let followed = j + 1 < chars.len()
                && chars[j].1 == ' '
                && (chars[j + 1].1.is_uppercase()
                    || chars[j + 1].1.is_ascii_digit()
                    || matches!(chars[j + 1].1, '“' | '"' | '‘' | '('));
            if followed && !is_abbreviation(&text[start..at]) {
                let end = chars.get(j).map_or(text.len(), |&(offset, _)| offset);
                push_trimmed(text, start, end, &mut result);
                start = end;
            }
            i = j;
            continue;
        }
        let _ = at;
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut result);
    result
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if start + lead < end - trail {
        out.push((start + lead, end - trail));
    }
}

/// True when the text before a full stop ends with an abbreviation or a one-letter initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    // "the ASEAN-U.S. Center": the initialism is the last part of a joined name.
    let word = word.rsplit(['-', '–']).next().unwrap_or(word);
    ABBREVIATIONS.contains(&word)
        || (word.len() <= 3
            && word.chars().all(|c| c.is_uppercase() || c == '.')
            && word.contains('.'))
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn splits_at_stops_before_capitals_but_not_after_initialisms() {
        assert_eq!(
            split("We met. The U.S. Navy and Joseph R. Biden, Jr. attended. “Quoted.” Then 5G."),
            [
                "We met.",
                "The U.S. Navy and Joseph R. Biden, Jr. attended.",
                "“Quoted.”",
                "Then 5G."
            ]
        );
        assert_eq!(
            split("They opened the Lakes-U.S. Centre. It runs. Then Canada-U.K. talks."),
            [
                "They opened the Lakes-U.S. Centre.",
                "It runs.",
                "Then Canada-U.K. talks."
            ]
        );
        assert_eq!(
            split("Track 1.5 dialogue, e.g. Open RAN"),
            ["Track 1.5 dialogue, e.g. Open RAN"]
        );
    }
}
