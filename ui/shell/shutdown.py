"""Nothing lost on restart: when the server is told to stop (SIGTERM from a redeploy, or
Ctrl-C), every running training job stops at its next step and its weights are saved into the
library as "<the session's model name> (interrupted)"; queued jobs are told they never started.

Streamlit installs its own SIGTERM / SIGINT handlers once the server has started (in
``streamlit.web.bootstrap``), and ``on_release`` of a session-scoped cache "isn't guaranteed to
be called when an app is shut down" (its docs), so neither can carry this. Instead the first
script run asks Streamlit's event loop (the main thread: only it may call ``signal.signal``)
to wrap those handlers: ours starts the shutdown without blocking the loop, and the saving
thread calls Streamlit's handler when it is done, so the server then closes as it always did.
That thread is not a daemon: the interpreter would wait for it before exiting, while the
daemon training threads still run and can end their step. No Streamlit import at module
level: the core of it is tested without a server.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from ui.shell import model_store
from ui.shell.jobs import JobRegistry, ended_run
from vae_core.messages import JOB_MESSAGES

MARK = "(interrupted)"
SAVE_WITHIN_S = 5.0  # the jobs' last steps and saves
# the pages may be waited for until this long after the signal: with Streamlit's own close
# (< 1 s) a shutdown stays within the 10 s that docker stop allows. A fixed 3 s grace after the
# saves was too short for a page's rerun on a loaded 2-core machine (CI), and its learner then
# never read where the weights went.
PAGES_UNTIL_S = 9.0
FLUSH_S = 0.5
SIGNALS = (signal.SIGTERM, signal.SIGINT)


@dataclass
class ShutdownReport:
    saved: dict[str, Path] = field(default_factory=dict)   # model name -> library file
    not_saved: list[str] = field(default_factory=list)    # one line each: why
    not_started: int = 0                                  # queued jobs that never ran
    seconds: float = 0.0                                  # from the signal to the last save


K_SHOWN = "_vl_shutdown_shown"  # the jobs this script run has drawn the end of
_told: weakref.WeakSet = weakref.WeakSet()  # the jobs whose end a page has shown
_told_lock = threading.Lock()


def told(job: Any) -> None:
    """A page has shown how ``job`` ended: a shutdown need not hold the server open for it."""
    with _told_lock:
        _told.add(job)


def shown(job: Any) -> None:
    """This run draws how ``job`` ended; it counts as told once the run has drawn the whole
    page (``end_of_run``): told mid-run, the server closed while the rest of the run still
    held the messages back, and a page under load never got the words (CI, once)."""
    st.session_state.setdefault(K_SHOWN, []).append(job)


def end_of_run() -> None:
    """The script run is over: every job it showed has been told."""
    for job in st.session_state.pop(K_SHOWN, []):
        told(job)


def _wait_until_told(jobs: list[Any], deadline: float) -> bool:
    """Hold the server open until a page has shown each job's end, at most until ``deadline``
    (``time.monotonic()``): a page polls every second, and on a busy machine its rerun takes
    longer than any fixed pause. False when some page had not shown it by then."""
    while True:
        with _told_lock:
            if all(job in _told for job in jobs):
                return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


def interrupt_all(registry: JobRegistry) -> tuple[list[Any], list[Any]]:
    """Close ``registry`` (no new job), tell its queued jobs they will not start and ask its
    running jobs to stop at their next step, without waiting. Returns (running jobs, queued
    jobs)."""
    running, queued = registry.close()
    for job in queued:
        if hasattr(job, "report"):
            job.report("not_started_restart")
    for job in running:
        if hasattr(job, "interrupt"):
            job.interrupt()
        else:  # a β lab sweep: its models are compared in the page, not kept one by one
            job.stop(timeout=0)
    return running, queued


def save_interrupted(job: Any, directory: Path, *, timeout_s: float) -> tuple[str, Path | None]:
    """Wait up to ``timeout_s`` for ``job`` to end, then save its weights as "<name>
    (interrupted)" (a number is added when that name is taken). Returns (a line for the log,
    the file or None); the job's snapshot then says where the weights went (or why not)."""
    job.join(timeout_s)
    steps = job.snapshot().step
    if job.is_alive():
        return _unsaved(job, steps, f"its step did not end within {timeout_s:.1f} s"), None
    run = ended_run(job)
    if run is None:
        job.report("stopped_before")  # nothing to save: the pages may say so now
        return f"{job.name}: {JOB_MESSAGES['stopped_before']}", None
    model, train_cfg, summary = run
    summary = {**summary, "status": "interrupted", "steps": steps}
    # a run shared by several sessions (``ui.shell.shared_runs``) is saved once for each, so
    # that each owns its file as it would own a run of its own
    owners = getattr(job, "owners", None) or [getattr(job, "owner", None)]
    try:
        saved = [model_store.save_new_model(model, f"{job.name} {MARK}", directory,
                                            data_cfg=job.data_cfg, train_cfg=train_cfg,
                                            summary=summary, owner=owner)
                 for owner in owners]
    except (OSError, ValueError) as exc:  # disk full, read-only volume, a refused model
        return _unsaved(job, steps, f"{type(exc).__name__}: {exc}"), None
    path, name = saved[0]
    job.report("interrupted_saved", steps=steps, name=name)
    return f"{job.name}: {JOB_MESSAGES['interrupted_saved'].format(steps=steps, name=name)}", path


