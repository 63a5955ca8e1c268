"""Browser tests: a real ``streamlit run app.py`` server per test session, driven by Playwright
and Chromium (Streamlit's own e2e suite is the model).

Chromium comes from the system (``apt-get install chromium``; ``playwright install`` cannot
download here). Without it the tests skip, except under CI (``$CI`` set), where they fail.
Screenshots go to ``test-artifacts/`` (gitignored; CI keeps them as artefacts).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ENV = "VAE_LAB_CHROMIUM"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser",
                       "/usr/bin/google-chrome")
LAUNCH_ARGS = [  # headless in a container: no sandbox, no GPU, nothing in the background
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
    "--disable-extensions", "--disable-component-update", "--no-first-run", "--mute-audio",
]
APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
DRAWN = "[data-testid='stElementContainer']"  # any element a script run has drawn
SERVER_START_S = 90
TIMEOUT_MS = 30_000


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser tests ({reason.split('(')[-1]}")
    pytest.skip(reason)


def _chromium() -> str | None:
    env = os.environ.get(CHROMIUM_ENV)
    if env:
        return env if Path(env).is_file() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    return shutil.which("chromium")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _streamlit(library: Path, *, max_jobs: int, log_name: str, env: dict | None = None,
               script: str = "app.py", options: tuple[str, ...] = ()):
    """``streamlit run app.py`` on a free port with ``library`` as the model library (and
    ``env`` added to the environment, ``options`` to the command line)."""
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / f"{log_name}.log"
    env = {**os.environ, "VAE_LAB_LIBRARY": str(library), "VAE_LAB_MAX_JOBS": str(max_jobs),
           "PYTHONUNBUFFERED": "1", **(env or {})}
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *options]
    with open(log_path, "w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with {proc.returncode}; see {log_path}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if time.monotonic() - started > SERVER_START_S:
                pytest.fail(f"streamlit did not become healthy in {SERVER_START_S} s")
            time.sleep(0.25)
        yield SimpleNamespace(url=url, library=library, log=log_path, max_jobs=max_jobs,
                              health_s=time.monotonic() - started, pid=proc.pid, proc=proc,
                              port=port)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The app as users get it (two training jobs at a time), with an empty temporary library;
    shared by the tests of the session."""
    with _streamlit(tmp_path_factory.mktemp("library"), max_jobs=2,
                    log_name="e2e-server") as srv:
        yield srv


LOAD_SESSION_TTL_S = 5  # Streamlit's 120 s, shortened so the test can see closed sessions go


@pytest.fixture(scope="module")
def load_server(tmp_path_factory):
    """A fresh server with the default limit (two jobs) for the load tests, so that their
    memory and thread counts are not those left by the other tests; a closed tab's session is
    kept ``LOAD_SESSION_TTL_S`` for a reconnect."""
    with _streamlit(tmp_path_factory.mktemp("library"), max_jobs=2, log_name="e2e-server-load",
                    options=("--server.disconnectedSessionTTL", str(LOAD_SESSION_TTL_S))
                    ) as srv:
        yield srv


@pytest.fixture
def start_server():
    """``_streamlit`` itself, for tests that start, signal and restart their own servers."""
    return _streamlit


@pytest.fixture(scope="session")
def nginx_bin() -> str:
    """Debian's nginx (``apt-get install -y nginx``): skipped without it, failed under CI."""
    from deploy.nginx import nginx_binary

    found = nginx_binary()
    if found is None:
        _missing("nginx not found (apt-get install -y nginx)")
    return found


