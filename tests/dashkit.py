"""The demo warehouse, built once per test session, for the dashboard's AppTest and browser tests.

raw = demo_warehouse(tmp_path_factory.getbasetemp())   # raw file; the published one is beside it
"""

from __future__ import annotations

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


def demo_warehouse(base: Path) -> Path:
    """Build the bundled demo under `base` unless this session already did; return the raw path."""
    raw = base / "demo-warehouse" / "onramp.duckdb"
    if not published_path(raw).exists():
        raw.parent.mkdir(parents=True, exist_ok=True)
        run_demo(Paths(config=CONFIG, raw_db=raw), force=True, log=lambda _: None)
    return raw


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
