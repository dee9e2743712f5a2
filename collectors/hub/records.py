"""Hub JSON to raw-table rows: one small function per table, every row with every column."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from huggingface_hub.utils import parse_datetime

RELATIONS = ("finetune", "adapter", "quantized", "merge")

# What every repository listing asks for (reference/hub.md §5); without `expand` the Hub sends a
# default subset. `baseModels`/`childrenModelCount` are rejected by listings: model_info only.
LIST_EXPAND = {
    "model": [
        "author",
        "createdAt",
        "lastModified",
        "downloads",
        "downloadsAllTime",
        "likes",
        "tags",
        "pipeline_tag",
        "library_name",
        "gated",
        "private",
        "sha",
    ],
    "dataset": [
        "author",
        "createdAt",
        "lastModified",
        "downloads",
        "downloadsAllTime",
        "likes",
        "tags",
        "gated",
        "private",
        "sha",
    ],
    "space": ["author", "createdAt", "lastModified", "likes", "tags", "sdk", "private", "sha"],
}
CHILD_EXPAND = [
    "author",
    "createdAt",
    "lastModified",
    "downloads",
    "downloadsAllTime",
    "likes",
    "tags",
    "pipeline_tag",
    "library_name",
    "gated",
    "model-index",
]
INFO_EXPAND = ["childrenModelCount", "spaces", "evalResults", "model-index"]


def when(value) -> datetime | None:
    """A Hub timestamp ('2024-01-02T03:04:05.000Z'), or an ISO one we saved ourselves."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return parse_datetime(value)
    except ValueError:
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _license(tags: list[str]) -> str | None:
    return next((t.split(":", 1)[1] for t in tags if t.startswith("license:")), None)


def repo_row(repo_type: str, item: dict, collected_at: datetime) -> dict:
    tags = [t for t in item.get("tags") or [] if isinstance(t, str)]
    gated = item.get("gated")
    return {
        "repo_type": repo_type,
        "repo_id": item["id"],
        "author": item.get("author") or item["id"].split("/", 1)[0],
        "created_at": when(item.get("createdAt")),
        "last_modified": when(item.get("lastModified")),
        "pipeline_tag": item.get("pipeline_tag"),
        "library_name": item.get("library_name"),
        "license": _license(tags),
        "gated": None if gated is None else str(gated).lower(),
        "tags": tags,
        "likes": item.get("likes"),
        "downloads_30d": item.get("downloads"),
        "downloads_all_time": item.get("downloadsAllTime"),
        "collected_at": collected_at,
        "provenance": "api",
    }


def snapshot_row(repo: dict, day) -> dict:
    """One row per repository per day: the rolling 30-day figure as it stood that day."""
    return {
        "repo_type": repo["repo_type"],
        "repo_id": repo["repo_id"],
        "snapshot_date": day,
        "downloads_30d": repo["downloads_30d"],
        "downloads_all_time": repo["downloads_all_time"],
        "likes": repo["likes"],
        "provenance": "api",
    }


def edges_from_tags(child_id: str, tags: list[str], seen_at: datetime | None = None) -> list[dict]:
    """Tree edges the Hub tags a child with: `base_model:RELATION:PARENT`, one per parent and
    relation (a model can be the finetune of one base and the merge of two others)."""
    edges = []
    for tag in tags or []:
        parts = tag.split(":", 2) if isinstance(tag, str) else []
        if len(parts) == 3 and parts[0] == "base_model" and parts[1] in RELATIONS and parts[2]:
            edges.append(
                {
                    "child_id": child_id,
                    "base_id": parts[2],
                    "relation": parts[1],
                    "seen_at": seen_at,
                    "provenance": "api",
                }
            )
    return edges


def children_count(raw) -> int | None:
    """`childrenModelCount` arrives as a dict by relation (or, typed, as an int): total it."""
    if isinstance(raw, dict):
        return sum(int(v) for v in raw.values() if isinstance(v, int | float))
    if isinstance(raw, int | float):
        return int(raw)
    return None


def space_rows(model_id: str, spaces) -> list[dict]:
    rows = []
    for space in spaces or []:
        space_id = space if isinstance(space, str) else (space or {}).get("id")
        if space_id:
            rows.append(
                {
                    "space_id": space_id,
                    "model_id": model_id,
                    "space_author": space_id.split("/", 1)[0],
                    "created_at": None,
                    "provenance": "api",
                }
            )
    return rows


