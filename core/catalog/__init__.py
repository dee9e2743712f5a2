"""The indicator catalog: every indicator declared once (id, name, type, stage, unit, direction).

`onramp metrics`, the dashboard's "about this metric" notes and the docs all read it; the values
come from SQL (`sql/marts/fct_indicators.sql`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from core.resources import package_path

CATALOG_DIR = package_path("core.catalog")
SOURCES = ("github", "hub", "discord", "slack", "crossplatform")
COLLABORATION_TYPES = (
    "upstream-code",
    "derivative-models",
    "datasets",
    "community-benchmarks",
    "discussion-chat",
    "local-languages",  # the study's §5.3.1 on-ramps of model reuse the Hub shows (issue 26)
    "apps-demos",
)
LIFECYCLE_STAGES = ("pre-training", "post-training", "post-release")
KINDS = ("snapshot", "level")
DURATION_UNITS = ("hours", "minutes", "days")
DIRECTIONS = {
    "up": "higher is better",
    "down": "lower is better",
    "neutral": "neither way is better",
}


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    source: str
    collaboration_type: str
    lifecycle_stage: str
    unit: str
    good: str
    key: bool
    definition: str
    settles_after_days: int  # days after the month's end until the value can no longer change
    kind: str = ""  # "snapshot" | "level"; empty: derived from the unit (see `shape`)
    # fewest items (the ratio's denominator, the median's count) a value needs to be ranked; 0: any
    min_sample: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.settles_after_days, int) or self.settles_after_days < 0:
            raise ValueError(f"indicator {self.id}: settles_after_days must be a whole number >= 0")
        if not isinstance(self.min_sample, int) or self.min_sample < 0:
            raise ValueError(f"indicator {self.id}: min_sample must be a whole number >= 0")
        if self.kind not in ("", *KINDS):
            raise ValueError(f"indicator {self.id}: kind {self.kind!r} is not one of {KINDS}")

    @property
    def is_fraction(self) -> bool:
        return self.unit in ("ratio", "share")

    @property
    def is_duration(self) -> bool:
        return self.unit in DURATION_UNITS

    @property
    def shape(self) -> str:
        """How a page draws it: "ratio" (0-100 % axis), "duration" (a median over time),
        "snapshot" (a number and its growth), "level" (a windowed count), "flow" (monthly bars)."""
        if self.kind:
            return self.kind
        if self.is_fraction:
            return "ratio"
        if self.is_duration:
            return "duration"
        return "flow"

    @property
    def is_count(self) -> bool:
        """Whole numbers: integer axes, no "0.5 pull requests"."""
        return self.shape in ("flow", "snapshot", "level")

    def about(self) -> str:
        """The "about this metric" note shown under every chart of the indicator."""
        return (
            f"**{self.name}** (`{self.id}`) — {self.definition}\n\n"
            f"Unit: {self.unit}; {DIRECTIONS[self.good]}. "
            f"On-ramp: {self.collaboration_type}, {self.lifecycle_stage} stage. "
            + self.settling_note()
            + self.sample_note()
        )

    def sample_note(self) -> str:
        if not self.min_sample:
            return ""
        return (
            f' Not ranked from fewer than {self.min_sample} items ("too few"): the value is '
            "shown, but it is no lead."
        )

    def settling_note(self) -> str:
        if self.settles_after_days == 0:
            return "Final once its month is over."
        return (
            f"Pending until {self.settles_after_days} days after its month ends: until then it "
            "can still change, and pages show it as pending."
        )


@cache
def load_catalog() -> dict[str, Indicator]:
    catalog: dict[str, Indicator] = {}
    for source in SOURCES:
        document = tomllib.loads((CATALOG_DIR / f"{source}.toml").read_text(encoding="utf-8"))
        for entry in document["indicator"]:
            indicator = Indicator(source=source, **entry)
            if indicator.id in catalog:
                raise ValueError(f"indicator {indicator.id} is declared twice")
            catalog[indicator.id] = indicator
    return catalog


def indicator(indicator_id: str) -> Indicator:
    return load_catalog()[indicator_id]
