"""The demo's Slack projects show the chat on-ramp from Slack: the Project page's Slack section
has its charts, labelled sample data, beside Discord's; Compare has Slack's key indicator."""

from dashkit import PAGES

from dashboard.sections import SECTIONS

SLACK = next(s for s in SECTIONS if s.key == "slack")
PERIOD = {"from_": "2021-01", "to": "2026-07"}


def test_bigscience_shows_its_slack_section(make_app):
    at = make_app(project="bigscience", **PERIOD).run()
    at.switch_page(PAGES["project"]).run()
    assert not at.exception, at.exception
    headers = [h.value for h in at.header]
    assert headers.index("Slack") == headers.index("Discord") + 1
    infos = " ".join(i.value for i in at.info)
    assert SLACK.how_to_fill not in infos  # neither "not configured" nor "no values"
    titles = " ".join(m.value for m in at.markdown)
    for name in ("Slack messages", "Active Slack members", "Slack thread median time to first"):
        assert f"**{name}" in titles, name


def test_masakhane_has_slack_and_no_discord(make_app):
    at = make_app(project="masakhane", **PERIOD).run()
    at.switch_page(PAGES["project"]).run()
    assert not at.exception, at.exception
    infos = " ".join(i.value for i in at.info)
    # Discord is not configured for Masakhane; Slack is (its sample export was imported)
    assert "`discord_guilds` in projects.toml" in infos
    assert SLACK.how_to_fill not in infos


def test_compare_shows_slack_beside_discord(make_app):
    at = make_app(project="masakhane").run()
    at.switch_page(PAGES["compare"]).run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert "sl_active_members" in table.columns and "dc_active_members" in table.columns
    by_project = table.set_index("project")
    assert by_project.loc["masakhane", "sl_active_members"] > 0
    # the workshop ended in 2022: by the cut-off its sample Slack has faded to silence, a real 0
    assert by_project.loc["bigscience", "sl_active_members"] == 0
