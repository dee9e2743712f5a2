"""Strict loading of `identities.toml` (DESIGN.md §4, People): one person's identities across
platforms, bot marks and dated affiliations, written by people and never guessed.

Loaded as strictly as the registry: every error names the file, the person (or organisation) and the
key. Discord and Slack user ids are pseudonymised as they are read, with the collectors' keyed hash,
so a raw id never leaves this module for the database.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from core.errors import ConfigError
from core.settings import env
from core.toml_file import read_toml

DEFAULT_FILE = "identities.toml"
# platform -> (pattern, what a valid item looks like); each is a list key of [[person]]
_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")
_HUB_USER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_DISCORD_ID = re.compile(r"^[0-9]{15,21}$")
_SLACK_ID = re.compile(r"^[UWB][A-Z0-9]{2,}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DOMAIN = re.compile(r"^[a-z0-9.-]+\.[a-z]{2,}$")
_GIT_NAME = re.compile(r"^(?=.*\S)[^\x00-\x1f\x7f]{1,200}$")
_PROJECT_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # core.registry's project id
NOREPLY = re.compile(r"^(?:[0-9]+\+)?([A-Za-z0-9-]+)@users\.noreply\.github\.com$", re.I)
ID_KEYS = {
    "github": (_LOGIN, "a GitHub login"),
    "hub": (_HUB_USER, "a Hub username"),
    "discord": (_DISCORD_ID, "a Discord user id written as a string of digits"),
    "slack": (_SLACK_ID, "a Slack user id such as 'U024BE7LH'"),
    "emails": (_EMAIL, "a git author email address"),
    "git_names": (_GIT_NAME, "a git author name (one line, at most 200 characters)"),
}
PSEUDONYMOUS = ("discord", "slack")
_PERSON_KEYS = {"name", "bot", "affiliation", "reason", "confidence", *ID_KEYS}
_AFFILIATION_KEYS = {"org", "from", "to"}
_ORGANISATION_KEYS = {"name", "domains", "from", "to", "projects"}

Pseudonymize = Callable[[str, str], str]  # (platform, raw id) -> pseudonym


@dataclass(frozen=True)
class Period:
    """[start, end): either end may be open (None)."""

    start: date | None = None
    end: date | None = None

    def overlaps(self, other: Period) -> bool:
        return (self.end is None or other.start is None or other.start < self.end) and (
            other.end is None or self.start is None or self.start < other.end
        )

    def words(self) -> str:
        return f"{self.start or 'always'} to {self.end or 'now'}"


@dataclass(frozen=True)
class Affiliation:
    org: str
    period: Period


@dataclass(frozen=True)
class Person:
    key: str  # stable within one file: its position, e.g. "person-0007"
    name: str
    github: tuple[str, ...] = ()
    hub: tuple[str, ...] = ()
    discord: tuple[str, ...] = ()  # pseudonyms (raw ids only when loaded with pseudonymize=None)
    slack: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    # git author names that are this person (commits with no GitHub login): each joins the person
    # by its git_name_key (sql/macros: case, spacing, punctuation ignored)
    git_names: tuple[str, ...] = ()
    bot: bool = False
    affiliations: tuple[Affiliation, ...] = ()

    def noreply_logins(self) -> tuple[str, ...]:
        """GitHub logins named by the person's `users.noreply.github.com` addresses."""
        found = (NOREPLY.match(e) for e in self.emails)
        return tuple(m.group(1) for m in found if m)


@dataclass(frozen=True)
class Organisation:
    name: str
    domains: tuple[str, ...]
    period: Period
    # the projects (projects.toml ids) this organisation runs: anyone affiliated to it, at any
    # date, is an insider of them
    projects: tuple[str, ...] = ()


@dataclass(frozen=True)
class Identities:
    path: Path | None
    people: tuple[Person, ...] = ()
    organisations: tuple[Organisation, ...] = ()


NO_IDENTITIES = Identities(path=None)


def identities_path(config: Path) -> tuple[Path, bool]:
    """Where identities.toml is, and whether the user named it (ONRAMP_IDENTITIES): a named file
    must exist, the default one beside projects.toml is optional."""
    named = env("ONRAMP_IDENTITIES")
    if named:
        return Path(named), True
    return config.with_name(DEFAULT_FILE), False


