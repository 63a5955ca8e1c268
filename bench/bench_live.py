"""Watching it learn (issue 15), timed: on a warm server, Start → the first point of the loss
curve and → the first live latent-space plot, both timed inside the page (``performance.now()``
from the click to the frame where the chart has it; median of N runs), and the training
throughput of one run with the live latent view's recorder on vs off (same run, in-process).

Needs Chromium (/usr/bin/chromium) and Playwright for the first two rows.

    python bench/bench_live.py            # 5 Starts, throughput over 3 epochs × 3 repeats
    python bench/bench_live.py --quick    # smoke run
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # the app's default, before torch is imported
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_app import ARGS, IDLE, start_server, stop_server  # noqa: E402
from bench.common import IssueRow, table, write_rows  # noqa: E402

# A rAF loop in the page: the click on Start, then the first frame where the loss chart has a
# point and the first where the live latent scatter has its points (`_fullData`: numpy arrays
# reach Plotly base64-encoded, and only its computed traces hold them as arrays).
WATCH = r"""() => {
  const t = window.__vlLive = {};
  document.addEventListener('click', e => {
    const b = e.target.closest('button');
    if (b && /(^|\s)Start$/.test(b.innerText.trim())) t.click = performance.now();
  }, true);
  const tick = () => {
    if (t.click !== undefined) {
      const plots = [...document.querySelectorAll('.js-plotly-plot')];
      const has = (test) => plots.some(g => g._fullData && g._fullData.some(test));
      if (t.curve === undefined && has(d => d.x && d.x.length >= 1
                                      && /^reconstruction/.test(d.name || ''))) {
        t.curve = performance.now();
      }
      if (t.latent === undefined && has(d => d.x && d.x.length >= 100 && d.mode === 'markers')) {
        t.latent = performance.now();
      }
    }
    if (t.curve === undefined || t.latent === undefined) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""


def start_to_first(browser, url: str) -> tuple[float, float]:
    """Seconds from the Start click to the first curve point and to the first latent plot."""
    page = browser.new_page(viewport={"width": 1400, "height": 2000})
    page.goto(f"{url}/train")
    page.wait_for_selector(IDLE)
    page.evaluate(WATCH)
    page.get_by_role("button", name="Start", exact=True).click()
    try:
        page.wait_for_function("() => window.__vlLive.curve !== undefined && "
                               "window.__vlLive.latent !== undefined", timeout=60_000)
    except Exception:
        print("seen in the page:", page.evaluate("() => window.__vlLive"), file=sys.stderr)
        raise
    t = page.evaluate("() => window.__vlLive")
    page.get_by_role("button", name="Stop").click()
    page.get_by_text("Stopped by request").wait_for(timeout=30_000)
    page.close()
    return (t["curve"] - t["click"]) / 1000, (t["latent"] - t["click"]) / 1000


def throughput(epochs: int, repeats: int) -> tuple[float, float]:
    """Samples/s of the Train page's default run without and with the latent recorder (the
    median of ``repeats`` alternating runs each)."""
    import torch

    from vae_core.analysis.latent_history import LatentRecorder
    from vae_core.config import DataConfig, ModelConfig, TrainConfig
    from vae_core.data import load_dataset
    from vae_core.models import build_model
    from vae_core.training import Trainer

    torch.set_num_threads(1)
    data = load_dataset(DataConfig(dataset="mnist-5k"))
    model_cfg = ModelConfig(input_shape=data.input_shape, hidden=(256, 128), latent_dim=8)
    cfg = TrainConfig(epochs=epochs, batch_size=64, lr=2e-3)
    rates: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(repeats):
        for live in (False, True):
            model = build_model(model_cfg, generator=torch.Generator().manual_seed(0))
            callbacks = [LatentRecorder(model, data.test_x, data.test_y)] if live else []
            t0 = time.perf_counter()
            Trainer(model, data, cfg, callbacks=callbacks).fit()
            rates[live].append(epochs * data.n_train / (time.perf_counter() - t0))
    return statistics.median(rates[False]), statistics.median(rates[True])


def main(argv: list[str] | None = None) -> None:
    from playwright.sync_api import sync_playwright

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true")
    p.add_argument("--starts", type=int, default=5)
    p.add_argument("--json", help="also write the issue rows to this file (python -m bench)")
    args = p.parse_args(argv)
    starts, epochs, repeats = (1, 1, 1) if args.quick else (args.starts, 3, 3)
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as library:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                     args=ARGS)
        proc, url, _ = start_server(library, max_jobs=2)
        try:
            start_to_first(browser, url)  # warm: the server's first job, imports and caches
            times = [start_to_first(browser, url) for _ in range(starts)]
        finally:
            stop_server(proc)
            browser.close()
    curve = statistics.median(t[0] for t in times)
    latent = statistics.median(t[1] for t in times)
    off, on = throughput(epochs, repeats)
    cost = 1 - on / off
    rows = [
        IssueRow("17", f"browser, warm server: Start → first loss-curve point, timed in the "
                 f"page (median of {len(times)})", "—",
                 f"{curve:.2f} s (each: {', '.join(f'{t[0]:.2f}' for t in times)})",
                 f"{curve:.2f} s", "≤ 1.5 s", curve <= 1.5),
        IssueRow("18", f"browser, warm server: Start → first live latent-space plot, timed in "
                 f"the page (median of {len(times)})", "—",
                 f"{latent:.2f} s (each: {', '.join(f'{t[1]:.2f}' for t in times)})",
                 f"{latent:.2f} s", "≤ 2.5 s", latent <= 2.5),
        IssueRow("19", f"training throughput, default Train run on mnist-5k, live latent view "
                 f"off vs on ({epochs} epochs, median of {repeats})",
                 f"{off:,.0f} samples/s off", f"{on:,.0f} samples/s on",
                 f"{cost:.1%} slower", "≤ 10%", cost <= 0.10),
    ]
    print(table(rows))
    write_rows(args.json, rows)


if __name__ == "__main__":
    main()
