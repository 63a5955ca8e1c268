"""Load benchmark (issues 8 and 18): S browser sessions against one ``streamlit run`` server
with the default limit of two training jobs. Every session starts a default (mnist-5k) run at
once (those past the limit wait in the queue; K = 1, 2, … tells the runs apart), then each
moves a traversal slider; meanwhile a thread polls ``/_stcore/health``. After all tabs close
the server's RSS and threads are read again; then C cycles of open a tab -> start a long run
-> close the tab, after which no training (or queue) thread of the app may be left. Prints a
markdown table.

Needs Chromium (/usr/bin/chromium) and Playwright. ``tests/e2e/test_load_e2e.py`` runs a
smaller version with assertions, through the helpers here.

    python bench/bench_load.py 30         # 30 sessions, the Train page's default 30 epochs
    python bench/bench_load.py            # 10 sessions
    python bench/bench_load.py --quick    # 3 sessions × 3 epochs, 3 cycles (smoke run)
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere
from bench.server_watch import (  # noqa: E402
    SESSION_TTL_S,
    HealthProbe,
    cpu_seconds,
    load_average,
    percentile,
    rss_mb,
    settled_threads,
    start_server,
    wait_for,
    work_threads,
)
from bench.thin_session import ThinCrowd, ThinSession  # noqa: E402
from vae_core.config import TrainConfig  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-background-timer-throttling",
        "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
        "--no-first-run", "--disable-component-update"]
QUEUED = re.compile(r"Queued: position (\d+) of (\d+)")
TIMEOUT_MS = 60_000
# a closing session's freed memory goes back to the OS 5 s after it closes
# (vae_core.threads.return_freed_memory_soon): RSS is read again after that
TRIM_WAIT_S = 10.0


# -- what a session does -----------------------------------------------------------------------
def open_tab(browser, url: str, path: str = "train"):
    """A new browser context (its own Streamlit session) on ``path``; returns (context, page)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{url}/{path}")
    page.wait_for_selector(IDLE)
    return context, page


def set_number(page, label: str, value: int) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(str(value))
    box.press("Enter")


def start_training(page, *, epochs: int, latent: int | None = None) -> None:
    """On the Train page: set the fields, press Start (the run is named after K)."""
    if latent is not None:
        set_number(page, "Latent size K", latent)
    set_number(page, "Epochs", epochs)
    page.wait_for_selector(IDLE)
    page.get_by_role("button", name="Start", exact=True).click()


def queued_place(page) -> tuple[int, int] | None:
    """(position, queue length) from the Train page's queue message, if it shows one."""
    texts = page.locator("[data-testid='stMain']").get_by_text(QUEUED).all_inner_texts()
    m = QUEUED.search(texts[0]) if texts else None
    return (int(m[1]), int(m[2])) if m else None


def finished(page, epochs: int) -> bool:
    return page.get_by_text(f"Finished {epochs} epochs").count() > 0


def training(page, epochs: int) -> bool:
    """The run has left the queue: it trains (the Train page's progress) or has finished."""
    main = page.locator("[data-testid='stMain']")
    return main.get_by_text(re.compile(rf"Training: epoch \d+ of {epochs}\b")).count() > 0 \
        or finished(page, epochs)


def session_models(page) -> list[str]:
    """The picker's session models, read from its open list."""
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").click()
    options = page.get_by_role("option", name=re.compile("this session"))
    page.get_by_role("option").first.wait_for()
    names = options.all_inner_texts()
    page.keyboard.press("Escape")
    return names


@dataclass
class LoadResult:
    sessions: int
    all_finished: bool = False
    queued_sessions: int = 0        # sessions that were seen waiting in the queue
    queued_tabs: int = 0            # of them, Chromium tabs ("Queued: position N of M" shown)
    max_queue: int = 0              # the longest queue a session was told about
    train_s: float = 0.0
    idle_rss_mb: float = 0.0
    peak_rss_mb: float = 0.0
    health_ms: dict = field(default_factory=dict)
    health_failures: list = field(default_factory=list)
    queue_waits_s: list = field(default_factory=list)  # Start -> out of the queue (0: never in)
    start_to_training_s: list = field(default_factory=list)  # Start -> seen training
    own_model_only: int = 0         # sessions whose picker lists just their own model
    rss_at_close_mb: float = 0.0     # once every tab closed and its threads ended
    rss_after_close_mb: float = 0.0  # TRIM_WAIT_S later: the closing sessions' trim has run
    rss_after_ttl_mb: float = 0.0    # once Streamlit dropped the closed sessions (their TTL)
    threads_after_close: int = 0
    threads_before: int = 0
    threads_after: int = 0
    work_threads_seen: int = 0        # most "vae-…" threads alive at a tab close
    work_threads_left: list = field(default_factory=list)
    work_threads_left_s: float | None = None  # how long until none was left
    browsers: int = 0                # sessions in Chromium tabs; the rest are thin sessions
    server_cpu_s: float = 0.0        # the server's CPU time while the runs trained
    load_avg: float = 0.0            # the machine's 1-minute load average when they ended