def _result_id(*parts) -> str:
    return hashlib.sha256(
        "\x1f".join("" if p is None else str(p) for p in parts).encode()
    ).hexdigest()[:32]


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def eval_row(
    model_id,
    author,
    dataset_id,
    *,
    task=None,
    metric=None,
    value=None,
    verified=None,
    source: str,
    reported_at=None,
    extra=None,
) -> dict:
    return {
        "result_id": _result_id(model_id, dataset_id, task, metric, source, extra),
        "model_id": model_id,
        "model_author": author or model_id.split("/", 1)[0],
        "dataset_id": dataset_id,
        "task_type": task,
        "metric_type": metric,
        "metric_value": _number(value),
        "verified": verified,
        "source": source,
        "reported_at": reported_at,
        "provenance": "api",
    }


def model_index_rows(model_id: str, author: str | None, model_index) -> list[dict]:
    """Results in a card's legacy `model-index` YAML: one per dataset and metric."""
    rows = []
    for entry in model_index if isinstance(model_index, list) else []:
        for result in (entry or {}).get("results") or []:
            task = ((result or {}).get("task") or {}).get("type")
            dataset = (result.get("dataset") or {}) if isinstance(result, dict) else {}
            dataset_id = dataset.get("type") or dataset.get("name")
            for metric in result.get("metrics") or []:
                if dataset_id and isinstance(metric, dict):
                    rows.append(
                        eval_row(
                            model_id,
                            author,
                            dataset_id,
                            task=task,
                            metric=metric.get("type"),
                            value=metric.get("value"),
                            verified=bool(metric.get("verified", False)),
                            source="model-index",
                            extra=(dataset.get("config"), dataset.get("split")),
                        )
                    )
    return rows


def eval_results_rows(model_id: str, author: str | None, raw) -> list[dict]:
    """Results in `.eval_results/*.yaml` (raw items keep `filename`, `verified`, `pullRequest`)."""
    rows = []
    for item in raw if isinstance(raw, list) else []:
        data = (item or {}).get("data") or {}
        dataset = data.get("dataset") or {}
        dataset_id = dataset.get("id") if isinstance(dataset, dict) else dataset
        if dataset_id:
            rows.append(
                eval_row(
                    model_id,
                    author,
                    dataset_id,
                    task=data.get("task_id"),
                    value=data.get("value"),
                    verified=bool(item.get("verified", False)),
                    source="eval-results",
                    reported_at=when(data.get("date")),
                    extra=item.get("filename"),
                )
            )
    return rows


def leaderboard_rows(dataset_id: str, entries) -> list[dict]:
    rows = []
    for entry in entries if isinstance(entries, list) else []:
        model_id = (entry or {}).get("modelId") or entry.get("model_id")
        if model_id:
            rows.append(
                eval_row(
                    model_id,
                    entry.get("author"),
                    dataset_id,
                    task=entry.get("taskId"),
                    value=entry.get("value"),
                    verified=bool(entry.get("verified", False)),
                    source="leaderboard",
                    extra=entry.get("filename"),
                )
            )
    return rows


def discussion_row(repo_type: str, repo_id: str, item: dict) -> dict:
    author = item.get("author") or {}
    return {
        "repo_type": repo_type,
        "repo_id": repo_id,
        "num": int(item["num"]),
        "is_pull_request": bool(item.get("isPullRequest")),
        "title": item.get("title"),
        "status": item.get("status"),
        "author": author.get("name") if isinstance(author, dict) else author,
        "author_is_org_member": None,
        "created_at": when(item.get("createdAt")),
        "num_comments": item.get("numComments"),
        "provenance": "api",
    }


def event_rows(repo_type: str, repo_id: str, num: int, details: dict) -> list[dict]:
    rows = []
    for event in details.get("events") or []:
        author = event.get("author") or {}
        data = event.get("data") or {}
        rows.append(
            {
                "repo_type": repo_type,
                "repo_id": repo_id,
                "num": num,
                "event_id": str(event.get("id")),
                "event_type": event.get("type") or "unknown",
                "author": author.get("name") if isinstance(author, dict) else None,
                "author_is_org_member": author.get("isOrgMember")
                if isinstance(author, dict)
                else None,
                "created_at": when(event.get("createdAt")),
                "new_status": data.get("status") if event.get("type") == "status-change" else None,
                "provenance": "api",
            }
        )
    return rows
