"""Candidate cross-platform links for `onramp identities suggest`, from the raw warehouse.

Each candidate is a [[person]] a maintainer can paste into identities.toml as is (`reason` and
`confidence` are accepted there and ignored). Rules:
- the same login on GitHub and on the Hub (case-insensitive): medium (logins are chosen freely
  on each platform, so a shared one is a strong hint, not proof);
- commits with no linked login whose author address is a `users.noreply.github.com` one, which
  names a login: high;
- such an address also on commits linked to exactly one login (email and login co-occur): high;
- a git author name used by exactly one login that is, exactly, a Hub username nobody else
  matches: low. A name shared by two logins proposes nothing: people share names;
- git author names the SQL rule (git_name_key: case, spacing, punctuation) does not merge, and
  that may be one person (onramp.git_name_suggestions): proposed as `git_names`, never applied.
Commits keep no email address but no-reply ones, so those are the addresses rules can read. People
already listed are not proposed again; a candidate that would extend a listed person says which.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from core.errors import OnrampError
from core.identities import NOREPLY as _NOREPLY_LOGIN
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
_NOREPLY_COMMITS = """
select author_noreply_email as email, author_login as login, count(*) as commits,
    mode(trim(author_name)) as name
from github_commits
where author_noreply_email is not null and not coalesce(is_bot, false)
group by author_noreply_email, author_login
order by email, login nulls first
"""
_COMMIT_NAMES = """
select distinct lower(trim(author_name)) as name, lower(author_login) as login, author_login
from github_commits
where author_login is not null and nullif(trim(author_name), '') is not null
    and not coalesce(is_bot, false)
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
    emails: tuple[str, ...] = ()
    git_names: tuple[str, ...] = ()


_TABLES = ("github_issues", "github_comments", "github_commits", "hub_discussion_events",
           "hub_discussions", "hub_repos")  # fmt: skip


def suggest(
    raw_db: Path | str, listed: Identities, exclude_hub: set[str] = frozenset()
) -> list[Candidate]:
    """Candidates from the raw store: a DuckDB file, or a PostgreSQL URL (its tables read into
    DuckDB through Arrow, so the same queries run on both)."""
    if isinstance(raw_db, str):
        from warehouse.pgcopy import snapshot

        with snapshot(raw_db, _TABLES) as con:
            return _suggest(con, listed, exclude_hub)
    if not raw_db.exists():
        raise OnrampError(f"{raw_db}: no warehouse yet; run `onramp collect` first")
    try:
        with duckdb.connect(str(raw_db), read_only=True) as con:
            return _suggest(con, listed, exclude_hub)
    except duckdb.IOException:
        raise OnrampError(f"{raw_db}: the warehouse is busy (a collection is running?)") from None


def _suggest(con, listed: Identities, exclude_hub: set[str]) -> list[Candidate]:
    from onramp.git_name_suggestions import git_name_candidates  # it builds on Candidate

    github = con.execute(_GITHUB_LOGINS).fetchall()
    hub = con.execute(_HUB_USERS).fetchall()
    noreply_rows = con.execute(_NOREPLY_COMMITS).fetchall()
    names = con.execute(_COMMIT_NAMES).fetchall()
    exclude = {h.lower() for h in exclude_hub}
    return (
        same_login(github, hub, listed, exclude)
        + noreply(noreply_rows, listed)
        + same_name(names, hub, listed, exclude)
        + git_name_candidates(con, listed)
    )


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


def noreply(rows, listed: Identities) -> list[Candidate]:
    """Per no-reply address carried by commits with no login: the login it co-occurs with on
    other commits (when exactly one), else the login it names."""
    owner = _owners(listed)
    by_email: dict[str, list[tuple]] = {}
    for email, login, commits, name in rows:
        by_email.setdefault(email, []).append((login, commits, name))
    out = []
    for email, found in sorted(by_email.items()):
        unlinked = [(n, name) for login, n, name in found if login is None]
        logins = {login.lower(): login for login, _, _ in found if login is not None}
        if not unlinked or len(logins) > 1 or ("email", email) in owner:
            continue  # nothing to link, or two logins claim the address: ambiguous
        n_unlinked, name = unlinked[0]
        named = _NOREPLY_LOGIN.match(email)
        if logins:
            login = next(iter(logins.values()))
            reason = (
                f"the address {email} is on commits by login '{login}' and on {n_unlinked} "
                "commits linked to no login"
            )
        elif named:
            login = named.group(1)
            reason = (
                f"{n_unlinked} commits linked to no login carry {email}, GitHub's no-reply "
                f"address of login '{login}'"
            )
        else:
            continue
        extends = owner.get(("github", login.lower()))
        if extends:
            reason += f"; extends listed person '{extends}': merge into that entry"
        out.append(
            Candidate(extends or name or login, reason, HIGH, github=(login,), emails=(email,))
        )
    return out


def same_name(names, hub, listed: Identities, exclude_hub: set[str]) -> list[Candidate]:
    """A git author name used by exactly one login, equal to exactly one Hub username."""
    owner = _owners(listed)
    logins_by_name: dict[str, set[str]] = {}
    spelling: dict[str, str] = {}
    for name, login_key, login in names:
        logins_by_name.setdefault(name, set()).add(login_key)
        spelling[login_key] = login
    hub_by_key = _unambiguous(hub)
    out = []
    for name, logins in sorted(logins_by_name.items()):
        if len(logins) != 1 or name not in hub_by_key or name in exclude_hub:
            continue  # a name two logins use belongs to no one in particular
        (login_key,) = logins
        if login_key == name:
            continue  # the same login on both platforms: same_login proposes it
        if ("github", login_key) in owner or ("hub", name) in owner:
            continue
        username = hub_by_key[name][0]
        login = spelling[login_key]
        out.append(
            Candidate(
                login,
                f"login '{login}' signs its commits '{username}', which is a Hub username; "
                "names are weak evidence: check before copying",
                LOW,
                github=(login,),
                hub=(username,),
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
        for email in person.emails:
            owners[("email", email.lower())] = person.name
    return owners


def render_toml(candidates: list[Candidate]) -> str:
    lines = [
        "# Candidate links from `onramp identities suggest`: review each one. Nothing is applied",
        "# until you copy an entry into identities.toml (reason and confidence may stay).",
        "",
    ]
    if not candidates:
        lines.append("# No candidates: no shared login, no no-reply address, no name match.")
    for c in candidates:
        lines.append("[[person]]")
        lines.append(f"name = {json.dumps(c.name, ensure_ascii=False)}")
        if c.github:
            lines.append(f"github = {json.dumps(list(c.github))}")
        if c.hub:
            lines.append(f"hub = {json.dumps(list(c.hub))}")
        if c.emails:
            lines.append(f"emails = {json.dumps(list(c.emails))}")
        if c.git_names:
            lines.append(f"git_names = {json.dumps(list(c.git_names), ensure_ascii=False)}")
        lines.append(f"reason = {json.dumps(c.reason, ensure_ascii=False)}")
        lines.append(f"confidence = {json.dumps(c.confidence)}")
        lines.append("")
    return "\n".join(lines) + "\n"