def needs_key(path: Path) -> bool:
    """Whether the file lists Discord or Slack ids (and so needs the pseudonym key to load)."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return False  # load_identities reports it, with the place
    people = document.get("person", [])
    return isinstance(people, list) and any(
        isinstance(p, dict) and any(p.get(k) for k in PSEUDONYMOUS) for p in people
    )


def load_identities(path: str | Path, pseudonymize: Pseudonymize | None) -> Identities:
    """Parse and check the file. `pseudonymize` maps Discord and Slack ids as they are read; None
    keeps them raw, for `onramp identities check` only, which never writes them anywhere."""
    path = Path(path)
    document = read_toml(path, "identities file not found (set ONRAMP_IDENTITIES)")
    unknown = set(document) - {"person", "organisation"}
    if unknown:
        raise ConfigError(
            f"{path}: unknown top-level key '{sorted(unknown)[0]}' "
            "(only [[person]] and [[organisation]])"
        )
    people = [
        _parse_person(path, i, entry, pseudonymize)
        for i, entry in enumerate(_tables(path, document, "person"), start=1)
    ]
    organisations = [
        _parse_organisation(path, i, entry)
        for i, entry in enumerate(_tables(path, document, "organisation"), start=1)
    ]
    return Identities(path=path, people=tuple(people), organisations=tuple(organisations))


def _tables(path: Path, document: dict, key: str) -> list[dict]:
    entries = document.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ConfigError(f"{path}: '{key}' must be an array of tables, written [[{key}]]")
    return entries


def _parse_person(path: Path, index: int, entry: dict, pseudonymize: Pseudonymize | None):
    name = entry.get("name")
    where = f"{path}: person '{name}'" if isinstance(name, str) else f"{path}: person #{index}"
    for key in entry:
        if key not in _PERSON_KEYS:
            allowed = ", ".join(sorted(_PERSON_KEYS))
            raise ConfigError(f"{where}: unknown key '{key}' (allowed: {allowed})")
    if "name" not in entry:
        raise ConfigError(f"{where}: missing required key 'name'")
    _non_empty_string(where, "name", name)
    bot = entry.get("bot", False)
    if not isinstance(bot, bool):
        raise ConfigError(f"{where}: key 'bot' must be true or false")
    for key in ("reason", "confidence"):  # pasted from `identities suggest`: accepted, ignored
        if key in entry and not isinstance(entry[key], str | int | float):
            raise ConfigError(f"{where}: key '{key}' must be a string or a number")
    ids = {
        key: _id_list(where, key, entry.get(key, []), pattern, what)
        for key, (pattern, what) in ID_KEYS.items()
    }
    if not any(ids.values()):
        raise ConfigError(
            f"{where}: lists no identity (give at least one of: {', '.join(ID_KEYS)})"
        )
    ids["git_names"] = tuple(n.strip() for n in ids["git_names"])
    if pseudonymize is not None:
        for platform in PSEUDONYMOUS:
            ids[platform] = tuple(pseudonymize(platform, raw) for raw in ids[platform])
    affiliations = entry.get("affiliation", [])
    if not isinstance(affiliations, list) or not all(isinstance(a, dict) for a in affiliations):
        raise ConfigError(
            f"{where}: key 'affiliation' must be tables, written [[person.affiliation]]"
        )
    return Person(
        key=f"person-{index:05d}",
        name=name.strip(),
        bot=bot,
        affiliations=tuple(_parse_affiliation(where, a) for a in affiliations),
        **ids,
    )


def _parse_affiliation(where: str, entry: dict) -> Affiliation:
    for key in entry:
        if key not in _AFFILIATION_KEYS:
            raise ConfigError(
                f"{where}: affiliation has unknown key '{key}' (allowed: from, org, to)"
            )
    if "org" not in entry:
        raise ConfigError(f"{where}: affiliation is missing required key 'org'")
    _non_empty_string(where, "affiliation.org", entry["org"])
    return Affiliation(entry["org"].strip(), _period(where, "affiliation", entry))


def _parse_organisation(path: Path, index: int, entry: dict) -> Organisation:
    name = entry.get("name")
    where = (
        f"{path}: organisation '{name}'"
        if isinstance(name, str)
        else f"{path}: organisation #{index}"
    )
    for key in entry:
        if key not in _ORGANISATION_KEYS:
            allowed = ", ".join(sorted(_ORGANISATION_KEYS))
            raise ConfigError(f"{where}: unknown key '{key}' (allowed: {allowed})")
    for key in ("name", "domains"):
        if key not in entry:
            raise ConfigError(f"{where}: missing required key '{key}'")
    _non_empty_string(where, "name", name)
    domains = _id_list(
        where,
        "domains",
        entry["domains"],
        _DOMAIN,
        "a lowercase email domain such as 'example.org'",
    )
    if not domains:
        raise ConfigError(f"{where}: key 'domains' is empty")
    projects = _id_list(
        where, "projects", entry.get("projects", []), _PROJECT_ID, "a project id of projects.toml"
    )
    return Organisation(name.strip(), domains, _period(where, "organisation", entry), projects)


def check_projects(identities: Identities, project_ids: set[str] | frozenset[str]) -> None:
    """Every organisation's `projects` names a project of projects.toml (loading alone cannot
    know them): a ConfigError naming the file, the organisation and the key."""
    for organisation in identities.organisations:
        for project in organisation.projects:
            if project not in project_ids:
                known = ", ".join(sorted(project_ids)) or "none"
                raise ConfigError(
                    f"{identities.path}: organisation '{organisation.name}': key 'projects' "
                    f"names '{project}', which is not a project of projects.toml "
                    f"(its projects: {known})"
                )


def _period(where: str, what: str, entry: dict) -> Period:
    start = _date(where, f"{what}.from", entry.get("from"))
    end = _date(where, f"{what}.to", entry.get("to"))
    if start and end and not start < end:
        raise ConfigError(
            f"{where}: key '{what}.to' ({end}) must come after '{what}.from' ({start})"
        )
    return Period(start, end)


def _date(where: str, key: str, value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ConfigError(f"{where}: key '{key}' is {value!r}, expected a date such as '2024-01-31'")


def _non_empty_string(where: str, key: str, value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: key '{key}' must be a non-empty string")


def _id_list(where: str, key: str, value: object, pattern: re.Pattern, what: str):
    if not isinstance(value, list):
        raise ConfigError(f"{where}: key '{key}' must be a list of strings")
    for item in value:
        if not isinstance(item, str) or not pattern.match(item):
            shown = "an id" if key in PSEUDONYMOUS else repr(item)  # never echo a raw id
            raise ConfigError(f"{where}: key '{key}' has {shown} that is not {what}")
    if len({v.lower() for v in value}) != len(value):
        raise ConfigError(f"{where}: key '{key}' lists an item twice")
    return tuple(value)


# ---------------------------------------------------------------- conflicts


def conflicts(identities: Identities, git_name_key: Callable[[str], str]) -> list[str]:
    """What makes the file ambiguous, one line each: an identity claimed by two people, a
    person's overlapping affiliations, a domain given to two organisations at once.
    `git_name_key`: the SQL rule that keys a git author name (warehouse.build.git_name_key), so
    two spellings a build would merge are one claim."""
    where = identities.path
    found: list[str] = []
    claimed: dict[tuple[str, str], Person] = {}
    for person in identities.people:
        for platform, value in _claims(person, git_name_key):
            other = claimed.setdefault((platform, value), person)
            if other is not person:
                shown = "an id" if platform in PSEUDONYMOUS else f"'{value}'"
                found.append(
                    f"{where}: person '{person.name}': key '{platform}' claims {shown}, "
                    f"already claimed by person '{other.name}'"
                )
        found += _overlapping_affiliations(where, person)
    found += _overlapping_domains(identities)
    return found


def _claims(person: Person, git_name_key: Callable[[str], str]):
    for platform in ID_KEYS:
        for value in getattr(person, platform):
            if platform == "git_names":
                yield platform, git_name_key(value)
            else:
                yield platform, value if platform in PSEUDONYMOUS else value.lower()
    for login in person.noreply_logins():  # a noreply address claims its login
        if login.lower() not in (g.lower() for g in person.github):
            yield "github", login.lower()


def _overlapping_affiliations(where, person: Person) -> list[str]:
    out = []
    items = person.affiliations
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if a.period.overlaps(b.period):
                out.append(
                    f"{where}: person '{person.name}': key 'affiliation' overlaps: "
                    f"'{a.org}' ({a.period.words()}) and '{b.org}' ({b.period.words()})"
                )
    return out


def _overlapping_domains(identities: Identities) -> list[str]:
    out = []
    orgs = identities.organisations
    for i, a in enumerate(orgs):
        for b in orgs[i + 1 :]:
            for domain in sorted(set(a.domains) & set(b.domains)):
                if a.period.overlaps(b.period):
                    out.append(
                        f"{identities.path}: organisation '{b.name}': key 'domains' gives "
                        f"'{domain}', which organisation '{a.name}' holds over the same dates"
                    )
    return out
