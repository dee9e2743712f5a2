"""The project registry as tables: SQL models map repositories, authors and guilds to projects.
The indicator catalog's settling rule too, so `final` is decided once, in SQL (fct_indicators)."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from core.catalog import load_catalog
from core.registry import Registry

PERSONAL_EMAIL_DOMAINS = (
    "gmail.com",
    "googlemail.com",
    "users.noreply.github.com",
    "noreply.github.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "ymail.com",
    "qq.com",
    "foxmail.com",
    "163.com",
    "126.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "protonmail.com",
    "proton.me",
    "pm.me",
    "gmx.de",
    "gmx.net",
    "web.de",
    "mail.ru",
    "yandex.ru",
    "yandex.com",
    "aol.com",
    "naver.com",
    "fastmail.com",
    "hey.com",
    "localhost",
)

_LISTS = {
    "registry_github_repos": ("github_repos", "repo"),
    "registry_hub_authors": ("hub_authors", "author"),
    "registry_hub_benchmark_datasets": ("hub_benchmark_datasets", "dataset_id"),
    "registry_discord_guilds": ("discord_guilds", "guild_id"),
    "registry_slack_channels": ("slack_channels", "channel_id"),
    "registry_discord_help_channels": ("discord_help_channels", "channel_id"),
    "registry_slack_help_channels": ("slack_help_channels", "channel_id"),
    "registry_email_domains": ("internal_email_domains", "domain"),
}


def write_registry(con: duckdb.DuckDBPyConnection, registry: Registry) -> None:
    projects = pa.Table.from_pylist(
        [
            {
                "project": p.id,
                "name": p.name,
                "organization_type": p.organization_type,
                "organizational_model": p.organizational_model,
                "position": i,
            }
            for i, p in enumerate(registry.projects)
        ],
        schema=pa.schema(
            [
                ("project", pa.string()),
                ("name", pa.string()),
                ("organization_type", pa.string()),
                ("organizational_model", pa.string()),
                ("position", pa.int32()),
            ]
        ),
    )
    _create(con, "registry_projects", projects)
    for table, (attribute, column) in _LISTS.items():
        rows = [
            {"project": p.id, column: v} for p in registry.projects for v in getattr(p, attribute)
        ]
        schema = pa.schema([("project", pa.string()), (column, pa.string())])
        _create(con, table, pa.Table.from_pylist(rows, schema=schema))
    domains = pa.table({"domain": list(PERSONAL_EMAIL_DOMAINS)})
    _create(con, "ref_personal_email_domains", domains)
    write_catalog(con)


def write_catalog(con: duckdb.DuckDBPyConnection) -> None:
    """ref_indicator_catalog: one row per catalog indicator, with the days it needs to settle,
    which way is good (up, down, neutral) and its shape (a snapshot total shows its latest value),
    so the marts carry the catalog's rules and pages never apply them."""
    catalog = load_catalog().values()
    table = pa.table(
        {
            "indicator": [i.id for i in catalog],
            "source": [i.source for i in catalog],
            "settles_after_days": pa.array([i.settles_after_days for i in catalog], pa.int32()),
            "good": [i.good for i in catalog],
            "shape": [i.shape for i in catalog],
            "min_sample": pa.array([i.min_sample for i in catalog], pa.int32()),
        }
    )
    _create(con, "ref_indicator_catalog", table)


def _create(con: duckdb.DuckDBPyConnection, table: str, arrow: pa.Table) -> None:
    con.register("__registry", arrow)
    try:
        con.execute(f"create or replace table {table} as select * from __registry")
    finally:
        con.unregister("__registry")
