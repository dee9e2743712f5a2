"""What a digest says, in order, before any format: a title, a few lines, and sections of items.

Each line is a list of spans that says which text is ours (`Text`) and which came from strangers
(`Untrusted`, `Link` labels), so every renderer escapes exactly the strangers' text its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from core.catalog import load_catalog

PLATFORMS = {"github": "GitHub", "hub": "the Hub", "discord": "Discord", "slack": "Slack"}
HUB = "https://huggingface.co/"


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Untrusted:
    text: str


@dataclass(frozen=True)
class Link:
    label: str  # untrusted
    url: str | None  # shown as plain (escaped) text when None


Span = Text | Untrusted | Link
Line = list[Span]


@dataclass
class Section:
    heading: str
    items: list[Line] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)  # "… and 4 more", unnamed members


@dataclass
class Outline:
    title: str  # ours, but holds the project name: renderers escape it
    lines: list[Line]
    sections: list[Section]
    footer: list[Line]


def outline(digest: dict) -> Outline:
    period = digest["period"]
    word = "week" if _days(period) == 7 else "period"
    lines: list[Line] = [[Text(_data_line(digest))]]
    if digest["headline"]:
        lines.append(_headline(digest))
    sections = [
        s
        for s in (
            _newcomers(digest),
            _waiting(digest),
            _quiet(digest),
            _alerts(digest),
            _derivatives(digest),
            _benchmarks(digest),
        )
        if s.items or s.notes
    ]
    if _is_quiet(digest):
        lines.append([Text(f"A quiet {word}: {_quiet_line(digest)}.")])
    footer = []
    if digest["dashboard_url"]:
        footer.append([Link("Open the Drop-off page", digest["dashboard_url"])])
    title = f"{digest['name']}: on-ramp digest, {period['from']} to {period['to']}"
    return Outline(title, lines, sections, footer)


def _days(period: dict) -> int:
    return (date.fromisoformat(period["to"]) - date.fromisoformat(period["from"])).days + 1


def _data_line(digest: dict) -> str:
    line = f"Data up to {digest['data_cutoff']} (UTC)."
    if digest["sample_data"]:
        line += " Sample data: some of it is generated for the demo, not collected."
    return line


def _is_quiet(digest: dict) -> bool:
    counts, unnamed = digest["counts"], digest["unnamed"]
    new = ("newcomers", "quiet", "alerts", "derivatives", "benchmarks")
    return not any(counts[key] for key in new) and not any(unnamed.values())


def _quiet_line(digest: dict) -> str:
    waiting = digest["counts"]["waiting"]
    tail = (
        f"; {waiting:,} {'item still waits' if waiting == 1 else 'items still wait'}"
        if waiting
        else ""
    )
    return (
        "no newcomers, nobody went quiet, no indicator slipped, no new derivative model or "
        f"benchmark result{tail}"
    )


def month_name(month: str) -> str:
    return date.fromisoformat(month + "-01").strftime("%B %Y")


def number(indicator: str | None, value) -> str:
    """A mart's value as a reader reads it: shares as percentages, times with their unit."""
    if value is None:
        return "none"
    unit = load_catalog()[indicator].unit if indicator in load_catalog() else ""
    if unit in ("ratio", "share"):
        return f"{value * 100:.0f}%"
    if isinstance(value, int) or float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.1f}"
    return f"{text} {unit}" if unit in ("hours", "minutes") else text


def _headline(digest: dict) -> Line:
    rows = digest["headline"]
    month = rows[0]["month"]
    catalog = load_catalog()
    parts = []
    for row in rows:
        name = catalog[row["indicator"]].name if row["indicator"] in catalog else row["indicator"]
        if not row.get("final", True):  # as the pages: a value that can still change is no news
            parts.append(f"{name} pending (final on {_day(row['settles_on'])})")
            continue
        value = number(row["indicator"], row["value"])
        if row["previous"] is None:
            parts.append(f"{name} {value} (no value the month before)")
        elif not row.get("previous_final", True):
            parts.append(f"{name} {value} (the month before still pending)")
        else:
            parts.append(f"{name} {value} (was {number(row['indicator'], row['previous'])})")
    return [Text(f"{month_name(month)}: " + " · ".join(parts) + ".")]


def _day(iso: str) -> str:
    """'2026-10-30' -> '30 Oct 2026', as the pages write a settling day."""
    return date.fromisoformat(iso).strftime("%-d %b %Y")


def _more(section: Section, shown: int, total: int) -> None:
    if total > shown:
        section.notes.append([Text(f"… and {total - shown:,} more.")])


def _newcomers(digest: dict) -> Section:
    section = Section(f"Newcomers to welcome ({_people(digest, 'newcomers'):,})")
    for row in digest["newcomers"]:
        where = PLATFORMS.get(row["platform"], row["platform"])
        section.items.append(
            [Link(row["name"], row["url"]), Text(f" on {where}, first seen {row['first_seen']}")]
        )
    _more(section, len(digest["newcomers"]), digest["counts"]["newcomers"])
    if digest["unnamed"]["newcomers"]:
        section.notes.append(
            [Text(_unnamed(digest["unnamed"]["newcomers"], "spoke for the first time"))]
        )
    return section


