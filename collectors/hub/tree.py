"""Derivative trees: the models declaring a project model as base, and theirs, to a set depth.

The Hub tags each child with `base_model:RELATION:PARENT` for its direct parents only, and lists
children with the `base_model:PARENT` filter, so the tree is walked one level at a time. A project
model is listed only when its `childrenModelCount` (from model_info) says it has children.
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

    def tables(self) -> dict[str, list[dict]]:
        return {
            "hub_repos": self.repos,
            "hub_derivatives": self.edges,
            "hub_eval_results": self.evals,
            "hub_tree_listings": self.listings,
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
) -> TreeRows:
    """Children of `root` to `depth` levels. `listed` holds the models whose children this run
    already fetched (a merge of two project models is listed once); `own` the project's authors
    (lowercase), whose repositories the author listings keep."""
    out, frontier = TreeRows(), [root]
    for _level in range(depth):
        next_frontier = []
        for parent in frontier:
            if parent in listed:
                continue
            listed.add(parent)
            out.listings.append({"parent_id": parent, "listed_at": now, "provenance": "api"})
            for child in children(http, parent, page_size):
                row = records.repo_row("model", child, now)
                if row["author"].lower() not in own:
                    out.repos.append(row)
                out.edges += records.edges_from_tags(child["id"], child.get("tags"), now)
                out.evals += records.model_index_rows(
                    child["id"], child.get("author"), child.get("model-index")
                )
                next_frontier.append(child["id"])
        frontier = next_frontier
    return out


def children(http: HubHttp, parent: str, page_size: int) -> Iterable[dict]:
    params = [("filter", f"base_model:{parent}"), ("limit", str(page_size))]
    params += [("expand", f) for f in records.CHILD_EXPAND]
    try:
        for page in http.pages(f"{http.api.endpoint}/api/models", params):
            yield from (item for item in page if isinstance(item, dict) and item.get("id"))
    except Skipped:
        return
