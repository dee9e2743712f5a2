"""The monthly spine starts at a project's first activity or first Hub model, whichever is first."""

from datetime import UTC, date, datetime

from sqlkit import build_over, project, series


def test_a_hub_only_project_gets_months_from_its_first_model(tmp_path):
    rows = {
        "hub_repos": [
            {"repo_type": "model", "repo_id": "acme/base", "author": "acme",
             "created_at": datetime(2024, 1, 5, tzinfo=UTC), "provenance": "api"},
            {"repo_type": "model", "repo_id": "fan/tune", "author": "fan",
             "created_at": datetime(2024, 2, 9, tzinfo=UTC), "provenance": "api"},
        ],
        "hub_derivatives": [{"child_id": "fan/tune", "base_id": "acme/base", "relation": "finetune",
                             "provenance": "api"}],
        "hub_repo_snapshots": [{"repo_type": "model", "repo_id": "acme/base",
                                "snapshot_date": date(2024, 3, 10), "downloads_30d": 70,
                                "provenance": "api"}],
    }  # fmt: skip
    con = build_over(tmp_path, rows, [project("hubonly", hub_authors=["acme"])])
    sql = "select distinct month from fct_indicators where project = 'hubonly' order by 1"
    months = [m for (m,) in con.execute(sql).fetchall()]
    # January (first model) to March (the cut-off: the latest snapshot)
    assert months == ["2024-01", "2024-02", "2024-03"]
    assert series(con, "hubonly", "hub_new_derivatives") == {
        "2024-01": 0,
        "2024-02": 1,
        "2024-03": 0,
    }
