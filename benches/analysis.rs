//! Speed of the analyses on generated affiliation networks (criterion). The comparison with
//! NetworkX, igraph, rustworkx, SciPy and networkit is `bench/compare`.

use coopgraph::analysis::centrality::{compute, Measure, Options};
use coopgraph::analysis::community::louvain;
use coopgraph::analysis::overlap::{memberships, pairs, projection_csr, OverlapOf};
use coopgraph::generate::{generate, Spec};
use coopgraph::graph::{build_graph, BuildOptions, GraphKind};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn dataset(bodies: usize) -> coopgraph::model::Dataset {
    generate(&Spec {
        bodies,
        mechanisms: bodies * 3 / 7,
        groups: 3,
        forums: 10,
        mean_participants: 14.0,
        seed: 1,
    })
}

fn centrality(c: &mut Criterion) {
    let data = dataset(2100);
    let graph = build_graph(&data, GraphKind::Network, BuildOptions::default());
    let mut group = c.benchmark_group("centrality_3k_nodes");
    group.sample_size(10);
    group.bench_function("all_measures", |b| {
        b.iter(|| compute(black_box(&graph), &Measure::ALL, &Options::default()))
    });
    group.bench_function("betweenness", |b| {
        b.iter(|| {
            compute(
                black_box(&graph),
                &[Measure::Betweenness],
                &Options::default(),
            )
        })
    });
    group.bench_function("pagerank_eigenvector", |b| {
        b.iter(|| {
            compute(
                black_box(&graph),
                &[Measure::Pagerank, Measure::Eigenvector],
                &Options::default(),
            )
        })
    });
    group.finish();
}

fn overlap_and_communities(c: &mut Criterion) {
    let data = dataset(7000);
    let members = memberships(&data, OverlapOf::Bodies);
    let mut group = c.benchmark_group("overlap_10k_nodes");
    group.sample_size(10);
    group.bench_function("bodies_top_20", |b| {
        b.iter(|| pairs(black_box(&members), 1, Some(20)))
    });
    let csr = projection_csr(&members);
    group.bench_function("louvain", |b| b.iter(|| louvain(black_box(&csr), 42)));
    group.finish();
}

criterion_group!(benches, centrality, overlap_and_communities);
criterion_main!(benches);
