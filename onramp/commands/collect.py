"""`onramp collect`: incremental collection for the configured projects."""

from __future__ import annotations

from core.settings import Paths
from onramp.commands import log

NAME = "collect"
HELP = "collect new data for the configured projects"
DESCRIPTION = (
    "Incremental collection: each stream resumes from its saved cursor (GitHub with two days "
    "of overlap). Tokens and endpoints: GITHUB_TOKEN, GITHUB_API_URL, HF_TOKEN, HF_ENDPOINT, "
    "DISCORD_BOT_TOKEN, DISCORD_API_BASE, SLACK_BOT_TOKEN (for the channels in slack_channels), "
    "SLACK_API_BASE. A source without its token or configuration is skipped, said so."
)


def add_arguments(parser) -> None:
    parser.add_argument(
        "--project", action="append", metavar="ID", help="a project id (repeatable; default: all)"
    )
    parser.add_argument(
        "--source",
        action="append",
        choices=("github", "hub", "discord", "slack"),
        help="a source (repeatable; default: all)",
    )
    parser.add_argument(
        "--full", action="store_true", help="ignore saved cursors and collect everything"
    )
    parser.add_argument(
        "--max-wait",
        type=float,
        metavar="SECONDS",
        help="fail instead of sleeping longer than this for a rate limit",
    )
    parser.add_argument(
        "--no-progress", action="store_true", help="no progress bars (for logs and CI)"
    )
    parser.add_argument(
        "--shard",
        metavar="I/N",
        help="collect only the I-th of N stable shares of the (project, source) pairs, so N "
        "workers (a CI matrix, cron on N hosts) cover the registry once; with a PostgreSQL "
        "--db, workers also skip a stream another worker is collecting",
    )


SUMMARY = ("project", "source", "status", "rows", "skipped", "calls", "error")


def run(args, paths: Paths) -> int:
    from core.registry import load_registry
    from core.settings import Settings
    from onramp.orchestrator import (
        SOURCES,
        parse_shard,
        run_collection,
        shard_share,
        skipping,
        source_collector,
    )
    from warehouse.state import now
    from warehouse.store import open_store

    registry = load_registry(paths.config)
    shard = parse_shard(args.shard) if args.shard else None
    projects = registry.select(args.project)
    sources = args.source or list(SOURCES)
    share = None
    if shard is not None:  # shares of the whole registry: --project/--source only narrow them
        share = shard_share([(p.id, s) for p in registry.projects for s in SOURCES], shard)
        log(f"shard {shard[0]}/{shard[1]}: {len(share)} of the registry's (project, source) pairs")
    missing = [s for s in sources if source_collector(s) is None]
    for source in missing:
        log(f"{source}: collection from this source is not built yet")
    if missing and len(missing) == len(sources):
        return 1
    settings = Settings.from_env()  # once: every collector is handed these, none reads the env
    said: set[str] = set()  # what this run has said already: a fallback is said once
    outcomes, down = [], {}  # down: source -> why its host cannot be reached in this run
    began = now()
    with open_store(paths.store) as store:
        for project in projects:
            for source in (s for s in sources if s not in missing):
                if share is not None and (project.id, source) not in share:
                    continue
                collector = skipping(down[source]) if source in down else source_collector(source)
                outcome = run_collection(
                    store,
                    project,
                    source,
                    collector,
                    full=args.full,
                    max_wait=args.max_wait,
                    progress=not args.no_progress,
                    warn=log,
                    warehouse=paths.raw_db,
                    settings=settings,
                    said=said,
                    since=began,
                    hold=True,  # until the store closes: peers skip what this run has done
                )
                outcomes.append(outcome)
                if source in down:
                    continue  # said once, when the host was first found unreachable
                log(describe(outcome))
                if outcome.unreachable:
                    down[source] = f"not tried: {outcome.message}"
                    log(f"{source}: not collected for the other projects of this run")
    if outcomes:
        log(summary(outcomes))
    failed = any(o.status == "failed" for o in outcomes)
    return 1 if failed or missing else 0


def summary(outcomes) -> str:
    """One line per project and source: what the run did."""
    from onramp.commands.status import table

    rows = [
        (o.project, o.source, o.status, f"{o.rows:,}", f"{o.skipped:,}", f"{o.api_calls:,}",
         _short(o.message))
        for o in outcomes
    ]  # fmt: skip
    return "\n" + table([SUMMARY, *rows])


def _short(message: str, width: int = 90) -> str:
    return message if len(message) <= width else message[: width - 1] + "…"


def describe(outcome) -> str:
    head = f"{outcome.project} {outcome.source}: {outcome.status}"
    if outcome.status == "skipped":
        return f"{head} ({outcome.message})"
    tail = f"{outcome.rows:,} rows, {outcome.api_calls:,} API calls"
    if outcome.skipped:
        tail += f", {outcome.skipped:,} records skipped (warned above)"
    return f"{head}, {tail}" + (f" — {outcome.message}" if outcome.message else "")
