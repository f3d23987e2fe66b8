//! `review`: list the drafted elements with their quotes; accept, correct or drop them — from
//! flags (scriptable) or one by one on a terminal. The dataset is written whole (temp file and
//! rename), or not at all.

use crate::cli::ReviewArgs;
use crate::draft::review::{self, Pending};
use crate::error::{Error, Result};
use crate::fsio::{update_in_place, write_atomic};
use crate::ingest::json::{read, to_json};
use crate::model::{Dataset, Role};
use crate::text::escape::terminal;
use std::io::{BufRead, IsTerminal, Write};

/// Runs `review`: the listing goes to `out`, the summary to `err`.
pub fn run(args: &ReviewArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let mut dataset = read(&args.dataset)?;
    let mut changes = apply_flags(&mut dataset, args)?;
    let acted = changes > 0 || args.accept_all;
    let interactive = args.interactive || (!acted && std::io::stdin().is_terminal());
    if interactive {
        let stdin = std::io::stdin();
        changes += ask(&mut dataset, &mut stdin.lock(), out)?;
    } else if !acted {
        return list(&dataset, out);
    }
    if changes == 0 && !args.accept_all {
        writeln!(
            err,
            "nothing changed; {} not written",
            args.dataset.display()
        )
        .map_err(Error::Output)?;
        return Ok(());
    }
    let output = args.output.clone().unwrap_or_else(|| args.dataset.clone());
    if output == args.dataset {
        // Reviewing edits the dataset itself: replace it (whole, atomically) on purpose.
        update_in_place(&output, &to_json(&dataset)?)?;
    } else {
        write_atomic(&output, &to_json(&dataset)?)?;
    }
    writeln!(
        err,
        "wrote {}: {} change(s); {} drafted element(s) left to review",
        output.display(),
        changes,
        review::pending(&dataset).len()
    )
    .map_err(Error::Output)
}

/// Applies the edit flags in a fixed order (merge, rename, set, participants, drop, accept,
/// accept-all); returns the number of edits.
fn apply_flags(dataset: &mut Dataset, args: &ReviewArgs) -> Result<usize> {
    let mut count = 0;
    for pair in &args.merge {
        let (from, into) = split(pair, '=', "--merge FROM=INTO")?;
        review::merge_into(dataset, from, into)?;
        count += 1;
    }
    for pair in &args.rename {
        let (id, name) = split(pair, '=', "--rename ID=NAME")?;
        review::set(dataset, id, "name", name)?;
        count += 1;
    }
    for assignment in &args.set {
        let (target, value) = split(assignment, '=', "--set ID.FIELD=VALUE")?;
        let (id, field) = target.rsplit_once('.').ok_or_else(|| {
            Error::Usage(format!(
                "--set '{assignment}': expected ID.FIELD=VALUE (for example m1.frequency=annual)"
            ))
        })?;
        review::set(dataset, id, field, value)?;
        count += 1;
    }
    for pair in &args.add_participant {
        let (mechanism, body) = split(pair, '=', "--add-participant MECH=BODY[:ROLE]")?;
        let (body, role) = match body.split_once(':') {
            Some((body, role)) => (
                body,
                Role::try_from(role.to_string())
                    .map_err(|e| Error::Usage(format!("--add-participant '{pair}': {e}")))?,
            ),
            None => (body, Role::Participant),
        };
        review::add_participant(dataset, mechanism, body, role)?;
        count += 1;
    }
    for pair in &args.remove_participant {
        let (mechanism, body) = split(pair, '=', "--remove-participant MECH=BODY")?;
        review::remove_participant(dataset, mechanism, body)?;
        count += 1;
    }
    for id in &args.drop {
        review::drop(dataset, id)?;
        count += 1;
    }
    for id in &args.accept {
        review::accept(dataset, id)?;
        count += 1;
    }
    if args.accept_all {
        count += review::accept_all(dataset);
    }
    Ok(count)
}

fn split<'a>(text: &'a str, separator: char, expected: &str) -> Result<(&'a str, &'a str)> {
    text.split_once(separator)
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
        .ok_or_else(|| Error::Usage(format!("'{text}': expected {expected}")))
}

