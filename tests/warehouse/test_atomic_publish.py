"""A reader polling the published file while builds run sees no error and no partial data."""

import json
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta

from core.registry import Registry
from warehouse.build import build
from warehouse.db import connect
from warehouse.upsert import upsert

from sqlkit import project

READER = textwrap.dedent(
    """
    import json, sys, time, duckdb
    from pathlib import Path
    path, stop = sys.argv[1], Path(sys.argv[2])
    seen, errors, reads = set(), [], 0
    while not stop.exists() or reads == 0:
        reads += 1
        con = duckdb.connect()  # like the dashboard: a fresh in-memory instance, attach read-only
        try:
            con.execute(f"attach '{path}' as wh (read_only)")
            total = con.execute(
                "select sum(value) from wh.fct_indicators "
                "where indicator = 'gh_active_contributors'"
            ).fetchall()[0][0]
            seen.add(int(total))
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            con.close()
    print(json.dumps({"seen": sorted(seen), "errors": errors[:3], "error_count": len(errors),
                      "reads": reads}))
    """
)


def _raw(path, people: int):
    rows = [
        {
            "repo": "o/r",
            "sha": f"{i}",
            "author_login": f"dev{i}",
            "provenance": "api",
            "authored_at": datetime(2024, 1, 1, tzinfo=UTC) + timedelta(hours=i),
        }
        for i in range(people)
    ]
    with connect(path) as con:
        upsert(con, "github_commits", rows)


def test_reader_sees_whole_builds_only(tmp_path):
    small, large = tmp_path / "small.duckdb", tmp_path / "large.duckdb"
    _raw(small, 3)
    _raw(large, 40)
    registry = Registry(tmp_path / "projects.toml", (project(github_repos=["o/r"]),))
    published = tmp_path / "wh.published.duckdb"
    build(small, published, registry)
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(published), str(stop)], stdout=subprocess.PIPE, text=True
    )
    # a fixed number of builds, not a time budget: a busy machine makes fewer builds in 6 s
    for builds in range(6):
        build(large if builds % 2 else small, published, registry)
    stop.touch()
    result = json.loads(reader.communicate(timeout=60)[0])
    assert result["error_count"] == 0, result["errors"]
    # every read saw one whole build: 3 people (small) or 40 people (large), nothing in between
    assert set(result["seen"]) <= {3, 40} and result["seen"], result
