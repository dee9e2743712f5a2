"""The digest's period (DESIGN.md §4, Digest): `7d` and `30d` end with the data cut-off's day,
`FROM..TO` includes both days. Headline numbers come from the last complete month in it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from core.errors import OnrampError

_DAYS = re.compile(r"^(\d{1,3})d$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")
DEFAULT = "7d"


@dataclass(frozen=True)
class Period:
    start: date  # inclusive
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def end_exclusive(self) -> date:
        return self.end + timedelta(days=1)


def check_spec(spec: str) -> None:
    """Fail early, before any file is opened, on a spec `resolve` could not read."""
    resolve(spec, date(2000, 1, 1))


def resolve(spec: str, cutoff: date) -> Period:
    days = _DAYS.match(spec)
    if days:
        count = int(days.group(1))
        if count < 1:
            raise OnrampError(f"--period {spec!r}: needs at least one day")
        return Period(cutoff - timedelta(days=count - 1), cutoff)
    span = _RANGE.match(spec)
    if not span:
        raise OnrampError(
            f"--period {spec!r}: expected 7d, 30d (any number of days) or YYYY-MM-DD..YYYY-MM-DD"
        )
    try:
        start, end = date.fromisoformat(span.group(1)), date.fromisoformat(span.group(2))
    except ValueError as exc:
        raise OnrampError(f"--period {spec!r}: {exc}") from None
    if start > end:
        raise OnrampError(f"--period {spec!r}: the first day is after the last")
    return Period(start, end)


def month_start(day: date) -> date:
    return day.replace(day=1)


def previous_month(first: date) -> date:
    return month_start(first - timedelta(days=1))


def headline_month(period: Period, cutoff: date) -> date:
    """The last month that is complete both within the period and by the data cut-off.

    The cut-off's own month is partial, so it is never the headline (DESIGN.md §4); nor is a month
    the period ends inside of.
    """
    if period.end_exclusive.day == 1:  # the period ends on a month's last day
        last_in_period = month_start(period.end)
    else:
        last_in_period = previous_month(month_start(period.end))
    return min(last_in_period, previous_month(month_start(cutoff)))
