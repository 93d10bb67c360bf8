"""`make dashboard` in Chromium: Voila serves the dashboards with their code hidden; each renders its
widgets and chart, and on the estimates dashboard a control changed through the page redraws the chart
and the table. A screenshot of each goes to build/screenshots/dashboard-*.png."""
import pytest

from conftest import DASHBOARDS
from pages import FALLBACK, settle, shown, wait_for_change

# What each dashboard must show once rendered: its controls (CSS selectors) and whether it draws a chart.
EXPECTED = {
    "estimates.ipynb": ([".widget-dropdown select", ".widget-select-multiple select", ".widget-checkbox input"], True),
    "coverage.ipynb": ([".widget-select-multiple select", ".widget-slider"], True),
    "claims.ipynb": ([".widget-dropdown select", ".widget-text input"], False),
}


def open_dashboard(page, voila, name):
    page.goto(voila.url(f"/voila/render/{name}"), wait_until="domcontentloaded")
    # Rendered (a table in the dashboard's output), or failed: Voila shows the traceback in the page.
    page.wait_for_function("""() => document.querySelector('.widget-output table')
        || /Traceback|There was an error/.test(document.body.innerText)""", timeout=120_000)
    settle(page)
    body = page.inner_text("body")
    assert not FALLBACK.search(body), f"a widget or chart shows as text: {FALLBACK.search(body).group(0)}"
    assert "Traceback" not in body and "There was an error" not in body, body[:2000]
    assert "load_corpus" not in body and not page.locator(".jp-InputArea-editor, .cm-editor").count(), "code cells are shown"
    assert not page.log.problems(), page.log.problems()


def test_voila_lists_the_dashboards(page, voila):
    page.goto(voila.url("/voila/tree"), wait_until="domcontentloaded")
    for name in DASHBOARDS:
        page.get_by_text(name, exact=True).wait_for(timeout=30_000)
    assert set(EXPECTED) == set(DASHBOARDS)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_dashboard_renders(page, voila, screenshots, name):
    shot = screenshots / f"dashboard-{name.replace('.ipynb', '')}.png"
    try:
        open_dashboard(page, voila, name)
        controls, chart = EXPECTED[name]
        for selector in controls:
            assert page.locator(selector).first.is_visible(), f"{selector} is not rendered"
        images = [i for i in page.locator(".widget-output img").all() if i.evaluate("i => i.naturalWidth") > 0]
        assert bool(images) == chart
    finally:
        screenshot_page(page, shot)
    if name == "estimates.ipynb":
        drive_estimates(page)


def screenshot_page(page, path):
    """The whole dashboard: Voila scrolls inside an element, so the viewport grows to its content."""
    height = page.evaluate("() => Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))")
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(max(height + 40, size["height"]), 16_000)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)


def drive_estimates(page):
    """The category dropdown, changed in the page, redraws the chart and the table."""
    root = page.locator("body")
    before = shown(page, root)
    page.locator(".widget-dropdown select").first.select_option("workers")
    after = wait_for_change(page, root, before)
    assert after["text"] != before["text"] and "4000" in after["text"].replace(",", "")
