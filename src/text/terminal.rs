//! A writer for the diagnostics stream: everything written through it reaches the terminal with
//! its control characters shown visibly (see [`crate::text::escape::terminal_message`]), so no
//! warning or note can carry a raw escape sequence, whoever composed it.

use super::escape::terminal_message;
use std::io::{self, Write};

/// Wraps a writer (standard error) so that control characters, bidi overrides and invalid UTF-8
/// written to it are shown visibly; line feeds and tabs pass through.
pub struct TerminalSafe<W: Write> {
    inner: W,
    /// The start of a UTF-8 character split across two writes.
    pending: Vec<u8>,
}

impl<W: Write> TerminalSafe<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> TerminalSafe<W> {
        TerminalSafe {
            inner,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, bytes: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(bytes);
        self.inner.write_all(terminal_message(&text).as_bytes())
    }
}

impl<W: Write> Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let pending = std::mem::take(&mut self.pending);
        // Emit everything but an incomplete character at the very end (kept for the next
        // write); invalid bytes elsewhere are shown as U+FFFD.
        let mut rest = &pending[..];
        let mut out = String::new();
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    out.push_str(text);
                    rest = &[];
                    break;
                }
                Err(err) => {
                    let (valid, after) = rest.split_at(err.valid_up_to());
                    out.push_str(&String::from_utf8_lossy(valid));
                    match err.error_len() {
                        None => {
                            rest = after;
                            break;
                        }
                        Some(bad) => {
                            out.push(char::REPLACEMENT_CHARACTER);
                            rest = &after[bad..];
                        }
                    }
                }
            }
        }
        self.emit(out.as_bytes())?;
        self.pending = rest.to_vec();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let pending = std::mem::take(&mut self.pending);
            self.emit(&pending)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for TerminalSafe<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(chunks: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut safe = TerminalSafe::new(&mut out);
            for chunk in chunks {
                safe.write_all(chunk).expect("write");
            }
        }
        String::from_utf8(out).expect("utf8")
    }

    #[test]
    fn shows_controls_and_keeps_lines() {
        assert_eq!(
            through(&[b"warning: \x1b[31mred\x07\n\tnext\n"]),
            "warning: \\u{1b}[31mred\\u{7}\n\tnext\n"
        );
        assert_eq!(
            through(&["a\u{202e}b\u{9b}c".as_bytes()]),
            "a\\u{202e}b\\u{9b}c"
        );
    }

    #[test]
    fn a_character_split_across_writes_survives() {
        let bytes = "é\u{202e}".as_bytes();
        assert_eq!(
            through(&[&bytes[..1], &bytes[1..3], &bytes[3..]]),
            "é\\u{202e}"
        );
        assert_eq!(through(&[b"x\xff"]), "x\u{FFFD}");
    }
}