def _unsaved(job: Any, steps: int, error: str) -> str:
    job.report("interrupted_unsaved", steps=steps, error=error)
    return f"{job.name}: {JOB_MESSAGES['interrupted_unsaved'].format(steps=steps, error=error)}"


def shut_down(registry: JobRegistry, directory: Path, *, within_s: float = SAVE_WITHIN_S,
              log: Callable[[str], None] | None = None, then: Callable[[], None] | None = None,
              pages_until_s: float = 0.0) -> tuple[threading.Thread, ShutdownReport]:
    """Interrupt every job now, then save the running ones in a non-daemon thread (returned,
    started) that fills in the report, at most ``within_s``; then, once a page has shown each
    job's end (at most ``pages_until_s`` after the start), it calls ``then`` (whatever
    happened: it is what stops the server)."""
    t0 = time.monotonic()
    report = ShutdownReport()
    running, queued = interrupt_all(registry)
    report.not_started = len(queued)
    say = log or (lambda line: None)

    def save_all() -> None:
        try:
            for job in running:
                if not hasattr(job, "interrupt"):
                    continue
                left = max(0.0, within_s - (time.monotonic() - t0))
                line, path = save_interrupted(job, directory, timeout_s=left)
                if path is not None:
                    report.saved[job.snapshot().params["name"]] = path
                else:
                    report.not_saved.append(line)
                say(line)
            report.seconds = time.monotonic() - t0
            say(f"{len(report.saved)} interrupted runs saved to {directory} in "
                f"{report.seconds:.2f} s; {report.not_started} queued runs not started")
            # a sweep's page does not say how it ended: only Train runs are waited for
            reported = [job for job in [*running, *queued] if hasattr(job, "report")]
            if reported and pages_until_s > 0:
                shown = _wait_until_told(reported, t0 + pages_until_s)
                say(f"pages told in {time.monotonic() - t0:.2f} s" if shown else
                    f"not every page was told within {pages_until_s:.1f} s")
        finally:
            if then is not None:
                then()

    thread = threading.Thread(target=save_all, name="vae-shutdown", daemon=False)
    thread.start()
    return thread, report


# -- the hook into Streamlit's server -------------------------------------------------------
_installed = False
_begun = threading.Event()


def _log(line: str) -> None:
    print(f"vae-lab shutdown: {line}", file=sys.stderr, flush=True)


def _close_after_flush(loop: asyncio.AbstractEventLoop, previous: Callable, number: int) -> None:
    """Hand Streamlit its signal a few of its send cycles from now: it sends each session's
    queued messages from this loop every 5 ms, and stopping at once could drop the words a
    page has just written about its run."""
    loop.call_later(FLUSH_S, previous, number, None)


def _wrap_handlers(registry: Callable[[], JobRegistry], directory: Callable[[], Path]) -> None:
    """On the main thread, in Streamlit's event loop: put our handler in front of each of
    Streamlit's. Ours hands Streamlit the signal once the jobs are saved, plus a moment for the
    pages still connected to rerun and say where the weights went (their fragments poll every
    second; closing the server first closed their websockets before they could)."""
    loop = asyncio.get_running_loop()
    for signum in SIGNALS:
        previous = signal.getsignal(signum)
        if not callable(previous):  # not a Streamlit server (a test harness): leave it be
            continue

        def handler(number: int, frame: Any, previous: Callable = previous) -> None:
            if _begun.is_set():  # a second signal: stop now, saved or not
                previous(number, frame)
                return
            _begun.set()
            _log(f"{signal.Signals(number).name}: stopping every training job")
            shut_down(registry(), directory(), log=_log, pages_until_s=PAGES_UNTIL_S,
                      then=lambda: loop.call_soon_threadsafe(_close_after_flush, loop,
                                                             previous, number))

        signal.signal(signum, handler)


def install(registry: Callable[[], JobRegistry], directory: Callable[[], Path]) -> bool:
    """Once per process, from a script run: have Streamlit's event loop wrap its signal
    handlers (see the module's docstring). False when there is no running Streamlit server
    (``AppTest``, a bare import), which then keeps its default behaviour."""
    global _installed
    if _installed:
        return True
    try:
        from streamlit.runtime import Runtime

        # Streamlit 1.67 has no public handle on its event loop; this is the loop that runs
        # the server in the main thread, where its signal handlers were installed.
        loop = Runtime.instance()._get_async_objs().eventloop
        loop.call_soon_threadsafe(_wrap_handlers, registry, directory)
    except Exception:  # no runtime, or a Streamlit whose insides moved: tests will say so
        return False
    _installed = True
    return True
