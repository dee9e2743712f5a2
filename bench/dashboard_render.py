"""Server-side render time of each dashboard page (Streamlit AppTest), on the demo warehouse and on
a synthetic warehouse 20 times larger (the demo's raw rows replicated 20 times with shifted ids,
logins and pseudonyms, the same projects). Prints median and max seconds per page, cold (caches
cleared before the run: every query hits DuckDB) and warm (the page's queries cached).

    python bench/dashboard_render.py [--repeat 5] [--scale 20] [--keep DIR]

Targets (issue 10): median < 0.5 s per page on the demo, < 1 s on the 20x warehouse. "project+open"
is the Project page with every on-ramp section opened (what a maintainer sees after clicking them
all); the first view of "project" is the on-ramp map with the sections collapsed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import streamlit as st  # noqa: E402
from streamlit.logger import set_log_level  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from core.settings import Paths  # noqa: E402
from dashboard.sections import OTHER  # noqa: E402
from dashboard.sections import SECTIONS as ON_RAMPS  # noqa: E402
from onramp.demo.run import build_registry, run_demo  # noqa: E402
from warehouse.build import build  # noqa: E402

APP = ROOT / "dashboard" / "app.py"
SECTIONS = [s.key for s in (*ON_RAMPS, OTHER)]
PAGES = {
    "compare": "views/compare.py",
    "project": "views/project.py",
    "project+open": "views/project.py",
    "drop-off": "views/dropoff.py",
    "status": "views/status.py",
}
PROJECTS = (
    "eleutherai",
    "meta-llama",
    "ai2",
)  # the richest demo projects: Discord, derivatives, GitHub

# per raw table: column -> expression giving copy {k} new keys and new people, same projects
SHIFTS = {
    "github_issues": {
        "id": "id + {k} * 1000000000000",
        "number": "number + {k} * 1000000",
        "author_login": "author_login || '~{k}'",
    },
    "github_comments": {
        "id": "id + {k} * 1000000000000",
        "number": "number + {k} * 1000000",
        "author_login": "author_login || '~{k}'",
    },
    "github_commits": {
        "sha": "sha || '~{k}'",
        "author_login": "author_login || '~{k}'",
        "author_name": "author_name || '~{k}'",
    },
    "github_releases": {"id": "id + {k} * 1000000000000"},
    "hub_repos": {"repo_id": "repo_id || '-{k}'"},
    "hub_repo_snapshots": {"repo_id": "repo_id || '-{k}'"},
    "hub_derivatives": {"child_id": "child_id || '-{k}'", "base_id": "base_id || '-{k}'"},
    "hub_discussions": {"num": "num + {k} * 100000", "author": "author || '~{k}'"},
    "hub_discussion_events": {
        "num": "num + {k} * 100000",
        "event_id": "event_id || '-{k}'",
        "author": "author || '~{k}'",
    },
    "discord_channels": {
        "channel_id": "channel_id || '-{k}'",
        "parent_id": "parent_id || '-{k}'",
        "owner_pseudonym": "owner_pseudonym || '~{k}'",
    },
    "discord_messages": {
        "message_id": "message_id || '-{k}'",
        "channel_id": "channel_id || '-{k}'",
        "author_pseudonym": "author_pseudonym || '~{k}'",
    },
}


def make_demo(directory: Path) -> Path:
    raw = directory / "demo" / "onramp.duckdb"
    raw.parent.mkdir(parents=True)
    run_demo(Paths(config=ROOT / "projects.toml", raw_db=raw), force=True, log=lambda _: None)
    return raw


def make_scaled(demo_raw: Path, directory: Path, scale: int) -> Path:
    """Copy the demo's raw file and replicate its activity rows `scale` times in all (synthetic)."""
    raw = directory / "scaled" / "onramp.duckdb"
    raw.parent.mkdir(parents=True)
    shutil.copy(demo_raw, raw)
    with duckdb.connect(str(raw)) as con:
        for table, shifts in SHIFTS.items():
            con.execute(f"create temp table original as from {table}")  # copy the demo's rows only
            for k in range(1, scale):
                replace = ", ".join(f"{expr.format(k=k)} as {col}" for col, expr in shifts.items())
                con.execute(f"insert into {table} select * replace ({replace}) from original")
            con.execute("drop table original")
        rows = sum(con.execute(f"select count(*) from {t}").fetchone()[0] for t in SHIFTS)
    paths = Paths(config=ROOT / "projects.toml", raw_db=raw)
    result = build(raw, paths.published_db, build_registry(paths))
    print(
        f"synthetic {scale}x warehouse: {rows:,} raw rows, models built in {result.seconds:.1f} s"
    )
    return raw


COUNTER = {"queries": 0}
LAST = {"queries": 0}


def count_queries() -> None:
    """Count the page SQL each render sends (deterministic, unlike seconds on a shared machine)."""
    from dashboard import data

    inner = data._query

    def counted(*args, **kwargs):
        COUNTER["queries"] += 1
        return inner(*args, **kwargs)

    data._query = counted


def render_once(page: str, project: str, *, cold: bool) -> float:
    """One render of `page`, reached from the first page as a reader arrives; seconds."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["project"] = project
    at.run()
    opened = page.endswith("+open")
    if opened:  # open every section first: the measured run draws them all
        at.switch_page(PAGES[page]).run()
        for key in SECTIONS:
            at.session_state[f"section-{key}"] = True
    if cold:
        st.cache_data.clear()
    COUNTER["queries"] = 0
    started = time.perf_counter()
    at.run() if opened else at.switch_page(PAGES[page]).run()
    elapsed = time.perf_counter() - started
    LAST["queries"] = COUNTER["queries"]
    if at.exception:
        raise RuntimeError(f"{page} {project}: {at.exception[0].value}")
    return elapsed


def bench(raw: Path, label: str, repeat: int) -> None:
    os.environ["ONRAMP_DB"] = str(raw)
    st.cache_data.clear()
    st.cache_resource.clear()
    render_once("compare", PROJECTS[0], cold=True)  # imports, first attach
    print(f"\n{label}: seconds per page render ({repeat} runs x {len(PROJECTS)} projects)")
    print(f"{'page':<13} {'cold median':>12} {'cold max':>9} {'warm median':>12} {'queries':>8}")
    for page in PAGES:
        cold, queries = [], []
        for _ in range(repeat):
            for p in PROJECTS:
                cold.append(render_once(page, p, cold=True))
                queries.append(LAST["queries"])
        warm = [render_once(page, p, cold=False) for _ in range(repeat) for p in PROJECTS]
        print(
            f"{page:<13} {statistics.median(cold):>12.3f} {max(cold):>9.3f} "
            f"{statistics.median(warm):>12.3f} {statistics.median(queries):>8.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument(
        "--keep", type=Path, help="build the warehouses here and keep them (reused when there)"
    )
    args = parser.parse_args()
    set_log_level("error")  # AppTest warns about its bare-mode runtime on every run
    directory = args.keep or Path(tempfile.mkdtemp(prefix="onramp-bench-"))
    count_queries()
    try:
        demo, scaled = directory / "demo" / "onramp.duckdb", directory / "scaled" / "onramp.duckdb"
        if not (demo.exists() and scaled.exists()):  # --keep DIR of an earlier run: reuse them
            demo = make_demo(directory)
            scaled = make_scaled(demo, directory, args.scale)
        bench(demo, "demo warehouse", args.repeat)
        bench(scaled, f"synthetic {args.scale}x warehouse", args.repeat)
    finally:
        if args.keep is None:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