def train_all(browser, url: str, *, sessions: int, epochs: int, timeout_s: float = 300,
              browsers: int | None = None, pid: int | None = None,
              tabs_last: bool = False) -> tuple[list, ThinCrowd, LoadResult]:
    """Start a run in each of ``sessions`` sessions at once and poll them until every run
    finished. ``browsers`` of them (default: all) are Chromium tabs, K = 1, 2, ... so each
    model has its own name; the rest are thin sessions (``bench.thin_session``: the same
    requests without a browser drawing the answers on the server's cores). ``tabs_last``: the
    tabs press Start only once the thin sessions' runs are in, so that with more thin sessions
    than slots every tab is queued. Without it the tabs, quicker to send Start, usually train
    first and then sit idle; queued, they poll and redraw for minutes on this machine's cores
    (what a class's browsers do on their own machines): ``30 --browsers 3`` took 372 s with
    ``tabs_last``, 216-238 s without. Returns the open
    (context, page) pairs and the thin sessions, still connected (``close()`` them)."""
    n_tabs = sessions if browsers is None else min(browsers, sessions)
    result = LoadResult(sessions=sessions, browsers=n_tabs)
    tabs = [open_tab(browser, url) for _ in range(n_tabs)]
    for i, (_, page) in enumerate(tabs):  # all settings first, so that the Starts come together
        set_number(page, "Latent size K", i + 1)
        set_number(page, "Epochs", epochs)
    for _, page in tabs:
        page.wait_for_selector(IDLE)
    # a seed each: identical runs are trained once (``ui.shell.shared_runs``), and this
    # benchmark measures a class's different runs sharing the slots (bench_shared.py: the same)
    thin_sessions = [ThinSession(url, epochs, numbers={"Seed": i + 1})
                     for i in range(sessions - n_tabs)]
    crowd = ThinCrowd(url, len(thin_sessions), epochs=epochs, timeout_s=timeout_s,
                      sessions=thin_sessions)
    t0, cpu0 = time.perf_counter(), cpu_seconds(pid) if pid else 0.0
    crowd.start()
    if tabs_last and not crowd.wait_until_accepted(timeout_s):
        crowd.close()
        raise RuntimeError("the thin sessions' runs were not accepted in time")
    clicked = []
    for _, page in tabs:
        page.get_by_role("button", name="Start", exact=True).click()
        clicked.append(time.perf_counter())
    seen_queued: set[int] = set()
    left_queue: dict[int, float] = {}  # Start -> the page no longer says "Queued"
    started: dict[int, float] = {}     # Start -> the page shows the run training (or done)
    pending = set(range(n_tabs))
    while (pending or not crowd.done()) and time.perf_counter() - t0 < timeout_s:
        for i in sorted(pending, reverse=True):  # the last tab first: it is queued longest
            page = tabs[i][1]
            place = queued_place(page)
            now = time.perf_counter() - clicked[i]
            if place is not None:
                seen_queued.add(i)
                result.max_queue = max(result.max_queue, place[1])
                continue
            if i in seen_queued:
                left_queue.setdefault(i, now)
            if i not in started and training(page, epochs):
                started[i] = now
            if finished(page, epochs):
                pending.discard(i)
        time.sleep(0.1)
    result.train_s = time.perf_counter() - t0
    result.server_cpu_s = cpu_seconds(pid) - cpu0 if pid else 0.0
    result.load_avg = load_average()
    thin = crowd.sessions
    result.all_finished = not pending and all(t.finished_s is not None for t in thin)
    result.queued_tabs = len(seen_queued)
    result.queued_sessions = result.queued_tabs + sum(t.ever_queued for t in thin)
    result.max_queue = max([result.max_queue, *(t.max_queue for t in thin)])
    result.queue_waits_s = [left_queue.get(i, 0.0 if i in started else float("nan"))
                            for i in range(n_tabs)]
    result.queue_waits_s += [t.left_queue_s if t.ever_queued else
                             (0.0 if t.training_s is not None else float("nan")) for t in thin]
    result.start_to_training_s = [started.get(i, float("nan")) for i in range(n_tabs)]
    result.start_to_training_s += [t.training_s if t.training_s is not None else float("nan")
                                   for t in thin]
    result.own_model_only = crowd.own_model_only()  # the tabs' pickers are read by the caller
    errors = [e for t in thin for e in t.errors]
    if errors:
        crowd.close()
        raise RuntimeError(f"thin sessions failed: {errors[:3]}")
    return tabs, crowd, result


