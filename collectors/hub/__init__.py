"""Hugging Face Hub collector (DESIGN.md §3): repositories of a project's hub_authors, their daily
download snapshots, derivative trees, discussions and Hub PRs, dataset reuse, eval results and the
Spaces using its models.

Per author, one listing per repository type (sorted by lastModified, stopping at the saved
watermark); per repository, streams (model info, derivative tree, discussions, dataset reuse)
fetched again once older than their refresh interval or when a cheap signal moved (lastModified,
child count, a thread's status or comment count). Every batch carries the cursor of the rows in
it, so a killed run loses nothing. Tree depth: Options.depth, or ONRAMP_HUB_TREE_DEPTH; how many
derivatives of each model have their own listed: Options.grandchildren, or ONRAMP_HUB_GRANDCHILDREN
(both from the run's settings, as are HF_ENDPOINT and HF_TOKEN).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import timedelta

from huggingface_hub import HfApi
from tqdm import tqdm

from collectors.base import Batch, RunContext, SourceSkipped
from collectors.hub import community, discussions, repos, state, tree
from collectors.hub.http import HubHttp, Politeness
from collectors.hub.state import Options
from core.registry import Project
from core.settings import Settings

__all__ = ["Options", "Politeness", "collect"]

REPO_TYPES = ("model", "dataset", "space")


def collect(
    project: Project,
    ctx: RunContext,
    options: Options | None = None,
    polite: Politeness | None = None,
) -> Iterator[Batch]:
    if not project.hub_authors and not project.hub_benchmark_datasets:
        raise SourceSkipped("no hub_authors or hub_benchmark_datasets configured")
    settings = ctx.settings
    options = options or _options(settings)  # before any request: a bad setting asks nothing
    # endpoint None: huggingface_hub's default; token False: never a token saved on the machine
    api = HfApi(endpoint=settings.hf_endpoint, token=settings.hf_token or False)
    http = HubHttp(api, ctx, f"{project.id}/hub", polite or Politeness())
    try:
        run = _Run(http, ctx, options, own={a.lower() for a in project.hub_authors})
        for author in project.hub_authors:
            yield from run.author(author)
        for dataset_id in project.hub_benchmark_datasets:
            yield from run.leaderboard(dataset_id)
    finally:
        http.close()


def _options(settings: Settings) -> Options:
    options = Options()
    depth = settings.hub_tree_depth
    if depth and depth.isdigit():
        options.depth = int(depth)
    options.grandchildren = grandchildren_setting(settings.hub_grandchildren)
    return options


def grandchildren_setting(value: str | None) -> int | None:
    """ONRAMP_HUB_GRANDCHILDREN: a count (0 = none), `all` (None), or unset: 20."""
    if value is None:
        return Options.grandchildren
    if value.strip().lower() == "all":
        return None
    if value.strip().isdigit():
        return int(value)
    raise SourceSkipped(f"ONRAMP_HUB_GRANDCHILDREN={value!r}: expected a number, 0 or `all`")


FLUSH_REPOS, FLUSH_ROWS = 50, 20_000  # a batch (one transaction) per this many repositories or rows


class _Pending:
    """Rows of the repositories handled since the last batch, by table."""

    def __init__(self) -> None:
        self.tables: dict[str, list[dict]] = {}
        self.repos = 0

    def add(self, tables: dict[str, list[dict]]) -> None:
        for table, rows in tables.items():
            self.tables.setdefault(table, []).extend(rows)

    def full(self) -> bool:
        return self.repos >= FLUSH_REPOS or sum(map(len, self.tables.values())) >= FLUSH_ROWS

    def batches(self, cursor) -> Iterator[Batch]:
        """The rows, then the child counts (partial hub_repos rows: one shape per batch table)
        with the cursor."""
        counts = self.tables.pop(community.COUNTS, [])
        yield Batch(self.tables)
        yield Batch({"hub_repos": counts}, cursor)


class _Run:
    """One collection run: the clock is read once so every row of the run shares a snapshot day.

    Per-repository state of an author (info, tree, discussions, reuse: when each was fetched and
    what it looked like) lives in one cursor, saved with the rows of the repositories it covers, so
    a batch spans many repositories instead of one transaction per repository and stream.
    """

    def __init__(self, http: HubHttp, ctx: RunContext, options: Options, own: set[str]) -> None:
        self.http, self.ctx, self.options, self.own = http, ctx, options, own
        self.now = options.now()
        self.listed: set[str] = set()  # models whose children this run already listed

    def author(self, author: str) -> Iterator[Batch]:
        yield from self.members(author)
        scope = f"state:{author}"
        saved = state.load(self.ctx, scope)
        for repo_type in REPO_TYPES:
            yield from self.repositories(author, repo_type, saved, scope)

    def members(self, org: str) -> Iterator[Batch]:
        scope = f"members:{org}"
        if not state.due(state.load(self.ctx, scope), self.now, self.options.refresh):
            return
        rows = community.org_members(self.http, org, self.options.page_size) or []
        yield Batch({"hub_org_members": rows}, state.cursor(scope, {"at": state.stamp(self.now)}))

    def repositories(
        self, author: str, repo_type: str, saved: dict, state_scope: str
    ) -> Iterator[Batch]:
        scope = f"{repo_type}s:{author}"
        listing = repos.list_repos(
            self.http,
            author,
            repo_type,
            state.load(self.ctx, scope),
            now=self.now,
            page_size=self.options.page_size,
        )
        snapshots = repos.snapshots(listing.rows, self.now.date())
        yield Batch({"hub_repos": listing.rows, "hub_repo_snapshots": snapshots})
        bar = tqdm(
            listing.rows,
            desc=f"hub {author} {repo_type}s",
            unit="repo",
            file=sys.stderr,
            disable=not self.ctx.progress,
            leave=False,
        )
        pending, hot = _Pending(), self.hot(listing.rows)
        for row in bar:
            every = self.options.refresh if row["repo_id"] in hot else self.options.refresh_tail
            pending.add(self.repository(row, saved, every))
            pending.repos += 1
            if pending.full():
                yield from pending.batches(state.cursor(state_scope, saved))
                pending = _Pending()
        bar.close()
        if pending.repos:
            yield from pending.batches(state.cursor(state_scope, saved))
        # the watermark moves last: a run killed above lists these repositories again
        watermark = {"modified": listing.watermark, "day": self.now.date().isoformat()}
        yield Batch({}, state.cursor(scope, watermark))

    def hot(self, rows: list[dict]) -> set[str]:
        """The repositories refreshed daily: the most downloaded (liked, for Spaces)."""
        ranked = sorted(
            rows, key=lambda r: (r["downloads_30d"] or 0, r["likes"] or 0), reverse=True
        )
        return {r["repo_id"] for r in ranked[: self.options.top]}

    def repository(self, row: dict, saved: dict, every: timedelta) -> dict[str, list[dict]]:
        """The per-repository streams due for `row`, each fetched again after `every`."""
        tables: dict[str, list[dict]] = {}
        key = f"{row['repo_type']}/{row['repo_id']}"
        if row["repo_type"] == "model":
            infos, trees = saved.setdefault("info", {}), saved.setdefault("tree", {})
            tables.update(self.model(row, infos, trees, every))
        if row["repo_type"] == "dataset":
            tables.update(self.reuse(row["repo_id"], saved.setdefault("reuse", {}), every))
        threads = saved.setdefault("threads", {})
        for table, rows in self.threads(
            row["repo_type"], row["repo_id"], threads, key, every
        ).items():
            tables.setdefault(table, []).extend(rows)
        return tables

    def model(self, row: dict, infos: dict, trees: dict, every: timedelta) -> dict[str, list[dict]]:
        model_id, tables = row["repo_id"], {}
        saved = infos.get(model_id, {})
        modified = row["last_modified"].isoformat() if row["last_modified"] else None
        if state.due(saved, self.now, every) or saved.get("modified") != modified:
            info = community.model_info(self.http, model_id, row["author"])
            if info is None:
                return {}
            saved = infos[model_id] = {
                "at": state.stamp(self.now),
                "modified": modified,
                "children": info.children,
            }
            tables = dict(info.tables)
        for table, rows in self.tree(model_id, saved.get("children"), trees).items():
            tables.setdefault(table, []).extend(rows)
        return tables

    def tree(self, model_id: str, children: int | None, trees: dict) -> dict[str, list[dict]]:
        saved = trees.get(model_id, {})
        unchanged = saved.get("children") == children and "at" in saved
        if unchanged and not state.due(saved, self.now, self.options.tree_refresh):
            return {}
        rows = tree.TreeRows()
        if children != 0:  # None (count unknown) walks too
            rows = tree.walk(
                self.http,
                model_id,
                depth=self.options.depth,
                listed=self.listed,
                own=self.own,
                now=self.now,
                page_size=self.options.page_size,
                grandchildren=self.options.grandchildren,
            )
        trees[model_id] = {"at": state.stamp(self.now), "children": children}
        return rows.tables()

    def reuse(self, dataset_id: str, reuses: dict, every: timedelta) -> dict[str, list[dict]]:
        if not state.due(reuses.get(dataset_id, {}), self.now, every):
            return {}
        rows = community.dataset_reuse(self.http, dataset_id, self.options.page_size)
        reuses[dataset_id] = {"at": state.stamp(self.now)}
        return {"hub_dataset_usage": rows}

    def threads(
        self, repo_type: str, repo_id: str, threads: dict, key: str, every: timedelta
    ) -> dict[str, list[dict]]:
        saved = threads.get(key, {})
        every = self.options.refresh if saved.get("seen") else every  # active threads: daily
        if not state.due(saved, self.now, every):
            return {}
        found = discussions.fetch(self.http, repo_type, repo_id, saved.get("seen") or {})
        threads[key] = {"at": state.stamp(self.now), "seen": found.seen}
        return found.tables()

    def leaderboard(self, dataset_id: str) -> Iterator[Batch]:
        scope = f"leaderboard:{dataset_id}"
        if not state.due(state.load(self.ctx, scope), self.now, self.options.refresh):
            return
        rows = community.leaderboard(self.http, dataset_id)
        yield Batch({"hub_eval_results": rows}, state.cursor(scope, {"at": state.stamp(self.now)}))
