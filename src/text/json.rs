//! JSON on its way out: pretty, streamed, and safe to print on a terminal.

use crate::error::{Error, Result};
use crate::text::escape::TerminalSafeJson;
use serde::Serialize;
use std::io::Write;

/// Writes `value` as pretty JSON followed by a newline, streamed to `out`; characters a terminal
/// would act on are written as `\u` escapes (the same JSON, safe to print).
pub fn write_json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> Result<()> {
    let mut buffered = std::io::BufWriter::new(out);
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut buffered, TerminalSafeJson::default());
    value.serialize(&mut serializer).map_err(|err| {
        Error::Output(err.io_error_kind().map_or_else(
            || std::io::Error::other(err.to_string()),
            |kind| std::io::Error::new(kind, err.to_string()),
        ))
    })?;
    buffered.write_all(b"\n").map_err(Error::Output)?;
    buffered.flush().map_err(Error::Output)
}
