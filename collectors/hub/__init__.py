"""Hugging Face Hub collector (DESIGN.md §3): repositories of a project's hub_authors, their daily
download snapshots, derivative trees, discussions and Hub PRs, dataset reuse, eval results and the
Spaces using its models.

Per author, one listing per repository type (sorted by lastModified, stopping at the saved
watermark); per repository, streams with their own cursors, fetched again once older than their
refresh interval. Every batch carries the cursor of the rows in it, so a killed run loses nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from huggingface_hub import HfApi
from tqdm import tqdm

from collectors.base import Batch, RunContext, SourceSkipped
from collectors.hub import community, discussions, repos, state, tree
from collectors.hub.http import HubHttp, Politeness
from collectors.hub.state import Options
from onramp.config import Project
from onramp.settings import env

__all__ = ["Options", "Politeness", "collect"]

REPO_TYPES = ("model", "dataset", "space")


def collect(project: Project, ctx: RunContext, options: Options | None = None,
            polite: Politeness | None = None) -> Iterator[Batch]:  # fmt: skip
    if not project.hub_authors and not project.hub_benchmark_datasets:
        raise SourceSkipped("no hub_authors or hub_benchmark_datasets configured")
    options = options or _options_from_env()
    api = HfApi(endpoint=env("HF_ENDPOINT"), token=env("HF_TOKEN") or False)
    http = HubHttp(api, ctx, f"{project.id}/hub", polite or Politeness())
    try:
        run = _Run(http, ctx, options, own={a.lower() for a in project.hub_authors})
        for author in project.hub_authors:
            yield from run.author(author)
        for dataset_id in project.hub_benchmark_datasets:
            yield from run.leaderboard(dataset_id)
    finally:
        http.close()


def _options_from_env() -> Options:
    depth = env("ONRAMP_HUB_TREE_DEPTH")
    return Options(depth=int(depth)) if depth and depth.isdigit() else Options()


class _Run:
    """One collection run: the clock is read once so every row of the run shares a snapshot day."""

    def __init__(self, http: HubHttp, ctx: RunContext, options: Options, own: set[str]) -> None:
        self.http, self.ctx, self.options, self.own = http, ctx, options, own
        self.now = options.now()
        self.listed: set[str] = set()  # models whose children this run already listed

    def author(self, author: str) -> Iterator[Batch]:
        yield from self.members(author)
        for repo_type in REPO_TYPES:
            yield from self.repositories(author, repo_type)

    def members(self, org: str) -> Iterator[Batch]:
        scope = f"members:{org}"
        if not state.due(state.load(self.ctx, scope), self.now, self.options.refresh):
            return
        rows = community.org_members(self.http, org, self.options.page_size) or []
        yield Batch({"hub_org_members": rows}, state.cursor(scope, {"at": state.stamp(self.now)}))

    def repositories(self, author: str, repo_type: str) -> Iterator[Batch]:
        scope = f"{repo_type}s:{author}"
        listing = repos.list_repos(self.http, author, repo_type, state.load(self.ctx, scope),
                                   now=self.now, page_size=self.options.page_size)  # fmt: skip
        snapshots = repos.snapshots(listing.rows, self.now.date())
        yield Batch({"hub_repos": listing.rows, "hub_repo_snapshots": snapshots})
        bar = tqdm(listing.rows, desc=f"hub {author} {repo_type}s", unit="repo", file=sys.stderr,
                   disable=not self.ctx.progress, leave=False)  # fmt: skip
        for row in bar:
            yield from self.repository(row)
        bar.close()
        # the watermark moves last: a run killed above lists these repositories again
        saved = {"modified": listing.watermark, "day": self.now.date().isoformat()}
        yield Batch({}, state.cursor(scope, saved))

    def repository(self, row: dict) -> Iterator[Batch]:
        if row["repo_type"] == "model":
            yield from self.model(row)
        if row["repo_type"] == "dataset":
            yield from self.reuse(row["repo_id"])
        yield from self.threads(row["repo_type"], row["repo_id"])

    def model(self, row: dict) -> Iterator[Batch]:
        model_id, scope = row["repo_id"], f"info:{row['repo_id']}"
        saved = state.load(self.ctx, scope)
        modified = row["last_modified"].isoformat() if row["last_modified"] else None
        if state.due(saved, self.now, self.options.refresh) or saved.get("modified") != modified:
            info = community.model_info(self.http, model_id, row["author"])
            if info is None:
                return
            saved = {"at": state.stamp(self.now), "modified": modified, "children": info.children}
            yield Batch(info.tables, state.cursor(scope, saved))
        yield from self.tree(model_id, saved.get("children"))

    def tree(self, model_id: str, children: int | None) -> Iterator[Batch]:
        scope = f"tree:{model_id}"
        saved = state.load(self.ctx, scope)
        unchanged = saved.get("children") == children and "at" in saved
        if unchanged and not state.due(saved, self.now, self.options.tree_refresh):
            return
        rows = tree.TreeRows()
        if children != 0:  # None (count unknown) walks too
            rows = tree.walk(self.http, model_id, depth=self.options.depth, listed=self.listed,
                             own=self.own, now=self.now, page_size=self.options.page_size)  # fmt: skip
        yield Batch(
            rows.tables(), state.cursor(scope, {"at": state.stamp(self.now), "children": children})
        )

    def reuse(self, dataset_id: str) -> Iterator[Batch]:
        scope = f"reuse:{dataset_id}"
        if not state.due(state.load(self.ctx, scope), self.now, self.options.refresh):
            return
        rows = community.dataset_reuse(self.http, dataset_id, self.options.page_size)
        yield Batch({"hub_dataset_usage": rows}, state.cursor(scope, {"at": state.stamp(self.now)}))

    def threads(self, repo_type: str, repo_id: str) -> Iterator[Batch]:
        scope = f"discussions:{repo_type}/{repo_id}"
        saved = state.load(self.ctx, scope)
        if not state.due(saved, self.now, self.options.refresh):
            return
        found = discussions.fetch(self.http, repo_type, repo_id, saved.get("seen") or {})
        saved = {"at": state.stamp(self.now), "seen": found.seen}
        yield Batch(found.tables(), state.cursor(scope, saved))

    def leaderboard(self, dataset_id: str) -> Iterator[Batch]:
        scope = f"leaderboard:{dataset_id}"
        if not state.due(state.load(self.ctx, scope), self.now, self.options.refresh):
            return
        rows = community.leaderboard(self.http, dataset_id)
        yield Batch({"hub_eval_results": rows}, state.cursor(scope, {"at": state.stamp(self.now)}))
