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
)
LIFECYCLE_STAGES = ("pre-training", "post-training", "post-release")
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
    settles_after_days: int = 0

    @property
    def is_fraction(self) -> bool:
        return self.unit in ("ratio", "share")

    def about(self) -> str:
        """The "about this metric" note shown under every chart of the indicator."""
        return (
            f"**{self.name}** (`{self.id}`) — {self.definition}\n\n"
            f"Unit: {self.unit}; {DIRECTIONS[self.good]}. "
            f"On-ramp: {self.collaboration_type}, {self.lifecycle_stage} stage."
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
