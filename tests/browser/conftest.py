"""Browser tests: JupyterLab and Voila servers on free localhost ports, driven by Playwright in Chromium.

The servers and the browser are session fixtures, each stopped in a `finally`, so they go away
even when a test fails. JupyterLab serves a copy of the notebooks (running them in the browser
marks them changed, and its autosave must not touch the committed files); Voila serves
`notebooks/dashboards/` on the seeds.

Chromium: `CLAIM_LEDGER_CHROMIUM`, else /usr/bin/chromium (Debian's; `make test` installs it with
apt as root). Without it these tests are skipped, unless `CLAIM_LEDGER_BROWSER_REQUIRED=1`
(`make test` sets it), when they fail.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from analysis.paths import BUILD_DIR, PROJECT_DIR

NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
DASHBOARDS_DIR = NOTEBOOKS_DIR / "dashboards"
NOTEBOOKS = sorted(p.name for p in NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
DASHBOARDS = sorted(p.name for p in DASHBOARDS_DIR.glob("*.ipynb"))
SCREENSHOTS = BUILD_DIR / "screenshots"
CHROMIUM = os.environ.get("CLAIM_LEDGER_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("CLAIM_LEDGER_BROWSER_REQUIRED") == "1"
SERVER_START = 120  # seconds for a server to answer; a cold start imports a lot on a small machine

# What the JupyterLab user settings change for a test run: every cell in the page (no windowing,
# so each cell can be read and the screenshot shows them all) and no news or update pop-ups.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                        "checkForUpdates": False},
}


@pytest.fixture(scope="session", autouse=True)
def chromium_present():
    if not Path(CHROMIUM).exists():
        why = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CLAIM_LEDGER_CHROMIUM)"
        pytest.fail(why, pytrace=False) if REQUIRED else pytest.skip(why)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float = SERVER_START) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"no answer from {url} in {timeout}s:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen, shutdown_url: str | None = None) -> None:
    """Ask the server to shut down (it stops its kernels), then SIGTERM, then SIGKILL its process group."""
    if shutdown_url and process.poll() is None:
        try:
            urllib.request.urlopen(urllib.request.Request(shutdown_url, method="POST", data=b""), timeout=10)
            process.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            pass
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        if process.poll() is not None:
            break
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            pass


def start_server(args: list[str], log: Path, env: dict[str, str], cwd: Path) -> subprocess.Popen:
    out = log.open("w")
    # Its own process group, so stop() reaches the kernels it started too.
    return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True)


class Server:
    def __init__(self, base: str, token: str = "", log: Path | None = None):
        self.base, self.token, self.log = base, token, log

    def url(self, path: str) -> str:
        return f"{self.base}{path}" + (f"?token={self.token}" if self.token else "")


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab on a free port with a token, serving a copy of the notebooks."""
    home = tmp_path_factory.mktemp("lab")
    root = home / "notebooks"
    root.mkdir()
    for name in NOTEBOOKS:
        shutil.copy(NOTEBOOKS_DIR / name, root / name)
    shutil.copytree(DASHBOARDS_DIR, root / "dashboards")
    for name, settings in LAB_SETTINGS.items():
        path = home / "settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings))
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"), "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    args = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}"]
    if os.geteuid() == 0:
        args.append("--allow-root")
    log = home / "jupyterlab.log"
    process = start_server(args, log, env, root)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/api/status?token={token}", process, log)
        yield Server(base, token, log)
    finally:
        stop(process, f"{base}/api/shutdown?token={token}")


@pytest.fixture(scope="session")
def voila(tmp_path_factory):
    """`make dashboard` as the tests run it: Voila on notebooks/dashboards/, code cells hidden, the seeds."""
    home = tmp_path_factory.mktemp("voila")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "CLAIM_LEDGER_CORPUS"}
    env["JUPYTER_RUNTIME_DIR"] = str(home / "runtime")
    args = [sys.executable, "-m", "voila", "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}",
            "--Voila.port_retries=0", "--show_tracebacks=True", str(DASHBOARDS_DIR)]
    log = home / "voila.log"
    process = start_server(args, log, env, PROJECT_DIR)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/voila/tree", process, log)
        yield Server(base, log=log)
    finally:
        stop(process)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()


class PageLog:
    """What went wrong in the page while a test used it: uncaught errors, failed local requests."""

    def __init__(self):
        self.page_errors: list[str] = []
        self.failed: list[str] = []
        self.external: list[str] = []

    def problems(self) -> list[str]:
        return [f"page error: {e}" for e in self.page_errors] + [f"failed: {f}" for f in self.failed]


@pytest.fixture()
def page(browser):
    """A fresh page. Requests to other hosts are refused at once (the tests run offline, and nothing
    the notebooks need may come from the network); they are recorded, not failed on."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    log = PageLog()

    def route(r):
        if r.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            r.continue_()
        else:
            log.external.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
    page.on("response", lambda response: response.status >= 400 and response.url.startswith("http://127.0.0.1")
            and log.failed.append(f"{response.status} {response.url.split('?')[0]}"))
    page.log = log
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
