"""The sidebar picks travel in the URL (?project=eleutherai&from=2025-01) and survive page
switches."""

from dashkit import PAGES


def _url(at) -> dict:
    return {k: at.query_params[k] for k in ("project", "from", "to") if k in at.query_params}


def test_deep_link_selects_project_and_period(make_app):
    at = make_app(project="bigscience", from_="2025-01", to="2025-12").run()
    at.switch_page(PAGES["project"]).run()
    assert not at.exception
    assert at.selectbox(key="project").value == "bigscience"
    assert at.selectbox(key="period_from").value == "2025-01"
    assert at.selectbox(key="period_to").value == "2025-12"
    assert at.title[0].value == "BigScience Workshop (BLOOM)"
    assert "Jan 2025 to Dec 2025" in at.caption[0].value


def test_defaults_without_params_are_written_to_the_url(make_app):
    at = make_app().run()
    assert not at.exception
    # the first project of the registry and the last 24 months of data (cut-off 2026-08)
    assert _url(at) == {"project": "ai-singapore", "from": "2024-09", "to": "2026-08"}


def test_unknown_project_falls_back_to_the_first(make_app):
    at = make_app(project="no-such-project").run()
    assert not at.exception
    assert at.selectbox(key="project").value == "ai-singapore"


def test_picks_survive_switching_pages(make_app):
    at = make_app(project="eleutherai").run()
    at.selectbox(key="project").select("meta-llama").run()
    at.selectbox(key="period_from").select("2023-07").run()
    for page in ("drop-off", "status", "project"):
        at.switch_page(PAGES[page]).run()
        assert not at.exception
        assert at.selectbox(key="project").value == "meta-llama"
        assert _url(at)["project"] == "meta-llama" and _url(at)["from"] == "2023-07"
    assert at.title[0].value == "Meta (Llama)"


def test_reversed_period_is_read_in_order(make_app):
    at = make_app(project="eleutherai", from_="2026-01", to="2025-01").run()
    assert not at.exception
    assert _url(at)["from"] == "2025-01" and _url(at)["to"] == "2026-01"


def test_compare_links_carry_the_picks(make_app):
    at = make_app(project="typhoon", from_="2025-03").run()
    link = at.get("page_link")[0]
    assert "project" in link.proto.page
    assert link.proto.query_string == "project=typhoon&from=2025-03&to=2026-08"
    table = at.dataframe[0].value
    assert table.loc[table["project"] == "masakhane", "link"].item() == (
        "./project?project=masakhane&from=2025-03&to=2026-08"
    )
