import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch, tmp_path):
    """No test reads the developer's tokens, .env, config or warehouse, or reaches the network."""
    for name in (
        "GITHUB_TOKEN",
        "HF_TOKEN",
        "DISCORD_BOT_TOKEN",
        "SLACK_BOT_TOKEN",
        "SLACK_API_BASE",
        "ONRAMP_PSEUDONYM_KEY",
        "ONRAMP_CONFIG",
        "ONRAMP_DB",
        "ONRAMP_PUBLISHED",
        "GITHUB_API_URL",
        "HF_ENDPOINT",
        "DISCORD_API_BASE",
        "ONRAMP_DASHBOARD_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    for name in [n for n in os.environ if n.startswith("ONRAMP_DIGEST_WEBHOOK")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.setenv("TZ", os.environ.get("ONRAMP_TEST_TZ", "America/Sao_Paulo"))
