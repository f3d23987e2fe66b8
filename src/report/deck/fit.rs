//! How much room text takes on a slide, estimated from character widths (no font files are read:
//! the slide is drawn by PowerPoint or LibreOffice with the template's fonts). The estimate is
//! deliberately generous, so text placed by it stays inside its box in either program.

use unicode_width::UnicodeWidthChar;

/// Width of `c` in ems (sans-serif proportions: Noto Sans, Calibri, Arial), rounded up.
fn em(c: char) -> f64 {
    match c {
        ' ' => 0.28,
        'i' | 'l' | 'j' | 't' | 'f' | 'r' | '.' | ',' | ';' | ':' | '\'' | '|' | '!' | '('
        | ')' | '[' | ']' | 'I' => 0.34,
        'm' | 'w' | 'M' | 'W' | '@' | '—' | '%' => 0.9,
        c if c.is_ascii_uppercase() || c.is_ascii_digit() => 0.66,
        c if c.is_ascii() => 0.56,
        c => match c.width() {
            Some(2) => 1.02,
            Some(0) => 0.0,
            _ => 0.62,
        },
    }
}

/// Width of `text` in points at `size` points.
pub fn width(text: &str, size: f64) -> f64 {
    text.chars().map(em).sum::<f64>() * size * 1.04
}

/// The lines `text` wraps to in `room` points at `size` points: greedy by words, a word wider
/// than a line broken by characters (an unspaced Japanese name, a 10,000-character name).
pub fn wrap(text: &str, room: f64, size: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate, size) <= room {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            line.push(c);
            if width(&line, size) > room && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Number of lines `text` takes in `room` points at `size` points.
pub fn lines(text: &str, room: f64, size: f64) -> usize {
    wrap(text, room, size).len()
}

/// Line height at `size` points (single spacing in PowerPoint and LibreOffice: 1.2 em; CJK and
/// Devanagari fallback fonts are taller, hence the margin).
pub fn line_height(size: f64) -> f64 {
    size * 1.25
}

/// `text` cut to at most `most` characters, ending in "…" when cut: a 10,000-character name is
/// shortened on a slide (the notes and the tables keep it whole).
pub fn shorten(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_string();
    }
    let kept: String = text.chars().take(most.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_and_long_words_break() {
        let lines = wrap("one two three four", width("one two", 10.0) + 0.1, 10.0);
        assert_eq!(lines, ["one two", "three", "four"]);
        let long = "x".repeat(500);
        let broken = wrap(&long, 100.0, 10.0);
        assert!(broken.len() > 5);
        assert!(broken.iter().all(|l| width(l, 10.0) <= 100.0));
        assert_eq!(broken.concat(), long);
    }

    #[test]
    fn wide_characters_count_double() {
        assert!(width("国土交通省", 10.0) > width("abcde", 10.0) * 1.5);
    }

    #[test]
    fn shortening_keeps_short_text_and_marks_a_cut() {
        assert_eq!(shorten("MLIT", 10), "MLIT");
        let cut = shorten(&"a".repeat(100), 10);
        assert_eq!(cut.chars().count(), 10);
        assert!(cut.ends_with('…'));
    }
}
