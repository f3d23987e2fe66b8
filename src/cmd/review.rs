//! `review`: list the drafted elements with their quotes; accept, correct or drop them — from
//! flags (scriptable) or one by one on a terminal. The dataset is written whole (temp file and
//! rename), or not at all.

use crate::cli::ReviewArgs;
use crate::draft::review::{self, Pending};
use crate::error::{Error, Result};
use crate::fsio::{check_output, update_in_place, write_atomic, write_new, NewFile};
use crate::ingest::json::{base_dir, read, to_json};
use crate::ingest::sources::rebase;
use crate::model::validate::{validate_staged, Report, Severity};
use crate::model::{Dataset, Role};
use crate::text::escape::terminal;
use std::collections::HashMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

mod ids;

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
    let saved = save(
        &mut dataset,
        Save {
            command: "review",
            read_from: Some(&args.dataset),
            output: &output,
            new_texts: Vec::new(),
        },
    )?;
    for copy in &saved.copied {
        writeln!(err, "copied {} beside the dataset", copy.display()).map_err(Error::Output)?;
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

/// What [`save`] writes.
pub(super) struct Save<'a> {
    /// The command, for messages.
    pub command: &'static str,
    /// The dataset file the edited dataset was read from (its source paths are relative to its
    /// folder), if any.
    pub read_from: Option<&'a Path>,
    /// Where the dataset goes.
    pub output: &'a Path,
    /// New source texts to write beside it: `file` as the dataset names it, and the text.
    pub new_texts: Vec<(String, String)>,
}

/// What [`save`] wrote besides the dataset.
pub(super) struct Saved {
    /// Source texts copied beside a dataset written into another folder.
    pub copied: Vec<PathBuf>,
    /// The validation of what was written.
    pub report: Report,
}

/// Writes `dataset` to `save.output` with its source texts, checking everything first: source
/// paths are rebased onto the output's folder (texts that would lie outside it are copied
/// there), the dataset is validated as it will stand there, and every file is checked against
/// the output rules (never onto an input of the run). Anything wrong: nothing is written.
pub(super) fn save(dataset: &mut Dataset, save: Save) -> Result<Saved> {
    let folder = base_dir(save.output);
    let copies = match save.read_from {
        Some(read_from) => {
            let fresh: Vec<&str> = save.new_texts.iter().map(|(f, _)| f.as_str()).collect();
            rebase(dataset, &base_dir(read_from), &folder, &fresh)
        }
        None => Vec::new(),
    };
    let mut texts = save.new_texts;
    for copy in &copies {
        let bytes = crate::fsio::read_input(&copy.from, "source text").map_err(Error::Input)?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::Input(format!(
                "'{}' is not UTF-8 text; save the source as UTF-8",
                copy.from.display()
            ))
        })?;
        texts.push((copy.file.clone(), text));
    }
    let staged: HashMap<String, String> = texts.iter().cloned().collect();
    let report = validate_staged(dataset, &folder, &staged);
    // The source texts are inputs now (validation read them): a target that is one of them is
    // the first thing to say, before what the dataset would lack there.
    let in_place = save
        .read_from
        .is_some_and(|from| same_file(from, save.output));
    check_output(save.output, in_place)?;
    if report.fails(false) {
        return Err(Error::Invalid {
            file: format!(
                "the dataset {} would write to {}",
                save.command,
                save.output.display()
            ),
            problems: report
                .problems
                .into_iter()
                .filter(|p| p.severity == Severity::Error)
                .collect(),
            next: format!("{} wrote nothing; fix them and run it again", save.command),
        });
    }
    let to_write = texts_to_write(&folder, &texts)?;
    for (path, _) in &to_write {
        check_output(path, false)?;
    }
    let mut copied = Vec::new();
    for (path, text) in &to_write {
        write_text(path, text)?;
        if copies.iter().any(|c| &c.to == path) {
            copied.push(path.clone());
        }
    }
    let json = to_json(dataset)?;
    if in_place {
        update_in_place(save.output, &json)?;
    } else {
        write_atomic(save.output, &json)?;
    }
    Ok(Saved { copied, report })
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The texts not yet on disk, with their paths; a different text already at a path is refused
/// (it may be another document's, or the user's).
fn texts_to_write(folder: &Path, texts: &[(String, String)]) -> Result<Vec<(PathBuf, String)>> {
    let mut out = Vec::new();
    for (file, text) in texts {
        let path = folder.join(file);
        if std::fs::symlink_metadata(&path).is_err() {
            out.push((path, text.clone()));
            continue;
        }
        let existing = crate::fsio::read_input(&path, "source text").map_err(Error::Input)?;
        if existing != text.as_bytes() {
            return Err(Error::Input(format!(
                "'{}' exists and holds a different text; move it away or write the dataset elsewhere with -o",
                path.display()
            )));
        }
    }
    Ok(out)
}

