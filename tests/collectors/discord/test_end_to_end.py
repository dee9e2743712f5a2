"""`onramp collect --source discord && onramp build && onramp metrics --format json` against the
fake server, on a generated guild nobody tuned: every pinned Discord indicator is recomputed here
in plain Python, straight from the fake's own state, and must match."""

import json
import statistics
from datetime import timedelta

import pytest

from onramp.cli import main

from fakes.discord_server import FORUM, NEWS, TEXT, FakeDiscord, populate, snowflake_time

DC = (
    "dc_messages",
    "dc_active_members",
    "dc_new_speakers",
    "dc_new_speaker_return_rate",
    "dc_help_ttfr_median_minutes",
)


def expected_indicators(fake: FakeDiscord) -> dict[tuple[str, str], float | None]:
    """DESIGN.md §4 read literally, over the fake's messages."""
    containers = {c for c, p in fake.channels.items() if p["type"] in (TEXT, NEWS, FORUM)}
    threads = {c: p for c, p in fake.channels.items() if "thread_metadata" in p}
    streams = (
        containers | {t for t, p in threads.items() if int(p["parent_id"]) in containers}
    ) - {c for c in containers if fake.channels[c]["type"] == FORUM}
    said = []  # (time, person, stream) of messages people wrote
    for stream in streams:
        for m in fake.messages[stream]:
            if m.type in (0, 19) and not m.author.bot and m.webhook_id is None:
                said.append((snowflake_time(m.id), m.author.id, stream))
    month = lambda t: t.strftime("%Y-%m")  # noqa: E731
    out: dict[tuple[str, str], float | None] = {}
    months = sorted({month(t) for t, _, _ in said})
    every = [
        f"{y:04d}-{m:02d}"
        for y in range(int(months[0][:4]), int(months[-1][:4]) + 1)
        for m in range(1, 13)
    ]
    months = [m for m in every if months[0] <= m <= months[-1]]
    first: dict[int, object] = {}
    for t, who, _ in sorted(said):
        first.setdefault(who, t)
    for m in months:
        here = [(t, who) for t, who, _ in said if month(t) == m]
        new = [who for who, t in first.items() if month(t) == m]
        back = [who for who in new if _returned(who, first[who], said)]
        out[(m, "dc_messages")] = len(here)
        out[(m, "dc_active_members")] = len({who for _, who in here})
        out[(m, "dc_new_speakers")] = len(new)
        out[(m, "dc_new_speaker_return_rate")] = len(back) / len(new) if new else None
        waits = []
        for t_id, thread in threads.items():
            started = snowflake_time(t_id)
            if month(started) != m or t_id not in streams:
                continue
            owner = int(thread["owner_id"])
            replies = [t for t, who, s in said if s == t_id and who != owner and t >= started]
            if replies:
                waits.append((min(replies) - started).total_seconds() / 60)
        out[(m, "dc_help_ttfr_median_minutes")] = statistics.median(waits) if waits else None
    return out


def _returned(who, first_at, said) -> bool:
    return any(
        w == who and timedelta(days=7) <= t - first_at <= timedelta(days=30) for t, w, _ in said
    )


@pytest.mark.parametrize("seed", [7])
def test_collect_build_metrics_match_an_independent_count(tmp_path, monkeypatch, capsys, seed):
    fake = FakeDiscord()
    guild = populate(fake, seed=seed, channels=6, threads=30, messages=3000, people=60, days=100)
    from fakes.discord_server import DiscordServer

    monkeypatch.chdir(tmp_path)  # default paths: data/onramp.duckdb, data/pseudonym.key
    (tmp_path / "projects.toml").write_text(
        '[[project]]\nid = "gen"\nname = "Generated"\n'
        'organizational_model = "nonprofit-grassroots"\n'
        f'discord_guilds = ["{guild}"]\n'
    )
    monkeypatch.setenv("DISCORD_BOT_TOKEN", fake.token)
    with DiscordServer(fake) as server:
        monkeypatch.setenv("DISCORD_API_BASE", server.base_url)
        assert main(["collect", "--source", "discord", "--no-progress"]) == 0
    assert main(["build"]) == 0
    capsys.readouterr()
    assert main(["metrics", "--format", "json", "--project", "gen"]) == 0
    rows = json.loads(capsys.readouterr().out)
    got = {(r["month"], r["indicator"]): r["value"] for r in rows if r["indicator"] in DC}
    want = expected_indicators(fake)
    assert set(got) == set(want)
    for key, value in want.items():
        assert got[key] == (pytest.approx(value, abs=1e-5) if value is not None else None), key
    assert (tmp_path / "data" / "pseudonym.key").stat().st_mode & 0o777 == 0o600
    assert (
        len({m for m, _ in want}) == 4 and sum(1 for v in want.values() if v) >= 15
    )  # not trivial
