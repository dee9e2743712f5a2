"""Where things live and which endpoints to use, read from flags, the environment and `.env`.

Read at call time, never at import time, so tests and the dashboard see the current environment.
A collection's tokens, endpoints and limits are read once, by the command, into `Settings`, which
every collector is handed: no collector reads the environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
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