def warm_up(browser, url: str) -> None:
    """One short run in one tab. The first optimizer a process builds imports torch._dynamo
    and torch._inductor (about 1 s alone); done while ten sessions poll the server, those
    thousands of small file reads wait for the GIL each time, and the first jobs sat in
    "Loading" for minutes. Users meet that cost once per server; the load figures leave it out."""
    context, page = open_tab(browser, url)
    start_training(page, epochs=1)
    page.get_by_text("Finished 1 epochs").wait_for(timeout=120_000)
    context.close()


def move_slider(page) -> None:
    """On the Traverse page: one step of the first latent slider; waits for the new image."""
    image = page.locator("[data-testid='stImage'] img").first
    image.wait_for()
    before = image.get_attribute("src")
    page.locator("[data-testid='stSlider'] input[type='range']").first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "(s) => { const i = document.querySelector(\"[data-testid='stImage'] img\");"
        " return i && i.src !== s; }", arg=before, polling=50)


def open_close_cycles(browser, url: str, pid: int, *, cycles: int) -> int:
    """Open a tab, start a long run (it trains or waits in the queue), close the tab. Returns
    the most work threads seen alive just before a close (proof that they were counted)."""
    most = 0
    for _ in range(cycles):
        context, page = open_tab(browser, url)
        start_training(page, epochs=1000)
        page.get_by_role("button", name="Stop").wait_for()  # running, or queued
        most = max(most, len(work_threads(pid)))
        context.close()
    return most


# -- standalone --------------------------------------------------------------------------------
def rss_once_sessions_expired(url: str, pid: int, closed_at: float, ttl_s: float, *,
                              trim_wait_s: float = TRIM_WAIT_S) -> float:
    """The server's RSS once the closed tabs' sessions have expired: ``ttl_s`` after they
    closed, one more session comes and goes (the event at which Streamlit drops them), and
    the trim that follows a close has run."""
    time.sleep(max(0.0, closed_at + ttl_s + 2 - time.monotonic()))
    crowd = ThinCrowd(url, 1, epochs=1, timeout_s=120).start()
    wait_for(crowd.done, 120)
    crowd.close()
    time.sleep(trim_wait_s)
    return rss_mb(pid)


def run(browser, url: str, pid: int, *, sessions: int, epochs: int, cycles: int,
        browsers: int | None = None, session_ttl_s: float = SESSION_TTL_S) -> LoadResult:
    """The whole scenario: load, sliders (in the tabs), close, then the open/close cycles."""
    warm_up(browser, url)
    idle_rss = rss_mb(pid)
    with HealthProbe(url, pid) as probe:
        tabs, crowd, result = train_all(browser, url, sessions=sessions, epochs=epochs,
                                        timeout_s=120 + 0.5 * sessions * epochs,
                                        browsers=browsers, pid=pid)
        result.own_model_only += sum(
            session_models(page) == [f"mnist-5k-mlp-z{i + 1} · this session"]
            for i, (_, page) in enumerate(tabs))
        for _, page in tabs:
            page.locator("[data-testid='stSidebarNav'] a", has_text="Traverse").click()
            move_slider(page)
        crowd.close()
        for context, _ in tabs:
            context.close()
        closed_at = time.monotonic()
        wait_for(lambda: not work_threads(pid), 60)
        result.threads_before = result.threads_after_close = settled_threads(pid)
        result.rss_at_close_mb = rss_mb(pid)
        time.sleep(TRIM_WAIT_S)
        result.rss_after_close_mb = rss_mb(pid)
        result.rss_after_ttl_mb = rss_once_sessions_expired(url, pid, closed_at, session_ttl_s)
        result.work_threads_seen = open_close_cycles(browser, url, pid, cycles=cycles)
        result.work_threads_left_s = wait_for(lambda: not work_threads(pid), 60)
        result.work_threads_left = work_threads(pid)
        result.threads_after = settled_threads(pid)
    result.idle_rss_mb, result.peak_rss_mb = idle_rss, probe.peak_rss_mb
    result.health_ms, result.health_failures = probe.stats_ms(), probe.failures
    return result


