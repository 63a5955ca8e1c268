"""Nothing lost on restart (issue 18): a server that gets SIGTERM while a session trains saves
that run's weights into the library as "(interrupted)" and exits within 10 s, the run queued
behind it is reported as not started, and the next server loads the interrupted model."""

from __future__ import annotations

import re
import signal
import threading
import time

import pytest

from bench import bench_load as load
from ui.classroom.store import DEFAULT_FILE
from vae_core.checkpoints import load_checkpoint

pytestmark = pytest.mark.e2e

EXIT_LIMIT_S = 10.0
SAVED = "mnist-5k-mlp-z8 (interrupted)"  # the session's model name, marked
SAVED_FILE = "mnist-5k-mlp-z8-interrupted.safetensors"


def test_sigterm_saves_the_running_job_and_the_next_server_loads_it(browser, start_server,
                                                                   tmp_path):
    library = tmp_path / "library"
    with start_server(library, max_jobs=1, log_name="e2e-restart-first") as srv:
        tabs = [load.open_tab(browser, srv.url) for _ in range(2)]
        (_, training), (_, waiting) = tabs
        load.start_training(training, epochs=1000)
        training.get_by_text(re.compile(r"Training: epoch \d+ of 1000")).wait_for()
        # another run (K = 2): the same settings would join the first run, not queue
        load.start_training(waiting, epochs=1000, latent=2)
        waiting.get_by_text(load.QUEUED).first.wait_for()
        time.sleep(1.0)  # a few hundred steps, so that the weights are not the initial ones

        exited: list[float] = []

        def wait_for_exit() -> None:  # in a thread: the pages are read meanwhile
            srv.proc.wait(timeout=30)
            exited.append(time.monotonic())

        waiter = threading.Thread(target=wait_for_exit)
        t0 = time.monotonic()
        srv.proc.send_signal(signal.SIGTERM)
        waiter.start()
        # the pages still connected are told, in words, what became of their runs
        training.get_by_text(f"the weights are saved in the library as “{SAVED}”").wait_for()
        waiting.get_by_text("not started: the server is restarting").wait_for()
        waiter.join(30)
        code, exit_s = srv.proc.returncode, exited[0] - t0
        for context, _ in tabs:
            context.close()
    log = srv.log.read_text()
    assert exit_s < EXIT_LIMIT_S, f"exit took {exit_s:.1f} s\n{log[-2000:]}"
    assert code == 0, log[-2000:]
    assert "vae-lab shutdown: SIGTERM" in log and "1 queued runs not started" in log, log[-2000:]
    ckpt = load_checkpoint(library / SAVED_FILE)
    assert ckpt.name == SAVED and ckpt.summary["status"] == "interrupted"
    assert ckpt.summary["steps"] > 0
    # no temp file left (beside the model, only the class database)
    assert sorted(p.name for p in library.iterdir()
                  if not p.name.startswith(DEFAULT_FILE)) == [SAVED_FILE]

    with start_server(library, max_jobs=1, log_name="e2e-restart-second") as srv:
        context, page = load.open_tab(browser, srv.url, path="")
        try:
            page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").click()
            page.get_by_role("option", name=f"{SAVED} · library").click()
            page.wait_for_timeout(300)
            page.wait_for_selector(load.IDLE)
            picker = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']")
            assert picker.locator("input").first.input_value() == f"{SAVED} · library"
            errors = page.locator("[data-testid='stException']")
            assert errors.count() == 0, errors.first.inner_text()
            page.get_by_role("img").first.wait_for()  # the home page ran it on a test image
        finally:
            context.close()
    print(f"\nSIGTERM with one run training and one queued: saved and exited in {exit_s:.2f} s "
          f"after {ckpt.summary['steps']} steps")
