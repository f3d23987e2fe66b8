#!/usr/bin/env python3
"""Writes the reference fixtures: each published graph as a coopgraph dataset, and the values
NetworkX computes for it, independently of coopgraph.

Run from the repository root: python3 tests/reference/generate.py
Needs: networkx, scipy (pip install networkx scipy).
"""
import json
import os
import re

import networkx as nx
from networkx.algorithms import bipartite

HERE = os.path.dirname(os.path.abspath(__file__))


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def dataset(title, groups, bodies, mechanisms):
    """bodies: [(id, name, group)]; mechanisms: [(id, name, [body ids])]."""
    return {
        "schema": "coopgraph/1",
        "title": title,
        "groups": [{"id": g, "name": g} for g in groups],
        "bodies": [{"id": i, "name": n, "kind": "person", "group": g} for i, n, g in bodies],
        "mechanisms": [
            {"id": i, "name": n, "kind": "event", "participants": [{"body": b} for b in ps]}
            for i, n, ps in mechanisms
        ],
    }


def rounded(values):
    return {str(k): float(v) for k, v in sorted(values.items(), key=lambda kv: str(kv[0]))}


def one_mode_measures(G, weighted):
    w = "weight" if weighted else None
    out = {
        "degree": nx.degree_centrality(G),
        "betweenness": nx.betweenness_centrality(G),
        "closeness": nx.closeness_centrality(G),
        "harmonic": nx.harmonic_centrality(G),
        "eigenvector": nx.eigenvector_centrality_numpy(G, weight=w),
        "pagerank": nx.pagerank(G, alpha=0.85, weight=w, tol=1e-15, max_iter=100000),
    }
    if weighted:
        out["strength"] = dict(G.degree(weight="weight"))
    out["constraint"] = nx.constraint(G, weight=w)
    # `nodes=` forces NetworkX's node-by-node implementation of Burt's formula. Its all-nodes
    # sparse-matrix shortcut gives other values on weighted graphs (NetworkX 3.6.1: Evelyn
    # Jefferson in the Davis projection, 9.6 against 8.7745 from the formula).
    out["effective_size"] = nx.effective_size(G, nodes=list(G), weight=w)
    out["core_number"] = nx.core_number(G)
    result = {k: rounded(v) for k, v in out.items()}
    result["articulation_points"] = sorted(nx.articulation_points(G))
    result["bridges"] = sorted(sorted(e) for e in nx.bridges(G))
    result["components"] = nx.number_connected_components(G)
    louvain = nx.community.louvain_communities(G, weight=w, seed=42)
    result["louvain_modularity_networkx"] = nx.community.modularity(G, louvain, weight=w)
    return result


def two_mode_measures(B, top):
    out = {
        "degree": bipartite.degree_centrality(B, top),
        "betweenness": bipartite.betweenness_centrality(B, top),
        "closeness": bipartite.closeness_centrality(B, top),
        "harmonic": nx.harmonic_centrality(B),
        "eigenvector": nx.eigenvector_centrality_numpy(B),
        "pagerank": nx.pagerank(B, alpha=0.85, tol=1e-15, max_iter=100000),
    }
    return {k: rounded(v) for k, v in out.items()}


def subdivision(G, name_of):
    """A one-mode graph as a two-mode one: each tie becomes a mechanism of its two ends."""
    B = nx.Graph()
    top = [name_of(v) for v in G.nodes]
    B.add_nodes_from(top)
    mechanisms = []
    for a, b in sorted((min(name_of(a), name_of(b)), max(name_of(a), name_of(b))) for a, b in G.edges):
        m = f"tie-{a}-{b}"
        B.add_edge(a, m)
        B.add_edge(b, m)
        mechanisms.append((m, f"{a} – {b}", [a, b]))
    return B, top, mechanisms


def write(name, data, expected):
    folder = os.path.join(HERE, name)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "dataset.json"), "w") as fh:
        json.dump(data, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    with open(os.path.join(folder, "expected.json"), "w") as fh:
        json.dump(expected, fh, indent=1, sort_keys=True)
        fh.write("\n")


def one_mode_fixture(name, title, G, name_of, group_of):
    B, top, mechanisms = subdivision(G, name_of)
    bodies = [(name_of(v), str(v), group_of(v)) for v in G.nodes]
    groups = sorted({g for _, _, g in bodies})
    H = nx.relabel_nodes(G, name_of)
    for a, b in H.edges:
        H[a][b]["weight"] = 1
    expected = {"bodies": one_mode_measures(H, weighted=True), "network": two_mode_measures(B, top)}
    groups_of = {}
    for v in G.nodes:
        groups_of.setdefault(group_of(v), set()).add(name_of(v))
    expected["bodies"]["group_modularity"] = nx.community.modularity(H, list(groups_of.values()), weight="weight")
    write(name, dataset(title, groups, bodies, mechanisms), expected)


def main():
    karate = nx.karate_club_graph()
    one_mode_fixture(
        "karate",
        "Zachary's karate club (Zachary 1977), as in NetworkX",
        nx.Graph(karate.edges()),  # unweighted: the published 78 ties
        lambda v: f"member-{v}",
        lambda v: slug(karate.nodes[v]["club"]),
    )
    florentine = nx.florentine_families_graph()
    one_mode_fixture(
        "florentine",
        "Padgett's Florentine families, marriage ties (Breiger & Pattison 1986), as in NetworkX",
        florentine,
        slug,
        lambda v: "florence",
    )
    davis = nx.davis_southern_women_graph()
    women = davis.graph["top"]
    events = davis.graph["bottom"]
    bodies = [(slug(w), w, "women") for w in women]
    mechanisms = [(slug(e), e, [slug(w) for w in women if davis.has_edge(w, e)]) for e in events]
    B = nx.relabel_nodes(davis, slug)
    top = [slug(w) for w in women]
    P = bipartite.weighted_projected_graph(B, top)
    Q = bipartite.weighted_projected_graph(B, [slug(e) for e in events])
    expected = {
        "network": two_mode_measures(B, top),
        "bodies": one_mode_measures(P, weighted=True),
        "mechanisms": one_mode_measures(Q, weighted=True),
    }
    # The two cliques Davis et al. reported (women 1-9 and 10-18, as ordered in NetworkX).
    cliques = [set(slug(w) for w in women[:9]), set(slug(w) for w in women[9:])]
    expected["bodies"]["group_modularity"] = nx.community.modularity(P, cliques, weight="weight")
    write("davis", dataset("Davis Southern Women (Davis, Gardner & Gardner 1941), as in NetworkX", ["women"], bodies, mechanisms), expected)
    print("networkx", nx.__version__)


if __name__ == "__main__":
    main()
