"""identities.toml as tables (always created, empty without a file), read by int_persons and the
elephant factor. Discord and Slack identities arrive already pseudonymised (core.identities). Of
git email addresses, commits keep only their domain and any `users.noreply.github.com` address, so
an address links a person only when it is a no-reply one: it names a GitHub login, and links the
commits that carry it. A person's `git_names` are links of platform 'git_name', kept as written:
int_persons keys them with the git_name_key macro, the one rule for git names.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from core.identities import Identities

_PEOPLE = pa.schema(
    [("person_key", pa.string()), ("name", pa.string()), ("is_bot", pa.bool_()),
     ("provenance", pa.string())]
)  # fmt: skip
_LINKS = pa.schema(
    [("person_key", pa.string()), ("platform", pa.string()), ("identity", pa.string())]
)
_AFFILIATIONS = pa.schema(
    [("person_key", pa.string()), ("org", pa.string()), ("valid_from", pa.date32()),
     ("valid_to", pa.date32())]
)  # fmt: skip
_ORGANISATION_PROJECTS = pa.schema([("org", pa.string()), ("project", pa.string())])
_ORGANISATIONS = pa.schema(
    [("org", pa.string()), ("domain", pa.string()), ("valid_from", pa.date32()),
     ("valid_to", pa.date32())]
)  # fmt: skip


def write_identities(
    con: duckdb.DuckDBPyConnection, identities: Identities, *, provenance: str = "file"
) -> None:
    people, links, affiliations = [], [], []
    for person in identities.people:
        people.append(
            {"person_key": person.key, "name": person.name, "is_bot": person.bot,
             "provenance": provenance}
        )  # fmt: skip
        links += _links(person)
        affiliations += [
            {"person_key": person.key, "org": a.org, "valid_from": a.period.start,
             "valid_to": a.period.end}
            for a in person.affiliations
        ]  # fmt: skip
    organisations = [
        {"org": o.name, "domain": d, "valid_from": o.period.start, "valid_to": o.period.end}
        for o in identities.organisations
        for d in o.domains
    ]
    _create(con, "identity_people", pa.Table.from_pylist(people, schema=_PEOPLE))
    _create(con, "identity_links", pa.Table.from_pylist(links, schema=_LINKS))
    _create(con, "identity_affiliations", pa.Table.from_pylist(affiliations, schema=_AFFILIATIONS))
    _create(
        con, "identity_organisations", pa.Table.from_pylist(organisations, schema=_ORGANISATIONS)
    )
    organisation_projects = [
        {"org": o.name, "project": p} for o in identities.organisations for p in o.projects
    ]
    _create(
        con,
        "identity_organisation_projects",
        pa.Table.from_pylist(organisation_projects, schema=_ORGANISATION_PROJECTS),
    )


def _links(person) -> list[dict]:
    # GitHub logins and Hub usernames are case-insensitive on their platforms: kept lower-cased
    logins = {g.lower() for g in person.github} | {g.lower() for g in person.noreply_logins()}
    rows = [("github", login) for login in sorted(logins)]
    rows += [("hub", h.lower()) for h in person.hub]
    rows += [("discord", d) for d in person.discord]
    rows += [("slack", s) for s in person.slack]
    rows += [("git_name", n) for n in person.git_names]
    # no-reply addresses also link the commits that carry them but no login (git-only authors)
    rows += [("email", e.lower()) for e in person.emails if e.lower() in _noreply_addresses(person)]
    return [{"person_key": person.key, "platform": p, "identity": i} for p, i in rows]


def _noreply_addresses(person) -> set[str]:
    return {e.lower() for e in person.emails if e.lower().endswith("@users.noreply.github.com")}


def _create(con: duckdb.DuckDBPyConnection, table: str, arrow: pa.Table) -> None:
    con.register("__identities", arrow)
    try:
        con.execute(f"create or replace table {table} as select * from __identities")
    finally:
        con.unregister("__identities")
