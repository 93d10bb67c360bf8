"""What the browser tests read from and do to a page: JupyterLab notebooks and Voila dashboards."""
from __future__ import annotations

import json
import re
import time
from pathlib import Path

# A widget shown as its text fallback (no widget manager, or the lab extension is missing) or a chart
# shown as its repr (no inline backend) instead of rendered.
FALLBACK = re.compile(r"^\s*(?:[A-Z]\w*\((?:children|value|options|index|layout|description|outputs)=|"
                      r"<Figure size \d+x\d+)|Error displaying widget|Loading widget\.\.\.|model not found", re.M)
ERROR_MIMES = {"application/vnd.jupyter.stderr", "application/vnd.jupyter.error"}

# Every cell of the notebook in the page, with each of its outputs (top-level, not the outputs a
# widget holds): mime type, rendered widgets, text, the width of each image once it has loaded.
CELLS_JS = """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].map(cell => ({
  code: cell.classList.contains('jp-CodeCell'),
  prompt: (cell.querySelector('.jp-InputPrompt') || {}).textContent || '',
  outputs: [...cell.querySelectorAll('.jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output')]
    .map(o => ({mime: o.getAttribute('data-mime-type'), widgets: o.querySelectorAll('.jupyter-widgets').length,
                text: o.innerText, images: [...o.querySelectorAll('img')].map(i => i.naturalWidth)})),
}))"""

# The outputs inside a page's dashboard widgets (its Output widget): the chart and the tables.
SHOWN_JS = """root => ({
  images: [...root.querySelectorAll('.widget-output img')].map(i => i.src),
  text: [...root.querySelectorAll('.widget-output')].map(o => o.innerText).join('\\n'),
})"""


def widget_cells(notebook: Path) -> list[int]:
    """Indexes of the cells whose saved output is a widget view: the page must render them as widgets."""
    cells = json.loads(notebook.read_text())["cells"]
    return [i for i, cell in enumerate(cells)
            if any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in cell.get("outputs", []))]


def menu(page, *labels: str) -> None:
    page.click(f".lm-MenuBar-itemLabel:text-is('{labels[0]}')")
    for label in labels[1:]:
        page.click(f".lm-Menu-itemLabel:text-is('{label}')")


def open_notebook(page, lab, name: str) -> None:
    page.goto(lab.url(f"/doc/tree/{name}"), wait_until="domcontentloaded")
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    wait_for_kernel(page)


# The status bar reads "No Kernel | Initializing" (with an idle indicator) until the kernel answers.
KERNEL_IDLE_JS = """() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
    .some(item => /^(?!No Kernel).+ \\| Idle$/.test(item.textContent.trim()))
    && document.querySelector(".jp-Notebook-ExecutionIndicator[data-status='idle']")"""


def wait_for_kernel(page, timeout: float = 120) -> None:
    page.wait_for_function(KERNEL_IDLE_JS, timeout=timeout * 1000)


def run_all(page, timeout: float = 180) -> list[dict]:
    """Clear every output (so nothing saved is mistaken for what the browser ran), run all cells, wait
    until each code cell has its execution count and the kernel is idle; the cells as CELLS_JS reads them."""
    menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function("() => !document.querySelector('.jp-Notebook .jp-OutputArea-output')")
    menu(page, "Run", "Run All Cells")
    # Done when every cell has run, or when a cell failed and nothing is still queued (Run All stops there).
    page.wait_for_function("""() => {
        const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')];
        const queued = prompts.some(p => p.textContent.includes('*'));
        const failed = document.querySelector('.jp-Notebook [data-mime-type="application/vnd.jupyter.error"],'
            + '.jp-Notebook .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
        return prompts.length && (prompts.every(p => /\\[\\d+\\]/.test(p.textContent)) || (failed && !queued));
    }""", timeout=timeout * 1000)
    wait_for_kernel(page)
    settle(page)
    return page.evaluate(CELLS_JS)


def settle(page, quiet: float = 1.0, timeout: float = 30) -> None:
    """Wait until the page stops changing (widgets render after their cell has finished) and images load."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        now = page.evaluate("""() => document.body.innerText.length + ':' +
            [...document.images].filter(i => i.complete).length + '/' + document.images.length""")
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet and now.split(":")[1].split("/")[0] == now.split("/")[-1]:
            return
        page.wait_for_timeout(200)


def problems_in(cells: list[dict], expect_widgets: list[int]) -> list[str]:
    """Errors, stderr, text fallbacks, broken images, missing widgets: what a user would see go wrong."""
    found = []
    for index, cell in enumerate(cells):
        if cell["code"] and not re.search(r"\[\d+\]", cell["prompt"]):
            found.append(f"cell {index} did not run (prompt {cell['prompt']!r})")
        for output in cell["outputs"]:
            if output["mime"] in ERROR_MIMES:
                found.append(f"cell {index} shows an error or stderr: {output['text'][:500]}")
            if FALLBACK.search(output["text"]):
                found.append(f"cell {index} shows a text fallback instead of a widget or chart: {output['text'][:200]}")
            if any(width == 0 for width in output["images"]):
                found.append(f"cell {index} has an image that does not render")
        if index in expect_widgets and not any(o["widgets"] for o in cell["outputs"]):
            found.append(f"cell {index} should render a widget; it shows "
                         f"{[(o['mime'], o['text'][:100]) for o in cell['outputs']]}")
    return found


def shown(page, root) -> dict:
    """The chart images and table text the dashboard in `root` shows."""
    return root.evaluate(SHOWN_JS)


def complete(now: dict, before: dict) -> bool:
    """Whether a dashboard has finished redrawing: it clears its output, then adds chart and tables."""
    return bool(now["text"].strip()) and (bool(now["images"]) or not before["images"])


def wait_for_change(page, root, before: dict, what: str = "images", timeout: float = 60) -> dict:
    """What `root` shows once `what` (images or text) differs from `before` and the redraw has finished
    (nothing changed for a second); fails after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = shown(page, root)
        if now[what] != before[what] and complete(now, before):
            settle(page, quiet=1.0)
            now = shown(page, root)
            if now[what] != before[what] and complete(now, before):
                return now
        page.wait_for_timeout(250)
    raise AssertionError(f"the {what} shown did not change within {timeout}s after changing a control")


def screenshot_notebook(page, path: Path) -> None:
    """The whole notebook, top to bottom: the viewport grows to the notebook's height for the shot."""
    height = page.evaluate("""() => {
        const outer = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');
        outer.scrollTop = 0;
        return outer.scrollHeight + (window.innerHeight - outer.clientHeight);
    }""")
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(max(height + 20, size["height"]), 16_000)})
    page.evaluate("() => { document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer').scrollTop = 0; }")
    page.wait_for_timeout(300)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
