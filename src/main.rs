//! The coopgraph binary: parse the command line, run it, map the outcome to an exit code.

use coopgraph::text::escape::terminal_message;
use coopgraph::text::terminal::TerminalSafe;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = coopgraph::cli::parse();
    let stdout = std::io::stdout();
    // On a terminal, whatever a command prints (CSV, JSON, DOT to `-o -`) shows its control
    // characters visibly; piped or redirected, the bytes stay exactly as written.
    let mut out: Box<dyn Write> = if stdout.is_terminal() {
        Box::new(TerminalSafe::new(std::io::BufWriter::new(stdout.lock())))
    } else {
        Box::new(std::io::BufWriter::new(stdout.lock()))
    };
    let mut err = std::io::stderr();
    match coopgraph::run(&cli, &mut out, &mut err) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let code = error.exit_code();
            // A closed pipe (`coopgraph stats | head`) is the reader's choice, not a failure.
            if code != 0 {
                let _ = out.flush();
                // Names quoted in the message must not drive the terminal.
                let message = error.to_string();
                let _ = writeln!(err, "error: {}", terminal_message(&message));
            }
            ExitCode::from(u8::try_from(code).unwrap_or(1))
        }
    }
}
