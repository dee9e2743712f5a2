"""Where things live and which endpoints to use, read from flags, the environment and `.env`.

Read at call time, never at import time, so tests and the dashboard see the current environment.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from dotenv import load_dotenv

DEFAULT_CONFIG = "projects.toml"
DEFAULT_DB = "data/onramp.duckdb"
PUBLISHED_SUFFIX = ".published.duckdb"
DEFAULT_PUBLISHED = "data/onramp.published.duckdb"

GITHUB_API_URL = "https://api.github.com"
DISCORD_API_BASE = "https://discord.com/api/v10"
SLACK_API_BASE = "https://slack.com/api"


POSTGRES_SCHEMES = ("postgresql://", "postgres://")


@dataclass(frozen=True)
class Paths:
    config: Path
    # the DuckDB raw file; with a PostgreSQL store, the default file whose directory holds the
    # local files (the published warehouse, a generated pseudonym key): never opened as a store
    raw_db: Path
    store_url: str | None = None  # a PostgreSQL raw store (`--db postgresql://…`), or None
    published: Path | None = None  # --published / ONRAMP_PUBLISHED

    @property
    def published_db(self) -> Path:
        return self.published or published_path(self.raw_db)

    @property
    def is_postgres(self) -> bool:
        return self.store_url is not None

    @property
    def store(self) -> str | Path:
        """What a command opens as the raw store: the DuckDB file, or the PostgreSQL URL."""
        return self.store_url or self.raw_db

    @property
    def store_name(self) -> str:
        """The raw store in words, for messages: the file, or the URL without its password."""
        return redact_url(self.store_url) if self.store_url else str(self.raw_db)


def load_env() -> None:
    """Read `.env` from the working directory without overriding variables already set."""
    load_dotenv(Path.cwd() / ".env", override=False)


def resolve_paths(
    config: str | None = None, db: str | None = None, published: str | None = None
) -> Paths:
    store = db or os.environ.get("ONRAMP_DB") or DEFAULT_DB
    published = published or os.environ.get("ONRAMP_PUBLISHED") or None
    url = store if is_postgres_url(store) else None
    return Paths(
        config=Path(config or os.environ.get("ONRAMP_CONFIG") or DEFAULT_CONFIG),
        raw_db=Path(DEFAULT_DB) if url else Path(store),
        store_url=url,
        published=Path(published) if published else None,
    )


def is_postgres_url(value: str) -> bool:
    return value.startswith(POSTGRES_SCHEMES)


def redact_url(url: str) -> str:
    """A connection URL fit for a message: any password replaced by ***."""
    url = re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)
    return re.sub(r"(?i)(password=)[^&\s]*", r"\1***", url)


def published_path(raw_db: Path) -> Path:
    """The published (read-only, dashboard) file sits beside the raw warehouse."""
    name = raw_db.name.removesuffix(".duckdb")
    return raw_db.with_name(name + PUBLISHED_SUFFIX)


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or default
