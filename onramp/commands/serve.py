"""`onramp serve`: Streamlit on the published warehouse."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

from core.errors import OnrampError
from core.resources import package_path
from core.settings import Paths
from onramp.commands import log

NAME = "serve"
HELP = "serve the dashboard on the published warehouse"
DESCRIPTION = (
    "Start the Streamlit dashboard on the published warehouse (read-only; builds published "
    "while it runs show up on the next page load)."
)
APP = package_path("dashboard", "app.py")


def add_arguments(parser) -> None:
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, default=8501, help="port to listen on (default: 8501)")


def run(args, paths: Paths) -> int:
    if not paths.published_db.exists():
        raise OnrampError(
            f"{paths.published_db}: nothing published yet; run `onramp build` or `onramp demo`"
        )
    return serve_dashboard(paths, args.host, args.port)


def serve_dashboard(paths: Paths, host: str, port: int) -> int:
    check_port(host, port)
    log(f"serving the dashboard on http://{host}:{port} (Ctrl-C to stop)")
    process = subprocess.Popen(streamlit_command(host, port), env=dashboard_env(paths))
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait(timeout=10)
        return 0


def check_port(host: str, port: int) -> None:
    """A port already taken is said plainly, before Streamlit starts and fails its own way."""
    import socket

    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Streamlit does
            probe.bind((host, port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise OnrampError(
                f"port {port} on {host} is already in use; choose another with --port"
            ) from None
        raise OnrampError(f"cannot listen on {host}:{port} ({exc.strerror})") from None


def streamlit_command(host: str, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.headless=true",
        f"--server.address={host}",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
        "--theme.base=light",
        "--client.toolbarMode=viewer",  # no Deploy button or developer menu for viewers
    ]


def dashboard_env(paths: Paths) -> dict[str, str]:
    return {
        **os.environ,
        "ONRAMP_DB": paths.store_url or str(paths.raw_db.resolve()),
        "ONRAMP_PUBLISHED": str(paths.published_db.resolve()),
        "ONRAMP_CONFIG": str(paths.config.resolve()),
    }
