"""With no network, `onramp collect` over the shipped 14-project registry, with all four sources
configured (a Discord guild and a Slack channel added to every project) and every token set, ends
within seconds (under 30 s, issues 9 and 23), naming each unreachable host once and summing up
every project and source."""

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
    registry = REGISTRY.read_text(encoding="utf-8")
    assert registry.count("discord_guilds = []") == 14 and "slack_channels" not in registry
    configured = 'discord_guilds = ["81384788765712384"]\nslack_channels = ["C0GENERAL1"]'
    config.write_text(registry.replace("discord_guilds = []", configured), encoding="utf-8")
    command = [*prefix, sys.executable, "-m", "onramp", "collect", "--no-progress",
               "--config", str(config), "--db", str(tmp_path / "raw.duckdb")]  # fmt: skip
    started = time.monotonic()
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path, check=False
    )
    return done.returncode, done.stderr, time.monotonic() - started


def base_env() -> dict:
    """Every source's token set, the real endpoints unless a test points one elsewhere."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GITHUB_", "HF_", "DISCORD_", "SLACK_", "ONRAMP_"))
    }
    env["PYTHONPATH"] = str(ROOT)
    env["HF_HOME"] = env.get("HF_HOME", "/tmp/onramp-test-hf-home")
    env.update(GITHUB_TOKEN="ghp_offline_test", HF_TOKEN="hf_offline_test",
               DISCORD_BOT_TOKEN="discord.offline.test", SLACK_BOT_TOKEN="xoxb-offline-test",
               ONRAMP_PSEUDONYM_KEY="offline-test-key-0123456789abcdef")  # fmt: skip
    return env


def check(code: int, err: str, seconds: float, hosts: dict[str, str]) -> None:
    assert seconds < LIMIT, err
    assert code == 1  # failed runs: a schedule must see it
    assert "Traceback" not in err
    cut = err.index("\nproject ")
    log, summary = err[:cut], err[cut + 1 :].splitlines()
    for source, host in hosts.items():  # one line per source, naming its host
        assert log.count(f"{source}: {host} unreachable") == 1, err
        assert sum(f" {source} " in line and " failed " in line for line in summary) == 1, err
    assert "rate limit" not in err.lower()
    assert summary[0].split() == HEADER
    assert len(summary) == 1 + 14 * len(SOURCES)  # every project × source
    assert sum("not tried: " in line for line in summary) == len(SOURCES) * 13
    for token in ("ghp_offline_test", "hf_offline_test", "discord.offline.test", "xoxb-offline"):
        assert token not in err


def test_unreachable_endpoints(tmp_path):
    """GitHub and Discord on closed local ports (refused), the Hub and Slack on names that never
    resolve."""
    github, discord = closed_port(), closed_port()
    env = {**base_env(), "GITHUB_API_URL": f"http://127.0.0.1:{github}",
           "HF_ENDPOINT": "http://onramp-offline.invalid",
           "DISCORD_API_BASE": f"http://127.0.0.1:{discord}/api/v10",
           "SLACK_API_BASE": "http://slack-offline.invalid/api"}  # fmt: skip
    code, err, seconds = collect(tmp_path, env)
    check(code, err, seconds, {"github": f"127.0.0.1:{github}", "hub": "onramp-offline.invalid",
                               "discord": f"127.0.0.1:{discord}",
                               "slack": "slack-offline.invalid"})  # fmt: skip
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
    check(code, err, seconds, {"github": "api.github.com", "hub": "huggingface.co",
                               "discord": "discord.com", "slack": "slack.com"})  # fmt: skip
    print(f"offline collect, unshare -n: {seconds:.1f} s")
