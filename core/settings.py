"""Where things live and which endpoints to use, read from flags, the environment and `.env`.

Read at call time, never at import time, so tests and the dashboard see the current environment.
A collection's tokens, endpoints and limits are read once, by the command, into `Settings`, which
every collector is handed: no collector reads the environment.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Settings:
    """What a collection run is told by the environment (README, "Tokens and endpoints"), read
    once by the command and handed to each collector. Tokens stay out of its repr."""

    github_token: str | None = field(default=None, repr=False)
    github_api_url: str = GITHUB_API_URL
    github_graphql_url: str | None = None  # None: from github_api_url (collectors.github.graphql)
    hf_token: str | None = field(default=None, repr=False)
    hf_endpoint: str | None = None  # None: huggingface_hub's default, the public Hub
    hub_tree_depth: str | None = None  # ONRAMP_HUB_TREE_DEPTH, checked by the Hub collector
    hub_grandchildren: str | None = None  # ONRAMP_HUB_GRANDCHILDREN, likewise
    discord_bot_token: str | None = field(default=None, repr=False)
    discord_api_base: str = DISCORD_API_BASE
    slack_bot_token: str | None = field(default=None, repr=False)
    slack_api_base: str = SLACK_API_BASE
    ca_bundle: str | None = None  # REQUESTS_CA_BUNDLE or SSL_CERT_FILE, for the GitHub client

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings the environment gives (`os.environ` unless another mapping is passed)."""
        environ = os.environ if environ is None else environ

        def get(name: str, default: str | None = None) -> str | None:
            return environ.get(name, "").strip() or default

        return cls(
            github_token=get("GITHUB_TOKEN"),
            github_api_url=get("GITHUB_API_URL", GITHUB_API_URL),
            github_graphql_url=get("GITHUB_GRAPHQL_URL"),
            hf_token=get("HF_TOKEN"),
            hf_endpoint=(get("HF_ENDPOINT") or "").rstrip("/") or None,
            hub_tree_depth=get("ONRAMP_HUB_TREE_DEPTH"),
            hub_grandchildren=get("ONRAMP_HUB_GRANDCHILDREN"),
            discord_bot_token=get("DISCORD_BOT_TOKEN"),
            discord_api_base=get("DISCORD_API_BASE", DISCORD_API_BASE),
            slack_bot_token=get("SLACK_BOT_TOKEN"),
            slack_api_base=get("SLACK_API_BASE", SLACK_API_BASE),
            ca_bundle=get("REQUESTS_CA_BUNDLE") or get("SSL_CERT_FILE"),
        )
