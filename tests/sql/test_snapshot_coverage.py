"""fct_snapshot_coverage: how much of a project a Hub snapshot covers and when it was taken; and a
derivative tree never collected gives no derivative totals (not 0). Hand-worked:

p (hub author org) has 3 models: org/a (its child x/ft collected 10 Mar), org/b (its children were
listed on 20 Mar 2024: none), org/c (nothing). Trees: 2 of 3, as of 20 Mar 2024.
Downloads: org/a and org/b on 20 Mar (the latest day), org/a alone on 5 Mar: 2 of 3 on 20 Mar.
q (hub author qq) has 1 model with a downloads snapshot and no tree collected: 0 of 1, and no
hub_derivatives_total rows at all.
"""

import datetime as dt

from hubrows import at, edge, merged, model, snapshot, spine_opener

from sqlkit import build_over, project


def test_coverage_and_a_tree_never_collected(tmp_path):
    rows = merged(
        {
            "hub_repos": [model("org/a"), model("org/b"), model("org/c"), model("qq/m"),
                          model("x/ft", collected="2024-03-10")],
            "hub_derivatives": [edge("x/ft", "finetune", "org/a")],
            "hub_tree_listings": [
                {"parent_id": "org/b", "listed_at": at("2024-03-20"), "provenance": "api"}
            ],
            "hub_repo_snapshots": [
                snapshot("org/a", "2024-03-05", 10),
                snapshot("org/a", "2024-03-20", 11),
                snapshot("org/b", "2024-03-20", 5),
                snapshot("qq/m", "2024-03-20", 7),
            ],
        },
        spine_opener("org/a", "2024-01-15"),
        spine_opener("qq/m", "2024-01-15", num=998),
    )  # fmt: skip
    con = build_over(
        tmp_path, rows, [project("p", hub_authors=["org"]), project("q", hub_authors=["qq"])]
    )
    got = con.execute(
        "select project, snapshot, project_models, covered_models, snapshot_on, age_days, stale "
        "from fct_snapshot_coverage order by project, snapshot"
    ).fetchall()
    march20 = dt.date(2024, 3, 20)
    assert got == [
        ("p", "derivative_trees", 3, 2, march20, 0, False),
        ("p", "downloads", 3, 2, march20, 0, False),
        ("q", "derivative_trees", 1, 0, None, None, False),
        ("q", "downloads", 1, 1, march20, 0, False),
    ]
    totals = con.execute(
        "select project, month, value from fct_indicators "
        "where indicator = 'hub_derivatives_total' and value is not null order by project"
    ).fetchall()
    assert totals == [("p", "2024-03", 1.0)]  # q: never collected, so no value (not 0)
    q_rows = con.execute(
        "select count(*) from fct_indicators where project = 'q' and indicator like 'hub_%deriv%'"
    ).fetchone()
    assert q_rows == (0,)
