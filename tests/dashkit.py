"""The demo warehouse, built once for all tests, for the dashboard's AppTest and browser tests.

raw = demo_warehouse()   # raw file; the published one is beside it. Read it, never write it.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb

from core.registry import load_registry
from core.settings import Paths, published_path
from onramp.demo.run import run_demo

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard" / "app.py"
CONFIG = ROOT / "projects.toml"
PAGES = {
    "compare": "views/compare.py",
    "project": "views/project.py",
    "drop-off": "views/dropoff.py",
    "status": "views/status.py",
}


# What the demo warehouse is built from: a change to any of these builds it again
DEMO_SOURCES = ("core", "collectors", "onramp", "sql", "warehouse", "projects.toml")


def demo_warehouse() -> Path:
    """The bundled demo, built once for every test session and xdist worker on these sources.

    It is kept in the system's temporary folder under a hash of the sources it is built from (and
    DuckDB's and Python's versions): the first worker to need it builds it while holding a file
    lock, the others wait for it and then read it. Built in a scratch folder and renamed into
    place, so a folder under its key is always whole.
    """
    import duckdb

    key = hashlib.sha256()
    key.update(f"{duckdb.__version__} {sys.version}".encode())
    for path in _source_files():
        key.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    digest = key.hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / "onramp-test-demo"
    raw = cache / digest / "onramp.duckdb"
    if published_path(raw).exists():
        return raw
    cache.mkdir(parents=True, exist_ok=True)
    with (cache / f"{digest}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or the process dies
        if not published_path(raw).exists():
            scratch = Path(tempfile.mkdtemp(dir=cache, prefix=f"{digest}.building-"))
            try:
                run_demo(
                    Paths(config=CONFIG, raw_db=scratch / "onramp.duckdb"),
                    force=True,
                    log=lambda _: None,
                )
                shutil.rmtree(raw.parent, ignore_errors=True)  # a folder left without its file
                os.replace(scratch, raw.parent)
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
            _prune(cache, keep=raw.parent)
    return raw


def _prune(cache: Path, keep: Path, older_than: float = 86400.0) -> None:
    """Demos built from older sources, more than a day ago: no session is still reading them."""
    import time

    for folder in cache.iterdir():
        if folder != keep and folder.is_dir() and time.time() - folder.stat().st_mtime > older_than:
            shutil.rmtree(folder, ignore_errors=True)
            folder.with_name(f"{folder.name}.lock").unlink(missing_ok=True)


def _source_files() -> list[Path]:
    files: list[Path] = []
    for name in DEMO_SOURCES:
        path = ROOT / name
        found = [path] if path.is_file() else path.rglob("*")
        files.extend(p for p in found if p.is_file() and "__pycache__" not in p.parts)
    return sorted(files)


def project_ids() -> list[str]:
    return [p.id for p in load_registry(CONFIG).projects]


def published(raw: Path) -> duckdb.DuckDBPyConnection:
    """A read-only look at the published marts, for a test's expected values."""
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    con.execute(f"attach '{published_path(raw)}' as wh (read_only)")
    con.execute("use wh")
    return con


def chart_rows(chart, layer: dict | None = None) -> list[dict]:
    """The rows an AppTest chart element (or one layer of it) draws: Streamlit ships a spec's
    named datasets beside it, as Arrow."""
    import json

    from streamlit import dataframe_util

    spec = json.loads(chart.proto.spec)
    data = (layer or {}).get("data") or spec.get("data") or {}
    if "values" in data:
        return data["values"]
    if data.get("name") in spec.get("datasets", {}):
        return spec["datasets"][data["name"]]
    for dataset in chart.proto.datasets:
        if dataset.name == data.get("name") or not data:
            frame = dataframe_util.convert_arrow_bytes_to_pandas_df(dataset.data.data)
            return frame.astype(object).where(frame.notna(), None).to_dict("records")
    return []
