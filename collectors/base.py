"""What every collector shares: the batch it yields, the context it runs in, and its errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pyarrow as pa

from core.settings import Settings

Records = list[dict] | pa.Table


@dataclass(frozen=True)
class Cursor:
    """Where a stream stopped: saved only after the rows before it are committed."""

    scope: str  # e.g. 'EleutherAI/pythia:issues'
    value: str | None
    etag: str | None = None


@dataclass
class Batch:
    tables: dict[str, Records]
    cursor: Cursor | None = None


@dataclass
class RunStats:
    api_calls: int = 0
    rate_limit_remaining: int | None = None
    points_used: int = 0  # GraphQL rate-limit points spent (GitHub's own count, per query)
    points_remaining: int | None = None
    # inputs a collector could not load while the rest went on (one bad export file, say)
    failures: list[str] = field(default_factory=list)
    failure_unit: str = "item"
    skipped: int = 0  # records that could not be stored, each warned about, while the batch went on


def _no_pseudonym_key(platform: str) -> Callable[[int | str], str]:
    raise RuntimeError("this run was given no pseudonym key")


@dataclass
class RunContext:
    """What the orchestrator gives a collector: options, saved cursors, counters and a logger."""

    full: bool = False
    max_wait: float | None = None  # seconds a run may sleep for a rate limit before failing
    progress: bool = True
    get_cursor: Callable[[str], tuple[str | None, str | None]] = lambda scope: (None, None)
    warn: Callable[[str], None] = print
    stats: RunStats = field(default_factory=RunStats)
    # platform -> its keyed pseudonym function (core.pseudonym); the orchestrator checks the key
    # against the warehouse's before a collector sees it
    pseudonymizer: Callable[[str], Callable[[int | str], str]] = _no_pseudonym_key
    # (raw table, {key column: value}) -> the stored row as a dict, or None: what earlier loads
    # know that this one's input does not say
    stored_row: Callable[[str, dict], dict | None] = lambda table, key: None
    label: str = ""  # 'project source', to start the warning of a skipped record
    # tokens, endpoints and limits, read once by the command: no collector reads the environment
    settings: Settings = field(default_factory=Settings)
    # what the command's run has said already (shared by its runs): a fallback is said once
    said: set[str] = field(default_factory=set)

    def say_once(self, message: str) -> None:
        if message not in self.said:
            self.said.add(message)
            self.warn(message)

    def skip(self, table: str, platform_id, path: str | None, why: str) -> None:
        """One record left out (the rest of its batch goes on): one warning, one count."""
        self.stats.skipped += 1
        where = f" at {path}" if path else ""
        self.warn(f"{self.label}: skipped a {table} record (id {platform_id}){where}: {why}")

    def cursor(self, scope: str) -> tuple[str | None, str | None]:
        """(cursor, etag) to resume from; nothing when `--full` asks to ignore cursors."""
        return (None, None) if self.full else self.get_cursor(scope)


class SourceSkipped(Exception):
    """The source cannot run for this project (no token, nothing configured): one-line reason."""


class CollectionError(Exception):
    """A collection failed after retries; the message names the project, source and URL path."""


class RateLimitWaitTooLong(CollectionError):
    """Waiting for a rate-limit reset would exceed `--max-wait`."""


class RetriesExhausted(CollectionError):
    """Every attempt the retry policy allows failed (5xx, timeouts, malformed answers): this
    request failed, but the next repository or channel may well not."""


class HostUnreachable(CollectionError):
    """The source's host cannot be reached: the rest of the run skips that source."""
