"""A class presses the same button (issue 28): two Chromium tabs and four thin sessions
(``bench/thin_session.py``) press lesson 2's "Train β = 1" together; the server trains it once
(one training thread at a time), every session ends holding its own finished session model,
a tab says that the run is shared, and a tab that presses it afterwards gets it at once from
the finished runs. ``bench/bench_shared.py`` measures the same with 30 sessions."""

from __future__ import annotations

import threading
import time

import pytest

from bench import bench_load as load
from bench import bench_shared as shared
from bench import server_watch as watch
from bench.thin_session import ThinCrowd
from tests.support import wait_until

pytestmark = pytest.mark.e2e

TABS, THIN = 2, 4
MODEL = "lesson 2 · vae · this session"


def test_a_class_pressing_one_lesson_button_trains_it_once(browser, start_server, tmp_path):
    with start_server(tmp_path / "library", max_jobs=2, log_name="e2e-shared") as srv:
        tabs = [shared._tab(browser, srv.url, True, 0) for _ in range(TABS)]
        thin = [shared._thin(srv.url, True, 0) for _ in range(THIN)]
        seen_jobs, watching = [0], threading.Event()

        def count_jobs() -> None:  # from the first Start on: a short run can end quickly
            while not watching.is_set():
                seen_jobs[0] = max(seen_jobs[0], sum(n.startswith("vae-job")
                                                     for n in watch.work_threads(srv.pid)))
                time.sleep(0.02)

        counter = threading.Thread(target=count_jobs, daemon=True)
        counter.start()
        crowd = ThinCrowd(srv.url, THIN, epochs=None, timeout_s=240, sessions=thin).start()
        try:
            assert crowd.wait_until_accepted(120), [s.errors for s in thin]
            for _, page in tabs:
                shared._press(page, True)
            for _, page in tabs:  # the count follows who joins (the panel's redraws), unless
                # the 4 s run ended first on a loaded machine (CI): one job is checked below
                wait_until(lambda p=page: p.get_by_text(f"{TABS + THIN} sessions share it")
                           .count() > 0 or load.finished(p, shared.EPOCHS), 120,
                           "the tab to count six sessions (or the run to end)")
            deadline = time.monotonic() + 240
            while not (crowd.done() and all(load.finished(p, shared.EPOCHS) for _, p in tabs)):
                assert time.monotonic() < deadline, "the shared run did not finish in time"
                time.sleep(0.1)
            watching.set()
            counter.join(5)
            assert seen_jobs[0] == 1  # six copies of one run would be two at a time here
            assert all(s.finished_s is not None and not s.errors for s in thin)
            assert all(sum(o == MODEL for o in s.picker) == 1 for s in thin), \
                [s.picker for s in thin]
            for _, page in tabs:
                assert load.session_models(page) == [MODEL]
                assert page.locator("[data-testid='stException']").count() == 0
        finally:
            crowd.close()
            for context, _ in tabs:
                context.close()
        # a late student: the finished run, at once, from the recent runs
        context, page = shared._tab(browser, srv.url, True, 0)
        try:
            shared._press(page, True)
            page.get_by_text("already trained on this server").wait_for()
            page.get_by_text(f"Finished {shared.EPOCHS} epochs").first.wait_for()
            assert load.session_models(page) == [MODEL]
        finally:
            context.close()
