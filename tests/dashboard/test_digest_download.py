"""The Drop-off page offers the week's digest as Markdown: the same text `onramp digest` prints."""

from dashkit import PAGES

from dashboard.components.digest_download import digest_markdown
from onramp.cli import main

PERIOD = {"from_": "2024-09", "to": "2026-08"}


def test_the_dropoff_page_has_the_digest_download(make_app):
    at = make_app(project="eleutherai", **PERIOD).run()
    at.switch_page(PAGES["drop-off"]).run()
    assert not at.exception, at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Weekly digest (Markdown)" in labels


def test_the_download_is_what_the_command_prints(make_app, demo_db, capsys, monkeypatch):
    monkeypatch.setenv("ONRAMP_DASHBOARD_URL", "https://dash.example.org")
    capsys.readouterr()
    assert main(["digest", "--db", str(demo_db), "--project", "eleutherai"]) == 0
    printed = capsys.readouterr().out
    assert digest_markdown("eleutherai") == printed
    assert "https://dash.example.org/drop-off?project=eleutherai" in printed
