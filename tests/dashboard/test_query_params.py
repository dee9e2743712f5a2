"""The sidebar picks travel in the URL (?project=eleutherai&from=2025-01) and survive page
switches."""

from compare_cells import side_by_side
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
    # the first project of the registry and the 24 months ending with the last complete month
    # (the cut-off, 22 Aug 2026, leaves August partial)
    assert _url(at) == {"project": "ai-singapore", "from": "2024-08", "to": "2026-07"}


def test_unknown_project_falls_back_to_the_first_and_says_so(make_app):
    at = make_app(project="no-such-project").run()
    assert not at.exception
    assert at.selectbox(key="project").value == "ai-singapore"
    assert "`project=no-such-project` is not in the published warehouse" in at.warning[0].value


def test_unknown_period_in_a_link_is_reported(make_app):
    at = make_app(project="eleutherai", from_="1999-01").run()
    assert not at.exception
    assert any("`from=1999-01`" in w.value for w in at.warning)


def test_picks_survive_switching_pages(make_app):
    at = make_app(project="eleutherai").run()
    at.selectbox(key="project").select("meta-llama").run()
    at.switch_page(PAGES["drop-off"]).run()
    at.selectbox(key="period_from").select("2023-07").run()
    for page in ("status", "compare", "project"):
        at.switch_page(PAGES[page]).run()
        assert not at.exception
        if page != "status":  # Data status acts on no pick: it shows none, and keeps them
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
    assert link.proto.query_string == "project=typhoon&from=2025-03&to=2026-07"
    table, _ = side_by_side(at)
    assert table.loc[table["project"] == "masakhane", "link"].item() == (
        "./project?project=masakhane&from=2025-03&to=2026-07"
    )


def test_pickers_show_only_where_they_act(make_app):
    at = make_app(project="eleutherai").run()
    assert [s.label for s in at.sidebar.selectbox] == ["Project", "As of"]  # Compare
    at.switch_page(PAGES["status"]).run()
    assert not at.sidebar.selectbox  # Data status: every project, every run
    at.switch_page(PAGES["project"]).run()
    assert [s.label for s in at.sidebar.selectbox] == ["Project", "From", "To"]
