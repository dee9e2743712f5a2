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
        "cardData",  # the card's `language` (reference/hub.md §3): no call of its own
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
    "cardData",  # the card's `language`, on the listing already made: no call per derivative
]
INFO_EXPAND = ["childrenModelCount", "spaces", "evalResults", "model-index"]


# Repositories older than the Hub's createdAt field carry the launch migration's time instead,
# within this minute (…:04Z, …:05Z and more seen): "on or before that day", not a creation time
PLACEHOLDER_CREATED = (
    datetime(2022, 3, 2, 23, 29, tzinfo=UTC),
    datetime(2022, 3, 2, 23, 30, tzinfo=UTC),
)


def when(value) -> datetime | None:
    """A Hub timestamp ('2024-01-02T03:04:05.000Z', or with an offset) in UTC; a time without an
    offset is UTC; an unreadable one is unknown (None), never a crash."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = parse_datetime(value)
    except ValueError:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def created(value) -> datetime | None:
    """A repository's `createdAt`: unknown (None) when it is the launch-migration placeholder."""
    moment = when(value)
    if moment is not None and PLACEHOLDER_CREATED[0] <= moment < PLACEHOLDER_CREATED[1]:
        return None
    return moment


def person(value) -> str | None:
    """A people field in any shape the Hub sends: a username string, an author object
    (`{"name": ..., "type": "user", ...}`; `{"id": ...}` only in webhooks), or nothing for a
    deleted account. Never the text of an object."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("user") or value.get("username")
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()


def owner(repo_id: str, author=None) -> str:
    """A repository's author: the payload's, else the namespace of its id (canonical ids such as
    `squad_v2` have none: the id itself)."""
    return person(author) or repo_id.split("/", 1)[0]


def _license(tags: list[str]) -> str | None:
    return next((t.split(":", 1)[1] for t in tags if t.startswith("license:")), None)


def card_languages(item: dict) -> list[str] | None:
    """The languages a model card declares (`cardData.language`: a string or a list), as written;
    None when the payload carries no card (not asked for, or no card): the tags then speak. SQL
    normalises them (sql/macros/languages.sql)."""
    card = item.get("cardData")
    if not isinstance(card, dict):
        return None
    declared = card.get("language")
    if isinstance(declared, str):
        declared = [declared]
    if not isinstance(declared, list):
        return []
    return [v.strip() for v in declared if isinstance(v, str) and v.strip()]


def repo_row(repo_type: str, item: dict, collected_at: datetime) -> dict:
    tags = [t for t in item.get("tags") or [] if isinstance(t, str)]
    gated = item.get("gated")
    return {
        "repo_type": repo_type,
        "repo_id": item["id"],
        "author": owner(item["id"], item.get("author")),
        "created_at": created(item.get("createdAt")),
        "last_modified": when(item.get("lastModified")),
        "pipeline_tag": item.get("pipeline_tag"),
        "library_name": item.get("library_name"),
        "license": _license(tags),
        "gated": None if gated is None else str(gated).lower(),
        "tags": tags,
        "languages": card_languages(item),
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
        "model_author": owner(model_id, author),
        "dataset_id": dataset_id,
        "task_type": task,
        "metric_type": metric,
        "metric_value": _number(value),
        "verified": verified,
        "source": source,
        "reported_at": reported_at,
        "provenance": "api",
    }


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def model_index_rows(model_id: str, author: str | None, model_index) -> list[dict]:
    """Results in a card's legacy `model-index` YAML: one per dataset and metric."""
    rows = []
    for entry in model_index if isinstance(model_index, list) else []:
        results = _dict(entry).get("results")
        for result in map(_dict, results if isinstance(results, list) else []):
            task = _text(_dict(result.get("task")).get("type"))
            dataset = _dict(result.get("dataset"))
            dataset_id = _text(dataset.get("type")) or _text(dataset.get("name"))
            metrics = result.get("metrics")
            for metric in metrics if isinstance(metrics, list) else []:
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
        data = item.get("data") if isinstance(item, dict) else None
        data = data if isinstance(data, dict) else {}
        dataset = data.get("dataset") or {}
        dataset_id = _text(dataset.get("id") if isinstance(dataset, dict) else dataset)
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
        if not isinstance(entry, dict):
            continue
        model_id = _text(entry.get("modelId")) or _text(entry.get("model_id"))
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
        "author": person(author),
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
                "author": person(author),
                "author_is_org_member": author.get("isOrgMember")
                if isinstance(author, dict)
                else None,
                "created_at": when(event.get("createdAt")),
                "new_status": data.get("status") if event.get("type") == "status-change" else None,
                "provenance": "api",
            }
        )
    return rows
