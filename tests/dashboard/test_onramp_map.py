"""The on-ramp map's cells (pure functions of a frame): marks coloured by the good direction,
pending shown as pending, cells the study names but platforms cannot show, sources not collected."""

import pandas as pd

from core.catalog import indicator
from dashboard.components import onramp_map
from dashboard.study_map import ROWS


def _values(rows: list[dict]) -> pd.DataFrame:
    base = {"project": "p", "month": "2025-03", "final": True, "settles_on": "2025-04-01",
            "latest_value": None, "latest_month": None, "as_of": None, "change_3m": None,
            "change_3m_went": None, "change_1y": None,
            "is_sample": False}  # fmt: skip
    return pd.DataFrame([{**base, **r} for r in rows])


def test_the_mark_is_green_where_the_mart_says_the_change_went_the_good_way():
    # the good way is fct_indicator_changes.change_3m_went (tests/sql/test_indicator_changes.py)
    assert onramp_map.mark(0.2, "better") == ("▲", onramp_map.GOOD)
    assert onramp_map.mark(-0.2, "worse") == ("▼", onramp_map.BAD)
    assert onramp_map.mark(0.2, "worse") == ("▲", onramp_map.BAD)  # slower answers, say
    assert onramp_map.mark(0.2, None) == ("▲", onramp_map.FLAT)  # neutral: no good way
    assert onramp_map.mark(None, None) == ("●", onramp_map.FLAT)


def test_a_change_that_reads_as_zero_is_neutral():
    for change in (0, 0.004, -0.0049):
        assert onramp_map.mark(change, "better") == ("●", onramp_map.FLAT), change
    assert onramp_map.mark(0.006, "better") == ("▲", onramp_map.GOOD)  # reads +1 %


def test_a_cell_shows_value_changes_and_the_studys_reading():
    html = onramp_map.cell_html(
        _values(
            [
                {
                    "indicator": "gh_external_prs_opened",
                    "value": 12.0,
                    "change_3m": 0.5,
                    "change_1y": -0.25,
                }
            ]
        ),
        "upstream-code",
        "pre-training",
    )
    assert "External pull requests opened: <b>12 pull requests</b>" in html
    assert "+50% vs 3 months, −25% vs a year" in html
    assert "§5.1.3" in html


def test_pending_is_pending_with_the_day_it_settles():
    html = onramp_map.cell_html(
        _values(
            [
                {
                    "indicator": "gh_inactive_contributors",
                    "value": 0.0,
                    "final": False,
                    "settles_on": "2025-09-28",
                }
            ]
        ),
        "upstream-code",
        "post-release",
    )
    assert "Inactive contributors: <b>pending</b>" in html and "final on 28 Sep 2025" in html
    assert "<b>0" not in html


def test_cells_platforms_cannot_show_say_so():
    assert [r.key for r in ROWS if not r.measured] == ["compute"]
    html = onramp_map.cell_html(_values([]), "compute", "pre-training")
    assert "Not measured: public platforms do not show this on-ramp" in html


def test_a_source_not_collected_is_named():
    html = onramp_map.cell_html(_values([]), "discussion-chat", "post-release")
    assert "No data: discord, hub, slack not collected for this project" in html


def test_snapshots_show_their_latest_snapshot_and_its_day():
    values = _values([{"indicator": "hub_derivatives_total", "value": None, "latest_value": 8.0,
                       "latest_month": "2024-11", "as_of": "2024-11-07"}])  # fmt: skip
    row = values.iloc[0]
    assert onramp_map.headline(row, indicator("hub_derivatives_total")) == (
        "8 models",
        "2024-11-07",
    )
    assert "(snapshot of 7 Nov 2024)" in onramp_map._line(row, indicator("hub_derivatives_total"))


def test_a_snapshot_in_its_own_month_still_shows_its_date():
    values = _values([{"indicator": "hub_derivatives_total", "value": 8.0, "latest_value": 8.0,
                       "latest_month": "2024-11", "as_of": "2024-11-07",
                       "stale": False}])  # fmt: skip
    row = values.iloc[0]
    assert onramp_map.headline(row, indicator("hub_derivatives_total")) == (
        "8 models",
        "2024-11-07",
    )


def test_across_projects_one_row_each_and_the_picked_one_marked():
    values = _values([{"indicator": "gh_external_prs_opened", "value": 1.0}])
    table = onramp_map.across_projects(values, {"p": "P", "q": "Q"}, highlight="p")
    assert table["Project"].tolist() == ["▶ P", "Q"]
    column = next(c for c in table.columns if "External pull requests opened" in c)
    assert table[column].tolist() == ["1 pull request", "not collected"]


