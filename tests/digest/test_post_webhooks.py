"""`digest --post` against a local fake of Discord's and Slack's incoming webhooks
(tests/fakes/webhook_server.py): the whole digest arrives within each platform's limits, 429s
wait as long as Retry-After says, 5xx and dropped connections are retried a bounded number of times
under the collectors' retry policy (core.retry), an unreachable receiver and other errors not."""

from urllib.parse import urlsplit

import pytest
import urllib3

from digest import discord_messages, slack_blocks
from digest.compose import compose
from digest.markdown import render_line
from digest.outline import outline
from digest.webhook import ATTEMPTS, MAX_WAIT, PostError, Webhook, kind_of, post, webhook_for

from fakes.webhook_server import CONTENT_LIMIT, WebhookServer


@pytest.fixture
def fake():
    with WebhookServer() as server:
        yield server


@pytest.fixture(scope="module")
def week(marts):
    return compose(marts, "p", "7d")


@pytest.fixture(scope="module")
def big(marts):
    """The week with every list padded far past one message, as a busy project's would be."""
    digest = compose(marts, "p", "7d")
    row = digest["waiting"][0]
    digest["waiting"] = [dict(row, title=f"{'x' * 110} {i}") for i in range(60)]
    digest["newcomers"] = [dict(digest["newcomers"][0], name=f"n{i}") for i in range(60)]
    digest["counts"].update(waiting=60, newcomers=60)
    return digest


def _hook(url):
    return Webhook("ONRAMP_DIGEST_WEBHOOK", url, kind_of(url))


def _delivered_lines(fake, kind):
    if kind == "discord":
        return "\n".join(p["content"] for k, p in fake.delivered if k == kind)
    return "\n".join(b["text"]["text"] for k, p in fake.delivered if k == kind for b in p["blocks"])


def test_the_kind_comes_from_the_path_whatever_the_host():
    assert kind_of("https://discord.com/api/webhooks/1/abc") == "discord"
    assert kind_of("https://proxy.internal/api/webhooks/1/abc") == "discord"
    assert kind_of("https://discord.com/api/v10/webhooks/1/abc?thread_id=2") == "discord"
    assert kind_of("https://hooks.slack.com/services/T/B/x") == "slack"
    assert kind_of("https://example.org/hooks/x") is None


def test_a_project_webhook_wins_over_the_shared_one():
    env = {
        "ONRAMP_DIGEST_WEBHOOK": "https://hooks.slack.com/services/T/B/shared",
        "ONRAMP_DIGEST_WEBHOOK_META_LLAMA": "https://discord.com/api/webhooks/1/own",
    }
    assert webhook_for("meta-llama", env).variable == "ONRAMP_DIGEST_WEBHOOK_META_LLAMA"
    assert webhook_for("meta-llama", env).kind == "discord"
    assert webhook_for("p", env).variable == "ONRAMP_DIGEST_WEBHOOK"


def test_discord_receives_the_whole_digest_in_messages_of_2000_characters(fake, big):
    payloads = discord_messages.messages(big)
    assert len(payloads) > 3
    assert post(_hook(fake.discord_url), payloads) == len(payloads)
    assert all(r.status == 200 and r.query == {"wait": ["true"]} for r in fake.requests)
    assert all(len(p["content"]) <= CONTENT_LIMIT for _, p in fake.delivered)
    text = _delivered_lines(fake, "discord")
    for section in outline(big).sections:  # every line of the digest arrived, in order
        for item in section.items:
            assert render_line(item) in text
    assert text.index("n59") < text.index("x" * 110 + " 59")


def test_slack_receives_the_whole_digest_in_blocks_within_limits(fake, big):
    payloads = slack_blocks.messages(big)
    assert post(_hook(fake.slack_url), payloads) == len(payloads)
    assert [r.status for r in fake.requests] == [200] * len(payloads)
    for _, payload in fake.delivered:
        assert payload["text"] and len(payload["blocks"]) <= 50
        assert all(len(b["text"]["text"]) <= 3000 for b in payload["blocks"])
    text = _delivered_lines(fake, "slack")
    assert all(f"{'x' * 110} {i}" in text for i in range(60))
    assert all(f"|n{i}>" in text for i in range(60))


def test_one_message_each_for_the_hand_built_week(fake, week):
    assert post(_hook(fake.discord_url), discord_messages.messages(week)) == 1
    assert post(_hook(fake.slack_url), slack_blocks.messages(week)) == 1
    assert [k for k, _ in fake.delivered] == ["discord", "slack"]


