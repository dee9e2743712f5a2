"""A headline value that can still change is no news: the digest says "pending (final on DAY)",
as the pages do, never its number against the month before (issue 20: "Median time to first
response 3.6 hours (was 13.6 hours)", both pending)."""

import copy

from digest import markdown, slack_blocks
from digest.compose import compose


def _headline_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("June 2025:"))


def test_the_hand_built_weeks_pending_median_shows_as_pending(marts):
    week = compose(marts, "p", "7d")
    ttfr = next(r for r in week["headline"] if r["indicator"] == "gh_ttfr_median_hours")
    # June's PRs answered in 3 hours; the 90-day settling ends 29 Sep, after the 6 Jul cut-off
    assert (ttfr["final"], ttfr["settles_on"]) == (False, "2025-09-29")
    line = _headline_line(markdown.render(week))
    assert "Median time to first response pending (final on 29 Sep 2025)" in line
    assert "3 hours" not in line and "was 5 hours" not in line
    slack = "\n".join(b["text"]["text"] for p in slack_blocks.messages(week) for b in p["blocks"])
    assert "Median time to first response pending (final on 29 Sep 2025)" in slack


def test_a_final_value_against_a_pending_one_says_so(marts):
    week = copy.deepcopy(compose(marts, "p", "7d"))
    row = next(r for r in week["headline"] if r["indicator"] == "gh_active_contributors")
    row["previous_final"] = False
    line = _headline_line(markdown.render(week))
    assert "Active contributors 2 (the month before still pending)" in line
    assert "(was 4)" not in line


def test_final_values_read_as_before(marts):
    line = _headline_line(markdown.render(compose(marts, "p", "7d")))
    assert "Active contributors 2 (was 4)" in line
