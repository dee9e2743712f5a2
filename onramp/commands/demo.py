"""`onramp demo`: the bundled snapshot built, published and served."""

from __future__ import annotations

import os

from core.settings import Paths
from onramp.commands import log

NAME = "demo"
HELP = "build a warehouse from the bundled snapshot and serve it"
DESCRIPTION = (
    "Load the bundled demo snapshot (real commit histories and Hub metadata of the study's 14 "
    "projects, plus generated sample rows labelled as such) into a fresh warehouse, build, "
    "publish and serve the dashboard. Needs no token and no network."
)


def add_arguments(parser) -> None:
    parser.add_argument("--no-serve", action="store_true", help="stop after publishing")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to serve on (default: 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, default=8501, help="port to serve on (default: 8501)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace a warehouse that holds collected (non-demo) data",
    )


def serve_command(args, paths: Paths) -> str:
    """The `onramp serve` line for what the demo just published: its --db, its --config."""
    import shlex

    parts = ["onramp", "serve"]
    if args.db or os.environ.get("ONRAMP_DB"):
        parts += ["--db", str(paths.raw_db)]
    if args.published or os.environ.get("ONRAMP_PUBLISHED"):
        parts += ["--published", str(paths.published_db)]
    if args.config or os.environ.get("ONRAMP_CONFIG"):
        parts += ["--config", str(paths.config)]
    return shlex.join(parts)


def run(args, paths: Paths) -> int:
    from onramp.commands.serve import serve_dashboard
    from onramp.demo.run import run_demo, with_bundled_registry

    paths = with_bundled_registry(
        paths, explicit=bool(args.config or os.environ.get("ONRAMP_CONFIG"))
    )
    run_demo(paths, force=args.force, log=log)
    if args.no_serve:
        log(f"published {paths.published_db}; serve it with `{serve_command(args, paths)}`")
        return 0
    return serve_dashboard(paths, args.host, args.port)
