"""Saved stream state for the Hub, kept in sync_state as small JSON cursors, and the refresh rules.

The Hub has no "modified since" filter and new derivatives, discussions or eval results do not touch
a repository's lastModified, so each per-repository stream remembers when it was last fetched and is
fetched again once it is older than its refresh interval (or when a cheap signal says it changed).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from collectors.base import Cursor, RunContext


@dataclass
class Options:
    """Knobs of a Hub collection; tests inject the clock and the sleeper (in `polite`)."""

    depth: int = 2  # derivative tree depth below the project's models
    # children of each listed model whose own children are listed, most downloaded first (None:
    # all); ONRAMP_HUB_GRANDCHILDREN
    grandchildren: int | None = 20
    refresh: timedelta = timedelta(hours=20)  # discussions, spaces, evals, reuse, members: daily
    # ...for the `top` repositories of each type by downloads (likes for Spaces) and those with
    # discussions; the long tail, where >70% of models have no downloads, weekly
    top: int = 100
    refresh_tail: timedelta = timedelta(days=7)
    tree_refresh: timedelta = timedelta(days=7)  # whole trees weekly, or when a child count moves
    page_size: int = 1000  # the Hub's largest listing page
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))


def load(ctx: RunContext, scope: str) -> dict:
    value, _etag = ctx.cursor(scope)
    try:
        saved = json.loads(value) if value else {}
    except ValueError:
        saved = {}  # an unreadable cursor means "collect again", never a crash
    return saved if isinstance(saved, dict) else {}


def cursor(scope: str, value: dict) -> Cursor:
    return Cursor(scope=scope, value=json.dumps(value, sort_keys=True, separators=(",", ":")))


def due(saved: dict, now: datetime, every: timedelta) -> bool:
    """Whether a stream fetched at saved['at'] must be fetched again."""
    at = saved.get("at")
    if not at:
        return True
    try:
        return now - datetime.fromisoformat(at) >= every
    except ValueError:
        return True


def stamp(now: datetime) -> str:
    return now.astimezone(UTC).isoformat()
