"""What others do around a project's repositories: org members, per-model info (child counts,
Spaces using the model, eval results), models trained on its datasets, benchmark leaderboards."""

from __future__ import annotations

from dataclasses import dataclass, field

from collectors.hub import records
from collectors.hub.http import HubHttp, Skipped


def org_members(http: HubHttp, org: str, page_size: int) -> list[dict] | None:
    """Public members of an organisation; None when the author is a user, not an org."""
    url = f"{http.api.endpoint}/api/organizations/{org}/members"
    try:
        pages = list(http.pages(url, [("limit", str(page_size))]))
    except Skipped:
        return None
    members = (records.person(m.get("user")) for page in pages for m in page if isinstance(m, dict))
    return [{"org": org, "username": name, "provenance": "api"} for name in members if name]


COUNTS = "hub_repos:children_count"  # partial hub_repos rows: upserted in a batch of their own


@dataclass
class ModelInfo:
    children: int | None = None
    tables: dict[str, list[dict]] = field(default_factory=dict)


def model_info(http: HubHttp, model_id: str, author: str) -> ModelInfo | None:
    """One call for a project model: its child count, the Spaces using it, its eval results."""
    params = [("expand", f) for f in records.INFO_EXPAND]
    try:
        info = http.json(f"{http.api.endpoint}/api/models/{model_id}", params)
    except Skipped:
        return None
    children = records.children_count(info.get("childrenModelCount"))
    evals = records.model_index_rows(model_id, author, info.get("model-index"))
    evals += records.eval_results_rows(model_id, author, info.get("evalResults"))
    repo = {"repo_type": "model", "repo_id": model_id, "children_count": children}
    tables = {
        COUNTS: [repo],
        "hub_space_models": records.space_rows(model_id, info.get("spaces")),
        "hub_eval_results": evals,
    }
    return ModelInfo(children, tables)


def dataset_reuse(http: HubHttp, dataset_id: str, page_size: int) -> list[dict]:
    """Models declaring training on the dataset (the `trained_dataset` filter)."""
    params = [
        ("filter", f"dataset:{dataset_id}"),
        ("limit", str(page_size)),
        ("expand", "author"),
        ("expand", "createdAt"),
    ]
    rows = []
    try:
        for page in http.pages(f"{http.api.endpoint}/api/models", params):
            rows += [
                {
                    "model_id": m["id"],
                    "dataset_id": dataset_id,
                    "model_author": records.owner(m["id"], m.get("author")),
                    "created_at": records.created(m.get("createdAt")),
                    "provenance": "api",
                }
                for m in page
                if isinstance(m, dict) and m.get("id")
            ]
    except Skipped:
        pass
    return rows


def leaderboard(http: HubHttp, dataset_id: str) -> list[dict]:
    """Every reported result on a benchmark dataset, derivatives included (`base_model=false`)."""
    url = f"{http.api.endpoint}/api/datasets/{dataset_id}/leaderboard"
    try:
        entries = http.json(url, {"base_model": "false"}, skip_on=(400, 404))
    except Skipped:
        return []
    return records.leaderboard_rows(dataset_id, entries)
