"""Training jobs for the app: a server-wide limit and one job slot per browser session.

No Streamlit here. One ``JobRegistry`` per server process (``registry()``); ``ui.state`` keeps
one ``SessionJobs`` per session, whose ``release`` runs when the tab closes.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import Any

MAX_JOBS_ENV = "VAE_LAB_MAX_JOBS"
DEFAULT_MAX_JOBS = 2
THREADS_ENV = "OMP_NUM_THREADS"
DEFAULT_THREADS = "1"  # one core per job; see ``limit_torch_threads``


class ServerBusy(RuntimeError):
    """Too many jobs are training on this server right now."""

    def __init__(self, running: int, limit: int) -> None:
        super().__init__(f"{running} of {limit} training jobs are running")
        self.running, self.limit = running, limit


def _positive_env(name: str, default: int) -> int:
    try:
        value = int(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def max_jobs() -> int:
    """``$VAE_LAB_MAX_JOBS`` (a positive integer), else 2."""
    return _positive_env(MAX_JOBS_ENV, DEFAULT_MAX_JOBS)


def limit_torch_threads() -> None:
    """Default ``OMP_NUM_THREADS`` to 1 for the server process, before torch is first imported.

    On 2 cores shared by the server, the browser and up to ``max_jobs()`` jobs, one intra-op
    thread per job was faster in our runs (the default digits run: about 5-8 s from Start to the
    last step, against 12-15 s with torch's default of 2 threads, which oversubscribe the cores).
    It goes through the environment so that it applies to every thread, only when the user has
    not chosen a value (run with ``OMP_NUM_THREADS=2`` for one big job on an idle machine).
    """
    if "torch" not in sys.modules:
        os.environ.setdefault(THREADS_ENV, DEFAULT_THREADS)


class JobRegistry:
    """Counts the jobs alive in this process and refuses to start one past ``limit``."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._jobs: list[Any] = []
        self._lock = threading.Lock()

    def _prune(self) -> None:
        self._jobs = [j for j in self._jobs if j.is_alive()]

    def running(self) -> int:
        with self._lock:
            self._prune()
            return len(self._jobs)

    def start(self, make_job: Callable[[], Any]) -> Any:
        """Build a job with ``make_job()`` and start it, or raise ``ServerBusy``."""
        with self._lock:
            self._prune()
            if len(self._jobs) >= self.limit:
                raise ServerBusy(len(self._jobs), self.limit)
            job = make_job()
            job.start()
            self._jobs.append(job)
            return job


_REGISTRY: JobRegistry | None = None
_REGISTRY_LOCK = threading.Lock()


def registry() -> JobRegistry:
    """The one ``JobRegistry`` of this server process (limit read from the environment once)."""
    global _REGISTRY
    with _REGISTRY_LOCK:
        if _REGISTRY is None:
            _REGISTRY = JobRegistry(max_jobs())
        return _REGISTRY


class SessionJobs:
    """The one training slot of a browser session.

    ``job`` is the current (or last) job; ``harvested`` says whether its model was already
    turned into a session model. ``release`` stops a running job: it is the ``on_release`` of
    the session-scoped cache, called when the session disconnects.
    """

    def __init__(self) -> None:
        self.job: Any = None
        self.harvested = True
        self.model_key: str | None = None  # the session model the ended job became
        self.released = False

    def attach(self, job: Any) -> None:
        self.stop()
        self.job, self.harvested, self.model_key = job, False, None

    def running(self) -> bool:
        return self.job is not None and self.job.is_alive()

    def stop(self, timeout: float | None = 2.0) -> None:
        if self.job is not None and self.job.is_alive():
            self.job.stop(timeout=timeout)

    def release(self) -> None:
        self.released = True
        self.stop(timeout=0.5)
