"""The project's promises: one source of dependencies, the README's commands, CI calling them."""
import re
import tomllib

import yaml

from analysis.paths import PROJECT_DIR

PYPROJECT = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())


def test_environment_yml_installs_the_package_with_dev_extra_only():
    env = yaml.safe_load((PROJECT_DIR / "environment.yml").read_text())
    deps = env["dependencies"]
    pip_sections = [d["pip"] for d in deps if isinstance(d, dict)]
    conda_names = {re.split(r"[=<> ]", d)[0] for d in deps if isinstance(d, str)}
    assert conda_names == {"python", "pip"}, "conda deps beyond python+pip belong in pyproject.toml"
    assert pip_sections == [["-e .[dev]"]]
    python_pin = next(d for d in deps if isinstance(d, str) and d.startswith("python"))
    minimum = PYPROJECT["project"]["requires-python"].lstrip(">=")
    assert tuple(map(int, python_pin.split("=")[-1].split("."))) >= tuple(map(int, minimum.split(".")))


def test_dev_extra_has_the_test_tools():
    dev = " ".join(PYPROJECT["project"]["optional-dependencies"]["dev"])
    assert "pytest" in dev and "nbval" in dev


def test_ci_runs_the_readme_test_command():
    readme = (PROJECT_DIR / "README.md").read_text()
    ci = (PROJECT_DIR / ".ci" / "run").read_text()
    assert "make test" in readme and "make lab" in readme and "make report" in readme
    assert re.search(r"^make test$", ci, re.M)


def test_makefile_has_the_documented_targets():
    makefile = (PROJECT_DIR / "Makefile").read_text()
    for target in ("lab", "report", "test", "tables"):
        assert re.search(rf"^{target}:", makefile, re.M), target
