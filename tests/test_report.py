"""The HTML report opens offline: widgets drawn from their saved state, charts inline, nothing fetched
from another host; dashboards draw charts as PNG so they render without `%matplotlib inline`."""
import re

import nbformat
from matplotlib.figure import Figure

from analysis.paths import PROJECT_DIR
from analysis.present import dashboards, report

NOTEBOOKS = PROJECT_DIR / "notebooks"


def test_external_references_are_found():
    page = ('<script src="https://cdnjs.cloudflare.com/require.js"></script>'
            '<link rel="stylesheet" href="//fonts.example/css"><style>@import url("https://x/y.css");</style>'
            '<img src="http://a/b.png"><div style="background: url(https://x/z.png)"></div>')
    assert len(report.external_references(page)) == 5
    local = '<a href="https://example.org/article">a link the reader may follow</a><img src="data:image/png;base64,AA">'
    assert report.external_references(local) == []


def test_widgets_are_drawn_from_their_saved_state():
    models = {
        "box": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_controls", "IPY_MODEL_out"]}},
        "controls": {"model_name": "HBoxModel", "state": {"children": ["IPY_MODEL_cat", "IPY_MODEL_who",
                                                                       "IPY_MODEL_day", "IPY_MODEL_on"]}},
        "cat": {"model_name": "DropdownModel",
                "state": {"description": "category", "_options_labels": ["troops", "workers"], "index": 1}},
        "who": {"model_name": "SelectMultipleModel",
                "state": {"description": "claimants", "_options_labels": ["A <b>", "B"], "index": [0]}},
        "day": {"model_name": "DatePickerModel", "state": {"value": {"year": 2024, "month": 9, "date": 28}}},
        "on": {"model_name": "CheckboxModel", "state": {"description": "derived", "value": True}},
        "out": {"model_name": "OutputModel", "state": {"outputs": [
            {"output_type": "display_data", "data": {"image/png": "iVBORw0KGgo=\n", "text/plain": "<Image>"}},
            {"output_type": "display_data", "data": {"text/html": "<table><tr><td>4000</td></tr></table>"}}]}},
    }
    drawn = report.widget_html("box", models)
    assert '<option selected>workers</option>' in drawn and "<option>troops</option>" in drawn
    assert "<option selected>A &lt;b&gt;</option>" in drawn
    assert 'value="2024-10-28"' in drawn and "checked" in drawn
    assert '<img src="data:image/png;base64,iVBORw0KGgo="' in drawn and "<td>4000</td>" in drawn
    assert "(a widget whose state was not saved)" in report.widget_html("gone", models)


def test_a_saved_notebook_becomes_one_offline_page():
    page = report.render(NOTEBOOKS / "03-troop-estimates.ipynb", execute=False)
    assert report.external_references(page) == []
    assert not re.search(r"cdnjs|https://", page)
    assert "application/vnd.jupyter.widget" not in page and "require.js" not in page
    assert len(re.findall(r'<img[^>]*src="data:image/png;base64,', page)) >= 2  # the dashboard's chart, its copy
    assert re.search(r'<select disabled[^>]*>(<option>[^<]*</option>)*<option selected[^>]*>troops</option>', page)


def test_static_widgets_replace_every_widget_output():
    nb = nbformat.read(NOTEBOOKS / "04-source-coverage.ipynb", as_version=4)
    nb = report.static_widgets(nb)
    assert "widgets" not in nb.metadata
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert report.WIDGET_VIEW not in output.get("data", {})


def test_a_dashboard_chart_is_a_png_image():
    figure = Figure(figsize=(2, 1))
    figure.add_subplot().plot([0, 1], [1, 0])
    image = dashboards.as_image(figure)
    assert image.data[:8] == b"\x89PNG\r\n\x1a\n" and image.format == "png"


def test_dashboard_notebooks_read_the_corpus_from_the_environment():
    for name in ("estimates", "coverage", "claims"):
        nb = nbformat.read(NOTEBOOKS / "dashboards" / f"{name}.ipynb", as_version=4)
        first = nb.cells[0].source
        assert "CLAIM_LEDGER_CORPUS" in first and "load_corpus(CORPUS)" in first
        assert all(not cell.get("outputs") for cell in nb.cells), "dashboards are committed without outputs"
        assert f"dashboards.{ {'claims': 'claims_explorer'}.get(name, name + '_dashboard') }(corpus)" in nb.cells[-1].source


def test_make_targets_for_the_browser_dashboard_and_report():
    makefile = (PROJECT_DIR / "Makefile").read_text()
    for target in ("dashboard", "report", "test", "test-browser", "chromium"):
        assert re.search(rf"^{target}:", makefile, re.M), target
    test_recipe = makefile.split("\ntest:")[1].split("\n\n")[0]
    assert "chromium" in test_recipe.split("\n")[0] and "test-browser" in test_recipe
    assert "apt-get install" in makefile and "voila" in makefile
