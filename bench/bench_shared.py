"""A class's compute (issue 28): S sessions press the same run at once, or each its own, on one
``streamlit run`` server with the default training slots (one per usable core).

    python bench/bench_shared.py 30 --same        # lesson 2's "Train β = 1", all at once
    python bench/bench_shared.py 30 --mixed       # half that button, half their own settings
    python bench/bench_shared.py 30 --different   # 30 different runs (the Train page, a seed each)
    python bench/bench_shared.py --quick          # 4 sessions, every mode: a smoke run

``--browsers B`` of the sessions are Chromium tabs (default 2, at the lowest CPU priority), the
rest thin sessions (``bench/thin_session.py``: the same requests, nothing drawn on the
server's cores). Every page is loaded before the class presses, together. "Own
settings" are the lesson run's (mnist-5k, the Train page's default model, 10 epochs) with a
seed of the session's own, so every such run is a different run of the same cost.

Each mode first measures one run alone, on a server of its own (a fresh library, so nothing is
cached): the lesson button for ``--same`` and ``--mixed``, an own-settings run for
``--different``. Then the class: the time from the first Start until the last session holds
its finished model, against one run alone (``--same``: target ≤ 2×) or against the compute
floor, the runs' single-slot times summed and divided by the slots (``--different``: target
within 15 %). Prints a markdown table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere
from bench.bench_load import ARGS, IDLE, finished, open_tab, set_number  # noqa: E402
from bench.server_watch import start_server, work_threads  # noqa: E402
from bench.thin_session import ThinCrowd, ThinSession  # noqa: E402

EPOCHS = 10  # a lesson run's (ui.lessons.runs.EPOCHS)
LESSON = dict(page="lesson_2", start_label="Train β = 1")  # lesson 2's own page
MODES = ("same", "mixed", "different")


def niced_chromium(folder: Path) -> str:
    """Chromium started at the lowest CPU priority: in a class the browsers draw on the
    students' machines; here they share the server's 2 cores, and the tabs' Plotly redraws
    took the CPU from the run they watched (2 tabs: 19 s instead of 10 s for 30 sessions)."""
    chromium = os.environ.get("VAE_LAB_CHROMIUM", "/usr/bin/chromium")
    wrapper = folder / "chromium-niced"
    wrapper.write_text(f'#!/bin/sh\nexec nice -n 19 "{chromium}" "$@"\n')
    wrapper.chmod(0o755)
    return str(wrapper)


def slots() -> int:
    return len(os.sched_getaffinity(0))


def _thin(url: str, lesson: bool, seed: int) -> ThinSession:
    if lesson:
        return ThinSession(url, None, **LESSON)
    return ThinSession(url, EPOCHS, numbers={"Seed": seed})


def _tab(browser, url: str, lesson: bool, seed: int):
    context, page = open_tab(browser, url, "lesson_2" if lesson else "train")
    if not lesson:
        page.get_by_text("More settings").click()
        set_number(page, "Seed", seed)
        set_number(page, "Epochs", EPOCHS)
        page.wait_for_selector(IDLE)
    return context, page


def _press(page, lesson: bool) -> None:
    name = LESSON["start_label"] if lesson else "Start"
    page.get_by_role("button", name=name, exact=True).click()


def run_class(browser, url: str, pid: int, kinds: list[bool], *, browsers: int,
              timeout_s: float = 900) -> dict:
    """``kinds[i]``: session i presses the lesson button (True) or its own run. Returns the
    seconds until the last session finished, how many hold a session model, the most training
    threads alive at once."""
    n_tabs = min(browsers, len(kinds))
    tabs = [_tab(browser, url, kinds[i], 1000 + i) for i in range(n_tabs)]
    go = threading.Event()
    thin = [_thin(url, kinds[i], 1000 + i) for i in range(n_tabs, len(kinds))]
    for session in thin:
        session.go = go
    crowd = ThinCrowd(url, len(thin), epochs=None, timeout_s=timeout_s, sessions=thin)
    crowd.start()
    # every page in first: the class presses the button together, not as each page loads
    deadline = time.perf_counter() + timeout_s
    while not all(s.ready or s.errors for s in thin) and time.perf_counter() < deadline:
        time.sleep(0.05)
    t0 = time.perf_counter()
    go.set()
    for i, (_, page) in enumerate(tabs):
        _press(page, kinds[i])
    done: dict[int, float] = {}
    most_jobs, said = 0, 0.0
    while (len(done) < n_tabs or not crowd.done()) and time.perf_counter() - t0 < timeout_s:
        if time.perf_counter() - said > 30:  # a long wait says where it stands
            said = time.perf_counter()
            print(f"  {said - t0:.0f} s: tabs done {len(done)}/{n_tabs}, thin done "
                  f"{sum(s.finished_s is not None for s in thin)}/{len(thin)}",
                  file=sys.stderr, flush=True)
        most_jobs = max(most_jobs, sum(n.startswith("vae-job") for n in work_threads(pid)))
        for i, (_, page) in enumerate(tabs):
            if i not in done and finished(page, EPOCHS):
                done[i] = time.perf_counter() - t0
        time.sleep(0.2)
    ends = list(done.values()) + [s.started_at + s.finished_s - t0 for s in thin
                                  if s.finished_s is not None]
    errors = [e for s in thin for e in s.errors]
    held = sum(any(o.endswith("· this session") for o in s.picker) for s in thin)
    crowd.close()
    for i, (context, page) in enumerate(tabs):
        if i not in done:  # what a tab that never finished shows, for whoever reads the log
            shot = Path(tempfile.gettempdir()) / f"bench-shared-tab-{i}.png"
            page.screenshot(path=str(shot), full_page=True)
            print(f"  tab {i} did not finish: {shot}", file=sys.stderr)
        context.close()
    if errors:
        raise RuntimeError(f"thin sessions failed: {errors[:3]}")
    return {"last_s": max(ends) if len(ends) == len(kinds) else float("nan"),
            "first_s": min(ends, default=float("nan")),
            "median_s": statistics.median(ends) if ends else float("nan"),
            "tab_ends": sorted(done.values()),
            "finished": len(ends), "held": held + len(done), "most_jobs": most_jobs,
            "sessions": len(kinds), "tabs": n_tabs}


def one_alone(browser, lesson: bool) -> float:
    """One session's run, Start to finished, on a fresh server of its own."""
    with tempfile.TemporaryDirectory() as library:
        proc, url = start_server(library)
        try:
            return run_class(browser, url, proc.pid, [lesson], browsers=0)["last_s"]
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def measure(browser, mode: str, sessions: int, browsers: int) -> dict:
    half = sessions // 2
    kinds = {"same": [True] * sessions, "different": [False] * sessions,
             "mixed": [True] * (sessions - half) + [False] * half}[mode]
    alone = one_alone(browser, lesson=mode != "different")
    with tempfile.TemporaryDirectory() as library:
        proc, url = start_server(library)
        try:
            result = run_class(browser, url, proc.pid, kinds, browsers=browsers)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    runs = len(set(i for i, k in enumerate(kinds) if not k)) + (1 if any(kinds) else 0)
    if mode == "mixed":  # the lesson run once plus the own runs: each about one run alone
        floor = runs * alone / slots()
    else:
        floor = alone * (sessions if mode == "different" else 1) / (
            slots() if mode == "different" else 1)
    return {**result, "mode": mode, "alone_s": alone, "floor_s": floor, "runs": runs}


