"""Pages that tell the truth at a glance (issue 10), in AppTest on the demo warehouse and on a
hand-built one: the partial cut-off month is never a headline, pending is never drawn as 0, an
indicator where every project has the same value is not ranked, no page shows None, nan or a
snake_case header, title counts equal their lists, Data status shows a failed run's error, and the
on-ramp map's cells equal `onramp metrics` for the same month."""

import json
import re

import pytest
import streamlit as st
from dashkit import APP, PAGES, chart_rows, published
from streamlit.testing.v1 import AppTest

from core.catalog import load_catalog
from core.registry import Registry
from dashboard import format as fmt
from onramp.cli import main
from onramp.orchestrator import run_collection
from warehouse.build import build
from warehouse.db import connect

from sqlkit import project

PERIOD = {"from_": "2024-09", "to": "2026-08"}  # runs to the demo's partial cut-off month
HEADLINE, CUTOFF = "Jul 2026", "Aug 2026"


def _texts(at) -> list[str]:
    kinds = ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error")
    return [e.value for kind in kinds for e in getattr(at, kind)]


def _project_page(make_app, project_id="eleutherai", sections=()):
    at = make_app(project=project_id, **PERIOD).run()
    at.switch_page(PAGES["project"]).run()
    for key in sections:
        at.session_state[f"section-{key}"] = True
    if sections:
        at.run()
    assert not at.exception, at.exception
    return at


def _map_lines(at) -> dict[str, str]:
    """The map's cells: indicator name -> the value it shows (the HTML table on the page)."""
    table = next(m.value for m in at.markdown if m.value.startswith("<table"))
    # each name is a link to its section
    return dict(re.findall(r"</span> (?:<a [^>]*>)?([^<:]+)(?:</a>)?: <b>([^<]+)</b>", table))


def test_the_partial_month_is_never_a_headline(make_app):
    at = _project_page(make_app, sections=("upstream", "discord"))
    subheaders = [s.value for s in at.subheader]
    assert any(f"The on-ramp map, {HEADLINE}" in s for s in subheaders), subheaders
    titles = [m.value for m in at.markdown if m.value.startswith("**") and ":" in m.value]
    assert titles and not [t for t in titles if f"in {CUTOFF}" in t]
    compare = make_app(project="eleutherai", **PERIOD).run()
    assert f"as of {HEADLINE}" in compare.caption[0].value
    assert f"{HEADLINE}" in compare.markdown[0].value


def test_the_default_period_ends_with_the_last_complete_month(make_app):
    at = make_app(project="eleutherai").run()
    assert at.session_state["period_to"] == "2026-07"
    last = at.selectbox(key="period_to").options[-1]  # the partial month stays pickable, marked
    assert last.startswith("Aug 2026 (partial, to ") and last.endswith(" Aug)")


def test_pending_is_never_rendered_as_zero(make_app, demo_db):
    at = _project_page(make_app, sections=("upstream",))
    lines = _map_lines(at)
    with published(demo_db) as con:
        pending = con.execute(
            "select indicator from fct_indicators where project = 'eleutherai' and month = "
            "'2026-07' and not final"
        ).fetchall()
    catalog = load_catalog()
    names = {catalog[i].name for (i,) in pending}
    assert "Inactive contributors" in names
    for name in names & set(lines):
        assert lines[name] == "pending", (name, lines[name])
    inactive = next(m.value for m in at.markdown if m.value.startswith("**Inactive contributors:"))
    assert "pending for Jul 2026" in inactive and " 0 people in Jul 2026" not in inactive


def test_the_maps_cells_equal_onramp_metrics_for_the_same_month(make_app, demo_db, capsys):
    at = _project_page(make_app)
    lines = _map_lines(at)
    capsys.readouterr()
    assert main(["metrics", "--db", str(demo_db), "--project", "eleutherai", "--month",
                 "2026-07"]) == 0  # fmt: skip
    records = {r["indicator"]: r for r in json.loads(capsys.readouterr().out)}
    catalog = load_catalog()
    checked = 0
    for indicator_id, record in records.items():
        indicator = catalog[indicator_id]
        if indicator.name not in lines or indicator.shape == "snapshot":
            continue  # snapshot totals show their latest snapshot, from an earlier month
        expected = fmt.with_unit(record["value"], indicator, final=record["final"])
        assert lines[indicator.name] == expected, indicator_id
        checked += 1
    assert checked >= 8


def _rank_data(at) -> list[dict]:
    return chart_rows(at.get("vega_lite_chart")[0])


