"""The months every page agrees on: the data cut-off, its partial month, and the headline month
(the last complete one). Read from dim_build, never worked out from the clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dashboard.data import query


@dataclass(frozen=True)
class Months:
    cutoff: datetime
    cutoff_month: str  # 'YYYY-MM': partial, runs to the cut-off day
    headline_month: str  # 'YYYY-MM': the last complete month, every page's headline

    def partial_label(self) -> str:
        """'to 22 Aug': how the cut-off month is marked wherever it is drawn."""
        return f"to {self.cutoff.day} {self.cutoff.strftime('%b')}"

    def label(self, month: str) -> str:
        from dashboard.format import month_name

        name = month_name(month)
        return f"{name} (partial, {self.partial_label()})" if month == self.cutoff_month else name

    def headline(self, end: str) -> str:
        """The headline month of a period ending with `end`: never the partial cut-off month."""
        return min(end, self.headline_month)


def months() -> Months:
    row = query("select data_cutoff, cutoff_month, headline_month from dim_build").iloc[0]
    return Months(row["data_cutoff"].to_pydatetime(), row["cutoff_month"], row["headline_month"])
