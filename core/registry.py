"""Strict loading of the project registry (`projects.toml`, DESIGN.md §2).

Every error names the file, the project and the key, so a user can fix the file without a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import ConfigError
from core.toml_file import read_toml

ORGANIZATIONAL_MODELS = (
    "company",
    "research-institute",
    "multi-org-research",
    "nonprofit-grassroots",
    "company-grassroots",
)

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
_HUB_AUTHOR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# 'owner/dataset', or a canonical id without an owner ('squad_v2'), as model cards often name them
_HUB_DATASET = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9._-]+)?$")
_GUILD = re.compile(r"^[0-9]{15,21}$")
_SLACK_CHANNEL = re.compile(r"^[CG][A-Z0-9]{6,20}$")
_DOMAIN = re.compile(r"^[a-z0-9.-]+\.[a-z]{2,}$")

_STRING_KEYS = {"id", "name", "organization_type", "organizational_model"}
# list key -> (pattern, what a valid item looks like)
_LIST_KEYS = {
    "github_repos": (_REPO, "an 'owner/repo' name"),
    "hub_authors": (_HUB_AUTHOR, "a Hub user or organisation name"),
    "hub_benchmark_datasets": (
        _HUB_DATASET,
        "a Hub dataset id ('owner/dataset', or canonical: 'squad_v2')",
    ),
    "discord_guilds": (_GUILD, "a guild id written as a string of digits"),
    "slack_channels": (_SLACK_CHANNEL, "a Slack channel id such as 'C024BE91L'"),
    # help channels: where an unanswered question waits (fct_waiting_items); none named = every
    # counted channel of the platform
    "discord_help_channels": (_GUILD, "a Discord channel id written as a string of digits"),
    "slack_help_channels": (_SLACK_CHANNEL, "a Slack channel id such as 'C024BE91L'"),
    "internal_email_domains": (_DOMAIN, "a lowercase email domain such as 'example.org'"),
}
_REQUIRED = ("id", "name", "organizational_model")


@dataclass(frozen=True)
class Project:
    id: str
    name: str
    organizational_model: str
    organization_type: str = ""
    github_repos: tuple[str, ...] = ()
    hub_authors: tuple[str, ...] = ()
    hub_benchmark_datasets: tuple[str, ...] = ()
    discord_guilds: tuple[str, ...] = ()
    slack_channels: tuple[str, ...] = ()
    discord_help_channels: tuple[str, ...] = ()
    slack_help_channels: tuple[str, ...] = ()
    internal_email_domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Registry:
    path: Path
    projects: tuple[Project, ...] = field(default_factory=tuple)

    def get(self, project_id: str) -> Project:
        for project in self.projects:
            if project.id == project_id:
                return project
        known = ", ".join(p.id for p in self.projects) or "none"
        raise ConfigError(f"{self.path}: no project '{project_id}' (known: {known})")

    def select(self, project_ids: list[str] | None) -> list[Project]:
        """The projects named, in the order given; all of them when none is named."""
        if not project_ids:
            return list(self.projects)
        return [self.get(pid) for pid in project_ids]


def load_registry(path: str | Path) -> Registry:
    path = Path(path)
    document = read_toml(path, "project registry not found (set --config or ONRAMP_CONFIG)")
    unknown = set(document) - {"project"}
    if unknown:
        raise ConfigError(
            f"{path}: unknown top-level key '{sorted(unknown)[0]}' (only [[project]])"
        )
    entries = document.get("project", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: 'project' must be an array of tables, written [[project]]")
    projects = [_parse_project(path, i, entry) for i, entry in enumerate(entries, start=1)]
    _check_unique_ids(path, projects)
    return Registry(path=path, projects=tuple(projects))


def _parse_project(path: Path, index: int, entry: dict) -> Project:
    where = f"{path}: project '{entry.get('id', f'#{index}')}'"
    for key in entry:
        if key not in _STRING_KEYS and key not in _LIST_KEYS:
            allowed = ", ".join(sorted(_STRING_KEYS | set(_LIST_KEYS)))
            raise ConfigError(f"{where}: unknown key '{key}' (allowed: {allowed})")
    for key in _REQUIRED:
        if key not in entry:
            raise ConfigError(f"{where}: missing required key '{key}'")
    values = {key: _string(where, key, entry[key]) for key in _STRING_KEYS if key in entry}
    if not _ID.match(values["id"]):
        raise ConfigError(f"{where}: key 'id' must be a lowercase slug like 'eleutherai'")
    if values["organizational_model"] not in ORGANIZATIONAL_MODELS:
        raise ConfigError(
            f"{where}: key 'organizational_model' is '{values['organizational_model']}', "
            f"expected one of: {', '.join(ORGANIZATIONAL_MODELS)}"
        )
    for key, (pattern, what) in _LIST_KEYS.items():
        values[key] = _string_list(where, key, entry.get(key, []), pattern, what)
    return Project(**values)


def _string(where: str, key: str, value: object) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: key '{key}' must be a string")
    return value


def _string_list(where: str, key: str, value: object, pattern: re.Pattern, what: str):
    if not isinstance(value, list):
        raise ConfigError(f"{where}: key '{key}' must be a list of strings")
    for item in value:
        if not isinstance(item, str) or not pattern.match(item):
            raise ConfigError(f"{where}: key '{key}' has {item!r}, expected {what}")
    if len(set(value)) != len(value):
        raise ConfigError(f"{where}: key '{key}' lists an item twice")
    return tuple(value)


def _check_unique_ids(path: Path, projects: list[Project]) -> None:
    seen: set[str] = set()
    for project in projects:
        if project.id in seen:
            raise ConfigError(
                f"{path}: project '{project.id}': key 'id' is used by another project"
            )
        seen.add(project.id)