@pytest.mark.parametrize("kind", ["discord", "slack"])
def test_a_429_waits_as_long_as_retry_after_says(fake, week, kind):
    fake.fail_next(kind, 429, retry_after=2.5)
    fake.fail_next(kind, 429, retry_after=7)
    waits = []
    url = fake.discord_url if kind == "discord" else fake.slack_url
    payloads = (discord_messages if kind == "discord" else slack_blocks).messages(week)
    assert post(_hook(url), payloads, sleep=waits.append) == 3
    assert waits == [2.5, 7]
    assert [r.status for r in fake.requests] == [429, 429, 200]


def test_discord_retry_after_in_the_body_serves_without_the_header(fake, week):
    fake.fail_next("discord", 429, retry_after=1.25, header=False)
    waits = []
    post(_hook(fake.discord_url), discord_messages.messages(week), sleep=waits.append)
    assert waits == [1.25]


def test_a_retry_after_beyond_the_ceiling_fails_at_once(fake, week):
    fake.fail_next("slack", 429, retry_after=MAX_WAIT + 1)
    with pytest.raises(PostError, match=r"HTTP 429, rate limited; waiting 61 s would exceed the "
                       r"ceiling of 60 s"):  # fmt: skip
        post(_hook(fake.slack_url), slack_blocks.messages(week), sleep=pytest.fail)
    assert len(fake.requests) == 1


@pytest.mark.parametrize("kind", ["discord", "slack"])
def test_5xx_is_retried_with_growing_back_off_then_gives_up(fake, week, kind):
    for _ in range(ATTEMPTS):
        fake.fail_next(kind, 503)
    waits = []
    url = fake.discord_url if kind == "discord" else fake.slack_url
    payloads = (discord_messages if kind == "discord" else slack_blocks).messages(week)
    with pytest.raises(PostError, match=r"message 1 of 1: HTTP 503.*5 attempts"):
        post(_hook(url), payloads, sleep=waits.append)
    assert len(fake.requests) == ATTEMPTS
    assert waits == [1.0, 2.0, 4.0, 8.0]


def test_a_5xx_then_success_delivers_once(fake, week):
    fake.fail_next("discord", 500)
    waits = []
    post(_hook(fake.discord_url), discord_messages.messages(week), sleep=waits.append)
    assert waits == [1.0] and len(fake.delivered) == 1


def test_a_client_error_is_not_retried_and_says_what_the_platform_said(fake, week):
    payload = {"text": "", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": ""}}]}
    with pytest.raises(PostError, match="HTTP 400 invalid_blocks"):
        post(_hook(fake.slack_url), [payload], sleep=pytest.fail)
    too_long = [{"content": "x" * (CONTENT_LIMIT + 1), "allowed_mentions": {"parse": []}}]
    with pytest.raises(PostError, match="Discord error 50035: Invalid Form Body"):
        post(_hook(fake.discord_url), too_long, sleep=pytest.fail)
    assert len(fake.requests) == 2


def test_a_dead_receiver_is_named_unreachable_and_not_retried(week):
    """Nothing listens (connection refused): the one retry policy stops at once, as for a
    collector's host, naming the variable, never the URL's secret path."""
    with WebhookServer() as gone:
        url = gone.discord_url
    waits = []
    with pytest.raises(PostError) as caught:
        post(_hook(url), discord_messages.messages(week), sleep=waits.append)
    assert "ONRAMP_DIGEST_WEBHOOK: 127.0.0.1 unreachable: connection refused (message 1 of" in str(
        caught.value
    )
    assert urlsplit(url).path not in str(caught.value)
    assert waits == []


class _Dropping:
    """A transport whose first answers are dropped connections (a mock: a server adds nothing)."""

    def __init__(self, drops: int):
        self.drops, self.calls = drops, 0

    def request(self, method, url, **kwargs):
        self.calls += 1
        if self.calls <= self.drops:
            raise urllib3.exceptions.ProtocolError(
                "Connection aborted.", ConnectionResetError(104, "Connection reset by peer")
            )
        return urllib3.response.HTTPResponse(body=b"", status=204)


def test_a_dropped_connection_is_retried_with_back_off_then_reported(week):
    waits, lines = [], []
    dropping = _Dropping(drops=ATTEMPTS)
    with pytest.raises(PostError, match=r"message 1 of \d+: connection dropped; gave up after 5"):
        post(_hook("https://discord.com/api/webhooks/1/secret"), discord_messages.messages(week),
             http=dropping, sleep=waits.append, log=lines.append)  # fmt: skip
    assert dropping.calls == ATTEMPTS and waits == [1.0, 2.0, 4.0, 8.0]
    assert all("secret" not in line for line in lines) and len(lines) == ATTEMPTS - 1
    again = _Dropping(drops=1)
    assert post(_hook("https://discord.com/api/webhooks/1/secret"), [{"content": "x"}],
                http=again, sleep=waits.append) == 2  # fmt: skip
