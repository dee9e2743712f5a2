"""Formatting mart values for titles and tables (display only: no computation)."""

from __future__ import annotations

import math
from datetime import date, datetime

from core.catalog import Indicator


def number(value: float | None, indicator: Indicator | None = None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no value"
    if indicator is not None and indicator.is_fraction:
        return f"{value:.0%}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def with_unit(value: float | None, indicator: Indicator) -> str:
    text = number(value, indicator)
    if indicator.is_fraction or text == "no value":
        return text
    return f"{text} {indicator.unit}"


def month_name(month: str | date | datetime) -> str:
    """'2025-03' -> 'Mar 2025'."""
    if isinstance(month, str):
        month = datetime.strptime(month[:7], "%Y-%m")
    return month.strftime("%b %Y")
