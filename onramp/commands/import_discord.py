"""`onramp import-discord`: DiscordChatExporter JSON exports, stored like the bot's collection."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from core.errors import OnrampError
from core.registry import Project
from core.settings import Paths
from onramp.commands import log

NAME = "import-discord"
HELP = "load DiscordChatExporter JSON exports"
DESCRIPTION = (
    "Read DiscordChatExporter JSON exports (whole guild or single channel) into the Discord "
    "tables, pseudonymising authors exactly as the bot collector does. A malformed file loads "
    "nothing."
)
SOURCE = "discord-export"


def add_arguments(parser) -> None:
    parser.add_argument(
        "--project", required=True, metavar="ID", help="the project the exports belong to"
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="DiscordChatExporter JSON files")


def run(args, paths: Paths) -> int:
    from core.registry import load_registry

    project = load_registry(paths.config).get(args.project)
    return import_files(paths, project, [Path(f) for f in args.files], log=log)


def import_files(
    paths: Paths, project: Project, files: list[Path], log: Callable[[str], None]
) -> int:
    """Load each export in its own transaction; returns the exit code (1 if any file failed)."""
    from collectors.discord_export import collect_exports, expand
    from onramp.importer import run_import

    files = expand(files)
    if not files:
        raise OnrampError("import-discord: no JSON files given")
    collector = functools.partial(collect_exports, files=files)
    return run_import(paths, project, SOURCE, collector, log)
