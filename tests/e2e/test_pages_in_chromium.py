"""Every page of the demo in a real headless Chromium: it loads, draws its charts within 5 seconds,
shows no error, and leaves a full-page screenshot under tests/artifacts/ for a human to look at."""

import os
import re
import time

import pytest
from dashkit import demo_warehouse, project_ids
from e2e_helpers import ARTIFACTS, open_page, screenshot

from onramp.cli import main

pytestmark = pytest.mark.e2e

# url path -> (heading, charts the eleutherai demo must draw at least)
PAGES = {
    "": ("How do the projects compare?", 0),
    "compare": ("How do the projects compare?", 0),
    "project": ("EleutherAI (Pythia)", 0),  # the first view is the on-ramp map: a table
    "drop-off": ("Drop-off: EleutherAI (Pythia)", 3),
    "status": ("Data status", 1),
}


@pytest.mark.parametrize("path", list(PAGES))
def test_page_renders_with_charts_and_no_error(server, page, path):
    heading, min_charts = PAGES[path]
    open_page(page, f"{server}/{path}?project=eleutherai&from=2024-09&to=2026-08", heading)
    charts = page.get_by_test_id("stVegaLiteChart")
    assert charts.count() >= min_charts
    screenshot(page, f"{path or 'root'}.png")
    # the picks are in the URL, so the view can be shared
    assert "project=eleutherai" in page.url and "from=2024-09" in page.url


def test_picks_survive_switching_pages(server, page):
    from playwright.sync_api import expect

    open_page(page, f"{server}/drop-off?project=bigscience&from=2025-01", "Drop-off: BigScience")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Project").click()
    expect(page.get_by_role("heading", name="BigScience Workshop (BLOOM)")).to_be_visible(
        timeout=10_000
    )
    expect(page).to_have_url(re.compile(r"project=bigscience.*from=2025-01"))


def test_csv_download_serves_the_chart_data(server, page):
    open_page(page, f"{server}/status", "Data status")
    with page.expect_download() as download:
        page.get_by_test_id("stDownloadButton").first.get_by_role("button").click()
    assert download.value.suggested_filename == "status-freshness.csv"
    text = download.value.path().read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("name,project,source,setting")


def test_dropoff_digest_download_is_the_command_output(server, page, capsys):
    open_page(page, f"{server}/drop-off?project=eleutherai", None)
    button = page.get_by_test_id("stDownloadButton").filter(has_text="Weekly digest (Markdown)")
    with page.expect_download() as download:
        button.get_by_role("button").click()
    assert download.value.suggested_filename == "onramp-digest-eleutherai.md"
    served = download.value.path().read_text(encoding="utf-8")
    raw = demo_warehouse()  # the warehouse the server reads
    capsys.readouterr()
    assert main(["digest", "--db", str(raw), "--project", "eleutherai"]) == 0
    assert served == capsys.readouterr().out


# By default two projects of other shapes than eleutherai's (GitHub only; many derivatives) keep the
# suite fast; ONRAMP_E2E_ALL_PROJECTS=1 sweeps the whole registry (~75 s).
SWEEP = (
    project_ids() if os.environ.get("ONRAMP_E2E_ALL_PROJECTS") else ["ai-singapore", "meta-llama"]
)


def test_every_project_renders(server, page):
    """Every page for the projects of the sweep: charts within 5 s, no error, and a full-page
    screenshot of each under tests/artifacts/ (ignored by git) for a human to look at."""
    for project in SWEEP:
        for path in ("project", "drop-off", "compare", "status"):
            started = time.monotonic()
            open_page(page, f"{server}/{path}?project={project}", None)
            print(f"{path} {project}: {time.monotonic() - started:.1f} s")
            screenshot(page, f"{project}-{path}.png")
            page.set_viewport_size({"width": 1400, "height": 1000})


FIRST_SCREENS = {  # the user, their page, what the first screen must answer
    "maintainer": ("project", "Where do people find a way in?"),
    "community-manager": ("drop-off", "What slipped?"),
    "foundation": ("compare", "Which on-ramps carry each project?"),
}


@pytest.mark.parametrize("user", list(FIRST_SCREENS))
def test_each_users_question_is_answered_on_the_first_screen(server, page, user):
    """The first screen (1400 x 1000, no scrolling) holds the answer; saved for the closing note."""
    path, answer = FIRST_SCREENS[user]
    open_page(page, f"{server}/{path}?project=eleutherai", None)
    found = page.get_by_text(answer).first
    box = found.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 1000, (user, box)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"first-screen-{user}.png"))


def test_compare_reads_at_800_px(server, page):
    """At 800 px the rank view, with its full labels (labelLimit 0: see test_charts.py) and a
    fixed column per project, is narrower than the window, and leaves a screenshot to read."""
    page.set_viewport_size({"width": 800, "height": 1000})
    open_page(page, f"{server}/compare?project=eleutherai", "How do the projects compare?")
    page.get_by_test_id("stButtonGroup").get_by_text("Ranks", exact=True).click()
    chart = page.get_by_test_id("stVegaLiteChart").first
    chart.locator("svg, canvas").first.wait_for(timeout=10_000)
    page.wait_for_timeout(500)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "compare-ranks-800px.png"), full_page=True)
    box = chart.bounding_box()  # the whole chart, full labels included, is narrower than 800 px
    assert box is not None and box["width"] <= 800


