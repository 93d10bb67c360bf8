"""Present: matplotlib figures, ipywidgets dashboards, the escaped-HTML article viewer."""
