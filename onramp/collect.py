"""Runs collectors and stores what they yield: batch by batch, cursor with its rows, one run record
per project and source (DESIGN.md §3)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from collectors.base import Batch, RunContext, RunStats, SourceSkipped
from onramp.config import Project
from onramp.redact import redact
from warehouse.state import commit_batch, finish_run, get_cursor, start_run

SOURCES = ("github", "hub", "discord")


@dataclass
class RunOutcome:
    project: str
    source: str
    status: str  # ok | failed | skipped
    rows: int = 0
    api_calls: int = 0
    message: str = ""


def source_collector(source: str) -> Callable[[Project, RunContext], Iterator[Batch]] | None:
    """The collector of a source, or None while that source is not built yet."""
    try:
        module = importlib.import_module(f"collectors.{source}")
    except ModuleNotFoundError as exc:
        if exc.name == f"collectors.{source}":
            return None
        raise
    return getattr(module, "collect", None)


def run_collection(
    con: duckdb.DuckDBPyConnection,
    project: Project,
    source: str,
    collector: Callable[[Project, RunContext], Iterator[Batch]],
    *,
    full: bool = False,
    max_wait: float | None = None,
    progress: bool = True,
    warn: Callable[[str], None] = print,
    warehouse: Path | None = None,
) -> RunOutcome:
    run_id = start_run(con, source, project.id)
    stats = RunStats()
    ctx = RunContext(
        full=full,
        max_wait=max_wait,
        progress=progress,
        get_cursor=lambda scope: get_cursor(con, source, scope),
        warn=lambda message: warn(redact(message)),
        stats=stats,
        warehouse=warehouse,
    )
    rows = 0
    try:
        for batch in collector(project, ctx):
            cursor = batch.cursor
            saved = (source, cursor.scope, cursor.value, cursor.etag) if cursor else None
            rows += commit_batch(con, batch.tables, run_id=run_id, cursor=saved)
    except SourceSkipped as exc:
        message = redact(str(exc))
        finish_run(
            con, run_id, status="skipped", api_calls=stats.api_calls, rows=rows, error=message
        )
        return RunOutcome(project.id, source, "skipped", rows, stats.api_calls, message)
    except KeyboardInterrupt:
        finish_run(
            con, run_id, status="failed", api_calls=stats.api_calls, rows=rows, error="interrupted"
        )
        raise
    except Exception as exc:  # reported per project and source; the other runs go on
        message = redact(_one_line(exc))
        finish_run(
            con, run_id, status="failed", api_calls=stats.api_calls, rows=rows, error=message
        )
        return RunOutcome(project.id, source, "failed", rows, stats.api_calls, message)
    finish_run(con, run_id, status="ok", api_calls=stats.api_calls, rows=rows)
    return RunOutcome(project.id, source, "ok", rows, stats.api_calls)


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
