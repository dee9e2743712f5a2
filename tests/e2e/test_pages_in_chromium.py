"""Every page of the demo in a real headless Chromium: it loads, draws its charts within 5 seconds,
shows no error, and leaves a full-page screenshot under tests/artifacts/ for a human to look at."""

import os
import re
import time

import pytest
from dashkit import demo_warehouse, project_ids
from e2e_helpers import open_page, screenshot

from onramp.cli import main

pytestmark = pytest.mark.e2e

# url path -> (heading, charts the eleutherai demo must draw at least)
PAGES = {
    "": ("How do the projects compare?", 1),
    "project": ("EleutherAI (Pythia)", 10),
    "drop-off": ("Drop-off: EleutherAI (Pythia)", 4),
    "status": ("Data status", 1),
}


@pytest.mark.parametrize("path", list(PAGES))
def test_page_renders_with_charts_and_no_error(server, page, path):
    heading, min_charts = PAGES[path]
    open_page(page, f"{server}/{path}?project=eleutherai&from=2024-09&to=2026-08", heading)
    charts = page.get_by_test_id("stVegaLiteChart")
    assert charts.count() >= min_charts
    screenshot(page, f"{path or 'compare'}.png")
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


def test_dropoff_digest_download_is_the_command_output(server, page, capsys, tmp_path_factory):
    open_page(page, f"{server}/drop-off?project=eleutherai", None)
    button = page.get_by_test_id("stDownloadButton").filter(has_text="Weekly digest (Markdown)")
    with page.expect_download() as download:
        button.get_by_role("button").click()
    assert download.value.suggested_filename == "onramp-digest-eleutherai.md"
    served = download.value.path().read_text(encoding="utf-8")
    raw = demo_warehouse(tmp_path_factory.getbasetemp())  # the warehouse the server reads
    capsys.readouterr()
    assert main(["digest", "--db", str(raw), "--project", "eleutherai"]) == 0
    assert served == capsys.readouterr().out


# By default two projects of other shapes than eleutherai's (GitHub only; many derivatives) keep the
# suite fast; ONRAMP_E2E_ALL_PROJECTS=1 sweeps the whole registry (~75 s).
SWEEP = (
    project_ids() if os.environ.get("ONRAMP_E2E_ALL_PROJECTS") else ["ai-singapore", "meta-llama"]
)


def test_every_project_renders(server, page):
    """Project and Drop-off pages for the projects of the sweep: charts within 5 s, no error."""
    for project in SWEEP:
        for path in ("project", "drop-off"):
            started = time.monotonic()
            open_page(page, f"{server}/{path}?project={project}", None)
            print(f"{path} {project}: {time.monotonic() - started:.1f} s")
