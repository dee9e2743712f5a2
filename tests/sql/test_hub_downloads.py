"""hub_downloads_30d: the project's models' rolling 30-day downloads on the month's last snapshot
day, never summed across snapshots."""

from hubrows import merged, model, snapshot, spine_opener

from sqlkit import build_over, project, series


def test_last_snapshot_of_the_month_never_a_sum(tmp_path):
    snapshots = [
        snapshot("org/a", "2024-02-10", 100),
        snapshot("org/a", "2024-02-28", 120),
        snapshot("org/b", "2024-02-28", 7),
        snapshot("org/a", "2024-03-05", 50),
        snapshot("org/a", "2024-03-20", 60),
        snapshot("org/b", "2024-03-20", 9),
        snapshot("x/ft", "2024-02-28", 1000),  # not the project's
        snapshot("org/ds", "2024-02-28", 500, repo_type="dataset"),  # a dataset, not a model
    ]
    repos = [model("org/a"), model("org/b"), model("x/ft"), model("org/ds", repo_type="dataset")]
    rows = merged(
        {"hub_repos": repos, "hub_repo_snapshots": snapshots}, spine_opener("org/a", "2024-01-15")
    )
    con = build_over(tmp_path, rows, [project("p", hub_authors=["org"])])
    # Jan: no snapshot (unknown); Feb: on 02-28, 120 + 7 (not 100 + 120 + 7);
    # Mar: on 03-20, 60 + 9 (03-05 is not the month's last snapshot)
    assert series(con, "p", "hub_downloads_30d") == {"2024-01": None, "2024-02": 127, "2024-03": 69}
