"""The `onramp` command line (DESIGN.md §2): the entry point and the table of commands.

Each command lives in its own module under `onramp.commands`. Errors a user can fix print one line
and exit 1. Every command reads and validates `--config` the same way before it runs (a broken
registry is the same one-line error everywhere); none shows a traceback (ONRAMP_DEBUG=1 does).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from core.errors import OnrampError
from core.settings import DEFAULT_CONFIG, DEFAULT_DB, DEFAULT_PUBLISHED, load_env, resolve_paths
from onramp import __version__
from onramp.commands import (
    build,
    collect,
    demo,
    digest,
    export,
    identities,
    import_discord,
    import_slack,
    metrics,
    serve,
    status,
)

COMMANDS = (
    demo,
    collect,
    import_discord,
    import_slack,
    build,
    serve,
    metrics,
    status,
    export,
    digest,
    identities,
)
EPILOG = "Docs: README.md. Secrets and endpoints come from the environment or a .env file."


def main(argv: Sequence[str] | None = None) -> int:
    load_env()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        paths = resolve_paths(args.config, args.db, getattr(args, "published", None))
        check_config(args, paths)
        return args.handler(args, paths) or 0
    except OnrampError as exc:
        print(f"onramp: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("onramp: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `onramp metrics | head`: the reader left, which is fine
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silences the flush at exit
        return 0
    except Exception as exc:  # a defect, still one line; ONRAMP_DEBUG=1 shows the traceback
        if os.environ.get("ONRAMP_DEBUG"):
            raise
        text = " ".join(str(exc).split())[:300]
        print(
            f"onramp {args.command_name}: unexpected {type(exc).__name__}: {text} "
            "(ONRAMP_DEBUG=1 shows where)",
            file=sys.stderr,
        )
        return 1


def check_config(args, paths) -> None:
    """The registry, read and validated the same way for every command: when it exists or was
    asked for (--config, ONRAMP_CONFIG). Without one, `demo` uses the bundled registry and the
    commands that read only warehouses go on."""
    from core.registry import load_registry

    explicit = bool(args.config or os.environ.get("ONRAMP_CONFIG"))
    if explicit or paths.config.exists():
        load_registry(paths.config)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="onramp",
        description="Community-health analytics for open LLM projects: GitHub, the Hugging Face "
        "Hub, Discord and Slack in one DuckDB file, on-ramp indicators in SQL, a Streamlit "
        "dashboard.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"onramp {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    common = _common_options()
    for command in COMMANDS:
        sub = subparsers.add_parser(
            command.NAME,
            parents=[common],
            help=command.HELP,
            description=command.DESCRIPTION,
            epilog=EPILOG,
        )
        command.add_arguments(sub)
        sub.set_defaults(handler=command.run, command_name=command.NAME)
    return parser


def _common_options() -> argparse.ArgumentParser:
    """--config and --db, which every command takes."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config",
        metavar="PATH",
        help=f"project registry (default: $ONRAMP_CONFIG or {DEFAULT_CONFIG})",
    )
    common.add_argument(
        "--db",
        metavar="PATH",
        help="raw warehouse: a DuckDB file, or a PostgreSQL URL (postgresql://user@host/db) "
        f"shared by many collectors (default: $ONRAMP_DB or {DEFAULT_DB})",
    )
    common.add_argument(
        "--published",
        metavar="PATH",
        help="the published warehouse the dashboard reads (default: $ONRAMP_PUBLISHED, else "
        f"beside a --db file, else {DEFAULT_PUBLISHED})",
    )
    return common


if __name__ == "__main__":
    raise SystemExit(main())
