"""The demo's Slack projects show the chat on-ramp from Slack: the Project page's Slack section
has its charts, labelled sample data, beside Discord's; Compare has Slack's key indicator."""

from compare_cells import side_by_side
from dashkit import PAGES, published

from dashboard.sections import SECTIONS

SLACK = next(s for s in SECTIONS if s.key == "slack")
PERIOD = {"from_": "2021-01", "to": "2026-07"}


def _project_page(make_app, project):
    """The Project page with its Discord and Slack sections opened (they start collapsed)."""
    at = make_app(project=project, **PERIOD).run()
    at.switch_page(PAGES["project"]).run()
    at.session_state["section-discord"] = True
    at.session_state["section-slack"] = True
    at.run()
    assert not at.exception, at.exception
    return at


def test_bigscience_shows_its_slack_section(make_app):
    at = _project_page(make_app, "bigscience")
    titles = [e.label.split("**")[1] for e in at.expander if e.label.startswith("**")]
    assert titles.index("Slack") == titles.index("Discord") + 1
    infos = " ".join(i.value for i in at.info)
    assert SLACK.how_to_fill not in infos  # neither "not configured" nor "no values"
    titles = " ".join(m.value for m in at.markdown)
    for name in ("Slack messages", "Active Slack members", "Slack thread median time to first"):
        assert f"**{name}" in titles, name


def test_masakhane_has_slack_and_no_discord(make_app):
    at = _project_page(make_app, "masakhane")
    infos = " ".join(i.value for i in at.info)
    # Discord is not configured for Masakhane; Slack is (its sample export was imported)
    assert "`discord_guilds` in projects.toml" in infos
    assert SLACK.how_to_fill not in infos


def test_compare_shows_slack_beside_discord(make_app, demo_db):
    at = make_app(project="masakhane").run()
    at.switch_page(PAGES["compare"]).run()
    picker = at.multiselect(key="compare_indicators_Side by side")
    picker.set_value(["dc_active_members", "sl_active_members"]).run()
    assert not at.exception, at.exception
    table, _ = side_by_side(at)
    assert "sl_active_members" in table.columns and "dc_active_members" in table.columns
    by_project = table.set_index("project")
    assert int(by_project.loc["masakhane", "sl_active_members"].replace(",", "")) > 0
    # Compare shows the last complete month; the workshop ended in 2022 and its sample Slack has
    # faded to a member or none a month, and a 0 there is a real 0, shown as one
    with published(demo_db) as con:
        (expected,) = con.execute(
            "select value from fct_indicators, dim_build where project = 'bigscience' "
            "and indicator = 'sl_active_members' and month = headline_month"
        ).fetchone()
    assert by_project.loc["bigscience", "sl_active_members"] == f"{expected:,.0f}"
