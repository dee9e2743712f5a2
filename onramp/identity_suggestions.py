"""Candidate cross-platform links for `onramp identities suggest`, from the raw warehouse.

Each candidate is a [[person]] a maintainer can paste into identities.toml as is (`reason` and
`confidence` are accepted there and ignored). Rules:
- the same login on GitHub and on the Hub (case-insensitive), where neither side is ambiguous:
  medium confidence (logins are chosen freely on each platform, so a shared one is a hint);
- a listed `users.noreply.github.com` address whose login the person does not list: high.
Display names are never a reason to merge: two people can share one (a name matched on several
identities is no candidate at all). Commits keep only their email domain, so rules on full email
addresses have nothing to read. People already listed are not proposed again; a candidate that
would extend a listed person says which.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from core.errors import OnrampError
from core.identities import Identities

HIGH, MEDIUM, LOW = "high", "medium", "low"

_GITHUB_LOGINS = """
select login, count(*) as activities from (
    select author_login as login from github_issues where not coalesce(is_bot, false)
    union all
    select author_login from github_comments where not coalesce(is_bot, false)
    union all
    select author_login from github_commits where not coalesce(is_bot, false)
) where login is not null and login not like '%[bot]'
group by login
"""
_HUB_USERS = """
select username, count(*) as activities from (
    select author as username from hub_discussion_events
    union all
    select author from hub_discussions
    union all
    select author from hub_repos where repo_type = 'model'
) where username is not null
group by username
"""


@dataclass(frozen=True)
class Candidate:
    name: str
    reason: str
    confidence: str
    github: tuple[str, ...] = ()
    hub: tuple[str, ...] = ()


def suggest(
    raw_db: Path, listed: Identities, exclude_hub: set[str] = frozenset()
) -> list[Candidate]:
    if not raw_db.exists():
        raise OnrampError(f"{raw_db}: no warehouse yet; run `onramp collect` first")
    try:
        with duckdb.connect(str(raw_db), read_only=True) as con:
            github = con.execute(_GITHUB_LOGINS).fetchall()
            hub = con.execute(_HUB_USERS).fetchall()
    except duckdb.IOException:
        raise OnrampError(f"{raw_db}: the warehouse is busy (a collection is running?)") from None
    candidates = same_login(github, hub, listed, {h.lower() for h in exclude_hub})
    return candidates + noreply(listed)


def same_login(github, hub, listed: Identities, exclude_hub: set[str]) -> list[Candidate]:
    owner = _owners(listed)
    github_by_key = _unambiguous(github)
    hub_by_key = _unambiguous(hub)
    out = []
    for key in sorted(github_by_key.keys() & hub_by_key.keys()):
        if key in exclude_hub:  # a project's own Hub organisation is not a person
            continue
        login, gh_n = github_by_key[key]
        username, hub_n = hub_by_key[key]
        gh_owner, hub_owner = owner.get(("github", key)), owner.get(("hub", key))
        if gh_owner and hub_owner:
            continue  # already linked (or deliberately kept apart)
        extends = gh_owner or hub_owner
        reason = f"the same login on GitHub ({gh_n} activities) and on the Hub ({hub_n} activities)"
        if extends:
            reason += f"; extends listed person '{extends}': merge into that entry"
        out.append(Candidate(extends or login, reason, MEDIUM, github=(login,), hub=(username,)))
    return out


def noreply(listed: Identities) -> list[Candidate]:
    out = []
    for person in listed.people:
        listed_logins = {g.lower() for g in person.github}
        for login in person.noreply_logins():
            if login.lower() not in listed_logins:
                out.append(
                    Candidate(
                        person.name,
                        f"the address {login}@users.noreply.github.com of listed person "
                        f"'{person.name}' is GitHub's no-reply address of login '{login}'; "
                        "merge into that entry",
                        HIGH,
                        github=(login,),
                    )
                )
    return out


def _unambiguous(rows) -> dict[str, tuple[str, int]]:
    """Lower-cased login -> (its most used spelling, activities over all spellings)."""
    spellings: dict[str, list[tuple[int, str]]] = {}
    for login, n in rows:
        spellings.setdefault(login.lower(), []).append((n, login))
    return {key: (max(found)[1], sum(n for n, _ in found)) for key, found in spellings.items()}


def _owners(listed: Identities) -> dict[tuple[str, str], str]:
    owners = {}
    for person in listed.people:
        for login in (*person.github, *person.noreply_logins()):
            owners[("github", login.lower())] = person.name
        for username in person.hub:
            owners[("hub", username.lower())] = person.name
    return owners


def render_toml(candidates: list[Candidate]) -> str:
    lines = [
        "# Candidate links from `onramp identities suggest`: review each one. Nothing is applied",
        "# until you copy an entry into identities.toml (reason and confidence may stay).",
        "",
    ]
    if not candidates:
        lines.append("# No candidates: no login is shared between GitHub and the Hub.")
    for c in candidates:
        lines.append("[[person]]")
        lines.append(f"name = {json.dumps(c.name)}")
        if c.github:
            lines.append(f"github = {json.dumps(list(c.github))}")
        if c.hub:
            lines.append(f"hub = {json.dumps(list(c.hub))}")
        lines.append(f"reason = {json.dumps(c.reason)}")
        lines.append(f"confidence = {json.dumps(c.confidence)}")
        lines.append("")
    return "\n".join(lines) + "\n"
