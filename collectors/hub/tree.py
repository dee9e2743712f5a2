"""Derivative trees: the models declaring a project model as base, and theirs, to a set depth.

The Hub tags each child with `base_model:RELATION:PARENT` for its direct parents only, and lists
children with the `base_model:PARENT` filter, so the tree is walked one level at a time. A project
model is listed only when its `childrenModelCount` (from model_info) says it has children.

Below the first level every derivative costs a listing of its own (no count says which have
children), 60,000 of them under a Llama-size model: so only the `grandchildren` most-downloaded
children of each listed model have theirs listed (ONRAMP_HUB_GRANDCHILDREN: 20 by default, 0 for
none, `all`), and the others are recorded as not expanded, which the tree view says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from collectors.hub import records
from collectors.hub.http import HubHttp, Skipped


@dataclass
class TreeRows:
    repos: list[dict] = field(default_factory=list)  # children as hub_repos rows
    edges: list[dict] = field(default_factory=list)
    evals: list[dict] = field(default_factory=list)
    listings: list[dict] = field(default_factory=list)  # parents listed, and when
    unexpanded: list[dict] = field(default_factory=list)  # children whose own were not listed

    def tables(self) -> dict[str, list[dict]]:
        return {
            "hub_repos": self.repos,
            "hub_derivatives": self.edges,
            "hub_eval_results": self.evals,
            "hub_tree_listings": self.listings,
            "hub_tree_unexpanded": self.unexpanded,
        }


def walk(
    http: HubHttp,
    root: str,
    *,
    depth: int,
    listed: set[str],
    own: set[str],
    now: datetime,
    page_size: int,
    grandchildren: int | None = None,
) -> TreeRows:
    """Children of `root` to `depth` levels. `listed` holds the models whose children this run
    already fetched (a merge of two project models is listed once); `own` the project's authors
    (lowercase), whose repositories the author listings keep; `grandchildren` how many of each
    listed model's children (most downloaded first) have their own listed (None: all)."""
    out, frontier = TreeRows(), [root]
    for level in range(depth):
        next_frontier = []
        for parent in frontier:
            if parent in listed:
                continue
            listed.add(parent)
            out.listings.append({"parent_id": parent, "listed_at": now, "provenance": "api"})
            found = []
            for child in children(http, parent, page_size):
                row = records.repo_row("model", child, now)
                if row["author"].lower() not in own:
                    out.repos.append(row)
                out.edges += records.edges_from_tags(child["id"], child.get("tags"), now)
                out.evals += records.model_index_rows(
                    child["id"], child.get("author"), child.get("model-index")
                )
                found.append(child)
            if level + 1 < depth:
                chosen, rest = most_downloaded(found, grandchildren)
                next_frontier += chosen
                out.unexpanded += [
                    {"parent_id": c, "root_id": root, "seen_at": now, "provenance": "api"}
                    for c in rest
                ]
        frontier = next_frontier
    return out


def most_downloaded(found: list[dict], limit: int | None) -> tuple[list[str], list[str]]:
    """(ids to expand, ids left as they are): the `limit` most-downloaded, ties by id."""
    ranked = sorted(found, key=lambda c: (-(_downloads(c)), c["id"]))
    ids = list(dict.fromkeys(c["id"] for c in ranked))
    cut = len(ids) if limit is None else max(0, limit)
    return ids[:cut], ids[cut:]


def _downloads(child: dict) -> int:
    value = child.get("downloads")
    return int(value) if isinstance(value, int | float) else 0


def children(http: HubHttp, parent: str, page_size: int) -> Iterable[dict]:
    params = [("filter", f"base_model:{parent}"), ("limit", str(page_size))]
    params += [("expand", f) for f in records.CHILD_EXPAND]
    try:
        for page in http.pages(f"{http.api.endpoint}/api/models", params):
            yield from (item for item in page if isinstance(item, dict) and item.get("id"))
    except Skipped:
        return
