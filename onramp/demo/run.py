"""`onramp demo`: a fresh warehouse from the bundled snapshot, built and published."""

from __future__ import annotations

import dataclasses
import functools
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from core.errors import OnrampError
from core.registry import Registry, load_registry
from core.settings import Paths
from onramp.demo.identities import add_sample_crossovers, sample_file, write_sample_identities
from onramp.demo.snapshot import REGISTRY, SNAPSHOT_DIR, load_snapshot, read_manifest
from onramp.people import BuildIdentities, configured_identities
from warehouse.build import build
from warehouse.db import connect, fetch_one
from warehouse.state import finish_run, start_run

DEMO_SOURCE = "demo"
# the sample Slack export's load: a demo run too, but one that stored Slack rows only, so Data
# status credits its rows to Slack (stg_onramp__collection_runs), not to every source
DEMO_SLACK_SOURCE = "demo-slack-export"
BUNDLED_REGISTRY = SNAPSHOT_DIR / REGISTRY


def with_bundled_registry(paths: Paths, *, explicit: bool) -> Paths:
    """The demo shows the study's projects: run from outside a checkout, without a registry of
    its own, it uses the registry shipped with the snapshot."""
    if explicit or paths.config.exists():
        return paths
    return dataclasses.replace(paths, config=BUNDLED_REGISTRY)


def run_demo(paths: Paths, *, force: bool = False, log: Callable[[str], None] = print) -> None:
    started = time.perf_counter()
    if paths.is_postgres:
        raise OnrampError(
            f"{paths.store_name}: the demo builds its own DuckDB file; give --db a file path "
            "(e.g. --db data/demo.duckdb)"
        )
    manifest = read_manifest()
    registry = load_registry(paths.config)  # a broken registry fails before anything is replaced
    _refuse_collected(paths, force)
    for stale in (paths.raw_db, paths.raw_db.with_name(paths.raw_db.name + ".wal")):
        stale.unlink(missing_ok=True)
    with connect(paths.raw_db) as con:
        run_id = start_run(con, DEMO_SOURCE, None)
        rows = load_snapshot(con, run_id)
        rows += add_sample_crossovers(con, registry, manifest["sample_discord_guilds"], run_id)
        finish_run(con, run_id, status="ok", rows=rows)
        log(
            f"loaded {rows:,} snapshot rows (data cut-off {manifest['data_cutoff'][:10]}) "
            f"into {paths.raw_db}"
        )
        _import_sample_slack(con, paths, registry, pd.Timestamp(manifest["data_cutoff"]), log)
    result = build_published(paths, log)
    log(
        f"built {len(result.models)} models in {result.seconds:.1f} s "
        f"({time.perf_counter() - started:.1f} s in all)"
    )


def _import_sample_slack(con, paths: Paths, registry: Registry, cutoff, log) -> None:
    """The sample Slack exports of the study's Slack projects, written now and loaded through
    import-slack's own reader (as demo runs: the demo may replace them)."""
    from collectors.slack_export import collect_exports
    from onramp.demo.sample_slack import SAMPLE, WORKSPACES, write_export
    from onramp.orchestrator import run_collection

    known = {p.id: p for p in registry.projects}
    with tempfile.TemporaryDirectory(prefix="onramp-sample-slack-") as tmp:
        for workspace in (w for w in WORKSPACES if w.project in known):
            export = write_export(workspace, cutoff, Path(tmp) / f"{workspace.project}.zip")
            collector = functools.partial(collect_exports, exports=[export], provenance=SAMPLE)
            outcome = run_collection(
                con, known[workspace.project], DEMO_SLACK_SOURCE, collector, progress=False,
                warn=lambda line: None if line.startswith(tmp) else log(line),
                warehouse=paths.raw_db,
            )  # fmt: skip
            if outcome.status != "ok":
                raise OnrampError(f"sample Slack export for {workspace.project}: {outcome.message}")
            log(
                f"loaded a sample Slack export for {workspace.project} through import-slack's "
                f"reader: {outcome.rows:,} rows (sample data)"
            )


