"""hub_derivatives_total (and by relation), hub_new_derivatives, hub_derivative_authors and the
derivative marts (fct_derivatives, fct_derivative_tree, fct_derivative_growth), by hand."""

import pytest
from hubrows import edge, member, merged, model, snapshot, spine_opener

from sqlkit import build_over, project, series, value

PROJECT = project("p", hub_authors=["org"])


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("hub")
    repos = [
        model("org/base", "2024-01-05"),
        model("org/small", "2024-01-06"),
        model("org/chat", "2024-01-20"),  # the project's own finetune
        model("x/ft1", "2024-02-10", downloads=30),
        model("x/ft2", "2024-02-20"),
        model("y/merge", "2024-03-01"),  # finetune of base, merge of small + other
        model("alice/q", "2024-03-15"),  # alice is a member of org: inside
        model("z/grand", "2024-03-10"),  # child of x/ft1: not a direct derivative
        model("w/unknown", None),  # creation time unknown
        model("v/other", "2024-02-01"),  # derivative of someone else's model
    ]
    edges = [
        edge("org/chat", "finetune", "org/base"),
        edge("x/ft1", "finetune", "org/base"),
        edge("x/ft2", "finetune", "org/base"),
        edge("y/merge", "finetune", "org/base"),
        edge("y/merge", "merge", "org/small"),
        edge("y/merge", "merge", "other/thing"),
        edge("alice/q", "quantized", "org/base"),
        edge("z/grand", "finetune", "x/ft1"),
        edge("w/unknown", "adapter", "org/base"),
        edge("v/other", "finetune", "other/thing"),
    ]
    rows = merged(
        {
            "hub_repos": repos,
            "hub_derivatives": edges,
            "hub_org_members": [member("org", "alice")],
            "hub_repo_snapshots": [snapshot("org/base", "2024-03-31", 10)],
        },
        spine_opener("org/base", "2024-01-02"),
    )
    return build_over(tmp_path, rows, [PROJECT])


def test_totals_count_direct_children_once_in_the_snapshot_month(con):
    # direct children of org/base or org/small: org/chat, x/ft1, x/ft2, y/merge, alice/q, w/unknown
    assert value(con, "p", "2024-03", "hub_derivatives_total") == 6
    assert value(con, "p", "2024-03", "hub_finetunes_total") == 4  # chat, ft1, ft2, merge
    assert value(con, "p", "2024-03", "hub_merges_total") == 1  # y/merge, once for its two parents
    assert value(con, "p", "2024-03", "hub_quantized_total") == 1
    assert value(con, "p", "2024-03", "hub_adapters_total") == 1


def test_totals_are_null_outside_the_snapshot_month(con):
    assert series(con, "p", "hub_derivatives_total") == {
        "2024-01": None,
        "2024-02": None,
        "2024-03": 6,
    }


def test_new_derivatives_and_outside_authors_by_creation_month(con):
    # Jan: org/chat; Feb: x/ft1, x/ft2; Mar: y/merge, alice/q (z/grand is a grandchild)
    assert series(con, "p", "hub_new_derivatives") == {"2024-01": 1, "2024-02": 2, "2024-03": 2}
    # Jan: only org itself; Feb: x; Mar: y (alice is inside)
    assert series(con, "p", "hub_derivative_authors") == {"2024-01": 0, "2024-02": 1, "2024-03": 1}


def test_tree_has_every_edge_with_its_depth(con):
    tree = con.execute(
        "select parent_id, child_id, relation, depth, is_outside from fct_derivative_tree "
        "where project = 'p' order by depth, child_id, parent_id"
    ).fetchall()
    assert tree == [
        ("org/base", "alice/q", "quantized", 1, False),
        ("org/base", "org/chat", "finetune", 1, False),
        ("org/base", "w/unknown", "adapter", 1, True),
        ("org/base", "x/ft1", "finetune", 1, True),
        ("org/base", "x/ft2", "finetune", 1, True),
        ("org/base", "y/merge", "finetune", 1, True),
        ("org/small", "y/merge", "merge", 1, True),
        ("x/ft1", "z/grand", "finetune", 2, True),
    ]


def test_growth_by_relation_runs_over_creation_months(con):
    rows = con.execute(
        "select month, relation, new_derivatives, derivatives_to_date from fct_derivative_growth "
        "where project = 'p' and relation in ('all', 'merge') order by relation, month"
    ).fetchall()
    assert rows == [
        ("2024-01", "all", 1, 1),
        ("2024-02", "all", 2, 3),
        ("2024-03", "all", 2, 5),
        ("2024-01", "merge", 0, 0),
        ("2024-02", "merge", 0, 0),
        ("2024-03", "merge", 1, 1),
    ]


def test_derivative_list_has_one_row_per_project_parent(con):
    rows = con.execute(
        "select base_id, relation from fct_derivatives where model_id = 'y/merge' order by 1"
    ).fetchall()
    assert rows == [("org/base", "finetune"), ("org/small", "merge")]