/// Prints every drafted element with its quotes.
fn list(dataset: &Dataset, out: &mut dyn Write) -> Result<()> {
    let pending = review::pending(dataset);
    let mut text = String::new();
    for element in &pending {
        text.push_str(&describe(element));
    }
    text.push_str(&format!(
        "{} drafted element(s) to review: accept, correct or drop them with `coopgraph review DATASET --accept ID --drop ID --rename ID=NAME --set ID.FIELD=VALUE`, or run it on a terminal to go through them one by one\n",
        pending.len()
    ));
    out.write_all(text.as_bytes()).map_err(Error::Output)
}

fn describe(element: &Pending) -> String {
    let mut text = format!(
        "{} {} — {}\n  {}\n",
        element.kind,
        terminal(&element.id),
        terminal(&element.name),
        terminal(&element.details)
    );
    for (doc, reference, quote) in &element.quotes {
        text.push_str(&format!(
            "  {} {}: “{}”\n",
            terminal(doc),
            terminal(reference),
            terminal(quote)
        ));
    }
    if !element.note.is_empty() {
        text.push_str(&format!("  note: {}\n", terminal(&element.note)));
    }
    text.push('\n');
    text
}

/// Goes through the drafted elements one by one, reading decisions from `input`:
/// `a` accept, `d` drop, `r NEW NAME` rename and accept, `s` skip, `q` stop. Returns the edits.
pub fn ask(dataset: &mut Dataset, input: &mut dyn BufRead, out: &mut dyn Write) -> Result<usize> {
    let mut count = 0;
    let total = review::pending(dataset).len();
    for (position, element) in review::pending(dataset).into_iter().enumerate() {
        let mut prompt = format!("[{}/{total}] {}", position + 1, describe(&element));
        prompt.push_str("[a]ccept  [d]rop  [r]ename NEW NAME  [s]kip  [q]uit > ");
        out.write_all(prompt.as_bytes()).map_err(Error::Output)?;
        out.flush().map_err(Error::Output)?;
        let mut line = String::new();
        if input
            .read_line(&mut line)
            .map_err(|e| Error::io("standard input", e))?
            == 0
        {
            break;
        }
        let answer = line.trim();
        match answer.chars().next() {
            Some('a') => {
                review::accept(dataset, &element.id)?;
                count += 1;
            }
            Some('d') => {
                review::drop(dataset, &element.id)?;
                count += 1;
            }
            Some('r') => {
                let name = answer
                    .strip_prefix("rename")
                    .or_else(|| answer.strip_prefix('r'))
                    .unwrap_or("")
                    .trim();
                if name.is_empty() {
                    writeln!(out, "  (no name given: skipped)").map_err(Error::Output)?;
                    continue;
                }
                review::set(dataset, &element.id, "name", name)?;
                review::accept(dataset, &element.id)?;
                count += 1;
            }
            Some('q') => break,
            _ => {}
        }
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_by_one_accept_drop_rename_then_stop() {
        let mut dataset = crate::ingest::json::parse(
            r#"{"schema": "coopgraph/2", "groups": [{"id": "g", "name": "G"}],
              "bodies": [{"id": "a", "name": "A\u001b[2J", "kind": "agency", "group": "g", "status": "draft", "note": "n"},
                         {"id": "b", "name": "B", "kind": "agency", "group": "g", "status": "draft", "note": "n"},
                         {"id": "c", "name": "C", "kind": "agency", "group": "g", "status": "draft", "note": "n"},
                         {"id": "d", "name": "D", "kind": "agency", "group": "g", "status": "draft", "note": "n"}]}"#,
            "t.json",
        )
        .expect("parses");
        let mut input = "a\nd\nr Real Name\nq\n".as_bytes();
        let mut out = Vec::new();
        let count = ask(&mut dataset, &mut input, &mut out).expect("asks");
        assert_eq!(count, 3);
        let ids: Vec<&str> = dataset.bodies.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["a", "c", "d"]);
        assert_eq!(dataset.bodies[1].name, "Real Name");
        assert!(dataset.bodies[2].is_draft(), "d was never answered");
        let shown = String::from_utf8(out).expect("utf8");
        assert!(
            !shown.contains('\u{1b}'),
            "escape sequences are neutralised"
        );
    }
}
