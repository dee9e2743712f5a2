"""`onramp metrics`: indicator values from the published warehouse, as JSON or CSV."""

from __future__ import annotations

import csv
import json
import math
import re
import sys

from core.errors import OnrampError
from core.settings import Paths

NAME = "metrics"
HELP = "print indicator values"
DESCRIPTION = (
    "Print indicator values from the published warehouse: JSON is an array of "
    '{"project", "month", "indicator", "value", "final"} objects, value a number or null; final '
    "is false while the value can still change (the partial cut-off month, or an indicator that "
    "needs time to settle, such as inactivity after 180 days): value is then what is known so far. "
    "sample is true where the value rests on generated sample data; as_of is the snapshot date "
    "(YYYY-MM-DD) of a snapshot total, else null. A source never collected for a project has no "
    "row."
)
FIELDS = ["project", "month", "indicator", "value", "final", "sample", "as_of"]
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def add_arguments(parser) -> None:
    parser.add_argument("--project", metavar="ID", help="only this project")
    parser.add_argument("--month", metavar="YYYY-MM", help="only this month")
    parser.add_argument(
        "--indicator", metavar="ID", help="only this indicator (see README for ids)"
    )
    parser.add_argument(
        "--format", choices=("json", "csv"), default="json", help="output format (default: json)"
    )


def run(args, paths: Paths) -> int:
    from core.catalog import load_catalog
    from warehouse.published import open_published

    if args.month and not _MONTH.match(args.month):
        raise OnrampError(f"--month {args.month!r}: expected YYYY-MM, e.g. 2024-06")
    if args.indicator and args.indicator not in load_catalog():
        raise OnrampError(
            f"--indicator {args.indicator!r}: unknown (known: {', '.join(load_catalog())})"
        )
    configured = _configured(paths)
    if args.project and configured is not None and args.project not in configured:
        raise OnrampError(f"--project {args.project!r}: not in {paths.config}")
    with open_published(paths.published_db) as con:
        if args.project:
            _check_project(con, args.project)
        rows = con.execute(
            "select i.project, i.month, i.indicator, i.value, i.final, i.is_sample, "
            "case when c.shape = 'snapshot' and i.value is not null then c.as_of end as as_of "
            "from fct_indicators as i "
            "left join fct_indicator_changes as c using (project, indicator, month) "
            "where (?::varchar is null or i.project = ?) and (?::varchar is null or i.month = ?) "
            "and (?::varchar is null or i.indicator = ?) order by i.project, i.month, i.indicator",
            [args.project, args.project, args.month, args.month, args.indicator, args.indicator],
        ).fetchall()
    records = [
        {
            "project": p,
            "month": m,
            "indicator": i,
            "value": _number(v),
            "final": bool(f),
            "sample": bool(s),
            "as_of": a,
        }
        for p, m, i, v, f, s, a in rows
        if configured is None or p in configured
    ]
    if args.format == "json":
        _write_json(records)
    else:
        _write_csv(records)
    return 0


def _configured(paths: Paths) -> set[str] | None:
    """The registry's project ids (validated before the command ran), or None: every project."""
    from core.registry import load_registry

    return {p.id for p in load_registry(paths.config).projects} if paths.config.exists() else None


def _write_json(records: list[dict]) -> None:
    # one object per line: valid JSON that still reads (and greps) line by line
    lines = ",\n".join(json.dumps(r) for r in records)
    sys.stdout.write(f"[\n{lines}\n]\n" if records else "[]\n")


def _write_csv(records: list[dict]) -> None:
    writer = csv.DictWriter(sys.stdout, FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(
        {
            **r,
            "value": "" if r["value"] is None else r["value"],
            "final": str(r["final"]).lower(),
            "sample": str(r["sample"]).lower(),
            "as_of": r["as_of"] or "",
        }
        for r in records
    )


def _check_project(con, project: str) -> None:
    known = [
        r[0] for r in con.execute("select project from dim_projects order by position").fetchall()
    ]
    if project not in known:
        raise OnrampError(
            f"--project {project!r}: not in the published warehouse (known: {', '.join(known)})"
        )


def _number(value: float | None) -> int | float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value) if float(value).is_integer() else round(float(value), 6)
