"""With no network, `onramp collect` over the shipped 14-project registry ends within seconds
(under 30 s), naming the unreachable hosts once and summing up every project and source."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from onramp.orchestrator import SOURCES

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "projects.toml"
LIMIT = 30.0  # seconds (issue 9, Must show)
HEADER = ["project", "source", "status", "rows", "skipped", "calls", "error"]


def closed_port() -> int:
    """A local port nothing listens on: connecting is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def collect(tmp_path: Path, env: dict, prefix: tuple[str, ...] = ()) -> tuple[int, str, float]:
    config = tmp_path / "projects.toml"
    shutil.copy(REGISTRY, config)
    command = [*prefix, sys.executable, "-m", "onramp", "collect", "--no-progress",
               "--config", str(config), "--db", str(tmp_path / "raw.duckdb")]  # fmt: skip
    started = time.monotonic()
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path, check=False
    )
    return done.returncode, done.stderr, time.monotonic() - started


def base_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "HF_", "DISCORD_"))}
    env["PYTHONPATH"] = str(ROOT)
    env["HF_HOME"] = env.get("HF_HOME", "/tmp/onramp-test-hf-home")
    return env


def check(code: int, err: str, seconds: float, github_host: str, hub_host: str) -> None:
    assert seconds < LIMIT, err
    assert code == 1  # failed runs: a schedule must see it
    assert "Traceback" not in err
    cut = err.index("\nproject ")
    log, summary = err[:cut], err[cut + 1 :].splitlines()
    assert log.count(f"github: {github_host} unreachable") == 1, err  # one line per source
    assert log.count(f"hub: {hub_host} unreachable") == 1, err
    assert "rate limit" not in err.lower()
    assert summary[0].split() == HEADER
    assert len(summary) == 1 + 14 * len(SOURCES)  # every project × source
    assert sum(" github " in line and " failed " in line for line in summary) == 1
    assert sum("not tried: " in line for line in summary) == 2 * 13


def test_unreachable_endpoints(tmp_path):
    """GitHub on a closed local port (refused), the Hub on a name that never resolves."""
    port = closed_port()
    env = {**base_env(), "GITHUB_API_URL": f"http://127.0.0.1:{port}",
           "HF_ENDPOINT": "http://onramp-offline.invalid"}  # fmt: skip
    code, err, seconds = collect(tmp_path, env)
    check(code, err, seconds, f"127.0.0.1:{port}", "onramp-offline.invalid")
    assert "connection refused" in err and "DNS failure" in err
    print(f"offline collect, unreachable endpoints: {seconds:.1f} s")


def _no_network_namespace() -> bool:
    if not shutil.which("unshare"):
        return False
    return (
        subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False).returncode == 0
    )


@pytest.mark.skipif(not _no_network_namespace(), reason="unshare -n is not allowed here")
def test_no_network_at_all(tmp_path):
    """The real endpoints, in a network namespace with no interface but loopback."""
    code, err, seconds = collect(tmp_path, base_env(), prefix=("unshare", "-n"))
    check(code, err, seconds, "api.github.com", "huggingface.co")
    print(f"offline collect, unshare -n: {seconds:.1f} s")