@pytest.fixture(scope="session")
def browser():
    chromium = _chromium()
    if chromium is None:
        _missing("Chromium not found (set $VAE_LAB_CHROMIUM or install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install playwright)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    yield pg
    context.close()


def js(name: str) -> str:
    """A check run in the page, from ``tests/e2e/js``."""
    return (Path(__file__).parent / "js" / f"{name}.js").read_text(encoding="utf-8")


class AppDriver:
    """What the tests do to the app, in Streamlit's terms."""

    def __init__(self, page, server) -> None:
        self.page, self.server = page, server

    def wait(self) -> None:
        """The script run finished: the page is drawn."""
        self.page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS * 2)

    def open(self, path: str = "") -> None:
        """Load ``path`` and wait for its first run to have drawn the page and finished."""
        self.page.goto(f"{self.server.url}/{path}")
        # idle alone can match before the first run's elements arrive (CI once found the
        # Train page's dataset caption missing right after open)
        self.page.wait_for_selector(f"[data-testid='stMain'] {DRAWN}",
                                    timeout=TIMEOUT_MS * 2)
        self.wait()

    def nav(self, title: str) -> None:
        """Click a page in the sidebar navigation."""
        self.page.locator("[data-testid='stSidebarNav'] a", has_text=title).click()
        self.page.wait_for_timeout(300)
        self.wait()

    def go(self, path: str) -> None:
        """Open the page at ``path`` as a learner does, in the same session (the language
        stays): its sidebar link, or for a lesson (hidden from the sidebar) a link in the page,
        else the lessons overview's."""
        here = "(p) => location.pathname.replace(/^\\/+|\\/+$/g, '') === p"
        if self.page.evaluate(here, path):
            return
        link = self.page.locator(f"[data-testid='stSidebarNav'] a[href$='/{path}']")
        if not link.count():
            # a page_link's href is relative ("lesson_3"), the sidebar's absolute
            link = self.page.locator(f"[data-testid='stMain'] a[href='{path}'], "
                                     f"[data-testid='stMain'] a[href$='/{path}']")
            if not link.count():
                self.go("lessons")
        link.first.click()
        self.page.wait_for_function(here, arg=path, timeout=TIMEOUT_MS * 2)
        self.wait()

    def lesson_paths(self) -> list[str]:
        """The URL path of every lesson the overview links to."""
        self.go("lessons")
        links = self.page.locator("[data-testid='stMain'] a[href*='lesson_']").evaluate_all(
            "links => links.map(a => new URL(a.href).pathname.replace(/^\\/+|\\/+$/g, ''))")
        return list(dict.fromkeys(links))

    def assert_no_exception(self) -> None:
        errors = self.page.locator("[data-testid='stException']")
        assert errors.count() == 0, errors.first.inner_text()

    def metric(self, label: str) -> str:
        box = self.page.locator("[data-testid='stMetric']", has_text=label).first
        return box.locator("[data-testid='stMetricValue']").inner_text()

    def plot_points(self, index: int = 0) -> int:
        """Number of x values in the first trace of the ``index``-th Plotly chart."""
        script = """(i) => {
            // a rerun can remove the chart between two reads: "not there" is -1, not undefined
            const g = document.querySelectorAll('.js-plotly-plot')[i];
            if (!g || !g.data || !g.data[0] || !g.data[0].x) return -1;
            return g.data[0].x.length;
        }"""
        return self.page.evaluate(script, index)

    def plot_max(self, index: int, trace: int) -> float:
        """Largest y of trace ``trace`` (negative: from the end) of the ``index``-th chart."""
        script = """([i, t]) => {
            const g = document.querySelectorAll('.js-plotly-plot')[i];
            if (!g || !g.data || !g.data.length) return -1;
            const d = g.data[t < 0 ? g.data.length + t : t];
            return d && d.y && d.y.length ? Math.max(...d.y) : -1;
        }"""
        return self.page.evaluate(script, [index, trace])

    def assert_fits(self, width: int = 800) -> None:
        """At ``width`` px, no text is cut and no picture is drawn over another (the window is
        narrowed for the check, then put back)."""
        size = self.page.viewport_size
        self.page.set_viewport_size({"width": width, "height": size["height"]})
        try:
            self.page.wait_for_timeout(500)  # Streamlit and Plotly lay out again
            problems = {"cut": self.page.evaluate(js("clipped_text")),
                        "crossed": self.page.evaluate(js("overlapping_pictures"))}
            assert problems == {"cut": [], "crossed": []}, problems
        finally:
            self.page.set_viewport_size(size)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"e2e-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def app(page, server) -> AppDriver:
    return AppDriver(page, server)
