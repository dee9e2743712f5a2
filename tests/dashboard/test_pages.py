"""Every page for every project of the registry renders in AppTest on the demo warehouse: no
exception, the expected sections, and one chart per indicator or view that has data."""

import json

import pytest
from dashkit import PAGES, project_ids, published

from core.catalog import load_catalog
from dashboard.sections import SECTIONS

PERIOD = {"from_": "2024-09", "to": "2026-08"}


def _charts(at):
    return at.get("vega_lite_chart")


def _expected_project_charts(con, project: str) -> int:
    """One line per indicator with a value in the period, plus the views that have rows."""
    catalog = list(load_catalog())
    lines = con.execute(
        "select count(distinct indicator) from fct_indicators where project = ? and month "
        "between ? and ?"
        " and value is not null and list_contains(?, indicator)",
        [project, "2024-09", "2026-08", catalog],
    ).fetchone()[0]
    cohorts = con.execute(
        "select count(*) > 0 from fct_cohort_retention where project = ? and cohort between ? "
        "and ?",
        [project, "2024-09", "2026-08"],
    ).fetchone()[0]
    by_month = con.execute(
        "select count(*) > 0 from fct_derivatives where project = ? and strftime(created_at, "
        "'%Y-%m')"
        " between ? and ?",
        [project, "2024-09", "2026-08"],
    ).fetchone()[0]
    tree = con.execute(
        "select count(*) > 0 from fct_derivatives where project = ?", [project]
    ).fetchone()[0]
    journeys = con.execute(
        "select count(*) > 0 from fct_journey_flow where project = ? and cohort between ? and ?",
        [project, "2024-09", "2026-08"],
    ).fetchone()[0]
    # the cohort heat map sits in the upstream section, which shows only when it has an indicator
    return lines + int(cohorts and lines > 0) + int(by_month) + int(tree) + int(journeys)


def test_compare_page(make_app):
    at = make_app(project="eleutherai", **PERIOD).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "How do the projects compare?"
    assert len(_charts(at)) == 1  # the rank heat map; the key-indicator table is a dataframe
    spec = json.loads(_charts(at)[0].proto.spec)
    assert spec["layer"][0]["mark"]["type"] == "rect"
    table = at.dataframe[0].value
    assert len(table) == 14  # every project of the registry
    assert "Derivative models and datasets" not in [h.value for h in at.header]


def test_compare_filters_by_organisational_model(make_app):
    at = make_app(**PERIOD).run()
    at.multiselect(key="compare_models").set_value(["research-institute"]).run()
    assert not at.exception
    assert set(at.dataframe[0].value["organizational_model"]) == {"research-institute"}


@pytest.mark.parametrize("project", project_ids())
def test_project_page(make_app, demo_db, project):
    at = make_app(project=project, **PERIOD).run()
    at.switch_page(PAGES["project"]).run()
    assert not at.exception, at.exception
    headers = [h.value for h in at.header]
    assert headers[: len(SECTIONS)] == [s.title for s in SECTIONS]
    with published(demo_db) as con:
        expected = _expected_project_charts(con, project)
    assert len(_charts(at)) == expected
    # every card has its about note and its CSV button
    assert len(at.expander) >= expected
    assert len(at.get("download_button")) >= expected


@pytest.mark.parametrize("project", project_ids())
def test_dropoff_page(make_app, demo_db, project):
    at = make_app(project=project, **PERIOD).run()
    at.switch_page(PAGES["drop-off"]).run()
    assert not at.exception, at.exception
    assert [h.value for h in at.header] == [
        "Alerts",
        "Who went quiet",
        "Waiting for an answer",
        "After a release",
    ]
    with published(demo_db) as con:
        views = [
            con.execute(
                "select count(*) > 0 from fct_quiet_people where project = ? and last_seen_month"
                " between '2024-09' and '2026-08'",
                [project],
            ).fetchone()[0],
            con.execute(
                "select count(*) > 0 from fct_waiting_items where project = ? and"
                " strftime(opened_at, '%Y-%m') between '2024-09' and '2026-08'",
                [project],
            ).fetchone()[0],
            con.execute(
                "select count(*) > 0 from fct_release_activity where project = ? and"
                " strftime(release_day, '%Y-%m') <= '2026-08'",
                [project],
            ).fetchone()[0],
        ]
    charts = len(_charts(at))
    # the alerts chart shows when an alert exists; the other three when their mart has rows
    assert charts - sum(views) in (0, 1)
    empties = [i.value for i in at.info]
    assert len(empties) == 3 - sum(views)


def test_status_page(make_app):
    at = make_app(project="eleutherai").run()
    at.switch_page(PAGES["status"]).run()
    assert not at.exception, at.exception
    assert [h.value for h in at.header] == [
        "Freshness",
        "Sources not configured",
        "Collection runs",
        "Cursors",
    ]
    assert len(_charts(at)) == 1
    warnings = " ".join(w.value for w in at.warning)
    # the demo registry has Discord guilds for two projects only: the other twelve are told how
    assert "**discord** is off for 12 project(s)" in warnings
    assert (
        "`discord_guilds` in projects.toml" in warnings
        and "`DISCORD_BOT_TOKEN` is not set" in warnings
    )
    assert "demo" in at.dataframe[1].value["source"].tolist()  # the demo load is a collection run
