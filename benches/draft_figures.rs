//! Prints how `coopgraph draft` does on the bundled 2009 Action Plan against the curated dataset
//! (`cargo bench --bench draft_figures`): mechanisms found with the right ref, participant-set F1,
//! participating bodies found, quotes verified, and the time a draft takes. The matching rules are
//! in `src/draft/measure.rs`; the test `cli_draft::figures_on_the_bundled_plan` holds the goals.

use coopgraph::draft::{draft, measure::compare, Options};
use coopgraph::ingest::json::load;
use coopgraph::model::validate::validate;
use std::path::Path;
use std::time::Instant;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let document = root.join("data/sources/japan-india-2009-action-plan.txt");
    let curated = load(&root.join("data/japan-india-2009.json")).expect("curated dataset loads");
    let runs = 5;
    let started = Instant::now();
    let mut drafted = None;
    for _ in 0..runs {
        drafted = Some(draft(&document, &Options::default()).expect("draft runs"));
    }
    let seconds = started.elapsed().as_secs_f64() / f64::from(runs);
    let drafted = drafted.expect("drafted");
    // Validate the draft against the text it quotes.
    let folder = tempfile::tempdir().expect("temp");
    std::fs::create_dir_all(folder.path().join("sources")).expect("sources");
    std::fs::write(
        folder
            .path()
            .join("sources")
            .join(format!("{}.txt", drafted.source_id)),
        &drafted.text,
    )
    .expect("source");
    let report = validate(&drafted.dataset, folder.path());
    let citations: usize = drafted
        .dataset
        .mechanisms
        .iter()
        .map(|m| m.sources.len())
        .sum::<usize>()
        + drafted
            .dataset
            .bodies
            .iter()
            .map(|b| b.sources.len())
            .sum::<usize>()
        + drafted
            .dataset
            .forums
            .iter()
            .map(|f| f.sources.len())
            .sum::<usize>();
    let figures = compare(&drafted.dataset, &curated.dataset);
    println!("draft of the 2009 Japan–India Action Plan against data/japan-india-2009.json");
    println!(
        "mechanisms found with the right ref  {:>3}/{:<3} {:>6.1} %  (goal ≥ 90 %)",
        figures.mechanisms_found,
        figures.curated_mechanisms,
        100.0 * figures.mechanisms_found_share()
    );
    println!(
        "drafted mechanisms that pair          {:>3}/{:<3} {:>6.1} %",
        figures.mechanisms_found,
        figures.drafted_mechanisms,
        100.0 * figures.precision()
    );
    println!(
        "participant sets                      P {:.3}  R {:.3}  F1 {:.3}  (goal F1 ≥ 0.80)",
        figures.participant_precision, figures.participant_recall, figures.participant_f1
    );
    println!(
        "participating bodies found            {:>3}/{:<3} {:>6.1} %  (goal ≥ 90 %)",
        figures.participating_bodies_found,
        figures.participating_bodies,
        100.0 * figures.bodies_found_share()
    );
    println!(
        "quotes verified                       {:>3}/{:<3} {:>6.1} %  (goal 100 %)",
        report.quotes.len(),
        citations,
        100.0 * report.quotes.len() as f64 / citations.max(1) as f64
    );
    println!(
        "time per draft (read, outline, extract; mean of {runs})  {seconds:.3} s  (goal < 1 s)"
    );
    for (id, reference) in &figures.missed {
        println!("missed: {id} ({reference})");
    }
}
