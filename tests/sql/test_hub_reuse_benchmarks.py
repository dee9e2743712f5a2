"""hub_dataset_reuse_models and bench_external_results: outside models only, cumulative."""

from hubrows import at, member, merged, model, spine_opener

from sqlkit import build_over, project, series

PROJECT = project("p", hub_authors=["org"], hub_benchmark_datasets=["bench/suite"])


def usage(model_id, dataset_id, created):
    return {
        "model_id": model_id,
        "dataset_id": dataset_id,
        "created_at": at(created) if created else None,
        "provenance": "api",
    }


def result(model_id, dataset_id, metric, source, reported=None):
    return {
        "result_id": f"{model_id}|{dataset_id}|{metric}|{source}",
        "model_id": model_id,
        "dataset_id": dataset_id,
        "metric_type": metric,
        "metric_value": 0.5,
        "source": source,
        "reported_at": at(reported) if reported else None,
        "provenance": "api",
    }


def build(tmp_path, extra):
    base = merged(
        {"hub_org_members": [member("org", "alice")]},
        spine_opener("org/m", "2024-01-10"),
        spine_opener("org/m", "2024-03-10", num=998),
    )
    return build_over(tmp_path, merged(base, extra), [PROJECT])


def test_dataset_reuse_counts_outside_models_once_cumulatively(tmp_path):
    rows = [
        usage("x/m1", "org/corpus", "2024-02-10"),
        usage("x/m1", "org/corpus2", "2024-02-10"),
        usage("alice/m", "org/corpus", "2024-02-01"),  # a member: inside
        usage("org/own", "org/corpus", "2024-02-01"),  # the project's own model
        usage("y/m2", "other/ds", "2024-02-01"),  # not the project's dataset
        usage("z/m3", "org/corpus", None),  # unknown creation: from the first month
        usage("w/m4", "Org/Corpus2", "2024-03-03"),
    ]
    con = build(tmp_path, {"hub_dataset_usage": rows})
    assert series(con, "p", "hub_dataset_reuse_models") == {
        "2024-01": 1,
        "2024-02": 2,
        "2024-03": 3,
    }


def test_benchmark_results_by_outside_models_one_per_model_and_dataset(tmp_path):
    results = [
        result("x/m1", "bench/suite", "acc", "model-index"),
        result("x/m1", "bench/suite", "f1", "model-index"),
        result("x/m1", "bench/suite", None, "leaderboard"),  # the same result, reported twice more
        result("org/base", "bench/suite", "acc", "model-index"),  # the project's own model
        result("alice/ft", "bench/suite", "acc", "leaderboard"),  # a member's
        result("y/ft", "bench/suite", "acc", "eval-results", reported="2024-03-02"),
        result("z/q", "other/bench", "acc", "leaderboard"),  # not the project's benchmark
    ]
    con = build(tmp_path, {"hub_eval_results": results, "hub_repos": [model("x/m1", "2024-02-10")]})
    # x/m1 dates from its creation (Feb), y/ft from its report (Mar)
    assert series(con, "p", "bench_external_results") == {"2024-01": 0, "2024-02": 1, "2024-03": 2}


def test_an_undated_result_counts_from_the_snapshot_month_and_earlier_months_are_unknown(tmp_path):
    results = [
        result("x/m1", "bench/suite", "acc", "model-index"),  # dated by its model: February
        result("v/unknown", "Bench/Suite", "acc", "leaderboard"),  # no date, no known model
        result("w/dated", "bench/suite", "acc", "eval-results", reported="2024-01-20"),
    ]
    snapshots = [  # the project's latest Hub listing: March 2024
        {"repo_type": "model", "repo_id": "org/m", "snapshot_date": "2024-03-05",
         "downloads_30d": 1, "likes": 0, "provenance": "api"},
    ]  # fmt: skip
    rows = {
        "hub_eval_results": results,
        "hub_repos": [model("x/m1", "2024-02-10")],
        "hub_repo_snapshots": snapshots,
    }
    con = build(tmp_path, rows)
    # v/unknown was seen in March's snapshot: from then it counts (w/dated, x/m1, v/unknown); how
    # many results January and February had is not known, so they are null, not 1 and 2
    assert series(con, "p", "bench_external_results") == {
        "2024-01": None,
        "2024-02": None,
        "2024-03": 3,
    }


def test_without_a_hub_snapshot_an_undated_result_counts_from_the_cutoff_month(tmp_path):
    results = [
        result("v/unknown", "bench/suite", "acc", "leaderboard"),
        result("w/dated", "bench/suite", "acc", "eval-results", reported="2024-01-20"),
    ]
    con = build(tmp_path, {"hub_eval_results": results})
    # no listing or tree: the data cut-off (2024-03-10, the last discussion) stands in
    assert series(con, "p", "bench_external_results") == {
        "2024-01": None,
        "2024-02": None,
        "2024-03": 2,
    }
