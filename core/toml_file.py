"""Reading a hand-written TOML file (the registry, identities.toml): a missing or malformed file
is one ConfigError naming it, the same way for every such file."""

from __future__ import annotations

import tomllib
from pathlib import Path

from core.errors import ConfigError


def read_toml(path: Path, missing: str) -> dict:
    """The file's document; `missing` says what the file is and how to point at another."""
    if not path.exists():
        raise ConfigError(f"{path}: {missing}")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
