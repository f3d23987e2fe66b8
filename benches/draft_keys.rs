//! Prints how `coopgraph draft` does against the analyst keys (`cargo bench --bench draft_keys`):
//! per document, body recall, mechanism recall, precision and participant F1, and their medians.
//! The keys and the rules they follow: `tests/draft-keys/` (`KEY-GUIDE.md`); the matching rules:
//! the header of `tests/draft-keys/score.rs`. Not a criterion benchmark.
//!
//! Options (after `--`): `--keys DIR` (a folder of keys; default `tests/draft-keys`),
//! `--sources DIR` (their texts; default `<keys>/sources`), `--detail` (also list, per document,
//! what it misses, what it drafted that matches nothing, and what matched what).

#[path = "../tests/draft-keys/score.rs"]
mod score;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut keys = root.join("tests/draft-keys");
    let mut sources: Option<PathBuf> = None;
    let mut detail = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--keys" => keys = args.next().map(PathBuf::from).unwrap_or(keys),
            "--sources" => sources = args.next().map(PathBuf::from),
            "--detail" => detail = true,
            "--bench" => {}
            other => {
                eprintln!("draft_keys: unknown option `{other}` (expected --keys DIR, --sources DIR, --detail)");
                return ExitCode::from(2);
            }
        }
    }
    let sources = sources.unwrap_or_else(|| keys.join("sources"));
    let loaded = match score::keys_in(&keys) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("draft_keys: {error}");
            return ExitCode::from(2);
        }
    };
    let scores: Vec<score::Score> = loaded
        .iter()
        .map(|(_, key)| score::run(key, &sources.join(&key.document)))
        .collect();
    println!(
        "`coopgraph draft` (no options) against the keys in {}\n",
        keys.display()
    );
    print!("{}", score::table(&scores));
    if detail {
        for s in &scores {
            println!("\n## {}", s.document);
            for name in &s.missed_bodies {
                println!("missed body: {name}");
            }
            for name in &s.missed_mechanisms {
                println!("missed mechanism: {name}");
            }
            for name in &s.noise {
                println!("drafted, matches nothing: {name}");
            }
            for (drafted, keyed) in &s.matched {
                println!("matched: {drafted} → {keyed}");
            }
        }
    }
    ExitCode::SUCCESS
}
