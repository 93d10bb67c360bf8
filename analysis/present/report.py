"""Self-contained HTML reports of the notebooks: one file each, that opens offline.

`make report` runs `python -m analysis.present.report --out build/report NOTEBOOK...`: each notebook is
executed headless and exported with the `offline` template (`templates/offline/`, the lab template
without require.js, MathJax, mermaid or the widget manager, all of which nbconvert loads from a CDN).
Widgets cannot run without a kernel, so each widget output is drawn from the widget state the run
saved: its controls as they were set (disabled) and what its Output widget showed, charts included as
PNG data URIs. `external_references` lists anything the page would still fetch from another host;
writing a report that has one is an error.
"""
from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import ExecutePreprocessor

TEMPLATES = Path(__file__).resolve().parent / "templates"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# A reference the browser follows on its own: script/link/img/iframe/source sources, CSS imports and urls.
EXTERNAL = re.compile(r"""<(?:script|link|img|iframe|source|embed|object)\b[^>]*?\b(?:src|href|data)\s*=\s*["']?\s*(?:https?:)?//"""
                      r"""|@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""", re.I)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
NOTE = "Controls as they were set when this report was made; open the notebook, or <code>make dashboard</code>, to change them."


# --- widgets as static HTML ------------------------------------------------------------------------

def _output_html(output: dict) -> str:
    """One saved output (of an Output widget) as HTML, images inline."""
    kind = output.get("output_type")
    if kind == "stream":
        return f"<pre>{html.escape(output.get('text', ''))}</pre>"
    if kind == "error":
        return f"<pre>{html.escape(ANSI.sub('', chr(10).join(output.get('traceback', []))))}</pre>"
    data = output.get("data", {})
    for mime in ("image/png", "image/jpeg"):
        if mime in data:
            return f'<img src="data:{mime};base64,{"".join(data[mime]).strip()}" alt="chart">'
    if "image/svg+xml" in data:
        return "".join(data["image/svg+xml"])
    if "text/html" in data:
        return "".join(data["text/html"])
    if "text/plain" in data:
        return f"<pre>{html.escape(''.join(data['text/plain']))}</pre>"
    return ""


def _options(state: dict, chosen: set[int]) -> str:
    return "".join(f"<option{' selected' if i in chosen else ''}>{html.escape(str(label))}</option>"
                   for i, label in enumerate(state.get("_options_labels", [])))


def _control(name: str, state: dict) -> str:
    """A control as a disabled form element showing its value."""
    value = state.get("value")
    if name in ("DropdownModel", "SelectModel", "RadioButtonsModel", "ToggleButtonsModel"):
        index = state.get("index")
        return f"<select disabled>{_options(state, {index} if index is not None else set())}</select>"
    if name in ("SelectMultipleModel",):
        rows = state.get("rows") or 5
        return f'<select multiple disabled size="{rows}">{_options(state, set(state.get("index") or []))}</select>'
    if name in ("DatePickerModel",):
        day = f"{value['year']:04d}-{value['month'] + 1:02d}-{value['date']:02d}" if value else ""
        return f'<input type="date" disabled value="{day}">'
    if name in ("CheckboxModel", "ToggleButtonModel"):
        return f'<input type="checkbox" disabled{" checked" if value else ""}>'
    if name.endswith("SliderModel") and not isinstance(value, list):
        return (f'<input type="range" disabled min="{state.get("min")}" max="{state.get("max")}" '
                f'step="{state.get("step")}" value="{value}"> <span>{html.escape(str(value))}</span>')
    if name in ("HTMLModel", "HTMLMathModel"):
        return str(value or "")
    if name in ("TextModel", "TextareaModel", "IntTextModel", "FloatTextModel", "BoundedIntTextModel",
                "BoundedFloatTextModel", "LabelModel"):
        return f'<input type="text" disabled value="{html.escape(str(value or ""), quote=True)}" ' \
               f'placeholder="{html.escape(str(state.get("placeholder", "")), quote=True)}">'
    return f"<span>{html.escape(str(value if value is not None else name))}</span>"


def widget_html(model_id: str, models: dict) -> str:
    """The widget `model_id` and its children, drawn from the saved widget state `models`."""
    model = models.get(model_id)
    if model is None:
        return "<p>(a widget whose state was not saved)</p>"
    name, state = model.get("model_name", ""), model.get("state", {})
    if name in ("VBoxModel", "HBoxModel", "BoxModel", "GridBoxModel"):
        kind = "cl-box" if name == "VBoxModel" else "cl-hbox"
        children = [widget_html(str(c).removeprefix("IPY_MODEL_"), models) for c in state.get("children", [])]
        return f'<div class="{kind}">{"".join(children)}</div>'
    if name == "OutputModel":
        return f'<div class="cl-output">{"".join(_output_html(o) for o in state.get("outputs", []))}</div>'
    description = state.get("description", "")
    label = f"<label>{html.escape(description)}</label>" if description else ""
    return f'<div class="cl-control">{label}{_control(name, state)}</div>'


def static_widgets(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Each widget output replaced by its static drawing; the widget state dropped from the metadata."""
    models = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view:
                drawn = widget_html(view["model_id"], models)
                output["data"] = {"text/html": f'<div class="cl-widget"><p class="cl-widget-note">{NOTE}</p>'
                                               f"{drawn}</div>"}
    nb.metadata.pop("widgets", None)
    return nb


# --- the report ------------------------------------------------------------------------------------

def external_references(page: str) -> list[str]:
    """What the page would fetch from another host (scripts, stylesheets, fonts, images, frames)."""
    return [m.group(0) for m in EXTERNAL.finditer(page)]


def _without_css_comments(page: str) -> str:
    """The inlined stylesheets' comments (licence and issue links) are dropped: nothing is loaded from
    them, but no address of another host is left in the file."""
    return re.sub(r"(<style[^>]*>)(.*?)(</style>)", lambda m: m.group(1) + CSS_COMMENT.sub("", m.group(2)) + m.group(3),
                  page, flags=re.S | re.I)


def render(path: Path, execute: bool = True, timeout: int = 600) -> str:
    """The notebook at `path` as one self-contained HTML page (executed first unless `execute` is False)."""
    nb = nbformat.read(path, as_version=4)
    if execute:
        ExecutePreprocessor(timeout=timeout, store_widget_state=True, record_timing=False).preprocess(
            nb, {"metadata": {"path": str(path.parent)}})
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)], embed_images=True)
    page, _ = exporter.from_notebook_node(static_widgets(nb), resources={"metadata": {"name": path.stem}})
    page = _without_css_comments(page)
    found = external_references(page)
    if found:
        raise ValueError(f"{path.name}: the report would load from another host: {found[:5]}")
    return page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.present.report", description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("build/report"))
    parser.add_argument("--no-execute", action="store_true", help="export the saved outputs as they are")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for notebook in args.notebooks:
        target = args.out / f"{notebook.stem}.html"
        target.write_text(render(notebook, execute=not args.no_execute), encoding="utf-8")
        print(f"{target}  ({target.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
