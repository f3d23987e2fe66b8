//! Speed of the analysis kernels on generated affiliation networks (criterion), at 1k and 10k
//! nodes, and at 100k nodes when `COOPGRAPH_BENCH_100K=1` (minutes per kernel: criterion runs
//! each at least ten times). The comparison with NetworkX, igraph, rustworkx, SciPy and
//! networkit, one run per size, is `bench/compare`.

use coopgraph::analysis::brokerage::{self, measures};
use coopgraph::analysis::centrality::{compute, compute_bodies, Measure, Options};
use coopgraph::analysis::community::louvain;
use coopgraph::analysis::overlap::{
    memberships, projection_csr, ranked_pairs, OverlapOf, TABLE_PAIRS,
};
use coopgraph::analysis::structure;
use coopgraph::diff::{between_sources, Settings, TIE_LIMIT};
use coopgraph::generate::{
    add_giant_mechanism, chain_hierarchy, date_sources, generate, heavy_tail, Spec,
};
use coopgraph::graph::collapse::collapse;
use coopgraph::graph::project::bodies_csr;
use coopgraph::graph::{build_graph, BuildOptions, GraphKind};
use coopgraph::model::Dataset;
use coopgraph::render::scene::{scene, Diagram, Limit, SceneOptions};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;

/// The sizes benchmarked: name and number of bodies (nodes ≈ bodies / 0.7).
fn sizes() -> Vec<(&'static str, usize)> {
    let mut sizes = vec![("1k", 700), ("10k", 7000)];
    if std::env::var("COOPGRAPH_BENCH_100K").is_ok_and(|v| v == "1") {
        sizes.push(("100k", 70_000));
    }
    sizes
}

/// The generated dataset of `bodies` bodies, as `coopgraph generate` writes it.
fn dataset(bodies: usize) -> Dataset {
    generate(&Spec {
        bodies,
        mechanisms: bodies * 299 / 700,
        groups: 3,
        forums: if bodies >= 70_000 { 30 } else { 10 },
        mean_participants: 14.0,
        seed: 1,
    })
}

fn centrality(c: &mut Criterion) {
    let mut group = c.benchmark_group("centrality");
    group.sample_size(10);
    for (size, bodies) in sizes() {
        let data = dataset(bodies);
        let network = build_graph(&data, GraphKind::Network, BuildOptions::default());
        group.bench_function(BenchmarkId::new("network_betweenness", size), |b| {
            b.iter(|| {
                compute(
                    black_box(&network),
                    &[Measure::Betweenness],
                    &Options::default(),
                )
            })
        });
        group.bench_function(BenchmarkId::new("network_all_measures", size), |b| {
            b.iter(|| compute(black_box(&network), &Measure::ALL, &Options::default()))
        });
        if bodies >= 7000 {
            // Closeness and harmonic estimated from the 2,000 sources the report samples above
            // 20,000 nodes (at 10k, for comparison with the exact run).
            let sampled = Options {
                approx: Some(2000),
                seed: 42,
            };
            group.bench_function(
                BenchmarkId::new("network_closeness_sampled_2000", size),
                |b| {
                    b.iter(|| {
                        compute(
                            black_box(&network),
                            &[Measure::Closeness, Measure::Harmonic],
                            &sampled,
                        )
                    })
                },
            );
        }
        group.bench_function(
            BenchmarkId::new("network_pagerank_eigenvector", size),
            |b| {
                b.iter(|| {
                    compute(
                        black_box(&network),
                        &[Measure::Pagerank, Measure::Eigenvector],
                        &Options::default(),
                    )
                })
            },
        );
        if bodies <= 7000 {
            // The bodies projection: 741,000 edges at 10k nodes, searched through its cliques.
            let projection = build_graph(&data, GraphKind::Bodies, BuildOptions::default());
            group.bench_function(BenchmarkId::new("bodies_all_measures", size), |b| {
                b.iter(|| compute(black_box(&projection), &Measure::ALL, &Options::default()))
            });
        }
    }
    group.finish();
}

fn brokerage_overlap_communities(c: &mut Criterion) {
    let mut group = c.benchmark_group("bodies_graph");
    group.sample_size(10);
    for (size, bodies) in sizes() {
        let data = dataset(bodies);
        let groups: Vec<u32> = data
            .bodies
            .iter()
            .map(|b| b.group.trim_start_matches('g').parse().unwrap_or(0))
            .collect();
        let members = memberships(&data, OverlapOf::Bodies);
        group.bench_function(BenchmarkId::new("projection_csr", size), |b| {
            b.iter(|| bodies_csr(black_box(&data), BuildOptions::default()))
        });
        group.bench_function(BenchmarkId::new("overlap_top_20", size), |b| {
            b.iter(|| ranked_pairs(black_box(&members), 1, 20))
        });
        if bodies <= 7000 {
            let csr = projection_csr(&members);
            group.bench_function(BenchmarkId::new("overlap_every_pair", size), |b| {
                b.iter(|| ranked_pairs(black_box(&members), 1, TABLE_PAIRS))
            });
            group.bench_function(BenchmarkId::new("brokerage_and_burt", size), |b| {
                b.iter(|| measures(black_box(&csr), &groups))
            });
            group.bench_function(BenchmarkId::new("louvain", size), |b| {
                b.iter(|| louvain(black_box(&csr), 42))
            });
        }
    }
    group.finish();
}

