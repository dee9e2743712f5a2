"""The wheel carries everything `onramp demo` needs: installed (not editable) into a fresh
virtualenv and run from an empty directory, it builds the demo and answers `onramp metrics`.

Offline: the wheel is built without build isolation, and the fresh environment borrows this one's
dependencies through a path entry (which, unlike a site directory, runs none of its .pth files, so
the editable checkout stays out of sight). `scripts/check_wheel.sh` does the same with a real
dependency install, in CI.
"""

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = (
    "sql/marts/fct_indicators.sql",
    "sql/staging/stg_github__issues.sql",
    "warehouse/schema/core.sql",
    "core/catalog/github.toml",
    "dashboard/app.py",
    "dashboard/views/project.py",
    "digest/compose.py",
    "onramp/demo/data/manifest.json",
    "onramp/demo/data/projects.toml",
    "onramp/demo/data/github_commits.parquet",
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    return next(out.glob("onramp-*.whl"))


def test_the_wheel_carries_the_models_schema_catalog_dashboard_and_snapshot(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert [path for path in SHIPPED if path not in names] == []


def test_installed_wheel_runs_the_demo_from_an_empty_directory(wheel, tmp_path):
    venv = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    purelib = "import sysconfig; print(sysconfig.get_path('purelib'))"
    site = Path(subprocess.check_output([str(python), "-c", purelib], text=True).strip())
    (site / "borrowed_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONRAMP_")}
    env.pop("PYTHONPATH", None)

    def onramp(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(venv / "bin" / "onramp"), *args], cwd=empty, env=env, capture_output=True,
            text=True, timeout=240,
        )  # fmt: skip

    where = subprocess.check_output(
        [str(python), "-c", "import onramp, sql, core; print(onramp.__file__, sql.__file__)"],
        cwd=empty, env=env, text=True,
    )  # fmt: skip
    assert all(path.startswith(str(site)) for path in where.split()), where
    demo = onramp("demo", "--no-serve")
    assert demo.returncode == 0, demo.stderr
    metrics = onramp("metrics", "--project", "eleutherai", "--format", "json")
    assert metrics.returncode == 0, metrics.stderr
    rows = json.loads(metrics.stdout)
    assert {r["project"] for r in rows} == {"eleutherai"}
    assert any(r["indicator"] == "contributor_absence_factor" for r in rows)
    assert (empty / "data" / "onramp.published.duckdb").exists()
