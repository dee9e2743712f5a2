"""What every collector shares: the batch it yields, the context it runs in, and its errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

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


@dataclass
class RunContext:
    """What the orchestrator gives a collector: options, saved cursors, counters and a logger."""

    full: bool = False
    max_wait: float | None = None  # seconds a run may sleep for a rate limit before failing
    progress: bool = True
    get_cursor: Callable[[str], tuple[str | None, str | None]] = lambda scope: (None, None)
    warn: Callable[[str], None] = print
    stats: RunStats = field(default_factory=RunStats)
    warehouse: Path | None = None  # the raw file, for state kept beside it (the pseudonym key)

    def cursor(self, scope: str) -> tuple[str | None, str | None]:
        """(cursor, etag) to resume from; nothing when `--full` asks to ignore cursors."""
        return (None, None) if self.full else self.get_cursor(scope)


class SourceSkipped(Exception):
    """The source cannot run for this project (no token, nothing configured): one-line reason."""


class CollectionError(Exception):
    """A collection failed after retries; the message names the project, source and URL path."""


class RateLimitWaitTooLong(CollectionError):
    """Waiting for a rate-limit reset would exceed `--max-wait`."""
