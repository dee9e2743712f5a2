"""Where things live and which endpoints to use, read from flags, the environment and `.env`.

Read at call time, never at import time, so tests and the dashboard see the current environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dotenv import load_dotenv

DEFAULT_CONFIG = "projects.toml"
DEFAULT_DB = "data/onramp.duckdb"
PUBLISHED_SUFFIX = ".published.duckdb"

GITHUB_API_URL = "https://api.github.com"
DISCORD_API_BASE = "https://discord.com/api/v10"
SLACK_API_BASE = "https://slack.com/api"


@dataclass(frozen=True)
class Paths:
    config: Path
    raw_db: Path

    @property
    def published_db(self) -> Path:
        return published_path(self.raw_db)


def load_env() -> None:
    """Read `.env` from the working directory without overriding variables already set."""
    load_dotenv(Path.cwd() / ".env", override=False)


def resolve_paths(config: str | None = None, db: str | None = None) -> Paths:
    return Paths(
        config=Path(config or os.environ.get("ONRAMP_CONFIG") or DEFAULT_CONFIG),
        raw_db=Path(db or os.environ.get("ONRAMP_DB") or DEFAULT_DB),
    )


def published_path(raw_db: Path) -> Path:
    """The published (read-only, dashboard) file sits beside the raw warehouse."""
    name = raw_db.name.removesuffix(".duckdb")
    return raw_db.with_name(name + PUBLISHED_SUFFIX)


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or default
