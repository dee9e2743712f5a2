"""The `onramp` command line (DESIGN.md §2). Errors a user can fix print one line and exit 1."""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from onramp import __version__
from onramp.errors import OnrampError
from onramp.settings import DEFAULT_CONFIG, DEFAULT_DB, Paths, load_env, resolve_paths

EPILOG = "Docs: README.md. Secrets and endpoints come from the environment or a .env file."


def main(argv: Sequence[str] | None = None) -> int:
    load_env()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return args.handler(args, resolve_paths(args.config, args.db)) or 0
    except OnrampError as exc:
        print(f"onramp: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("onramp: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `onramp metrics | head`: the reader left, which is fine
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silences the flush at exit
        return 0


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config",
        metavar="PATH",
        help=f"project registry (default: $ONRAMP_CONFIG or {DEFAULT_CONFIG})",
    )
    common.add_argument(
        "--db",
        metavar="PATH",
        help="raw warehouse; the published file sits beside it "
        f"(default: $ONRAMP_DB or {DEFAULT_DB})",
    )
    parser = argparse.ArgumentParser(
        prog="onramp",
        description="Community-health analytics for open LLM projects: GitHub, the Hugging Face "
        "Hub "
        "and Discord in one DuckDB file, on-ramp indicators in SQL, a Streamlit dashboard.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"onramp {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for register in (_demo, _collect, _import_discord, _build, _serve, _metrics, _status, _export):
        register(commands, common)
    return parser


def _command(commands, common, name: str, handler, help_: str, description: str):
    sub = commands.add_parser(
        name, parents=[common], help=help_, description=description, epilog=EPILOG
    )
    sub.set_defaults(handler=handler)
    return sub


# ------------------------------------------------------------------------------------ commands


def _demo(commands, common):
    sub = _command(
        commands,
        common,
        "demo",
        cmd_demo,
        "build a warehouse from the bundled snapshot and serve it",
        "Load the bundled demo snapshot (real commit histories and Hub metadata of the study's 14 "
        "projects, plus generated sample rows labelled as such) into a fresh warehouse, build, "
        "publish and serve the dashboard. Needs no token and no network.",
    )
    sub.add_argument("--no-serve", action="store_true", help="stop after publishing")
    sub.add_argument("--host", default="127.0.0.1", help="address to serve on (default: 127.0.0.1)")
    sub.add_argument("--port", type=int, default=8501, help="port to serve on (default: 8501)")
    sub.add_argument(
        "--force",
        action="store_true",
        help="replace a warehouse that holds collected (non-demo) data",
    )


def cmd_demo(args, paths: Paths) -> int:
    from onramp.demo_run import run_demo, with_bundled_registry

    paths = with_bundled_registry(
        paths, explicit=bool(args.config or os.environ.get("ONRAMP_CONFIG"))
    )
    run_demo(paths, force=args.force, log=_log)
    if args.no_serve:
        _log(f"published {paths.published_db}; serve it with `onramp serve`")
        return 0
    return _serve_dashboard(paths, args.host, args.port)


def _collect(commands, common):
    sub = _command(
        commands,
        common,
        "collect",
        cmd_collect,
        "collect new data for the configured projects",
        "Incremental collection: each stream resumes from its saved cursor (GitHub with two days "
        "of overlap). Tokens and endpoints: GITHUB_TOKEN, GITHUB_API_URL, HF_TOKEN, HF_ENDPOINT, "
        "DISCORD_BOT_TOKEN, DISCORD_API_BASE.",
    )
    sub.add_argument(
        "--project", action="append", metavar="ID", help="a project id (repeatable; default: all)"
    )
    sub.add_argument(
        "--source",
        action="append",
        choices=("github", "hub", "discord"),
        help="a source (repeatable; default: all)",
    )
    sub.add_argument(
        "--full", action="store_true", help="ignore saved cursors and collect everything"
    )
    sub.add_argument(
        "--max-wait",
        type=float,
        metavar="SECONDS",
        help="fail instead of sleeping longer than this for a rate limit",
    )
    sub.add_argument(
        "--no-progress", action="store_true", help="no progress bars (for logs and CI)"
    )


def cmd_collect(args, paths: Paths) -> int:
    from onramp.collect import SOURCES, run_collection, source_collector
    from onramp.config import load_registry
    from warehouse.db import connect

    projects = load_registry(paths.config).select(args.project)
    sources = args.source or list(SOURCES)
    missing = [s for s in sources if source_collector(s) is None]
    for source in missing:
        _log(f"{source}: collection from this source is not built yet")
    if missing and len(missing) == len(sources):
        return 1
    failed = False
    with connect(paths.raw_db) as con:
        for project in projects:
            for source in (s for s in sources if s not in missing):
                outcome = run_collection(
                    con,
                    project,
                    source,
                    source_collector(source),
                    full=args.full,
                    max_wait=args.max_wait,
                    progress=not args.no_progress,
                    warn=_log,
                    warehouse=paths.raw_db,
                )
                _log(_describe(outcome))
                failed |= outcome.status == "failed"
    return 1 if failed or missing else 0


def _describe(outcome) -> str:
    head = f"{outcome.project} {outcome.source}: {outcome.status}"
    if outcome.status == "skipped":
        return f"{head} ({outcome.message})"
    tail = f"{outcome.rows:,} rows, {outcome.api_calls:,} API calls"
    return f"{head}, {tail}" + (f" — {outcome.message}" if outcome.message else "")


def _import_discord(commands, common):
    sub = _command(
        commands,
        common,
        "import-discord",
        cmd_import_discord,
        "load DiscordChatExporter JSON exports",
        "Read DiscordChatExporter JSON exports (whole guild or single channel) into the Discord "
        "tables, pseudonymising authors exactly as the bot collector does. A malformed file loads "
        "nothing.",
    )
    sub.add_argument(
        "--project", required=True, metavar="ID", help="the project the exports belong to"
    )
    sub.add_argument("files", nargs="+", metavar="FILE", help="DiscordChatExporter JSON files")


def cmd_import_discord(args, paths: Paths) -> int:
    try:
        from collectors.discord_export import import_files
    except ModuleNotFoundError:
        _log("import-discord: importing DiscordChatExporter exports is not built yet")
        return 1
    from onramp.config import load_registry

    project = load_registry(paths.config).get(args.project)
    return import_files(paths, project, [Path(f) for f in args.files], log=_log)


def _build(commands, common):
    _command(
        commands,
        common,
        "build",
        cmd_build,
        "run the SQL models and publish the result",
        "Run sql/staging -> sql/intermediate -> sql/marts over the raw warehouse into a new file, "
        "then publish it by atomic rename: a running dashboard keeps reading the old file until "
        "the new one is complete.",
    )


def cmd_build(args, paths: Paths) -> int:
    from onramp.demo_run import build_registry
    from warehouse.build import build

    result = build(paths.raw_db, paths.published_db, build_registry(paths))
    _log(
        f"built {len(result.models)} models in {result.seconds:.1f} s; published {result.published}"
    )
    return 0


def _serve(commands, common):
    sub = _command(
        commands,
        common,
        "serve",
        cmd_serve,
        "serve the dashboard on the published warehouse",
        "Start the Streamlit dashboard on the published warehouse (read-only; builds published "
        "while it runs show up on the next page load).",
    )
    sub.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    sub.add_argument("--port", type=int, default=8501, help="port to listen on (default: 8501)")


def cmd_serve(args, paths: Paths) -> int:
    if not paths.published_db.exists():
        raise OnrampError(
            f"{paths.published_db}: nothing published yet; run `onramp build` or `onramp demo`"
        )
    return _serve_dashboard(paths, args.host, args.port)


def _serve_dashboard(paths: Paths, host: str, port: int) -> int:
    from onramp.serve import serve

    _log(f"serving the dashboard on http://{host}:{port} (Ctrl-C to stop)")
    return serve(paths, host=host, port=port)


def _metrics(commands, common):
    sub = _command(
        commands,
        common,
        "metrics",
        cmd_metrics,
        "print indicator values",
        "Print indicator values from the published warehouse: JSON is an array of "
        '{"project", "month", "indicator", "value"} objects, value a number or null.',
    )
    sub.add_argument("--project", metavar="ID", help="only this project")
    sub.add_argument("--month", metavar="YYYY-MM", help="only this month")
    sub.add_argument("--indicator", metavar="ID", help="only this indicator (see README for ids)")
    sub.add_argument(
        "--format", choices=("json", "csv"), default="json", help="output format (default: json)"
    )


_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def cmd_metrics(args, paths: Paths) -> int:
    from onramp.catalog import load_catalog
    from onramp.published import open_published

    if args.month and not _MONTH.match(args.month):
        raise OnrampError(f"--month {args.month!r}: expected YYYY-MM, e.g. 2024-06")
    if args.indicator and args.indicator not in load_catalog():
        raise OnrampError(
            f"--indicator {args.indicator!r}: unknown (known: {', '.join(load_catalog())})"
        )
    with open_published(paths.published_db) as con:
        if args.project:
            _check_project(con, args.project)
        rows = con.execute(
            "select project, month, indicator, value from fct_indicators "
            "where (?::varchar is null or project = ?) and (?::varchar is null or month = ?) "
            "and (?::varchar is null or indicator = ?) order by project, month, indicator",
            [args.project, args.project, args.month, args.month, args.indicator, args.indicator],
        ).fetchall()
    records = [
        {"project": p, "month": m, "indicator": i, "value": _number(v)} for p, m, i, v in rows
    ]
    if args.format == "json":
        # one object per line: valid JSON that still reads (and greps) line by line
        lines = ",\n".join(json.dumps(r) for r in records)
        sys.stdout.write(f"[\n{lines}\n]\n" if records else "[]\n")
    else:
        writer = csv.DictWriter(
            sys.stdout, ["project", "month", "indicator", "value"], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows({**r, "value": "" if r["value"] is None else r["value"]} for r in records)
    return 0


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


def _status(commands, common):
    _command(
        commands,
        common,
        "status",
        cmd_status,
        "show data freshness per project and source",
        "Per project and source: the last collection run, its status, rows and API calls, its "
        "error "
        "if any, and how many stream cursors are saved.",
    )


def cmd_status(args, paths: Paths) -> int:
    from onramp.status import status_rows

    rows = status_rows(paths)
    if not rows:
        _log("no collection has run yet: `onramp collect` (or `onramp demo`) fills the warehouse")
        return 0
    header = ("project", "source", "last run (UTC)", "status", "rows", "calls", "cursors", "error")
    print(_table([header, *rows]))
    return 0


def _table(rows: list[Sequence]) -> str:
    cells = [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(cells[0]))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells
    )


def _export(commands, common):
    sub = _command(
        commands,
        common,
        "export",
        cmd_export,
        "write every mart to files",
        "Write every mart (fct_*, dim_*) of the published warehouse to DIR, one file per mart.",
    )
    sub.add_argument("--out", required=True, metavar="DIR", help="directory to write to (created)")
    sub.add_argument(
        "--format",
        choices=("parquet", "csv"),
        default="parquet",
        help="file format (default: parquet)",
    )


def cmd_export(args, paths: Paths) -> int:
    from onramp.published import mart_tables, open_published

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with open_published(paths.published_db) as con:
        tables = mart_tables(con)
        for table in tables:
            target = str(out / f"{table}.{args.format}").replace("'", "''")
            options = (
                "format parquet, compression zstd"
                if args.format == "parquet"
                else "format csv, header"
            )
            con.execute(f"copy {table} to '{target}' ({options})")
    _log(f"wrote {len(tables)} marts to {out}")
    return 0


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
