"""The webhook URL is a secret: it never appears in output, errors or logs (urllib3's debug lines
included), whether the post succeeds, is retried or fails."""

import logging

import pytest

from onramp.cli import main

from fakes.webhook_server import DISCORD_TOKEN, SLACK_SECRET, WebhookServer


@pytest.fixture
def fake():
    with WebhookServer() as server:
        yield server


@pytest.fixture(autouse=True)
def _no_sleep(monkeypatch):
    monkeypatch.setattr("time.sleep", lambda s: None)


def _run(capsys, caplog, raw_db, *args):
    caplog.set_level(logging.DEBUG)
    capsys.readouterr()
    code = main(["digest", "--db", str(raw_db), "--project", "p", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err + caplog.text


def _assert_clean(text, *urls):
    for secret in (DISCORD_TOKEN, SLACK_SECRET, *urls):
        assert secret not in text
    assert "/api/webhooks/112233445566778899" not in text and "/services/T0001" not in text


@pytest.mark.parametrize("kind", ["discord", "slack"])
def test_a_post_that_is_retried_and_succeeds_shows_no_secret(
    capsys, caplog, monkeypatch, raw_db, fake, kind
):
    url = fake.discord_url if kind == "discord" else fake.slack_url
    monkeypatch.setenv("ONRAMP_DIGEST_WEBHOOK_P", url)
    fake.fail_next(kind, 429, retry_after=0)
    fake.fail_next(kind, 502)
    code, text = _run(capsys, caplog, raw_db, "--post")
    assert code == 0, text
    assert "posted to" in text and "ONRAMP_DIGEST_WEBHOOK_P" in text
    assert "retrying" in text and "urllib3" in caplog.text  # the debug lines were there, masked
    _assert_clean(text, url)


def test_a_post_that_fails_names_the_project_and_no_secret(
    capsys, caplog, monkeypatch, raw_db, fake
):
    monkeypatch.setenv("ONRAMP_DIGEST_WEBHOOK", fake.discord_url)
    for _ in range(5):
        fake.fail_next("discord", 500)
    code, text = _run(capsys, caplog, raw_db, "--post")
    assert code == 1
    assert "digest post failed for p" in text and "HTTP 500" in text
    assert "Traceback" not in text
    _assert_clean(text, fake.discord_url)


def test_a_url_of_no_known_kind_is_refused_without_showing_it(capsys, caplog, monkeypatch, raw_db):
    url = "https://example.org/hooks/s3cr3t-t0ken-value"
    monkeypatch.setenv("ONRAMP_DIGEST_WEBHOOK", url)
    code, text = _run(capsys, caplog, raw_db, "--post")
    assert code == 1
    assert "ONRAMP_DIGEST_WEBHOOK: not a Discord" in text
    assert "s3cr3t" not in text and "example.org" not in text


def test_an_unreachable_receiver_shows_no_secret(capsys, caplog, monkeypatch, raw_db):
    with WebhookServer() as gone:
        url = gone.slack_url
    monkeypatch.setenv("ONRAMP_DIGEST_WEBHOOK", url)
    code, text = _run(capsys, caplog, raw_db, "--post", "--format", "json")
    assert code == 1 and "unreachable: connection refused" in text  # the one retry policy
    _assert_clean(text, url)


def test_redact_masks_every_digest_webhook(monkeypatch):
    from core.redact import redact

    monkeypatch.setenv(
        "ONRAMP_DIGEST_WEBHOOK_META_LLAMA", "https://hooks.slack.com/services/T/B/zz9"
    )
    assert redact("failed: https://hooks.slack.com/services/T/B/zz9 (x)") == "failed: *** (x)"
