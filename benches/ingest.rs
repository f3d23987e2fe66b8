//! Speed of `import csv` on spreadsheets whose every mechanism draws a warning (it cites no
//! source): the time per row must stay flat from 10,000 to 100,000 rows (it once grew with the
//! square of the warnings).

use coopgraph::ingest::csv::import_dir;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::fmt::Write as _;
use std::path::Path;

/// Writes `rows` CSV rows: a quarter bodies, a quarter mechanisms (each without a source, so
/// each gets a warning), half participations (two bodies per mechanism).
fn tables(dir: &Path, rows: usize) {
    let (bodies, mechanisms) = (rows / 4, rows / 4);
    let mut text = String::from("id,name,kind,group\n");
    for b in 0..bodies {
        let _ = writeln!(text, "b{b},Body {b},ministry,g{}", b % 3);
    }
    std::fs::write(dir.join("bodies.csv"), &text).expect("bodies.csv");
    text = String::from("id,name,kind\n");
    for m in 0..mechanisms {
        let _ = writeln!(text, "m{m},Mechanism {m},dialogue");
    }
    std::fs::write(dir.join("mechanisms.csv"), &text).expect("mechanisms.csv");
    text = String::from("body,mechanism\n");
    for i in 0..rows - bodies - mechanisms {
        let _ = writeln!(
            text,
            "b{},m{}",
            (2 * i + i / mechanisms) % bodies,
            i % mechanisms
        );
    }
    std::fs::write(dir.join("participants.csv"), &text).expect("participants.csv");
}

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import_csv_with_warnings");
    group.sample_size(10);
    for rows in [10_000, 100_000] {
        let dir = tempfile::tempdir().expect("temp");
        tables(dir.path(), rows);
        group.bench_with_input(BenchmarkId::from_parameter(rows), &rows, |b, _| {
            b.iter(|| {
                let imported = import_dir(dir.path(), dir.path()).expect("imports");
                assert_eq!(imported.warnings.len(), rows / 4);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