/// A generated dataset: `generate --bodies B --mechanisms M --groups G --forums F`.
fn generated(bodies: usize, mechanisms: usize, groups: usize, forums: usize) -> Dataset {
    generate(&Spec {
        bodies,
        mechanisms,
        groups,
        forums,
        mean_participants: 14.0,
        seed: 1,
    })
}

/// The shapes of issue 24, each as `coopgraph generate` makes it:
/// - `generated_10k`: `generate --bodies 7000 --mechanisms 2990 --forums 10`;
/// - `heavy_tail_10k`: `generate --bodies 7000 --mechanisms 2800 --groups 140 --forums 200
///   --heavy-tail` (Zipf group sizes, a body in about 210 mechanisms);
/// - `giant_mechanism_10k`: `generate --bodies 10000 --mechanisms 3000 --giant-mechanism 10000`;
/// - `hierarchy_chain_5000`: `generate --bodies 6000 --mechanisms 2000 --hierarchy-chain 5000`.
fn shape_datasets() -> Vec<(&'static str, Dataset)> {
    let mut heavy = generated(7000, 2800, 140, 200);
    heavy_tail(&mut heavy, 1);
    let mut giant = generated(10_000, 3000, 3, 5);
    add_giant_mechanism(&mut giant, 10_000);
    let mut chain = generated(6000, 2000, 3, 5);
    chain_hierarchy(&mut chain, 5000);
    vec![
        ("generated_10k", generated(7000, 2990, 3, 10)),
        ("heavy_tail_10k", heavy),
        ("giant_mechanism_10k", giant),
        ("hierarchy_chain_5000", chain),
    ]
}

/// Every bodies-graph analysis on every shape (what `centrality --graph bodies`, `brokerage`,
/// `structure` and `overlap` compute), and the hierarchy's collapse. The 100k exact
/// betweenness is `centrality/network_betweenness/100k` (with `COOPGRAPH_BENCH_100K=1`).
fn shapes(c: &mut Criterion) {
    let mut group = c.benchmark_group("shapes");
    group.sample_size(10);
    let plain = BuildOptions::default();
    for (shape, data) in shape_datasets() {
        group.bench_function(BenchmarkId::new("bodies_centrality_all", shape), |b| {
            b.iter(|| compute_bodies(black_box(&data), plain, &Measure::ALL, &Options::default()))
        });
        group.bench_function(BenchmarkId::new("brokerage", shape), |b| {
            b.iter(|| brokerage::analyse(black_box(&data), plain))
        });
        group.bench_function(BenchmarkId::new("structure", shape), |b| {
            b.iter(|| structure::analyse(black_box(&data), plain, 42))
        });
        let members = memberships(&data, OverlapOf::Bodies);
        group.bench_function(BenchmarkId::new("overlap_table", shape), |b| {
            b.iter(|| ranked_pairs(black_box(&members), 1, TABLE_PAIRS))
        });
        group.bench_function(BenchmarkId::new("collapse_1", shape), |b| {
            b.iter(|| collapse(black_box(&data), 1))
        });
        let network = build_graph(&data, GraphKind::Network, plain);
        group.bench_function(BenchmarkId::new("network_centrality_all", shape), |b| {
            b.iter(|| compute(black_box(&network), &Measure::ALL, &Options::default()))
        });
    }
    group.finish();
}

/// A series whose later source brings a mechanism of 10,000 participants (49 million ties
/// gained), as `generate --bodies 10000 --mechanisms 3000 --giant-mechanism 10000
/// --dated-sources 2` makes it: what `diff --from s0 --to s1` computes (ties counted, the
/// first 1,000 listed, the centrality moves) and the report's changes diagram (cut to the
/// report's 60 bodies before its lines are listed). The whole report and `diff` as commands
/// are `bench/compare --sizes giant-dated`.
fn changes(c: &mut Criterion) {
    let mut group = c.benchmark_group("changes");
    group.sample_size(10);
    let mut data = generated(10_000, 3000, 3, 5);
    date_sources(&mut data, 2, 1);
    add_giant_mechanism(&mut data, 10_000);
    group.bench_function("diff_between_sources/giant_dated", |b| {
        b.iter(|| between_sources(black_box(&data), "s0", "s1", &Settings::listing(TIE_LIMIT)))
    });
    let view = Diagram::Changes("s0".into(), "s1".into());
    let cut = SceneOptions {
        limit: Some(Limit::for_render()),
        ..SceneOptions::default()
    };
    group.bench_function("changes_view/giant_dated", |b| {
        b.iter(|| scene(black_box(&data), &view, &cut))
    });
    group.finish();
}

criterion_group!(
    benches,
    centrality,
    brokerage_overlap_communities,
    shapes,
    changes
);
criterion_main!(benches);