def build_published(paths: Paths, log: Callable[[str], None]):
    """`onramp build` and the demo: the registry and identities in force, then the models. From
    a PostgreSQL store, its raw tables are first copied into a local DuckDB file (through Arrow),
    which the models then read as they read the one-file store."""
    registry = build_registry(paths)
    chosen = build_identities(paths, registry, log)
    options = {}
    if chosen is not None:
        options = {"identities": chosen.identities, "identities_provenance": chosen.provenance}
    if not paths.is_postgres:
        return build(paths.raw_db, paths.published_db, registry, **options)
    from warehouse.pgcopy import copy_to_file

    published = paths.published_db
    published.parent.mkdir(parents=True, exist_ok=True)
    raw_copy = published.with_name(f"_onramp_raw_{os.getpid()}.duckdb")
    try:
        copied = time.perf_counter()
        counts = copy_to_file(paths.store_url, raw_copy)
        log(
            f"copied {sum(counts.values()):,} raw rows of {len(counts)} tables from "
            f"{paths.store_name} in {time.perf_counter() - copied:.1f} s"
        )
        return build(raw_copy, published, registry, **options)
    finally:
        raw_copy.unlink(missing_ok=True)
        raw_copy.with_name(raw_copy.name + ".wal").unlink(missing_ok=True)


def build_identities(
    paths: Paths, registry: Registry, log: Callable[[str], None]
) -> BuildIdentities | None:
    """The user's identities.toml; on a demo warehouse without one, the generated sample."""
    configured = configured_identities(paths, log)
    if configured is not None or not _is_demo_warehouse(paths):
        return configured
    guilds = read_manifest()["sample_discord_guilds"]
    with duckdb.connect(str(paths.raw_db), read_only=True) as con:
        sample = write_sample_identities(con, registry, guilds, sample_file(paths.raw_db))
    log(f"using the generated sample identities {sample.path} (sample data)")
    return BuildIdentities(sample, "sample")


def _refuse_collected(paths: Paths, force: bool) -> None:
    """Never replace data someone collected, unless asked to."""
    if force or not paths.raw_db.exists():
        return
    try:
        with duckdb.connect(str(paths.raw_db), read_only=True) as con:
            row = fetch_one(con, _COLLECTED.format(_stored(con)), [DEMO_SOURCE, DEMO_SLACK_SOURCE])
    except duckdb.Error:
        row = (0,)  # not a warehouse we can read: an older or broken file, safe to replace
    if row and row[0]:
        raise OnrampError(
            f"{paths.raw_db} holds collected data; the demo would replace it. "
            "Use --db data/demo.duckdb for a separate demo, or --force to replace it"
        )


_COLLECTED = "select count(*) from collection_runs where source not in (?, ?) and {}"


def _stored(con: duckdb.DuckDBPyConnection) -> str:
    """A run that stored nothing (a failed import, an offline collect) replaces nothing; a
    record without row counts is taken as having stored some."""
    columns = {r[0] for r in con.execute("describe collection_runs").fetchall()}
    return "rows_written > 0" if "rows_written" in columns else "true"


def build_registry(paths: Paths) -> Registry:
    """The configured registry; on a demo warehouse, plus the snapshot's sample Discord guilds."""
    registry = load_registry(paths.config)
    if not _is_demo_warehouse(paths):
        return registry
    guilds = read_manifest()["sample_discord_guilds"]
    projects = tuple(
        dataclasses.replace(p, discord_guilds=(*p.discord_guilds, guilds[p.id]))
        if p.id in guilds
        else p
        for p in registry.projects
    )
    return dataclasses.replace(registry, projects=projects)


def _is_demo_warehouse(paths: Paths) -> bool:
    if paths.is_postgres or not paths.raw_db.exists():  # the demo is never loaded into one
        return False
    with connect(paths.raw_db) as con:
        row = fetch_one(con, "select count(*) from collection_runs where source = ?", [DEMO_SOURCE])
    return bool(row and row[0])
