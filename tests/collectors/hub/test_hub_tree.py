"""Derivative trees: relations read from base_model tags, depth, and a real tree as fixture."""

import csv
from pathlib import Path

import pytest
from hubkit import built, rows, run

from collectors.hub.records import edges_from_tags

from fakes.hub_server import FakeHub, serve
from sqlkit import project

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "hub_tree_llama2_7b.csv"


def test_one_model_can_be_finetune_of_one_base_and_merge_of_two():
    tags = [
        "base_model:org/a",
        "base_model:finetune:org/a",
        "base_model:merge:org/b",
        "base_model:merge:org/c",
        "base_model:org/b",
        "license:mit",
        "base_model:weird:org/d",
    ]
    assert [(e["base_id"], e["relation"]) for e in edges_from_tags("x/m", tags)] == [
        ("org/a", "finetune"),
        ("org/b", "merge"),
        ("org/c", "merge"),
    ]


def test_collected_relations_and_a_model_counted_once(tmp_path, monkeypatch):
    hub = FakeHub()
    for name in ("org/a", "org/b", "org/c", "org/lonely"):
        hub.add_model(name, created="2024-01-01")
    hub.add_model(
        "x/m",
        created="2024-02-01",
        parents=[("finetune", "org/a"), ("merge", "org/b"), ("merge", "org/c")],
    )
    hub.add_thread("model", "org/a", "x", "2024-01-02")
    db = tmp_path / "w.duckdb"
    with serve(hub) as url:
        run(db, url, monkeypatch, project("p", hub_authors=["org"]))
    assert sorted(rows(db, "select base_id, relation from hub_derivatives")) == [
        ("org/a", "finetune"),
        ("org/b", "merge"),
        ("org/c", "merge"),
    ]
    # children listed for each model the counts say has any, never for org/lonely (count 0);
    # x/m, reached from three parents, is listed once
    listed = sorted(q["filter"] for kind, _p, q in hub.log if kind == "list" and "filter" in q)
    assert listed == ["base_model:org/a", "base_model:org/b", "base_model:org/c", "base_model:x/m"]
    con = built(db, [project("p", hub_authors=["org"])])
    totals = con.execute(
        "select indicator, value from fct_indicators where month = '2024-06' "
        "and indicator in ('hub_derivatives_total', 'hub_merges_total')"
    ).fetchall()
    assert sorted(totals) == [("hub_derivatives_total", 1), ("hub_merges_total", 1)]


def _real_tree() -> list[dict]:
    if not FIXTURE.exists():
        pytest.skip("tree fixture missing")
    with FIXTURE.open() as f:
        return list(csv.DictReader(f))


def _expected_edges(nodes: list[dict], root: str, depth: int) -> set[tuple[str, str, str]]:
    """Edges reachable from root within `depth` levels, read straight from the CSV's tags."""
    by_parent: dict[str, list[tuple[str, str]]] = {}
    for node in nodes:
        for tag in filter(None, node["base_model_tags"].split(";")):
            parts = tag.split(":", 2)
            if len(parts) == 3:
                by_parent.setdefault(parts[2], []).append((node["model_id"], parts[1]))
    edges, frontier = set(), [root]
    for _ in range(depth):
        nxt = []
        for parent in frontier:
            for child, relation in by_parent.get(parent, []):
                edges.add((child, parent, relation))
                nxt.append(child)
        frontier = nxt
    return edges


def _depths(nodes: list[dict], root: str) -> dict[str, int]:
    """Shortest depth of every node below root, breadth first over the tag edges."""
    depths: dict[str, int] = {}
    for level in range(1, 10):
        reached = {c for c, _p, _r in _expected_edges(nodes, root, level)}
        for child in reached - set(depths) - {root}:
            depths[child] = level
    return depths


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_a_real_tree_is_walked_to_the_configured_depth(tmp_path, monkeypatch, depth):
    nodes = _real_tree()
    hub = FakeHub()
    root = "meta-llama/Llama-2-7b"
    for node in nodes:
        tags = [t for t in node["base_model_tags"].split(";") if t]
        hub.add_model(
            node["model_id"],
            created=node["created_at"][:16].replace(" ", "T") or "2024-01-01",
            downloads=int(node["downloads"] or 0),
            tags=tags,
        )
    db = tmp_path / "w.duckdb"
    with serve(hub) as url:
        # every branch expanded: the cap on grandchildren is test_hub_grandchildren's subject
        run(db, url, monkeypatch, project("p", hub_authors=["meta-llama"]), depth=depth,
            grandchildren=None)  # fmt: skip
    got = set(rows(db, "select child_id, base_id, relation from hub_derivatives"))
    want = _expected_edges(nodes, root, depth)
    assert want and want <= got
    # edges beyond `depth` only ever come from a listed child's other tags, never a deeper listing
    listed_parents = {
        q["filter"].split(":", 1)[1] for k, _p, q in hub.log if k == "list" and "filter" in q
    }
    assert root in listed_parents
    assert len(listed_parents) <= 1 + len({c for c, _b, _r in want if c != root})


def test_tree_mart_depths_match_the_real_crawl(tmp_path, monkeypatch):
    nodes = _real_tree()
    hub = FakeHub()
    for node in nodes:
        tags = [t for t in node["base_model_tags"].split(";") if t]
        hub.add_model(node["model_id"], created=node["created_at"][:10] or "2024-01-01", tags=tags)
    hub.add_thread("model", "meta-llama/Llama-2-7b", "someone", "2024-01-02")
    db = tmp_path / "w.duckdb"
    proj = project("p", hub_authors=["meta-llama"])
    with serve(hub) as url:
        run(db, url, monkeypatch, proj, depth=3, grandchildren=None)
    con = built(db, [proj])
    got = dict(
        con.execute("select child_id, min(depth) from fct_derivative_tree group by 1").fetchall()
    )
    # depths by a plain walk over the CSV's tags (a node the crawl could not read has no tags, so
    # its children hang from nothing the Hub links), and they agree with the crawl's depth column
    want = _depths(nodes, "meta-llama/Llama-2-7b")
    crawl = {n["model_id"]: int(n["depth"]) for n in nodes}
    assert got == want and all(crawl[m] == d for m, d in want.items()) and len(want) > 60


def test_a_child_that_drops_its_tag_leaves_the_tree(tmp_path, monkeypatch):
    from datetime import timedelta

    hub = FakeHub()
    hub.add_model("org/a", created="2024-01-01")
    hub.add_model("x/keep", created="2024-02-01", parents=[("finetune", "org/a")])
    gone = hub.add_model("y/gone", created="2024-02-02", parents=[("adapter", "org/a")])
    hub.add_thread("model", "org/a", "x", "2024-01-02")
    db, proj = tmp_path / "w.duckdb", project("p", hub_authors=["org"])
    with serve(hub) as url:
        _, clock = run(db, url, monkeypatch, proj)
        gone["tags"] = []  # retagged: the Hub no longer lists it under org/a
        hub._index = None
        clock.at += timedelta(days=1)
        run(db, url, monkeypatch, proj, clock=clock)  # the child count moved: the tree is listed
    assert len(rows(db, "select * from hub_derivatives")) == 2  # raw keeps what was said
    con = built(db, [proj])
    assert con.execute("select model_id from fct_derivatives").fetchall() == [("x/keep",)]
    total = (
        "select value from fct_indicators "
        "where indicator = 'hub_derivatives_total' and month = '2024-06'"
    )
    assert con.execute(total).fetchall() == [(1,)]
