"""Must show: `onramp digest --project eleutherai` on the demo prints a digest whose every number
equals the marts; the Markdown printed is the JSON's, rendered."""

import json

import duckdb
import pytest
from martcheck import check

from digest import slack_blocks
from digest.formats import render
from digest.markdown import render_line
from digest.outline import outline
from onramp.cli import main

from fakes.webhook_server import CONTENT_LIMIT, SECTION_LIMIT, WebhookServer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo():
    from dashkit import demo_warehouse  # the session's demo, shared with the dashboard tests

    return demo_warehouse()


def _cli(capsys, demo, *args):
    capsys.readouterr()
    assert main(["digest", "--db", str(demo), "--project", "eleutherai", *args]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("period", ["7d", "30d", "2025-01-01..2025-03-31"])
def test_eleutherai_digest_equals_the_marts(capsys, demo, period):
    markdown = _cli(capsys, demo, "--period", period)
    digests = json.loads(_cli(capsys, demo, "--period", period, "--format", "json"))
    assert render(digests, "markdown") == markdown
    con = duckdb.connect(str(demo.with_name("onramp.published.duckdb")), read_only=True)
    con.execute("set TimeZone = 'UTC'")
    try:
        checked = check(con, digests[0])
    finally:
        con.close()
    assert checked > 10
    for row in digests[0]["headline"]:
        assert f"{row['value']:,}" in markdown or isinstance(row["value"], float)


@pytest.mark.parametrize("kind", ["discord", "slack"])
def test_the_demo_digests_arrive_whole_within_the_limits(capsys, demo, monkeypatch, kind):
    with WebhookServer() as fake:
        monkeypatch.setenv(
            "ONRAMP_DIGEST_WEBHOOK", fake.discord_url if kind == "discord" else fake.slack_url
        )
        capsys.readouterr()
        args = ["digest", "--db", str(demo), "--period", "30d", "--limit", "200", "--post"]
        assert main([*args, "--format", "json"]) == 0
        digests = json.loads(capsys.readouterr().out)
    assert len(digests) == 14
    assert all(r.status == 200 for r in fake.requests)
    if kind == "discord":
        sent = [p["content"] for _, p in fake.delivered]
        assert max(len(c) for c in sent) <= CONTENT_LIMIT
        text = "\n".join(sent)
        lines = [render_line(i) for d in digests for s in outline(d).sections for i in s.items]
    else:
        blocks = [b for _, p in fake.delivered for b in p["blocks"]]
        assert all(len(p["blocks"]) <= 50 for _, p in fake.delivered)
        assert max(len(b["text"]["text"]) for b in blocks) <= SECTION_LIMIT
        text = "\n".join(b["text"]["text"] for b in blocks)
        lines = [
            slack_blocks.render_line(i)
            for d in digests
            for s in outline(d).sections
            for i in s.items
        ]
    assert len(lines) > 500 and all(line in text for line in lines)
    print(f"{kind}: {len(digests)} digests, {len(lines)} items, {len(fake.delivered)} messages")
