"""Runs collectors and stores what they yield: batch by batch, cursor with its rows, one run record
per project and source (DESIGN.md §3).

A collector only yields; everything that touches the warehouse happens here. What a collector needs
from the warehouse reaches it through its RunContext: saved cursors, rows earlier loads stored, and
pseudonym functions whose key was first checked against the one the warehouse was built with.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from collectors.base import Batch, HostUnreachable, RunContext, RunStats, SourceSkipped
from core.errors import OnrampError
from core.pseudonym import Pseudonymizer, PseudonymKeyError, key_fingerprint, key_origin, load_key
from core.redact import redact
from core.registry import Project
from core.settings import Settings
from warehouse.facts import PSEUDONYM_KEY_FINGERPRINT
from warehouse.state import now
from warehouse.store import Store, as_store

SOURCES = ("github", "hub", "discord", "slack")
Collector = Callable[[Project, RunContext], Iterator[Batch]]


@dataclass
class RunOutcome:
    project: str
    source: str
    status: str  # ok | partial | failed | skipped
    rows: int = 0
    api_calls: int = 0
    message: str = ""
    batches: int = 0  # batches stored, one transaction each
    failed_items: int = 0  # inputs the collector could not load while the rest went on
    skipped: int = 0  # records that could not be stored while their batches went on
    unreachable: bool = False  # the source's host could not be reached: skip it for this run
    busy: bool = False  # another worker had the stream (a shared PostgreSQL store): not collected


def source_collector(source: str) -> Collector | None:
    """The collector of a source, or None while that source is not built yet."""
    try:
        module = importlib.import_module(f"collectors.{source}")
    except ModuleNotFoundError as exc:
        if exc.name == f"collectors.{source}":
            return None
        raise
    return getattr(module, "collect", None)


def run_collection(
    con,
    project: Project,
    source: str,
    collector: Collector,
    *,
    full: bool = False,
    max_wait: float | None = None,
    progress: bool = True,
    warn: Callable[[str], None] = print,
    warehouse: Path | None = None,
    settings: Settings | None = None,
    said: set[str] | None = None,
    since: datetime | None = None,
    hold: bool = False,
) -> RunOutcome:
    """Run one collector for one project into `con`, a raw store (warehouse.store) or a DuckDB
    connection. A failure is recorded and returned, never raised, so the other runs go on; a
    pseudonym key that does not match the warehouse's stops everything.

    `settings` are the tokens and endpoints the command read once (none given: no tokens, the
    public endpoints); `said` is what the command's runs have said already, shared by them.

    On a shared store the stream is first claimed: when another worker is collecting it, or
    finished it after `since` (when this worker's command began), it is skipped, said so. With
    `hold`, the claim lasts until the store is closed (the end of `collect`): a worker started at
    the same time finds every stream this one did in this run still taken."""
    store = as_store(con)
    busy = store.claim(project.id, source, since)
    if busy is not None:
        return RunOutcome(project.id, source, "skipped", message=busy, busy=True)
    try:
        return _run_claimed(
            store, project, source, collector, full=full, max_wait=max_wait, progress=progress,
            warn=warn, warehouse=warehouse, settings=settings, said=said,
        )  # fmt: skip
    finally:
        if not hold:
            store.release(project.id, source)


def _run_claimed(
    store: Store,
    project: Project,
    source: str,
    collector: Collector,
    *,
    full: bool,
    max_wait: float | None,
    progress: bool,
    warn: Callable[[str], None],
    warehouse: Path | None,
    settings: Settings | None,
    said: set[str] | None,
) -> RunOutcome:
    def say(message: str) -> None:
        warn(redact(message))

    record = _RunRecord(store, source, project.id)
    stats = RunStats()
    ctx = RunContext(
        full=full,
        max_wait=max_wait,
        progress=progress,
        get_cursor=lambda scope: store.get_cursor(source, scope),
        warn=say,
        stats=stats,
        pseudonymizer=_KeyCheck(store, warehouse, say),
        stored_row=store.stored_row,
        label=f"{project.id} {source}",
        settings=settings or Settings(),
        said=said if said is not None else set(),
    )

    def unstorable(table: str, row: dict, why: str) -> None:
        ctx.skip(table, _row_id(row), None, why)

    rows = batches = 0
    try:
        for batch in collector(project, ctx):
            cursor = batch.cursor
            saved = (source, cursor.scope, cursor.value, cursor.etag) if cursor else None
            record.start()
            rows += store.commit_batch(
                batch.tables, run_id=record.run_id, cursor=saved, on_skip=unstorable
            )
            batches += 1
    except PseudonymKeyError:
        raise  # raised before the first write: the warehouse is as it was, and no run goes on
    except SourceSkipped as exc:
        message = redact(str(exc))
        record.finish("skipped", stats, rows, message)
        return RunOutcome(
            project.id, source, "skipped", rows, stats.api_calls, message, batches,
            skipped=stats.skipped,
        )  # fmt: skip
    except KeyboardInterrupt:
        record.finish("failed", stats, rows, "interrupted")
        raise
    except HostUnreachable as exc:
        message = redact(str(exc))
        record.finish("failed", stats, rows, message)
        return RunOutcome(
            project.id, source, "failed", rows, stats.api_calls, message, batches,
            skipped=stats.skipped, unreachable=True,
        )  # fmt: skip
    except Exception as exc:  # reported per project and source; the other runs go on
        message = redact(_one_line(exc))
        record.finish("failed", stats, rows, message)
        return RunOutcome(
            project.id, source, "failed", rows, stats.api_calls, message, batches,
            skipped=stats.skipped,
        )  # fmt: skip
    status, message = _item_failures(stats, batches)
    record.finish(status, stats, rows, message)
    return RunOutcome(
        project.id, source, status, rows, stats.api_calls, message or "", batches,
        len(stats.failures), stats.skipped,
    )  # fmt: skip


class _RunRecord:
    """The run's row in collection_runs, written with its first batch (or its outcome): a run that
    stops before storing anything, as a refused key does, leaves the warehouse unchanged."""

    def __init__(self, store: Store, source: str, project: str) -> None:
        self.store, self.source, self.project = store, source, project
        self.started_at: datetime = now()
        self.run_id: str | None = None

    def start(self) -> None:
        if self.run_id is None:
            self.run_id = self.store.start_run(self.source, self.project, started=self.started_at)

    def finish(self, status: str, stats: RunStats, rows: int, error: str | None) -> None:
        self.start()
        self.store.finish_run(
            self.run_id, status=status, api_calls=stats.api_calls, rows=rows,
            skipped=stats.skipped, error=error,
            points=(stats.points_used, stats.points_remaining) if stats.points_used else None,
        )  # fmt: skip


class _KeyCheck:
    """Hands collectors pseudonym functions, once the key is known to be the warehouse's own.

    The first key a warehouse sees is recorded by its fingerprint; a later run with another key,
    or with none (a fresh machine that would generate one), is refused before anything is written:
    the same people would otherwise come back as new speakers."""

    def __init__(self, store: Store, warehouse: Path | None, warn: Callable[[str], None]) -> None:
        self.store, self.warehouse, self.warn = store, warehouse, warn
        self.key: bytes | None = None

    def __call__(self, platform: str) -> Pseudonymizer:
        if self.key is None:
            self.key = self._checked_key()
        return Pseudonymizer(self.key, platform)

    def _checked_key(self) -> bytes:
        recorded = self.store.get_fact(PSEUDONYM_KEY_FINGERPRINT)
        where = self.store.name if self.store.kind == "postgres" else self.warehouse
        where = where or "the warehouse"
        try:
            key = load_key(self.warehouse, log=self.warn, create=recorded is None)
        except PseudonymKeyError as exc:
            raise PseudonymKeyError(f"{where}: {exc}; {_RESTORE}") from None
        except OnrampError as exc:  # a key file others can read, or a truncated one
            raise PseudonymKeyError(str(exc)) from None
        fingerprint = key_fingerprint(key)
        if recorded is None:  # first writer wins: two workers with two new keys cannot both
            recorded = self.store.record_fact_once(PSEUDONYM_KEY_FINGERPRINT, fingerprint)
        if fingerprint != recorded:
            raise PseudonymKeyError(
                f"{where}: its pseudonyms were made with another key (fingerprint {recorded}; "
                f"{key_origin(self.warehouse)} has {fingerprint}); {_RESTORE}"
            )
        return key


_RESTORE = (
    "restore the original key (set ONRAMP_PSEUDONYM_KEY to it, or put its key file back) and run "
    "again; nothing was written"
)


def parse_shard(text: str) -> tuple[int, int]:
    """`I/N` (1 <= I <= N) as (I, N), or a one-line error."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise OnrampError(f"--shard {text}: expected I/N with 1 <= I <= N, e.g. --shard 2/3")
    return int(match[1]), int(match[2])


def shard_share(pairs: list[tuple[str, str]], shard: tuple[int, int]) -> set[tuple[str, str]]:
    """The (project, source) pairs of shard I of N. The pairs are ordered by a hash of each and
    dealt out in turn, so every worker given the same registry computes the same shares, they
    cover every pair exactly once, and no two differ in size by more than one."""
    index, count = shard
    ranked = sorted(set(pairs), key=lambda p: hashlib.sha256(f"{p[0]}\x00{p[1]}".encode()).digest())
    return {pair for rank, pair in enumerate(ranked) if rank % count == index - 1}


def skipping(reason: str) -> Collector:
    """A collector that only says why its source is not collected in this run."""

    def collector(project: Project, ctx: RunContext) -> Iterator[Batch]:
        raise SourceSkipped(reason)
        yield  # a generator, like every collector

    return collector


def _item_failures(stats: RunStats, batches: int) -> tuple[str, str | None]:
    """ok, or partial/failed when some inputs could not be loaded while the rest went on."""
    if not stats.failures:
        return "ok", None
    summary = f"{len(stats.failures)} {stats.failure_unit}(s) failed; first: {stats.failures[0]}"
    return ("partial" if batches else "failed"), redact(summary)


_ID_COLUMNS = ("id", "sha", "message_id", "event_id", "num", "repo_id", "child_id", "channel_id")


def _row_id(row: dict):
    """The platform id of a raw row, for the warning about it."""
    return next((row[c] for c in _ID_COLUMNS if row.get(c) is not None), "unknown")


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
