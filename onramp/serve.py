"""Serving the dashboard: Streamlit on the published warehouse."""

from __future__ import annotations

import os
import subprocess
import sys

from onramp.settings import Paths
from warehouse.paths import ROOT

APP = ROOT / "dashboard" / "app.py"


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
    ]


def dashboard_env(paths: Paths) -> dict[str, str]:
    return {
        **os.environ,
        "ONRAMP_DB": str(paths.raw_db.resolve()),
        "ONRAMP_CONFIG": str(paths.config.resolve()),
    }


def serve(paths: Paths, *, host: str, port: int) -> int:
    process = subprocess.Popen(streamlit_command(host, port), env=dashboard_env(paths))
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait(timeout=10)
        return 0
