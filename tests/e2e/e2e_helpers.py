"""Waiting on a Streamlit page in Playwright the way Streamlit's own e2e suite does."""

from __future__ import annotations

from dashkit import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"
LOAD_TIMEOUT_MS = 5_000  # "charts visible within 5 seconds of the page load"


def open_page(page, url: str, heading: str | None) -> None:
    from playwright.sync_api import expect

    page.goto(url)
    app = page.locator("[data-testid='stApp']")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=15_000)
    if heading:
        expect(page.get_by_role("heading", name=heading).first).to_be_visible(timeout=15_000)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=15_000)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=LOAD_TIMEOUT_MS)
    charts = page.get_by_test_id("stVegaLiteChart")
    if charts.count():
        expect(charts.first).to_be_visible(timeout=LOAD_TIMEOUT_MS)
        # Vega draws into a canvas or svg once the spec is compiled
        expect(charts.first.locator("canvas, svg").first).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    errors = page.locator("[data-testid='stException'], [data-testid='stAlertContentError']")
    assert errors.count() == 0, errors.all_inner_texts()


def screenshot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main block, so grow the viewport to fit it."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
        "[data-testid=stAppViewContainer]')]"
        ".map(e => e.scrollHeight), document.body.scrollHeight)"
    )
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 12_000)})
    page.wait_for_timeout(300)  # let Vega re-layout charts to the new size before the capture
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
