"""A warehouse where sources are missing: each empty section says which setting would fill it."""

from datetime import UTC, datetime

import pytest
import streamlit as st
from dashkit import APP, PAGES
from streamlit.testing.v1 import AppTest

from dashboard.sections import OTHER, SECTIONS

from sqlkit import build_over, project


@pytest.fixture
def sparse_app(tmp_path, monkeypatch):
    """Project `p` has one GitHub repository with one issue; project `bare` configures nothing."""
    issue = {
        "id": 1,
        "repo": "o/r",
        "number": 1,
        "is_pull_request": False,
        "author_login": "ann",
        "author_type": "User",
        "created_at": datetime(2025, 3, 2, tzinfo=UTC),
        "state": "open",
        "provenance": "api",
    }
    build_over(
        tmp_path,
        {"github_issues": [issue]},
        [project("p", github_repos=["o/r"]), project("bare")],
        publish=True,
    ).close()
    monkeypatch.setenv("ONRAMP_DB", str(tmp_path / "raw.duckdb"))
    st.cache_data.clear()
    st.cache_resource.clear()

    def make(project_id: str, page: str) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.query_params["project"] = project_id
        at.run()
        at.switch_page(PAGES[page]).run()
        if page == "project":  # open every on-ramp section: each says how to fill it
            for section in (*SECTIONS, OTHER):
                at.session_state[f"section-{section.key}"] = True
            at.run()
        return at

    return make


def _infos(at) -> str:
    return "\n".join(i.value for i in at.info)


def test_project_with_github_only(sparse_app):
    at = sparse_app("p", "project")
    assert not at.exception, at.exception
    infos = _infos(at)
    assert (
        "Not configured for P: add the project's Hub users or organisations to `hub_authors`"
        in infos
    )
    assert "`hub_benchmark_datasets` in projects.toml" in infos
    assert (
        "add the guild ids to `discord_guilds` in projects.toml and set `DISCORD_BOT_TOKEN`"
        in infos
    )
    # the issue makes ann active in March 2025: upstream has lines, and the cohort heat map
    assert at.get("vega_lite_chart")


def test_bare_project_says_what_to_configure_everywhere(sparse_app):
    at = sparse_app("bare", "project")
    assert not at.exception, at.exception
    assert not at.get("vega_lite_chart")
    infos = _infos(at)
    assert "`github_repos` in projects.toml" in infos and "`hub_authors`" in infos
    assert infos.count("Not configured for Bare") == 6  # every section, Slack included


def test_drop_off_without_data(sparse_app):
    at = sparse_app("bare", "drop-off")
    assert not at.exception, at.exception
    infos = _infos(at)
    assert "Nothing is waiting for a first answer at the data cut-off" in infos
    assert (
        "GitHub releases (collected with `github_repos`) and new models under `hub_authors`"
        in infos
    )


def test_status_lists_what_is_off(sparse_app):
    at = sparse_app("p", "status")
    assert not at.exception, at.exception
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("**github** is off for 1 project(s): Bare") for w in warnings)
    assert any(
        "**discord** is off for 2 project(s)" in w and "DISCORD_BOT_TOKEN" in w for w in warnings
    )
    assert "No cursor saved yet" in _infos(at)


def test_a_warehouse_without_activity_says_what_to_run(tmp_path, monkeypatch):
    build_over(tmp_path, {}, [project("p", github_repos=["o/r"])], publish=True).close()
    monkeypatch.setenv("ONRAMP_DB", str(tmp_path / "raw.duckdb"))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, at.exception
    assert "run `onramp collect` then `onramp build`" in _infos(at)


def test_nothing_published_yet(tmp_path, monkeypatch):
    monkeypatch.setenv("ONRAMP_DB", str(tmp_path / "raw.duckdb"))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, at.exception
    assert "No published warehouse" in _infos(at) and "make demo" in _infos(at)
