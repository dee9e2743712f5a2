"""The Languages card and the map's language and Spaces cells (issue 26): on a hand-built
warehouse the card lists the languages the community added, newest first, with the month each
first appeared and its derivatives, newest first; on the demo (whose bundled Hub snapshot carries
no cards, language tags or Spaces) the card and both cells say "not collected in the demo",
never 0 and never an empty list."""

import re

import pytest
import streamlit as st
from dashkit import APP, PAGES
from languagerows import rows
from streamlit.testing.v1 import AppTest

from core.catalog import load_catalog
from dashboard.components import onramp_map

from sqlkit import build_over, project


def _derivatives_section(at: AppTest) -> AppTest:
    at.session_state["section-derivatives"] = True
    at.run()
    assert not at.exception, at.exception
    return at


def _cell(at: AppTest, row_title: str) -> str:
    table = next(m.value for m in at.markdown if m.value.startswith("<table"))
    found = re.search(rf"{re.escape(row_title)}</th>(.*?)</tr>", table, re.S)
    assert found, row_title
    return found.group(1)


def test_demo_says_not_collected_in_the_demo(make_app):
    at = make_app(project="masakhane").run()
    at.switch_page(PAGES["project"]).run()
    at = _derivatives_section(at)
    infos = "\n".join(i.value for i in at.info)
    assert "Languages: not collected in the demo" in infos
    for row in ("Models: adapting for local languages", "Models: apps and demos"):
        cell = _cell(at, row)
        assert "Not collected in the demo" in cell, cell
        assert "<b>0" not in cell
    titles = [m.value for m in at.markdown]
    assert not any("Which languages did the community add" in t for t in titles)


@pytest.fixture
def language_app(tmp_path, monkeypatch):
    build_over(tmp_path, rows(), [project("p", hub_authors=["org"])], publish=True).close()
    monkeypatch.setenv("ONRAMP_DB", str(tmp_path / "raw.duckdb"))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["project"] = "p"
    at.query_params["from"] = "2024-01"
    at.run()
    at.switch_page(PAGES["project"]).run()
    return _derivatives_section(at)


def test_the_card_lists_languages_newest_first(language_app):
    at = language_app
    titles = [m.value for m in at.markdown]
    assert any("Which languages did the community add to the models?" in t for t in titles)
    tables = [df.value for df in at.dataframe if "first appeared" in df.value.columns]
    assert tables, "no Languages table"
    table = tables[0]
    assert list(table["language"]) == ["Yoruba (yo)", "Swahili (sw)", "Javanese (jv)"]
    assert list(table["first appeared"]) == ["Mar 2024", "Feb 2024", "—"]
    assert list(table["derivatives"]) == [1, 2, 1]
    assert list(table["models (newest first)"]) == [
        "w/chat-fr",
        "y/base-swa, x/base-sw",
        "v/old-jv",
    ]
    assert not any("not collected" in i.value for i in at.info if "Languages" in i.value)
    cell = _cell(at, "Models: adapting for local languages")
    assert "Languages added by derivatives" in cell and "Not collected" not in cell


def test_the_language_and_spaces_cells_hold_the_indicators():
    catalog = load_catalog()
    cells = {
        (catalog[i].collaboration_type, catalog[i].lifecycle_stage)
        for i in ("hub_derivative_languages", "hub_language_derivatives", "hub_spaces_using")
    }
    assert cells == {("local-languages", "post-release"), ("apps-demos", "post-release")}
    assert [i.id for i in onramp_map.cell_indicators("local-languages", "post-release")] == [
        "hub_derivative_languages",
        "hub_language_derivatives",
    ]


def test_the_top_derivatives_name_their_languages(language_app):
    """Each derivative's languages beside it (fct_derivatives.languages): 'fr, yo' for the French
    chat fine-tune that adds Yoruba."""
    tables = [df.value for df in language_app.dataframe if "languages" in df.value.columns]
    assert tables, "no languages column in the top derivatives"
    by_model = tables[0].set_index("model_id")["languages"]
    assert by_model["w/chat-fr"] == "fr, yo"
    assert by_model["y/base-swa"] == "sw"


def test_the_demo_top_derivatives_say_languages_were_not_collected(make_app):
    at = make_app(project="eleutherai").run()
    at.switch_page(PAGES["project"]).run()
    at = _derivatives_section(at)
    tables = [df.value for df in at.dataframe if "languages" in df.value.columns]
    # unknown: empty, drawn as "—" (cards.dataframe's placeholder), never "none declared"
    assert tables and tables[0]["languages"].isna().all()
