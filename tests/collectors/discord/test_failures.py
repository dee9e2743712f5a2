"""Skips, rate limits and errors: one line each, naming project, guild and channel; no token."""

from core.registry import Project
from warehouse.db import connect

from discordkit import _warnings, collect, small_guild


def test_no_token_skips_with_one_line(tmp_path, discord_env, monkeypatch):
    sg = small_guild()
    discord_env(sg.fake)
    monkeypatch.delenv("DISCORD_BOT_TOKEN")
    outcome = collect(tmp_path / "w.duckdb", sg.project)
    assert (outcome.status, outcome.message) == ("skipped", "DISCORD_BOT_TOKEN is not set")
    assert sum(sg.fake.calls.values()) == 0
    assert not (tmp_path / "keys" / "pseudonym.key").exists()  # nothing to pseudonymise yet


def test_project_without_guilds_is_skipped(tmp_path, discord_env):
    discord_env(small_guild().fake)
    outcome = collect(
        tmp_path / "w.duckdb", Project(id="q", name="Q", organizational_model="company")
    )
    assert (outcome.status, outcome.message) == (
        "skipped",
        "no discord_guilds configured for this project",
    )


def test_refused_token_fails_without_echoing_it(tmp_path, discord_env, monkeypatch):
    sg = small_guild()
    discord_env(sg.fake)
    monkeypatch.setenv("DISCORD_BOT_TOKEN", "not-the-right-token-123456")
    outcome = collect(tmp_path / "w.duckdb", sg.project)
    assert outcome.status == "failed"
    assert "token was refused (401)" in outcome.message
    assert "not-the-right-token" not in outcome.message and "\n" not in outcome.message


def test_short_429_is_waited_out(tmp_path, discord_env):
    sg = small_guild()
    for kind in ("guild", "archived", "history"):
        sg.fake.throttle_once[kind] = 0.02
    discord_env(sg.fake)
    outcome = collect(tmp_path / "w.duckdb", sg.project, max_wait=5)
    assert outcome.status == "ok", outcome.message
    with connect(tmp_path / "w.duckdb") as con:
        assert con.execute("select count(*) from discord_messages").fetchone()[0] == 11


def test_429_longer_than_max_wait_fails_naming_the_channel(tmp_path, discord_env):
    sg = small_guild()
    sg.fake.throttle_once["history"] = 120.0
    discord_env(sg.fake)
    outcome = collect(tmp_path / "w.duckdb", sg.project, max_wait=1)
    assert outcome.status == "failed"
    first_stream = sg.general  # streams are read channel by channel; #general comes first
    assert outcome.message == (
        f"RateLimitWaitTooLong: p discord guild {sg.guild_id} channel {first_stream}: "
        "rate limited for 120 s, longer than --max-wait 1 s"
    )


def test_preemptive_bucket_waits_follow_the_headers(tmp_path, discord_env):
    sg = small_guild()
    sg.fake.rate_limit, sg.fake.rate_window = 2, 0.02  # two requests per bucket per 20 ms
    discord_env(sg.fake)
    outcome = collect(tmp_path / "w.duckdb", sg.project)
    assert outcome.status == "ok"
    assert sg.fake.calls["unknown"] == 0


def test_forbidden_channel_is_skipped_and_reported(tmp_path, discord_env):
    sg = small_guild()
    sg.fake.forbidden.add(sg.news)
    discord_env(sg.fake)
    _warnings.clear()
    outcome = collect(tmp_path / "w.duckdb", sg.project)
    assert outcome.status == "ok"
    assert [w for w in _warnings if "discord guild" in w] == [
        f"p discord guild {sg.guild_id} channel {sg.news}: HTTP 403 Missing Access, skipped"
    ]
    with connect(tmp_path / "w.duckdb") as con:
        assert con.execute("select count(*) from discord_messages").fetchone()[0] == 10
        scopes = {r[0] for r in con.execute("select scope from sync_state").fetchall()}
    assert f"{sg.guild_id}:{sg.news}" not in scopes  # read again next time


def test_unknown_guild_fails_naming_it(tmp_path, discord_env):
    sg = small_guild()
    discord_env(sg.fake)
    project = Project(
        id="p", name="P", organizational_model="company", discord_guilds=("123456789012345678",)
    )
    outcome = collect(tmp_path / "w.duckdb", project)
    assert outcome.status == "failed"
    assert (
        outcome.message
        == "CollectionError: p discord guild 123456789012345678: HTTP 404 Unknown Guild"
    )