def markdown(rows: list[dict]) -> str:
    out = ["| mode | sessions (tabs) | different runs | one run alone | compute floor | "
           "first / median / last holds its model | ratio | most jobs at once | models held |",
           "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        ratio = r["last_s"] / (r["alone_s"] if r["mode"] == "same" else r["floor_s"])
        against = "× one run" if r["mode"] == "same" else "× floor"
        out.append(f"| {r['mode']} | {r['sessions']} ({r['tabs']}) | {r['runs']} | "
                   f"{r['alone_s']:.1f} s | {r['floor_s']:.1f} s | {r['first_s']:.1f} / "
                   f"{r['median_s']:.1f} / {r['last_s']:.1f} s | "
                   f"{ratio:.2f} {against} | {r['most_jobs']} | {r['held']} of {r['sessions']} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("sessions", type=int, nargs="?", default=30)
    for mode in MODES:
        p.add_argument(f"--{mode}", action="store_true")
    p.add_argument("--browsers", type=int, default=2)
    p.add_argument("--quick", action="store_true", help="4 sessions (1 tab), every mode")
    args = p.parse_args(argv)
    modes = [m for m in MODES if getattr(args, m)] or list(MODES)
    sessions, browsers = (4, 1) if args.quick else (args.sessions, args.browsers)
    rows = []
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tools:
        browser = pw.chromium.launch(executable_path=niced_chromium(Path(tools)),
                                     headless=True, args=ARGS)
        try:
            for mode in modes:
                rows.append(measure(browser, mode, sessions, browsers))
                print(markdown(rows[-1:]), flush=True)
        finally:
            browser.close()
    print(f"\n{slots()} training slots (usable cores)\n")
    print(markdown(rows))
    return 0 if all(r["finished"] == r["sessions"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