def test_an_indicator_where_every_project_is_equal_is_not_ranked(make_app):
    at = make_app(project="eleutherai", **PERIOD).run()
    at.session_state["compare_view"] = "Ranks"
    at.run()
    assert not at.exception, at.exception
    rows = _rank_data(at)
    by_indicator: dict[str, list[dict]] = {}
    for row in rows:
        by_indicator.setdefault(row["indicator"], []).append(row)
    flat = [
        i
        for i, cells in by_indicator.items()
        if len({c["value"] for c in cells if c["final"] and c["value"] is not None}) <= 1
    ]
    assert flat, "the demo has indicators where every project is equal"
    for indicator_id in flat:
        assert {c["rank_text"] for c in by_indicator[indicator_id]} <= {"—", "…", "old", "few"}
    zeros = [c for cells in by_indicator.values() for c in cells if c["value"] == 0]
    assert any(c["rank_text"][-1].isdigit() for c in zeros)  # a zero is ranked like any value
    ranked = [c for cells in by_indicator.values() for c in cells if c["rank_text"][-1].isdigit()]
    ties = [c for c in ranked if c["rank_text"].startswith("=")]
    assert ranked and all(c["tied"] > 1 for c in ties)


@pytest.mark.parametrize("path", list(PAGES))
def test_no_none_nan_or_snake_case_header_in_any_page(make_app, path):
    at = make_app(project="eleutherai", **PERIOD).run()
    at.switch_page(PAGES[path]).run()
    assert not at.exception, at.exception
    for text in _texts(at):
        prose = re.sub(r"`[^`]*`|\([^)]*https?://[^)]*\)|<[^>]*>", "", text)
        assert not re.search(r"\bNone\b|\bnan\b", prose), text
    for frame in at.dataframe:
        cells = frame.value.astype(str)
        assert not cells.isin(["None", "nan", "NaN", "<NA>"]).any().any(), path
        assert not [h for h in _headers(frame) if "_" in h], (path, _headers(frame))


def _headers(frame) -> list[str]:
    """The headers a table shows: its column config's labels, else the column names."""
    config = json.loads(frame.proto.columns or "{}")
    shown = list(frame.proto.column_order) or list(frame.value.columns)
    return [config.get(c, {}).get("label", c) for c in shown if not config.get(c, {}).get("hidden")]


def test_title_counts_equal_the_lists(make_app):
    at = make_app(project="eleutherai", **PERIOD).run()
    at.switch_page(PAGES["drop-off"]).run()
    assert not at.exception, at.exception
    titles = [m.value for m in at.markdown if m.value.startswith("**Wh")]
    waiting = next(t for t in titles if t.startswith("**What is still waiting"))
    quiet = next(t for t in titles if t.startswith("**Who went quiet"))
    counts = {
        "waiting": int(re.search(r"\? ([\d,]+) items?", waiting).group(1).replace(",", "")),
        "quiet": int(re.search(r"\? ([\d,]+) (?:people|person)", quiet).group(1).replace(",", "")),
    }
    lengths = sorted(len(f.value) for f in at.dataframe)
    assert counts["waiting"] in lengths and counts["quiet"] in lengths
    assert counts["waiting"] > 21  # the whole list, not the 8 longest of each kind


def test_insiders_are_left_out_of_who_went_quiet_unless_asked(make_app, demo_db):
    at = make_app(project="eleutherai", **PERIOD).run()
    at.switch_page(PAGES["drop-off"]).run()
    quiet = next(f.value for f in at.dataframe if "days_quiet" in f.value)
    assert set(quiet["insider"]) == {"—"}
    at.toggle(key="quiet_insiders_eleutherai").set_value(True).run()
    with_insiders = next(f.value for f in at.dataframe if "days_quiet" in f.value)
    assert len(with_insiders) >= len(quiet)


@pytest.fixture
def failed_warehouse(tmp_path, monkeypatch):
    """A first collection that failed, then `onramp build`: runs recorded, no project data."""
    raw = tmp_path / "onramp.duckdb"

    def collector(project_, ctx):
        raise RuntimeError("GitHub answered 401 Bad credentials for /repos/o/r/issues")
        yield  # a generator, like every collector

    with connect(raw) as con:
        run_collection(con, project(github_repos=["o/r"]), "github", collector, progress=False)
    registry = Registry(path=tmp_path / "projects.toml", projects=(project(github_repos=["o/r"]),))
    build(raw, tmp_path / "onramp.published.duckdb", registry)
    monkeypatch.setenv("ONRAMP_DB", str(raw))
    st.cache_data.clear()
    st.cache_resource.clear()
    return raw


def test_data_status_shows_the_error_after_a_failed_collect_and_build(failed_warehouse):
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, at.exception
    assert "no project data yet" in at.info[0].value  # Compare: nothing to compare
    at.switch_page(PAGES["status"]).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Data status"
    errors = " ".join(e.value for e in at.error)
    assert "1 collection run failed" in errors and "401 Bad credentials" in errors


def test_an_unknown_project_in_a_link_is_reported(make_app):
    at = make_app(project="no-such-project").run()
    assert not at.exception, at.exception
    assert any("project=no-such-project" in w.value for w in at.warning)