def _seconds(values: list[float]) -> str:
    ok = sorted(v for v in values if v == v)  # NaN: never seen training
    if not ok:
        return "—"
    return (f"median {statistics.median(ok):.1f} s, p95 {percentile(ok, 0.95):.1f} s, max "
            f"{ok[-1]:.1f} s" + (f" ({len(values) - len(ok)} never seen)"
                                  if len(ok) < len(values) else ""))


def markdown(r: LoadResult, *, epochs: int, cycles: int) -> str:
    h = r.health_ms
    rows = [
        ("sessions (mnist-5k, 2 training slots)", f"{r.sessions} × {epochs} epochs"),
        ("of them in Chromium tabs / thin sessions (no browser)",
         f"{r.browsers} / {r.sessions - r.browsers}"),
        ("all finished", f"{'y' if r.all_finished else 'n'} ({r.train_s:.0f} s)"),
        ("sessions that waited in the queue", f"{r.queued_sessions}"),
        ("max queue length seen", f"{r.max_queue}"),
        ("queue wait per session: Start → out of the queue (0 when it never waited)",
         _seconds(r.queue_waits_s)),
        ("Start → the page shows the run training (the bench polls every tab in turn)",
         _seconds(r.start_to_training_s)),
        ("sessions whose picker lists only their own model", f"{r.own_model_only} of "
                                                             f"{r.sessions}"),
        (f"server RSS idle / peak / all tabs closed, at once and {TRIM_WAIT_S:.0f} s later",
         f"{r.idle_rss_mb:.0f} MB / {r.peak_rss_mb:.0f} MB / {r.rss_at_close_mb:.0f} MB, "
         f"{r.rss_after_close_mb:.0f} MB (+{r.rss_after_close_mb - r.idle_rss_mb:.0f})"),
        ("server RSS once the closed sessions expired (Streamlit keeps them "
         f"{SESSION_TTL_S} s for a reconnect) and one more session came and went",
         f"{r.rss_after_ttl_mb:.0f} MB (+{r.rss_after_ttl_mb - r.idle_rss_mb:.0f})"),
        ("server CPU while the runs trained (cores busy on average) / load average at the end",
         f"{r.server_cpu_s / max(r.train_s, 1e-9):.2f} of 2 / {r.load_avg:.1f}"),
        ("health latency p50 / p95 / max",
         f"{h['p50']:.1f} / {h['p95']:.1f} / {h['max']:.1f} ms ({h['n']} requests, "
         f"{len(r.health_failures)} failed)"),
        (f"app work threads at a close / left after {cycles} open→start→close cycles",
         f"{r.work_threads_seen} / {len(r.work_threads_left)}"
         + (f" (none after {r.work_threads_left_s:.1f} s)"
            if r.work_threads_left_s is not None else f" {r.work_threads_left}")),
        ("all server threads after the tabs closed / after the cycles (web server pools "
         "included)", f"{r.threads_after_close} / {r.threads_after}"),
    ]
    return "\n".join(["| what | measured |", "|---|---|"]
                     + [f"| {what} | {value} |" for what, value in rows])


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("sessions", type=int, nargs="?", default=10,
                   help="sessions at once (default 10)")
    p.add_argument("--quick", action="store_true", help="3 sessions, 3 epochs, 3 cycles")
    p.add_argument("--epochs", type=int, default=TrainConfig().epochs,
                   help="the Train page's default")
    p.add_argument("--cycles", type=int, default=20)
    p.add_argument("--browsers", type=int, default=None,
                   help="how many sessions are Chromium tabs (default: all); the rest are thin "
                        "sessions, the same requests without a browser on the server's cores")
    args = p.parse_args(argv)
    sessions, epochs, cycles = (3, 3, 3) if args.quick else (args.sessions, args.epochs,
                                                            args.cycles)
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as library:
        browser = pw.chromium.launch(executable_path=os.environ.get(
            "VAE_LAB_CHROMIUM", "/usr/bin/chromium"), headless=True, args=ARGS)
        proc, url = start_server(library)
        try:
            result = run(browser, url, proc.pid, sessions=sessions, epochs=epochs,
                         cycles=cycles, browsers=args.browsers)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
            browser.close()
    print(markdown(result, epochs=epochs, cycles=cycles))
    return 0 if result.all_finished and not result.health_failures else 1


if __name__ == "__main__":
    sys.exit(main())
