"""Runs a coopgraph Cypher export in graphqlite (a Cypher engine on SQLite) and reports, as JSON:
the node counts by label and relationship counts by type after running every statement once and
again after running them all a second time, every node's id and name, and for each body given
the one-hop answer from it to the bodies of one group.

Usage: /usr/bin/python3 graphqlite_run.py SCRIPT.cypher GROUP_ID FROM_ID...
(Debian's python3: its sqlite3 module can load extensions, which graphqlite is.)
"""
import json
import sys

import graphqlite

script, group, sources = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(script, encoding="utf-8") as handle:
    # One statement per line: the export escapes line breaks inside string literals.
    statements = [
        line[:-1] if line.endswith(";") else line
        for line in handle.read().split("\n")
        if line.strip() and not line.startswith("//")
    ]

db = graphqlite.connect(":memory:")


def counts():
    nodes = {
        "|".join(row["labels"]): row["total"]
        for row in db.cypher("MATCH (n) RETURN labels(n) AS labels, count(n) AS total")
    }
    relationships = {
        row["type"]: row["total"]
        for row in db.cypher("MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS total")
    }
    return {"nodes": nodes, "relationships": relationships}


rounds = []
for _ in range(2):
    for number, statement in enumerate(statements, start=1):
        try:
            db.cypher(statement)
        except Exception as error:  # name the statement that failed
            sys.exit(f"statement {number} failed: {error}\n{statement[:300]}")
    rounds.append(counts())

names = {
    row["id"]: row["name"]
    for row in db.cypher("MATCH (n) RETURN n.id AS id, n.name AS name")
}

# One hop: a mechanism both take part in, or a forum that lists both as members.
# json.dumps gives a double-quoted string literal that Cypher reads the same way.
one_hop = {}
for source in sources:
    found = set()
    for pattern in [
        "(a:Body {id: %s})-[:PARTICIPATES]->(c:Mechanism)<-[:PARTICIPATES]-(b:Body)",
        "(a:Body {id: %s})-[:MEMBER]-(c:Forum)-[:MEMBER]-(b:Body)",
    ]:
        query = (
            "MATCH " + pattern % json.dumps(source)
            + " WHERE b.group = %s RETURN DISTINCT b.id AS body, c.id AS carrier"
            % json.dumps(group)
        )
        for row in db.cypher(query):
            found.add((row["body"], row["carrier"]))
    one_hop[source] = sorted(found)

json.dump(
    {
        "statements": len(statements),
        "rounds": rounds,
        "names": names,
        "one_hop": one_hop,
    },
    sys.stdout,
)
