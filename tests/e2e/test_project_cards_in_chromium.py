"""The Project page walked in a real Chromium with every section open (issue 22): every chart and
table, the on-ramp map included, sits in a card with an About note and a CSV download; on the demo
a card carries the sample badge exactly when the rows behind it (its CSV) are sample rows; no
Journeys label is cut to an ellipsis; a map cell's link opens its section."""

from __future__ import annotations

import csv
import io
import re

import pytest
from e2e_helpers import open_page, screenshot

pytestmark = pytest.mark.e2e

URL = "{server}/project?project={project}&from=2024-09&to=2026-08"

# For each chart, table and the map: the nearest bordered container (a card), and what it holds.
CARDS_JS = """
() => {
  const content = [...document.querySelectorAll(
    '[data-testid=stVegaLiteChart], [data-testid=stDataFrame], [data-testid=stMarkdown] table')];
  const cardOf = (e) => {
    for (let p = e.parentElement; p; p = p.parentElement) {
      if (p.dataset && p.dataset.testid === 'stVerticalBlock'
          && getComputedStyle(p).borderTopWidth !== '0px') return p;
      if (p.dataset && ['stExpanderDetails', 'stMainBlockContainer'].includes(p.dataset.testid))
        return null;
    }
    return null;
  };
  const cards = new Set();
  let loose = 0;
  for (const e of content) { const c = cardOf(e); if (c) cards.add(c); else loose += 1; }
  const out = [...cards].map((c, n) => {
    c.setAttribute('data-card', String(n));
    const title = (c.querySelector('[data-testid=stMarkdown]') || {}).innerText || '';
    const own = (sel) => [...c.querySelectorAll(sel)].filter(x => cardOf(x) === c);
    return {
      n, title,
      about: own('[data-testid=stPopoverButton]').filter(
        b => b.innerText.includes('About this metric')).length,
      csv: own('[data-testid=stDownloadButton]').filter(b => b.innerText.includes('CSV')).length,
      // st.badge: a short markdown element, its icon's ligature name before the words
      sample: own('[data-testid=stMarkdown]').some(
        b => b.innerText.trim().endsWith('sample data') && b.innerText.length < 40),
    };
  });
  return {loose, cards: out};
}
"""


def _open_every_section(page) -> int:
    expanders = page.get_by_test_id("stExpander")
    for k in range(expanders.count()):
        summary = expanders.nth(k).locator("summary")
        if expanders.nth(k).locator("details[open]").count() == 0:
            summary.click()
            open_page_settled(page)
    return expanders.count()


def open_page_settled(page) -> None:
    from playwright.sync_api import expect

    app = page.locator("[data-testid='stApp']")
    page.wait_for_timeout(200)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=20_000)


def _csv_is_sample(page, n: int) -> bool | None:
    button = page.locator(f"[data-card='{n}'] [data-testid=stDownloadButton]").first
    with page.expect_download() as download:
        button.get_by_role("button").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    if not rows or "is_sample" not in rows[0]:
        return None
    return any(r["is_sample"] == "True" for r in rows)


@pytest.mark.parametrize("project", ["eleutherai", "masakhane"])
def test_every_card_and_the_map_have_about_csv_and_an_honest_sample_badge(server, page, project):
    open_page(page, URL.format(server=server, project=project), None)
    sections = _open_every_section(page)
    assert sections >= 7  # the six on-ramp sections (or those with data) and Journeys
    page.wait_for_timeout(1500)
    found = page.evaluate(CARDS_JS)
    screenshot(page, f"project-cards-{project}.png")
    cards = found["cards"]
    assert found["loose"] == 0  # no chart or table outside a card
    assert len(cards) >= 20, [c["title"] for c in cards]
    assert any(c["title"].startswith("The on-ramp map") for c in cards)
    without = [c["title"] for c in cards if c["about"] != 1 or c["csv"] != 1]
    assert without == []
    # on the demo a card says "sample data" exactly when the rows it offers as CSV are sample rows
    # (the freshness card lists collection runs: no row is sample, and it carries no badge)
    dishonest = []
    for c in cards:
        sample = _csv_is_sample(page, c["n"])  # None: no row-level provenance (run metadata)
        if bool(sample) != c["sample"]:
            dishonest.append((c["title"], c["sample"], sample))
    assert dishonest == []
    assert any(c["sample"] for c in cards)
    assert next(c for c in cards if c["title"].startswith("The on-ramp map"))["sample"]


def test_no_journeys_label_is_cut_to_an_ellipsis(server, page):
    open_page(page, URL.format(server=server, project="eleutherai"), None)
    page.get_by_test_id("stExpander").filter(has_text="Journeys").locator("summary").click()
    open_page_settled(page)
    section = page.get_by_test_id("stExpander").filter(has_text="Journeys")
    chart = section.get_by_test_id("stVegaLiteChart").first
    chart.locator("svg, canvas").first.wait_for(timeout=10_000)
    page.wait_for_timeout(500)
    texts = chart.evaluate(
        "c => [...c.querySelectorAll('svg text')].map(t => t.textContent)"
        " .concat([...c.querySelectorAll('[aria-label]')].map(t => t.getAttribute('aria-label')))"
    )
    labels = [t for t in texts if t]
    assert any("Discord message" in t for t in labels)
    assert any("no contribution within 180 days" in t for t in labels)
    assert [t for t in labels if t.rstrip().endswith(("…", "..."))] == []


def test_a_map_cell_opens_its_section(server, page):
    """ "+N more" opens the section that holds the rest, and the section is then drawn."""
    open_page(page, URL.format(server=server, project="eleutherai"), None)
    upstream = page.get_by_test_id("stExpander").filter(has_text="Upstream contributions")
    assert upstream.locator("details[open]").count() == 0
    page.get_by_role("link", name=re.compile("more in the section below")).first.click()
    open_page_settled(page)
    upstream = page.get_by_test_id("stExpander").filter(has_text="Upstream contributions")
    upstream.locator("details[open]").first.wait_for(timeout=10_000)
    upstream.get_by_test_id("stVegaLiteChart").first.wait_for(timeout=10_000)
    assert "project=eleutherai" in page.url and "section=" not in page.url
