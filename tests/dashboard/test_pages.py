"""Every page for every project of the registry renders in AppTest on the demo warehouse: no
exception, the expected sections, and one chart per indicator or view that has data."""

import json

import pytest
from compare_cells import side_by_side
from dashkit import PAGES, chart_rows, project_ids, published

from core.catalog import load_catalog
from dashboard.sections import SECTIONS

PERIOD = {"from_": "2024-09", "to": "2026-08"}


def _charts(at):
    return at.get("vega_lite_chart")


FIRST_VIEW_CHARTS = 12  # issue 10: the Project page's first view draws at most 12 charts


def _indicators_with_values(con, project: str) -> set[str]:
    return {
        i
        for (i,) in con.execute(
            "select distinct indicator from fct_indicators where project = ? and month between ? "
            "and ? and value is not null and list_contains(?, indicator)",
            [project, "2024-09", "2026-08", list(load_catalog())],
        ).fetchall()
    }


def test_compare_page(make_app):
    at = make_app(project="eleutherai", **PERIOD).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "How do the projects compare?"
    assert not _charts(at)  # the default view is the table; ranks, map and time are views
    table, _ = side_by_side(at)
    assert len(table) == 14  # every project of the registry
    assert (table["name"] == "▶ EleutherAI (Pythia)").sum() == 1  # the sidebar's project
    assert table.loc[table["picked"], "project"].tolist() == ["eleutherai"]


def test_compare_views(make_app):
    at = make_app(project="eleutherai", **PERIOD).run()
    for view, marks in (("Ranks", 1), ("On-ramp map", 0), ("Over time", 1)):
        at.session_state["compare_view"] = view
        at.run()
        assert not at.exception, (view, at.exception)
        assert len(_charts(at)) == marks, view
    spec = json.loads(_charts(at)[0].proto.spec)
    assert spec["facet"]["field"] == "model"  # small multiples by organisational model


def test_any_catalog_indicator_is_selectable(make_app):
    at = make_app(project="eleutherai", **PERIOD).run()
    picker = at.multiselect(key="compare_indicators_Side by side")
    assert set(picker.options) == {
        f"{i.name} ({i.collaboration_type})" for i in load_catalog().values()
    }
    picker.set_value(["gh_inactive_contributors"]).run()
    assert set(side_by_side(at)[0]["gh_inactive_contributors"]) <= {"pending", "—"}


def test_compare_filters_by_organisational_model(make_app):
    at = make_app(**PERIOD).run()
    at.multiselect(key="compare_models").set_value(["research-institute"]).run()
    assert not at.exception
    assert set(side_by_side(at)[0]["organizational_model"]) == {"Research institute"}


@pytest.mark.parametrize("project", project_ids())
def test_project_page(make_app, demo_db, project):
    at = make_app(project=project, **PERIOD).run()
    at.switch_page(PAGES["project"]).run()
    assert not at.exception, at.exception
    assert len(_charts(at)) <= FIRST_VIEW_CHARTS
    assert any(m.value.startswith("<table") for m in at.markdown)  # the on-ramp map heads it
    assert len(at.expander) >= len(SECTIONS)  # one collapsed section per on-ramp
    for section in SECTIONS:
        at.session_state[f"section-{section.key}"] = True
    at.session_state["section-journeys"] = True  # the xp_* cards live there
    at.run()
    assert not at.exception, at.exception
    with published(demo_db) as con:
        present = _indicators_with_values(con, project)
    titles = [m.value for m in at.markdown if m.value.startswith("**")]
    catalog = load_catalog()
    for indicator_id in present:  # every indicator with a value has its card
        assert any(t.startswith(f"**{catalog[indicator_id].name}:") for t in titles), indicator_id
    for chart in _charts(at):  # never a single-dot line
        spec = json.loads(chart.proto.spec)
        layers = spec.get("layer", [spec])
        for layer in layers:
            mark = layer.get("mark", {})
            if (mark.get("type") if isinstance(mark, dict) else mark) == "line":
                assert len(chart_rows(chart, layer)) >= 2


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
                # waiting at the data cut-off, whatever the period (as the digest)
                "select count(*) > 0 from fct_waiting_items where project = ?",
                [project],
            ).fetchone()[0],
            con.execute(
                "select count(*) > 0 from fct_release_activity where project = ? and"
                " strftime(release_day, '%Y-%m') between '2024-09' and '2026-08'",
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


def _csv_keys(at) -> list[str]:
    """The keys of the page's CSV downloads (AppTest has no typed download button; a widget id
    ends with its key)."""
    return [b.proto.id.rsplit("-csv-", 1)[-1] for b in at.get("download_button")]


def test_both_on_ramp_maps_have_an_about_note_and_a_csv(make_app):
    at = make_app(project="eleutherai", **PERIOD).run()
    at.session_state["compare_view"] = "On-ramp map"
    at.run()
    assert not at.exception, at.exception
    assert "onramp-map-across" in _csv_keys(at)
    assert any(m.value.startswith("**The on-ramp map** —") for m in at.markdown)  # about note
    at.switch_page(PAGES["project"]).run()
    assert not at.exception, at.exception
    assert "onramp-map" in _csv_keys(at)
    assert any(m.value.startswith("**The on-ramp map** —") for m in at.markdown)