def test_compare_opens_at_its_own_address_and_the_toolbar_is_for_viewers(server, page):
    open_page(page, f"{server}/compare", "How do the projects compare?")
    assert "Page not found" not in page.inner_text("body")
    assert page.locator(".onramp-compare tr[data-project]").count() == 14  # no inner scroll
    open_page(page, f"{server}/", "How do the projects compare?")
    assert page.url.split("?")[0].endswith("/compare")
    assert page.get_by_test_id("stAppDeployButton").count() == 0
    # viewer mode: the menu keeps what a reader needs, none of the developer's entries
    page.get_by_test_id("stMainMenu").click()
    menu = page.get_by_test_id("stMainMenuPopover")
    menu.wait_for(timeout=5_000)
    assert "Clear cache" not in menu.inner_text() and "Rerun" not in menu.inner_text()


SNAPSHOTS = "hub_derivatives_total,hub_downloads_30d,hub_dataset_reuse_models"
NUMBER = re.compile(r"^\d[\d,.]*%?(\s|$)")
DAY = re.compile(r"\nas of \d{1,2} \w{3} \d{4}")  # a snapshot's day, under its value


def test_every_snapshot_value_on_compare_shows_its_date_and_none_not_collected_is_zero(
    server, page
):
    url = f"{server}/compare?project=eleutherai&from=2024-05&to=2026-04&indicators={SNAPSHOTS}"
    open_page(page, url, "How do the projects compare?")
    table = page.locator(".onramp-compare").first
    cells = [c.strip() for c in table.locator("td[data-indicator]").all_inner_texts()]
    values = [c for c in cells if NUMBER.match(c)]
    assert len(values) >= 6, cells  # Meta, BigScience, EleutherAI: trees and downloads
    undated = [c for c in values if not DAY.search(c)]
    assert undated == [], undated
    assert "0" not in cells  # a source never collected says so; it is never a 0
    assert cells.count("not collected") >= 14  # dataset reuse: collected for no project
    body = page.inner_text("body")
    assert "not collected for any project shown" in body
    assert "derivative trees of" in body  # coverage beside the numbers
    # the view and the indicators live in the address
    assert "view=side-by-side" in page.url and "hub_derivatives_total" in page.url


def test_ranks_date_every_snapshot_and_never_rank_old_ones(server, page):
    url = f"{server}/compare?project=eleutherai&from=2024-05&to=2026-04&view=ranks"
    open_page(page, url, "How do the projects compare?")
    body = page.inner_text("body")
    assert re.search(r"Derivative models: snapshots as of .*Apr 2025 \(stale\)", body)
    assert "too few items to rank" in body


def test_the_project_map_dates_its_snapshots(server, page):
    open_page(page, f"{server}/project?project=eleutherai", "EleutherAI (Pythia)")
    body = page.inner_text("body")
    assert "Derivative models" in body
    # dated by the snapshot's day, not its month
    assert re.search(r"Derivative models: \d[\d,]* models \(snapshot of \d{1,2} \w{3} \d{4}", body)


def test_compare_headers_read_in_full_at_1280_px(server, page):
    """Side by side at 1280 px: every default column is in view beside the project column, and no
    header is cut (its text fits its cell: scrollWidth <= clientWidth, scrollHeight <=
    clientHeight); each header's tooltip is the indicator's name and definition. Wider picks
    scroll sideways under the pinned project column."""
    page.set_viewport_size({"width": 1280, "height": 900})
    open_page(page, f"{server}/compare?project=eleutherai", "How do the projects compare?")
    table = page.locator(".onramp-compare").first
    headers = table.locator("thead th")
    # the project and the key indicators the demo collected for some project: upstream PRs,
    # derivatives, Discord, Slack; the four collected for none are named in a line instead
    assert headers.count() == 5
    assert "Not collected for any project shown" in page.inner_text("body")
    measured = headers.evaluate_all(
        """hs => hs.map(h => ({text: h.innerText, title: h.title, sw: h.scrollWidth,
            cw: h.clientWidth, sh: h.scrollHeight, ch: h.clientHeight,
            right: h.getBoundingClientRect().right}))"""
    )
    box = table.bounding_box()
    assert box is not None
    for h in measured:
        assert h["sw"] <= h["cw"] and h["sh"] <= h["ch"], h  # nothing cut
        assert h["right"] <= box["x"] + box["width"] + 1, h  # in view, no scrolling needed
    assert "External pull requests opened" in measured[1]["text"]
    assert measured[1]["title"].startswith("External pull requests opened (gh_external_prs_opened)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot(page, "compare-side-by-side-1280px.png")
    # many picks: the table scrolls sideways and the project names stay where they were
    many = "gh_pr_acceptance_ratio,gh_unanswered_share,contributor_retention,hub_downloads_30d,"
    many += "dc_new_speaker_return_rate,sl_thread_ttfr_median_minutes,gh_ttfr_median_hours"
    open_page(page, f"{server}/compare?project=eleutherai&indicators={many}", None)
    table = page.locator(".onramp-compare").first
    name = table.locator("tr[data-project] th").first
    before = name.bounding_box()
    table.evaluate("t => { t.scrollLeft = t.scrollWidth; }")
    page.wait_for_timeout(200)
    assert table.evaluate("t => t.scrollLeft") > 0
    after = name.bounding_box()
    assert before is not None and after is not None and abs(after["x"] - before["x"]) < 1
    cut = table.locator("thead th").evaluate_all(
        "hs => hs.filter(h => h.scrollWidth > h.clientWidth || h.scrollHeight > h.clientHeight)"
        ".map(h => h.innerText)"
    )
    assert cut == []
