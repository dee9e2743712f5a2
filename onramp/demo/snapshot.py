"""The demo snapshot: raw-table rows as Parquet files in `onramp/demo/data/`, built from the real
data in `shared/data/real/` plus the sample rows of `onramp.demo.sample`, and loaded into a
warehouse. The snapshot carries the registry it was built from (`projects.toml`), so the demo
runs from an installed wheel with no checkout and no registry of the user's.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from core.registry import Registry
from core.resources import package_path
from onramp.demo import real, sample
from warehouse.upsert import upsert

SNAPSHOT_DIR = package_path("onramp.demo", "data")
MANIFEST = "manifest.json"
REGISTRY = "projects.toml"  # the registry the snapshot was built from
# Discord guild ids are not public in the registry; the demo gives two grassroots projects a sample
# guild each (EleutherAI's server is the study's example of a hub for conversation).
SAMPLE_GUILDS = {
    "eleutherai": ("700000000000000001", "EleutherAI (sample guild)"),
    "bigscience": ("700000000000000002", "BigScience (sample guild)"),
}
SAMPLE_DISCORD_START = pd.Timestamp("2024-01-01", tz="UTC")


def build_snapshot(
    real_dir: Path, registry: Registry, out_dir: Path = SNAPSHOT_DIR
) -> dict[str, int]:
    tables = _real_tables(real_dir, registry)
    cutoff = _cutoff(tables)
    tables.update(sample.github(tables["github_commits"], cutoff))
    members = _sample_members(registry)
    tables.update(sample.hub(_discussed_models(tables, registry), members, cutoff))
    tables["hub_org_members"] = pd.DataFrame(
        [(org, user) for org, users in members.items() for user in users],
        columns=["org", "username"],
    ).assign(provenance=sample.SAMPLE)
    guilds = {gid: (name, SAMPLE_DISCORD_START) for gid, name in SAMPLE_GUILDS.values()}
    tables.update(sample.discord(guilds, cutoff))
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.parquet"):
        old.unlink()
    counts = {}
    for table, df in sorted(tables.items()):
        pq.write_table(
            pa.Table.from_pandas(df, preserve_index=False),
            out_dir / f"{table}.parquet",
            compression="zstd",
            compression_level=19,
        )
        counts[table] = len(df)
    manifest = {
        "data_cutoff": cutoff.isoformat(),
        "rows": counts,
        "sample_discord_guilds": {p: gid for p, (gid, _) in SAMPLE_GUILDS.items()},
    }
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    shutil.copyfile(registry.path, out_dir / REGISTRY)
    return counts


def _real_tables(real_dir: Path, registry: Registry) -> dict[str, pd.DataFrame]:
    tree_repos = real.hub_tree_repos(real_dir)
    daily_repos, daily_snapshots = real.hub_daily(real_dir, registry)
    tracked = real.hub_tracked_models(real_dir, registry)
    repos = pd.concat([tree_repos, daily_repos, tracked], ignore_index=True)
    repos = repos.drop_duplicates(["repo_type", "repo_id"], keep="first")
    return {
        "github_commits": real.github_commits(real_dir),
        "github_repos": real.github_repos(real_dir),
        "hub_repos": repos,
        "hub_repo_snapshots": pd.concat(
            [real.tree_snapshots(tree_repos), daily_snapshots], ignore_index=True
        ),
        "hub_derivatives": real.hub_derivatives(real_dir),
    }


def _cutoff(tables: dict[str, pd.DataFrame]) -> pd.Timestamp:
    latest_commit = tables["github_commits"]["committed_at"].max()
    latest_snapshot = pd.Timestamp(max(tables["hub_repo_snapshots"]["snapshot_date"]), tz="UTC")
    return max(latest_commit, latest_snapshot).ceil("D")


def _sample_members(registry: Registry) -> dict[str, list[str]]:
    return {
        a: [f"sample-{a.lower()}-staff-{i}" for i in (1, 2, 3)]
        for p in registry.projects
        for a in p.hub_authors
    }


def _discussed_models(tables: dict[str, pd.DataFrame], registry: Registry) -> pd.DataFrame:
    """Up to 8 models per project author: those with a creation time first, then by id."""
    repos = tables["hub_repos"]
    rows = []
    for project in registry.projects:
        for author in project.hub_authors:
            own = repos[repos["author"].str.lower() == author.lower()]
            own = own.sort_values(["created_at", "repo_id"], na_position="last").head(8)
            rows += [(author, r, c) for r, c in zip(own["repo_id"], own["created_at"], strict=True)]
    return pd.DataFrame(rows, columns=["project", "repo_id", "created_at"])


def read_manifest(snapshot_dir: Path = SNAPSHOT_DIR) -> dict:
    path = snapshot_dir / MANIFEST
    if not path.exists():
        raise FileNotFoundError(f"{path}: the demo snapshot is missing; run `make snapshot`")
    return json.loads(path.read_text(encoding="utf-8"))


def load_snapshot(
    con: duckdb.DuckDBPyConnection, run_id: str, snapshot_dir: Path = SNAPSHOT_DIR
) -> int:
    """Upsert every snapshot table into the warehouse; returns the rows loaded."""
    rows = 0
    for path in sorted(snapshot_dir.glob("*.parquet")):
        rows += upsert(con, path.stem, pq.read_table(path), run_id=run_id)
    return rows
