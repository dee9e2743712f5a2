"""Keyed pseudonyms for platform user ids (DESIGN.md §5, reference/discord.md §8).

A pseudonym is HMAC-SHA256 over "platform:id" under a secret key that never enters the database:
`ONRAMP_PSEUDONYM_KEY`, or else a random key generated once into a file readable by its owner only
(beside the raw warehouse by default, `ONRAMP_PSEUDONYM_KEY_FILE` to put it elsewhere). Snowflakes
are public and enumerable, so a salt stored with the data would not protect anyone: the key must
live apart. The bot collector and the export importer share this module, so one person gets one
pseudonym whichever way their messages arrive.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from core.errors import OnrampError
from core.settings import env, resolve_paths

KEY_FILE_NAME = "pseudonym.key"


def pseudonym(key: bytes, platform: str, raw_id: int | str) -> str:
    """The stable pseudonym of `raw_id` on `platform` (32 hex characters)."""
    return hmac.new(key, f"{platform}:{raw_id}".encode(), hashlib.sha256).hexdigest()[:32]


class Pseudonymizer:
    """Pseudonyms for one platform under one key, memoised (a guild has far fewer people than
    messages)."""

    def __init__(self, key: bytes, platform: str = "discord") -> None:
        self._key = key
        self._platform = platform
        self._seen: dict[str, str] = {}

    def __call__(self, raw_id: int | str) -> str:
        raw = str(raw_id)
        found = self._seen.get(raw)
        if found is None:
            found = self._seen[raw] = pseudonym(self._key, self._platform, raw)
        return found


def key_file_path(raw_db: Path | None = None) -> Path:
    """Where the generated key lives: ONRAMP_PSEUDONYM_KEY_FILE, else beside the raw warehouse."""
    override = env("ONRAMP_PSEUDONYM_KEY_FILE")
    if override:
        return Path(override)
    raw_db = raw_db if raw_db is not None else resolve_paths().raw_db
    return raw_db.with_name(KEY_FILE_NAME)


class PseudonymKeyError(OnrampError):
    """No usable key: missing where one is needed, unsafe, or not the one a warehouse's pseudonyms
    were made with. A run stops on it before writing anything."""


def load_key(
    raw_db: Path | None = None, log: Callable[[str], None] | None = None, *, create: bool = True
) -> bytes:
    """The deployment's pseudonym key: from the environment, else from (or, with `create`, into)
    the key file. A newly generated key is announced through `log`: losing it changes every
    pseudonym."""
    secret = env("ONRAMP_PSEUDONYM_KEY")
    if secret:
        return secret.encode()
    path = key_file_path(raw_db)
    if not create and not path.exists():
        raise PseudonymKeyError(
            f"no pseudonym key: ONRAMP_PSEUDONYM_KEY is not set and {path} does not exist"
        )
    return _key_from_file(path, log)


def key_origin(raw_db: Path | None = None) -> str:
    """Where `load_key` takes the key from, in words for an error message."""
    if env("ONRAMP_PSEUDONYM_KEY"):
        return "ONRAMP_PSEUDONYM_KEY"
    return f"the key file {key_file_path(raw_db)}"


def key_fingerprint(key: bytes) -> str:
    """A keyed hash of a constant: tells two keys apart and reveals nothing of either."""
    return hmac.new(key, b"onramp pseudonym key fingerprint v1", hashlib.sha256).hexdigest()[:16]


def _key_from_file(path: Path, log: Callable[[str], None] | None) -> bytes:
    if not path.exists() and _create_key_file(path) and log:
        log(
            f"generated the pseudonym key {path} (owner-only); back it up: without it, "
            "the same people get new pseudonyms"
        )
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise OnrampError(
            f"{path}: pseudonym key file is readable by others (mode {stat.S_IMODE(mode):o}); "
            f"run `chmod 600 {path}`"
        )
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise OnrampError(
            f"{path}: pseudonym key file is empty or too short; restore it from backup"
        )
    return key.encode()


def _create_key_file(path: Path) -> bool:
    """Write a fresh random key, owner-only from its first byte; two processes racing keep
    whichever came first. True when this call made it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(32) + "\n")
    return True
