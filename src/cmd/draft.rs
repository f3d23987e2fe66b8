//! `draft`: a document to a draft dataset (or merged into one), its text kept beside it.

use super::review::{save, Save};
use crate::cli::DraftArgs;
use crate::draft::{draft, merge::merge, Drafted, Options};
use crate::error::{Error, Result};
use crate::ingest::json::{base_dir, read};
use crate::model::document::normalize_whitespace;
use crate::model::Dataset;
use std::io::Write;
use std::path::{Path, PathBuf};

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
    let drafted_counts = (
        drafted.dataset.mechanisms.len(),
        drafted.dataset.bodies.len(),
        drafted.dataset.forums.len(),
    );
    let (mut dataset, merged) = match (existing, &args.into) {
        (Some(mut dataset), Some(into)) => {
            refuse_drafted_before(&dataset, into, &drafted)?;
            let merged = merge(&mut dataset, drafted.dataset.clone());
            (dataset, Some(merged))
        }
        _ => (drafted.dataset.clone(), None),
    };
    let file = format!("sources/{}.txt", drafted.source_id);
    let saved = save(
        &mut dataset,
        Save {
            command: "draft",
            read_from: args.into.as_deref(),
            output: &output,
            new_texts: vec![(file, drafted.text.clone())],
        },
    )?;
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
    for copy in &saved.copied {
        say(
            err,
            format!("copied {} beside the new dataset", copy.display()),
        )?;
    }
    say(
        err,
        format!(
            "wrote {} ({} quotes verified, {} draft(s) to review); next: coopgraph review {}",
            output.display(),
            saved.report.quotes.len(),
            saved.report.drafts,
            output.display()
        ),
    )
}

/// Refuses a document the dataset already holds: under the same source id, or the same text
/// under another file name (drafting it again would cite every quote twice).
fn refuse_drafted_before(dataset: &Dataset, into: &Path, drafted: &Drafted) -> Result<()> {
    if dataset.sources.iter().any(|s| s.id == drafted.source_id) {
        return Err(Error::Input(format!(
            "{}: source '{}' is already in the dataset; a document is drafted into a dataset once (remove the source first to draft it again)",
            into.display(),
            drafted.source_id
        )));
    }
    let folder = base_dir(into);
    let wanted = normalize_whitespace(&drafted.text);
    for source in &dataset.sources {
        let Some(file) = &source.file else { continue };
        let Ok(path) = crate::fsio::source_paths::resolve(&folder, file) else {
            continue;
        };
        let Ok(bytes) = crate::fsio::read_input(&path, "source text") else {
            continue;
        };
        if normalize_whitespace(&String::from_utf8_lossy(&bytes)) == wanted {
            return Err(Error::Input(format!(
                "{}: this document's text is already in the dataset as source '{}' ({}); a document is drafted into a dataset once, whatever its file name",
                into.display(),
                source.id,
                path.display()
            )));
        }
    }
    Ok(())
}
