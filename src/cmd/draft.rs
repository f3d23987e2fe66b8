//! `draft`: a document to a draft dataset (or merged into one), its text kept beside it.

use crate::cli::DraftArgs;
use crate::draft::{draft, merge::merge, Options};
use crate::error::{Error, Result};
use crate::fsio::{update_in_place, write_atomic};
use crate::ingest::json::{base_dir, read, to_json};
use crate::model::validate::{validate, Severity};
use std::io::Write;
use std::path::PathBuf;

/// Runs `draft`; the summary goes to `err`.
pub fn run(args: &DraftArgs, err: &mut dyn Write) -> Result<()> {
    let started = std::time::Instant::now();
    let options = Options {
        gazetteers: args.gazetteer.clone(),
        groups: args.group.clone(),
    };
    let existing = match &args.into {
        Some(path) => Some(read(path)?),
        None => None,
    };
    let drafted = draft(&args.doc, &options)?;
    let output: PathBuf = match (&args.output, &args.into) {
        (Some(output), _) => output.clone(),
        (None, Some(into)) => into.clone(),
        (None, None) => PathBuf::from(format!("{}.json", drafted.source_id)),
    };
    // Never write the dataset over the document it was drafted from.
    if let (Ok(a), Ok(b)) = (
        std::fs::canonicalize(&output),
        std::fs::canonicalize(&args.doc),
    ) {
        if a == b {
            return Err(Error::Usage(format!(
                "-o {} is the document itself; write the dataset to another file",
                output.display()
            )));
        }
    }
    let folder = base_dir(&output);
    let drafted_counts = (
        drafted.dataset.mechanisms.len(),
        drafted.dataset.bodies.len(),
        drafted.dataset.forums.len(),
    );
    let (dataset, merged) = match existing {
        Some(mut dataset) => {
            if dataset.sources.iter().any(|s| s.id == drafted.source_id) {
                return Err(Error::Input(format!(
                    "{}: source '{}' is already in the dataset; a document is drafted into a dataset once (remove the source first to draft it again)",
                    args.into.as_ref().map_or(String::new(), |p| p.display().to_string()),
                    drafted.source_id
                )));
            }
            let merged = merge(&mut dataset, drafted.dataset.clone());
            (dataset, Some(merged))
        }
        None => (drafted.dataset.clone(), None),
    };
    // The text the quotes come from, beside the dataset; never overwrite a different text.
    let source_path = folder
        .join("sources")
        .join(format!("{}.txt", drafted.source_id));
    match std::fs::read(&source_path) {
        Ok(bytes) if bytes == drafted.text.as_bytes() => {}
        Ok(_) => {
            return Err(Error::Input(format!(
                "'{}' exists and holds a different text; move it away or write the draft elsewhere with -o",
                source_path.display()
            )))
        }
        Err(_) => {
            let sources = folder.join("sources");
            std::fs::create_dir_all(&sources).map_err(|e| Error::io(&sources, e))?;
            write_atomic(&source_path, drafted.text.as_bytes())?;
        }
    }
    if args.into.as_ref() == Some(&output) {
        // `--into` without `-o` merges into the dataset itself: replace it on purpose.
        update_in_place(&output, &to_json(&dataset)?)?;
    } else {
        write_atomic(&output, &to_json(&dataset)?)?;
    }
    let report = validate(&dataset, &folder);
    let errors: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    let say = |err: &mut dyn Write, text: String| writeln!(err, "{text}").map_err(Error::Output);
    say(
        err,
        format!(
            "drafted {} mechanism(s), {} body(ies), {} forum(s) from {} in {:.2} s",
            drafted_counts.0,
            drafted_counts.1,
            drafted_counts.2,
            args.doc.display(),
            started.elapsed().as_secs_f64()
        ),
    )?;
    if let Some(merged) = merged {
        say(
            err,
            format!(
                "merged: {} body(ies) and {} forum(s) reused, {} mechanism(s) cited again",
                merged.bodies_reused, merged.forums_reused, merged.mechanisms_cited_again
            ),
        )?;
    }
    say(
        err,
        format!(
            "wrote {} ({} quotes verified, {} draft(s) to review); next: coopgraph review {}",
            output.display(),
            report.quotes.len(),
            report.drafts,
            output.display()
        ),
    )?;
    if !errors.is_empty() {
        for problem in &errors {
            say(err, format!("{}: {problem}", output.display()))?;
        }
        return Err(Error::Runtime(format!(
            "the draft written to {} does not validate ({} error(s)); this is a bug in draft",
            output.display(),
            errors.len()
        )));
    }
    Ok(())
}
