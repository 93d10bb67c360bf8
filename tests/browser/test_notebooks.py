"""Each notebook in JupyterLab in Chromium: run all cells, no error, every widget rendered as a widget;
on the claims, estimates and coverage notebooks a control changed through the page changes what is
shown. A screenshot of each notebook goes to build/screenshots/."""
import pytest

from conftest import NOTEBOOKS, NOTEBOOKS_DIR
from pages import (CELLS_JS, open_notebook, problems_in, run_all, screenshot_notebook, settle, shown, wait_for_change,
                   wait_for_kernel, widget_cells)


def drive_claims(page, board):
    """Claims explorer: pick one source; the table shows only its claims."""
    before = shown(page, board)
    source = board.locator(".widget-dropdown select").first
    options = source.locator("option").all_inner_texts()
    source.select_option(options[1])
    after = wait_for_change(page, board, before, "text")
    assert after["text"] != before["text"]


def drive_estimates(page, board):
    """Estimates: another category redraws the chart and the table; then one claimant only."""
    before = shown(page, board)
    assert "troops" in board.locator(".widget-dropdown select").first.input_value()
    board.locator(".widget-dropdown select").first.select_option("workers")
    after = wait_for_change(page, board, before)
    assert after["text"] != before["text"] and "4000" in after["text"].replace(",", "")
    board.locator(".widget-dropdown select").first.select_option("troops")
    troops = wait_for_change(page, board, after)
    board.locator(".widget-select-multiple select").select_option("United States")
    one = wait_for_change(page, board, troops)
    assert "Western" not in one["text"]


def drive_coverage(page, board):
    """Coverage: one source only redraws the heatmap; moving the similarity slider redraws it again."""
    before = shown(page, board)
    sources = board.locator(".widget-select-multiple select")
    sources.select_option(sources.locator("option").first.get_attribute("value"))
    one = wait_for_change(page, board, before)
    sources.select_option([o.get_attribute("value") for o in sources.locator("option").all()])
    both = wait_for_change(page, board, one)
    handle = board.locator(".widget-slider .noUi-handle").first
    handle.focus()
    readout = board.locator(".widget-slider .widget-readout").first
    start = readout.inner_text()
    for _ in range(5):
        handle.press("ArrowRight")
    page.wait_for_function("([el, start]) => el.innerText !== start", arg=[readout.element_handle(), start])
    wait_for_kernel(page)
    moved = wait_for_change(page, board, both)
    assert moved["images"], "no heatmap after moving the slider"


DRIVE = {"02-quotes-and-claims.ipynb": drive_claims, "03-troop-estimates.ipynb": drive_estimates,
         "04-source-coverage.ipynb": drive_coverage}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab(page, lab, screenshots, name):
    open_notebook(page, lab, name)
    try:
        cells = run_all(page)
        expected = widget_cells(NOTEBOOKS_DIR / name)
        assert not problems_in(cells, expected), "\n".join(problems_in(cells, expected))
        assert sum(o["widgets"] > 0 for c in cells for o in c["outputs"]) == len(expected)
        if name in DRIVE:
            board = page.locator(".jp-Notebook .jp-Cell").nth(expected[0])
            DRIVE[name](page, board)
            wait_for_kernel(page)
            settle(page)
            after = problems_in(page.evaluate(CELLS_JS), expected)
            assert not after, "after changing a control:\n" + "\n".join(after)
        assert not page.log.problems(), page.log.problems()
    finally:
        screenshot_notebook(page, screenshots / name.replace(".ipynb", ".png"))


def test_every_notebook_is_tested():
    assert len(NOTEBOOKS) >= 5 and set(DRIVE) <= set(NOTEBOOKS)
