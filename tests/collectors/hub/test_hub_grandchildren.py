"""Depth 2 lists grandchildren only under each project model's most-downloaded derivatives
(ONRAMP_HUB_GRANDCHILDREN: 20 by default, 0 = none, `all`); the tree says which were left."""

from __future__ import annotations

import pytest
from hubkit import built, rows, run

from collectors.base import SourceSkipped
from collectors.hub import _options, grandchildren_setting
from core.settings import Settings

from fakes.hub_server import FakeHub, serve
from sqlkit import project


def hub_with_30_children() -> FakeHub:
    """org/base has 30 children, x/c00 .. x/c29, c_k with 1000 - k downloads, each with one
    grandchild: the default expands c00 .. c19 (20 listings) and leaves c20 .. c29."""
    hub = FakeHub()
    hub.add_model("org/base", created="2024-01-01")
    for k in range(30):
        hub.add_model(f"x/c{k:02d}", created="2024-02-01", downloads=1000 - k,
                      parents=[("finetune", "org/base")])  # fmt: skip
        hub.add_model(f"y/g{k:02d}", created="2024-03-01", parents=[("quantized", f"x/c{k:02d}")])
    return hub


def listed(hub: FakeHub) -> list[str]:
    return sorted(
        q["filter"].split(":", 1)[1] for kind, _p, q in hub.log if kind == "list" and "filter" in q
    )


@pytest.mark.parametrize(
    ("setting", "expanded"), [(20, 20), (0, 0), (None, 30), (5, 5)], ids=["20", "0", "all", "5"]
)
def test_grandchildren_listed_only_under_the_most_downloaded(tmp_path, monkeypatch, setting,
                                                               expanded):  # fmt: skip
    hub = hub_with_30_children()
    db = tmp_path / "w.duckdb"
    with serve(hub) as url:
        outcome, _clock = run(db, url, monkeypatch, project("p", hub_authors=["org"]),
                              grandchildren=setting)  # fmt: skip
    assert outcome.status == "ok"
    assert listed(hub) == ["org/base", *(f"x/c{k:02d}" for k in range(expanded))]
    assert rows(db, "select count(*) from hub_derivatives")[0][0] == 30 + expanded
    not_listed = [r[0] for r in rows(db, "select parent_id from hub_tree_unexpanded order by 1")]
    assert not_listed == [f"x/c{k:02d}" for k in range(expanded, 30)]
    con = built(db, [project("p", hub_authors=["org"])])
    tree = con.execute(
        "select child_id, depth, children_not_listed from fct_derivative_tree "
        "where depth = 1 order by child_id"
    ).fetchall()
    assert [c for c, _d, cut in tree if cut] == not_listed
    assert [c for c, _d, cut in tree if not cut] == [f"x/c{k:02d}" for k in range(expanded)]


def test_the_default_is_20_and_the_variable_reads_0_all_and_counts():
    assert _options(Settings.from_env({})).grandchildren == 20
    assert _options(Settings.from_env({"ONRAMP_HUB_GRANDCHILDREN": "all"})).grandchildren is None
    assert grandchildren_setting("0") == 0
    assert grandchildren_setting("ALL") is None
    assert grandchildren_setting("50") == 50
    with pytest.raises(SourceSkipped, match="ONRAMP_HUB_GRANDCHILDREN='lots'"):
        grandchildren_setting("lots")
