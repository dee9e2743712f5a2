"""`onramp demo`: a fresh warehouse from the bundled snapshot, built and published."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

import duckdb

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
BUNDLED_REGISTRY = SNAPSHOT_DIR / REGISTRY


def with_bundled_registry(paths: Paths, *, explicit: bool) -> Paths:
    """The demo shows the study's projects: run from outside a checkout, without a registry of
    its own, it uses the registry shipped with the snapshot."""
    if explicit or paths.config.exists():
        return paths
    return dataclasses.replace(paths, config=BUNDLED_REGISTRY)


def run_demo(paths: Paths, *, force: bool = False, log: Callable[[str], None] = print) -> None:
    started = time.perf_counter()
    manifest = read_manifest()
    load_registry(paths.config)  # a broken registry fails before anything is replaced
    _refuse_collected(paths, force)
    for stale in (paths.raw_db, paths.raw_db.with_name(paths.raw_db.name + ".wal")):
        stale.unlink(missing_ok=True)
    with connect(paths.raw_db) as con:
        run_id = start_run(con, DEMO_SOURCE, None)
        rows = load_snapshot(con, run_id)
        rows += add_sample_crossovers(
            con, load_registry(paths.config), read_manifest()["sample_discord_guilds"], run_id
        )
        finish_run(con, run_id, status="ok", rows=rows)
    log(
        f"loaded {rows:,} snapshot rows (data cut-off {manifest['data_cutoff'][:10]}) "
        f"into {paths.raw_db}"
    )
    result = build_published(paths, log)
    log(
        f"built {len(result.models)} models in {result.seconds:.1f} s "
        f"({time.perf_counter() - started:.1f} s in all)"
    )


def build_published(paths: Paths, log: Callable[[str], None]):
    """`onramp build` and the demo: the registry and identities in force, then the models."""
    registry = build_registry(paths)
    chosen = build_identities(paths, registry, log)
    if chosen is None:
        return build(paths.raw_db, paths.published_db, registry)
    return build(
        paths.raw_db,
        paths.published_db,
        registry,
        identities=chosen.identities,
        identities_provenance=chosen.provenance,
    )


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
            row = fetch_one(
                con, "select count(*) from collection_runs where source <> ?", [DEMO_SOURCE]
            )
    except duckdb.Error:
        row = (0,)  # not a warehouse we can read: an older or broken file, safe to replace
    if row and row[0]:
        raise OnrampError(
            f"{paths.raw_db} holds collected data; the demo would replace it. "
            "Use --db data/demo.duckdb for a separate demo, or --force to replace it"
        )


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
    if not paths.raw_db.exists():
        return False
    with connect(paths.raw_db) as con:
        row = fetch_one(con, "select count(*) from collection_runs where source = ?", [DEMO_SOURCE])
    return bool(row and row[0])
