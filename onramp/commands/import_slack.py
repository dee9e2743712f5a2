"""`onramp import-slack`: Slack workspace or channel exports, stored like the API collection."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from core.registry import Project
from core.settings import Paths
from onramp.commands import log

NAME = "import-slack"
HELP = "load Slack workspace or channel exports (.zip or unpacked folder)"
DESCRIPTION = (
    "Read Slack exports (the .zip Slack sends, or the folder it unpacks to: channels.json, "
    "users.json and a folder of day files per channel) into the Slack tables. Only public "
    "channels are read (with slack_channels set in projects.toml, only those); authors are "
    "pseudonymised with the same keyed hash as Discord, and no text, names or topics are kept. "
    "Each export is validated whole first: a bad file is one line naming it, and loads nothing."
)
SOURCE = "slack-export"


def add_arguments(parser) -> None:
    parser.add_argument(
        "--project", required=True, metavar="ID", help="the project the exports belong to"
    )
    parser.add_argument(
        "exports", nargs="+", metavar="FILE.zip|DIR", help="Slack export zips or folders"
    )


def run(args, paths: Paths) -> int:
    from core.registry import load_registry

    project = load_registry(paths.config).get(args.project)
    return import_exports(paths, project, [Path(e) for e in args.exports], log=log)


def import_exports(
    paths: Paths,
    project: Project,
    exports: list[Path],
    log: Callable[[str], None],
    provenance: str = "export",
) -> int:
    """Load each export in its own transaction; returns the exit code (1 if any failed)."""
    from collectors.slack_export import collect_exports
    from onramp.importer import run_import

    collector = functools.partial(collect_exports, exports=exports, provenance=provenance)
    return run_import(paths, project, SOURCE, collector, log, unit="export")