CONFIGURED = {"github_repos": True, "hub_authors": True, "hub_benchmark_datasets": False,
              "discord_guilds": False, "slack_channels": False}  # fmt: skip


def test_an_empty_cell_names_the_missing_projects_toml_key_and_how_to_add_it():
    # the Hub is collected, the benchmarks list is not set: that key is what is missing
    html = onramp_map.cell_html(
        _values([]), "community-benchmarks", "post-training", configured=CONFIGURED
    )
    assert "<code>hub_benchmark_datasets</code> not set in projects.toml" in html
    assert "onramp collect --source hub" in html
    assert "hub not collected" not in html


def test_an_empty_cell_whose_sources_are_configured_says_nothing_was_collected():
    everything = dict.fromkeys(CONFIGURED, True)
    html = onramp_map.cell_html(
        _values([]), "community-benchmarks", "post-training", configured=everything
    )
    assert "configured, but nothing collected that counts here yet" in html
    assert "not set in projects.toml" not in html


def test_every_line_and_more_link_opens_its_section():
    ids = [i.id for i in onramp_map.cell_indicators("upstream-code", "post-release")]
    assert len(ids) > onramp_map.PER_CELL
    values = _values([{"indicator": i, "value": 1.0} for i in ids])
    html = onramp_map.cell_html(
        values, "upstream-code", "post-release", link=lambda key: f"?section={key}"
    )
    shown = onramp_map.PER_CELL + 1  # the first on-ramps, and "+N more"
    assert html.count('target="_self"') == shown
    more = f"+ {len(ids) - onramp_map.PER_CELL} more in the section below</a>"
    assert more in html
    assert f'<a href="?section=upstream" target="_self">{more}' in html
    # a cross-platform on-ramp opens the Journeys section
    xp = onramp_map.cell_html(
        _values([{"indicator": "xp_newcomer_conversion_rate", "value": 0.25}]),
        "upstream-code",
        "post-release",
        link=lambda key: f"?section={key}",
    )
    assert '<a href="?section=journeys" target="_self">' in xp


def test_a_ratio_over_too_few_items_says_so_and_is_not_coloured_as_news():
    """EleutherAI's 100 % acceptance over 3 pull requests (min_sample 10): the value stays, the
    arrow goes grey and the line says too few to judge; over enough items it keeps its colour."""
    acceptance = indicator("gh_pr_acceptance_ratio")
    base = {"indicator": acceptance.id, "value": 1.0, "change_3m": 0.03, "change_3m_went": "better"}
    few = _values([{**base, "too_few": True, "sample_size": 3}]).iloc[0]
    line = onramp_map._line(few, acceptance)
    assert f'<span style="color:{onramp_map.FLAT}">▲</span>' in line
    assert f"too few to judge (3 items, under the catalog's {acceptance.min_sample})" in line
    enough = _values([{**base, "too_few": False, "sample_size": 143}]).iloc[0]
    line = onramp_map._line(enough, acceptance)
    assert f'<span style="color:{onramp_map.GOOD}">▲</span>' in line and "too few" not in line


def test_across_projects_a_value_over_too_few_items_says_so():
    """A 100 % issue closure ratio over 4 issues (min_sample 10) is no lead on the map across
    projects: the post-release upstream cell's lead indicator."""
    values = _values(
        [
            {"project": "p", "indicator": "gh_issue_closure_ratio", "value": 1.0,
             "too_few": True, "sample_size": 4},
            {"project": "q", "indicator": "gh_issue_closure_ratio", "value": 0.66,
             "too_few": False, "sample_size": 143},
        ]
    )  # fmt: skip
    table = onramp_map.across_projects(values, {"p": "P", "q": "Q"})
    column = next(c for c in table.columns if c.endswith(": Issue closure ratio"))
    assert table[column].tolist() == ["100% · too few (4)", "66%"]


def test_no_value_is_never_called_too_few():
    """A ratio with nothing to divide ("—") shows "—" alone, on both maps."""
    row = {"indicator": "gh_issue_closure_ratio", "value": None, "too_few": True, "sample_size": 0}
    values = _values([row])
    table = onramp_map.across_projects(values, {"p": "P"})
    column = next(c for c in table.columns if c.endswith(": Issue closure ratio"))
    assert table[column].tolist() == ["—"]
    line = onramp_map._line(values.iloc[0], indicator("gh_issue_closure_ratio"))
    assert "too few" not in line and "<b>—</b>" in line