/// Writes a new source text, making its folder (one level below the dataset's, as drafted
/// texts live in `sources/`).
fn write_text(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    match write_new(path, text.as_bytes())? {
        NewFile::Written | NewFile::Same => Ok(()),
        NewFile::Exists => Err(Error::Input(format!(
            "'{}' appeared while writing and holds a different text; nothing was replaced",
            path.display()
        ))),
    }
}

/// Applies the edit flags in a fixed order (merge, rename, set, participants, drop, accept,
/// accept-all); returns the number of edits.
fn apply_flags(dataset: &mut Dataset, args: &ReviewArgs) -> Result<usize> {
    let mut count = 0;
    for pair in &args.merge {
        let (from, into) = pick(
            "--merge",
            pair,
            "FROM=INTO",
            ids::pairs(pair, |from, into| {
                ids::known(dataset, from) && ids::known(dataset, into)
            }),
        )?;
        review::merge_into(dataset, &from, &into)?;
        count += 1;
    }
    for pair in &args.rename {
        let (id, name) = pick(
            "--rename",
            pair,
            "ID=NAME",
            ids::pairs(pair, |id, _| ids::known(dataset, id)),
        )?;
        if name.trim().is_empty() {
            return Err(Error::Usage(format!(
                "--rename '{pair}': the new name is empty; expected ID=NAME"
            )));
        }
        review::set(dataset, &id, "name", &name)?;
        count += 1;
    }
    for assignment in &args.set {
        let (id, field, value) = ids::assignment(dataset, assignment)?;
        review::set(dataset, &id, &field, &value)?;
        count += 1;
    }
    for pair in &args.add_participant {
        let (mechanism, body) = pick(
            "--add-participant",
            pair,
            "MECH=BODY[:ROLE]",
            ids::pairs(pair, |mechanism, body| {
                ids::known(dataset, mechanism) && ids::participant(dataset, body).is_some()
            }),
        )?;
        let (body, role) = match ids::participant(dataset, &body) {
            Some(found) => found,
            None => match body.rsplit_once(':') {
                Some((body, role)) => (
                    body.to_string(),
                    Role::try_from(role.to_string())
                        .map_err(|e| Error::Usage(format!("--add-participant '{pair}': {e}")))?,
                ),
                None => (body, Role::Participant),
            },
        };
        review::add_participant(dataset, &mechanism, &body, role)?;
        count += 1;
    }
    for pair in &args.remove_participant {
        let (mechanism, body) = pick(
            "--remove-participant",
            pair,
            "MECH=BODY",
            ids::pairs(pair, |mechanism, body| {
                ids::known(dataset, mechanism) && ids::known(dataset, body)
            }),
        )?;
        review::remove_participant(dataset, &mechanism, &body)?;
        count += 1;
    }
    for id in &args.drop {
        let id = ids::unbrace(dataset, id).to_string();
        review::drop(dataset, &id)?;
        count += 1;
    }
    for id in &args.accept {
        let id = ids::unbrace(dataset, id).to_string();
        review::accept(dataset, &id)?;
        count += 1;
    }
    if args.accept_all {
        count += review::accept_all(dataset);
    }
    Ok(count)
}

/// The one reading of a `LEFT=RIGHT` flag value (see [`ids`]), or a usage error.
fn pick(
    flag: &str,
    text: &str,
    expected: &str,
    readings: ids::Readings,
) -> Result<(String, String)> {
    match readings {
        ids::Readings::One(left, right) => Ok((left, right)),
        ids::Readings::Malformed => Err(Error::Usage(format!(
            "{flag} '{text}': expected {expected}"
        ))),
        ids::Readings::Several(all) => Err(ids::ambiguous(flag, text, &all)),
    }
}

/// Prints every drafted element with its quotes.
fn list(dataset: &Dataset, out: &mut dyn Write) -> Result<()> {
    let pending = review::pending(dataset);
    let mut text = String::new();
    for element in &pending {
        text.push_str(&describe(element));
    }
    text.push_str(&format!(
        "{} drafted element(s) to review: accept, correct or drop them with `coopgraph review DATASET --accept ID --drop ID --rename ID=NAME --set ID.FIELD=VALUE` (an id holding '=' or '.' goes in braces: --rename '{{a=b}}=NAME'), or run it on a terminal to go through them one by one\n",
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
