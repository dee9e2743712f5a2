"""Which identities.toml a build uses, and the deployment's key that pseudonymises its Discord and
Slack ids as it is read (the collectors' key, checked against the warehouse's fingerprint, so a
listed id meets the pseudonym its messages were stored under)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from core.errors import OnrampError
from core.identities import (
    NO_IDENTITIES,
    Identities,
    Pseudonymize,
    identities_path,
    load_identities,
    needs_key,
)
from core.pseudonym import PseudonymKeyError, key_fingerprint, key_origin, load_key, pseudonym
from core.settings import Paths
from warehouse.facts import PSEUDONYM_KEY_FINGERPRINT, get_fact


@dataclass(frozen=True)
class BuildIdentities:
    identities: Identities
    provenance: str  # 'file', or 'sample' for the demo's generated file


def configured_identities(paths: Paths, log: Callable[[str], None]) -> BuildIdentities | None:
    """The user's identities.toml, pseudonymised; None when there is none (it is optional)."""
    path, named = identities_path(paths.config)
    if not path.exists():
        if named:
            raise OnrampError(f"{path}: identities file not found (ONRAMP_IDENTITIES names it)")
        return None
    if not needs_key(path):
        pseudonymize = _no_ids(path)
    elif paths.is_postgres:  # the key file (if any) sits beside the published file's default
        recorded = _store_fingerprint(paths.store_url)
        pseudonymize = keyed_pseudonymizer(paths.raw_db, log, recorded, paths.store_name)
    else:
        pseudonymize = keyed_pseudonymizer(paths.raw_db, log)
    return BuildIdentities(load_identities(path, pseudonymize), "file")


def keyed_pseudonymizer(
    raw_db: Path,
    log: Callable[[str], None],
    recorded: str | None = None,
    store_name: str | None = None,
) -> Pseudonymize:
    """pseudonym(key, platform, raw id) under the key the warehouse's pseudonyms were made with.
    With `store_name` (a PostgreSQL store), `recorded` is its fingerprint, read by the caller."""
    if store_name is None:
        if not raw_db.exists():  # never generate a key for a warehouse that is not there
            raise OnrampError(
                f"{raw_db}: no warehouse yet; run `onramp collect` or `onramp demo` first"
            )
        recorded = _recorded_fingerprint(raw_db)
    where = store_name or raw_db
    try:
        key = load_key(raw_db, log=log, create=recorded is None)
    except PseudonymKeyError as exc:
        raise PseudonymKeyError(
            f"{where}: {exc}; identities.toml lists Discord or Slack ids, which need it"
        ) from None
    if recorded is not None and key_fingerprint(key) != recorded:
        raise PseudonymKeyError(
            f"{where}: its pseudonyms were made with another key (fingerprint {recorded}; "
            f"{key_origin(raw_db)} has {key_fingerprint(key)}): the Discord and Slack ids in "
            "identities.toml would match nobody; restore the original key"
        )
    return lambda platform, raw_id: pseudonym(key, platform, raw_id)


def _recorded_fingerprint(raw_db: Path) -> str | None:
    if not raw_db.exists():
        return None
    try:
        with duckdb.connect(str(raw_db), read_only=True) as con:
            return get_fact(con, PSEUDONYM_KEY_FINGERPRINT)
    except duckdb.Error:
        return None  # an older file without the facts table: nothing recorded yet


def _store_fingerprint(url: str) -> str | None:
    from warehouse.postgres import PostgresStore

    with PostgresStore(url) as store:
        return store.get_fact(PSEUDONYM_KEY_FINGERPRINT)


def _no_ids(path: Path) -> Pseudonymize:
    def refuse(platform: str, raw_id: str) -> str:  # needs_key said there are none
        raise OnrampError(f"{path}: lists {platform} ids but they could not be read")

    return refuse


__all__ = ["NO_IDENTITIES", "BuildIdentities", "configured_identities", "keyed_pseudonymizer"]
