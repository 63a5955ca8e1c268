"""App benchmarks (issue 7, rows 5, 7, 8) in a real browser: prints a markdown table.

5. Browser round trip: move a traversal slider -> the new decoded image is shown (median of N).
7. Cold start: ``streamlit run app.py`` until the home page has rendered the pretrained model.
8. Server memory (RSS): idle, and peak while S sessions train digits at once.

Needs Chromium (/usr/bin/chromium) and Playwright.

    python bench/bench_app.py            # 20 slider moves, 5 sessions
    python bench/bench_app.py --quick    # smoke run
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-background-timer-throttling",
        "--disable-renderer-backgrounding", "--no-first-run", "--disable-component-update"]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(library: str, max_jobs: int) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    env = {**os.environ, "VAE_LAB_LIBRARY": library, "VAE_LAB_MAX_JOBS": str(max_jobs)}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py",
                             "--server.headless", "true", "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.fileWatcherType",
                             "none"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.read().strip() == b"ok":
                    return proc, url, t0
        except OSError:
            time.sleep(0.05)
        if time.perf_counter() - t0 > 120:
            proc.kill()
            raise RuntimeError("streamlit did not start in 120 s")


def main(argv: list[str] | None = None) -> None:
    from playwright.sync_api import sync_playwright

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true")
    p.add_argument("--moves", type=int, default=20)
    p.add_argument("--sessions", type=int, default=5)
    args = p.parse_args(argv)
    moves, sessions = (3, 2) if args.quick else (args.moves, args.sessions)
    rows = []
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as library:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                     args=ARGS)
        proc, url, t0 = start_server(library, max_jobs=sessions)
        try:
            health_s = time.perf_counter() - t0
            page = browser.new_page(viewport={"width": 1400, "height": 1600})
            page.goto(url)
            page.get_by_text("Decoded from μ").first.wait_for(timeout=120_000)
            cold_s = time.perf_counter() - t0
            page.wait_for_selector(IDLE)
            rows.append(("7", "cold start: `streamlit run` → home page shows the model",
                         f"{cold_s:.2f} s (health OK at {health_s:.2f} s)", "≤ 6 s"))

            page.goto(f"{url}/traverse")
            page.wait_for_selector(IDLE)
            image = page.locator("[data-testid='stImage'] img").first
            image.wait_for()
            thumb = page.locator("[data-testid='stSlider'] input[type='range']").first
            thumb.focus()
            trips = []
            for _ in range(moves):
                before = image.get_attribute("src")
                t = time.perf_counter()
                page.keyboard.press("ArrowRight")
                page.wait_for_function(
                    "(s) => { const i = document.querySelector(\"[data-testid='stImage'] img\");"
                    " return i && i.src !== s; }", arg=before, polling=5)
                trips.append(time.perf_counter() - t)
                page.wait_for_selector(IDLE)
            rows.append(("5", f"slider move → new image (median of {moves})",
                         f"{statistics.median(trips) * 1000:.0f} ms "
                         f"(min {min(trips) * 1000:.0f}, max {max(trips) * 1000:.0f})",
                         "≤ 150 ms"))
            page.close()

            idle = rss_mb(proc.pid)
            pages = []
            for _ in range(sessions):
                ctx = browser.new_context(viewport={"width": 1400, "height": 1600})
                pg = ctx.new_page()
                pg.goto(f"{url}/train")
                pg.wait_for_selector(IDLE)
                pages.append(pg)
            for pg in pages:
                pg.get_by_role("button", name="Start").click()
            peak, t_train = idle, time.perf_counter()
            while time.perf_counter() - t_train < 180:
                peak = max(peak, rss_mb(proc.pid))
                if all(pg.get_by_text("finished", exact=False).count() for pg in pages):
                    break
                time.sleep(0.25)
            train_s = time.perf_counter() - t_train
            rows.append(("8", f"server RSS idle; peak with {sessions} sessions training digits",
                         f"{idle:.0f} MB; {peak:.0f} MB (sampled over {train_s:.0f} s)",
                         "≤ 2 GB with 5"))
        finally:
            proc.terminate()
            proc.wait(timeout=10)
            browser.close()
    print("| # | what | measured | target |")
    print("|---|---|---|---|")
    for row in sorted(rows):
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
