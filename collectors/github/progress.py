"""A progress bar per repository and stream: items, API calls and rate limit left (on stderr)."""

from __future__ import annotations

import sys

from tqdm import tqdm

from collectors.base import RunStats


class StreamBar:
    def __init__(self, label: str, stats: RunStats, *, enabled: bool = True):
        self.stats = stats
        self.bar = tqdm(
            desc=label, unit=" items", file=sys.stderr, disable=not enabled, leave=False
        )

    def advance(self, items: int) -> None:
        self.bar.update(items)
        left = self.stats.rate_limit_remaining
        text = f"{self.stats.api_calls} calls, rate limit left {'?' if left is None else left}"
        if self.stats.points_used or self.stats.points_remaining is not None:
            points = self.stats.points_remaining
            text += (
                f", {self.stats.points_used} points used, {'?' if points is None else points} left"
            )
        self.bar.set_postfix_str(text, refresh=False)

    def __enter__(self) -> StreamBar:
        return self

    def __exit__(self, *exc) -> None:
        self.bar.leave = self.bar.n > 0 and not self.bar.disable  # keep the line when it did work
        self.bar.close()