def _people(digest: dict, key: str) -> int:
    """Everyone in the list, named or not: the heading counts the pseudonymised too."""
    return digest["counts"][key] + digest["unnamed"][key]


def _unnamed(count: int, what: str) -> str:
    members = "member" if count == 1 else "members"
    return f"{count:,} Discord or Slack {members} {what}: counted, never named (pseudonymised)."


def _waiting(digest: dict) -> Section:
    section = Section(
        f"Waiting for a first answer at the data cut-off ({digest['counts']['waiting']:,})"
    )
    buckets = digest.get("waiting_buckets", [])
    if buckets:
        section.items.append([Text("By age: " + ", ".join(_bucket(b) for b in buckets) + ".")])
    for row in digest["waiting"]:
        section.items.append(
            [
                Text(f"{row['bucket']}, {row['days_waiting']:,.1f} days: "),
                Link(row["title"], row["url"]),
                Text(f" ({_kind_on(row['kind'], row['platform'])})"),
            ]
        )
    _more(section, len(digest["waiting"]), digest["counts"]["waiting"])
    return section


def _kind_on(kind: str, platform: str) -> str:
    """'help thread on Discord', but 'Slack post' and 'Hub discussion' alone: a kind that already
    names its platform is not said twice ('Slack post on Slack')."""
    where = PLATFORMS.get(platform, platform)
    named = where.removeprefix("the ")
    return kind if kind.lower().startswith(named.lower() + " ") else f"{kind} on {where}"


def _bucket(bucket: dict) -> str:
    """'3 staling (7 to 30 days)': a bucket's count and its thresholds, as the page shows them."""
    low, high = bucket["from_days"], bucket["to_days"]
    span = (
        f"under {high} days"
        if not low
        else f"over {low} days"
        if high is None
        else (f"{low} to {high} days")
    )
    return f"{bucket['items']:,} {bucket['bucket']} ({span})"


def _quiet(digest: dict) -> Section:
    section = Section(f"Went quiet: 90 days without activity ({_people(digest, 'quiet'):,})")
    for row in digest["quiet"]:
        where = PLATFORMS.get(row["platform"], row["platform"])
        section.items.append(
            [
                Link(row["name"], row["url"]),
                Text(
                    f" on {where}: {row['activities']:,} activities, last seen {row['last_seen']}"
                ),
            ]
        )
    _more(section, len(digest["quiet"]), digest["counts"]["quiet"])
    channels = digest.get("quiet_channels") or []
    if channels:
        parts = [
            f"{c['members']:,} {'regular' if c['members'] == 1 else 'regulars'} of {c['channel']}"
            f" ({PLATFORMS.get(c['platform'], c['platform'])})"
            for c in channels
        ]
        section.notes.append(
            [Text(f"{', '.join(parts)} went quiet: counted, never named (pseudonymised).")]
        )
    elif digest["unnamed"]["quiet"]:
        section.notes.append([Text(_unnamed(digest["unnamed"]["quiet"], "went quiet"))])
    return section


def _alerts(digest: dict) -> Section:
    section = Section(f"Slipped from their trailing level ({digest['counts']['alerts']:,})")
    catalog = load_catalog()
    for row in digest["alerts"]:
        indicator = row["indicator"]
        name = catalog[indicator].name if indicator in catalog else indicator
        section.items.append(
            [
                Text(
                    f"{name}: {number(indicator, row['value'])} in {month_name(row['month'])}, "
                    f"against {number(indicator, row['trailing_3m'])} over the 3 months before"
                )
            ]
        )
    _more(section, len(digest["alerts"]), digest["counts"]["alerts"])
    return section


def _derivatives(digest: dict) -> Section:
    section = Section(f"New derivative models ({digest['counts']['derivatives']:,})")
    for row in digest["derivatives"]:
        section.items.append(
            [
                Link(row["model_id"], HUB + row["model_id"]),
                Text(" ("),
                Untrusted(row["relation"]),
                Text(f"), created {row['created_at']}"),
            ]
        )
    _more(section, len(digest["derivatives"]), digest["counts"]["derivatives"])
    return section


def _benchmarks(digest: dict) -> Section:
    section = Section(f"New external benchmark results ({digest['counts']['benchmarks']:,})")
    for row in digest["benchmarks"]:
        section.items.append(
            [
                Link(row["model_id"], HUB + row["model_id"]),
                Text(" on "),
                Link(row["dataset_id"], HUB + "datasets/" + row["dataset_id"]),
            ]
        )
    _more(section, len(digest["benchmarks"]), digest["counts"]["benchmarks"])
    return section
