"""Training jobs for the app: a server-wide limit, a FIFO queue behind it, and one job slot per
browser session.

No Streamlit here. One ``JobRegistry`` per server process (``registry()``); ``ui.shell.state`` keeps
one ``SessionJobs`` per session, whose ``release`` runs when the tab closes.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ui.shell import fairness
from ui.shell.fairness import NOBODY, Who
from ui.shell.job_errors import (  # where every caller has found them
    ClientBusy,
    ClientQueueFull,
    QueueFull,
    ServerBusy,
    ServerClosing,
    SessionBusy,
)
from ui.shell.job_slot import SessionJobs  # noqa: F401  (where the pages have found it)

MAX_JOBS_ENV = "VAE_LAB_MAX_JOBS"
MAX_QUEUE_ENV = "VAE_LAB_MAX_QUEUE"
DEFAULT_MAX_QUEUE = 30
# A queue place changes only when a run ends (every few seconds with a class waiting), and 28
# queued tabs polling twice a second took the GIL from the training threads and the health
# endpoint alike (bench/bench_load.py, README "Many users at once"): queued pages poll slower.
QUEUED_POLL_S = 2.0
MAX_CLIENTS_REMEMBERED = 1024  # for round-robin: when each client last got a slot
DISPATCH_POLL_S = 0.1  # how soon a queued job starts after a slot frees (jobs cannot signal it)
THREADS_ENV = "OMP_NUM_THREADS"
DEFAULT_THREADS = "1"  # one core per job; see ``limit_torch_threads``


def _int_env(name: str, default: int, *, lowest: int) -> int:
    try:
        value = int(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value >= lowest else default


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity: a container's or ``taskset``'s
    limit, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def max_jobs() -> int:
    """``$VAE_LAB_MAX_JOBS`` (a positive integer), else one slot per usable core: each job
    trains on one torch thread (``limit_torch_threads``)."""
    return _int_env(MAX_JOBS_ENV, usable_cores(), lowest=1)


def max_queue() -> int:
    """``$VAE_LAB_MAX_QUEUE`` (0 turns the queue off), else 30."""
    return _int_env(MAX_QUEUE_ENV, DEFAULT_MAX_QUEUE, lowest=0)


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


SWITCH_ENV = "VAE_LAB_SWITCH_INTERVAL"
DEFAULT_SWITCH_S = 0.0005


def favour_training_threads() -> None:
    """Python's thread switch interval: 0.5 ms instead of 5 ms (``$VAE_LAB_SWITCH_INTERVAL`` in
    seconds overrides it). A training thread lets go of the GIL in every torch op and must get
    it back for the next one; while the pages' script runs hold it, it waited up to the whole
    interval each time. A class of 30 sessions redrawing one shared run: the run's last
    session done 15.2 s → 10.5 s after Start, against 4.3-4.8 s for the run alone
    (``bench/bench_shared.py``)."""
    try:
        interval = float(os.environ.get(SWITCH_ENV, DEFAULT_SWITCH_S))
    except ValueError:
        interval = DEFAULT_SWITCH_S
    if interval > 0:
        sys.setswitchinterval(interval)


class _Held:
    """A slot taken for work that runs in the page's own thread (an evaluation): alive until
    the ``hold`` block ends; ``stop`` (a server shutting down) asks that work to end early."""

    def __init__(self) -> None:
        self.alive, self.stopping = True, False

    def start(self) -> None:  # taken at once: there is no thread to start
        pass

    def is_alive(self) -> bool:
        return self.alive

    def stop(self, timeout: float | None = None) -> None:
        self.stopping = True


class JobRegistry:
    """The jobs of this process: at most ``limit`` run at once, one per session.

    ``submit`` (the Train and home pages) puts a job past the limit in a queue of at most
    ``max_queue`` (``max_per_client`` from one client address), served round-robin over
    clients (``fairness.fair_order``); a dispatcher thread, alive only while the queue is not
    empty, starts the queued jobs as slots free up, so no browser has to be connected for
    that. ``start`` (the sweeps) and ``hold`` (evaluations) refuse instead. One lock guards
    the running list and the queue, and a job leaves the queue and starts under it, so a job is
    always either queued, started, or cancelled.
    """

    def __init__(self, limit: int, max_queue: int = DEFAULT_MAX_QUEUE, *,
                 poll_s: float = DISPATCH_POLL_S, max_per_client: int | None = None,
                 max_running_per_client: int | None = None) -> None:
        self.limit, self.max_queue, self.poll_s = limit, max_queue, poll_s
        self.max_per_client = (fairness.max_queued_per_client() if max_per_client is None
                               else max_per_client)
        self.max_running_per_client = (fairness.max_running_per_client(limit)
                                       if max_running_per_client is None
                                       else max_running_per_client)
        self._jobs: list[Any] = []
        self._queue: deque[Any] = deque()
        self._who: dict[int, Who] = {}  # id(job) -> who asked, while it runs or waits
        self._served: dict[str | None, int] = {}  # client -> when it last got a slot (a count)
        self._turn = 0
        self._lock = threading.Condition()
        self._dispatcher: threading.Thread | None = None
        self.closed = False  # set by ``close``: a server shutting down starts nothing new

    def _who_of(self, job: Any) -> Who:
        return self._who.get(id(job), NOBODY)

    def _order(self) -> list[Any]:
        return fairness.fair_order(self._queue, self._jobs, self._who_of, self._served)

    def _may_run(self, who: Who) -> bool:
        """Whether ``who``'s client is under its share of the running slots."""
        if who.client is None or not self.max_running_per_client:
            return True
        running = sum(self._who_of(job).client == who.client for job in self._jobs)
        return running < self.max_running_per_client

    def _dispatch(self) -> None:
        """Forget ended jobs and start queued ones while there is room (lock held)."""
        self._jobs = [j for j in self._jobs if j.is_alive()]
        while self._queue and len(self._jobs) < self.limit:
            job = next((j for j in self._order() if self._may_run(self._who_of(j))), None)
            if job is None:  # the jobs waiting are of clients that hold their share
                break
            self._queue.remove(job)
            try:
                job.start()
            except Exception:  # one job that cannot start must not block the ones behind it;
                self._who.pop(id(job), None)  # its session sees it neither queued nor alive,
                continue                       # i.e. ended
            self._jobs.append(job)
            self._note_served(self._who_of(job).client)
        ids = {id(j) for j in self._jobs} | {id(j) for j in self._queue}
        self._who = {key: who for key, who in self._who.items() if key in ids}

    def _admit(self, who: Who, replaces: Any) -> None:
        """Refuse a job of ``who`` while the server closes or its session has another one
        (``replaces`` excepted: the job it is about to take the place of)."""
        self._refuse_if_closed()
        self._dispatch()
        other = fairness.session_job([*self._jobs, *self._queue], self._who_of, who, replaces)
        if other is not None:
            raise SessionBusy(self._who_of(other).kind)

    def _run_now(self, job: Any, who: Who) -> None:
        job.start()
        self._jobs.append(job)
        self._who[id(job)] = who
        self._note_served(who.client)

    def _note_served(self, client: str | None) -> None:
        self._turn += 1
        self._served[client] = self._turn
        if len(self._served) > MAX_CLIENTS_REMEMBERED:  # the clients served longest ago
            for old in sorted(self._served, key=self._served.__getitem__)[:len(self._served) // 2]:
                del self._served[old]

    def _dispatch_loop(self) -> None:
        from vae_core.threads import name_os_thread

        name_os_thread("vae-queue")
        with self._lock:
            try:
                while True:
                    self._dispatch()
                    if not self._queue:
                        return
                    self._lock.wait(self.poll_s)
            finally:
                self._dispatcher = None

    def running(self) -> int:
        with self._lock:
            self._dispatch()
            return len(self._jobs)

    def queued(self) -> int:
        with self._lock:
            return len(self._queue)

    def _refuse_if_closed(self) -> None:
        if self.closed:
            raise ServerClosing(len(self._jobs), self.limit, len(self._queue))

    def close(self) -> tuple[list[Any], list[Any]]:
        """Refuse every new job from now on and empty the queue; returns (the jobs still
        running, the jobs that were queued and will never start). For a server shutdown."""
        with self._lock:
            self.closed = True
            queued = list(self._queue)
            self._queue.clear()
            self._lock.notify()
            self._jobs = [j for j in self._jobs if j.is_alive()]
            return list(self._jobs), queued

    def start(self, make_job: Callable[[], Any], *, who: Who = NOBODY,
              replaces: Any = None) -> Any:
        """Build a job with ``make_job()`` and start it, or raise ``ServerBusy`` (no free
        slot) or ``SessionBusy``."""
        with self._lock:
            self._admit(who, replaces)  # queued jobs first: a slot still free is no one's turn
            if len(self._jobs) >= self.limit:
                raise ServerBusy(len(self._jobs), self.limit)
            if not self._may_run(who):
                raise ClientBusy(len(self._jobs), self.limit, self.max_running_per_client)
            job = make_job()
            self._run_now(job, who)
            return job

    def take(self, who: Who = NOBODY) -> _Held:
        """Take a slot for work done in the caller's thread (an evaluation) until ``give_back``,
        or raise as ``start`` does. The work should end early once the slot's ``stopping``."""
        return self.start(_Held, who=who)

    def give_back(self, held: _Held) -> None:
        with self._lock:
            held.alive = False
            self._lock.notify()

    @contextmanager
    def hold(self, who: Who = NOBODY) -> Iterator[_Held]:
        """``take`` a slot for the block, and ``give_back`` whatever happens."""
        held = self.take(who)
        try:
            yield held
        finally:
            self.give_back(held)

    def submit(self, job: Any, *, who: Who = NOBODY, replaces: Any = None) -> int:
        """Start ``job`` (not started yet) now and return 0, or queue it and return its place
        (1 = next); raises ``QueueFull`` when ``max_queue`` jobs are already waiting
        (``ClientQueueFull`` when its client has ``max_per_client``), ``SessionBusy`` when its
        session has another job, and ``ServerClosing`` once the server shuts down."""
        with self._lock:
            self._admit(who, replaces)
            if len(self._jobs) < self.limit and self._may_run(who):
                self._run_now(job, who)
                return 0
            if len(self._queue) >= self.max_queue:
                raise QueueFull(len(self._jobs), self.limit, len(self._queue))
            mine = fairness.queued_by(self._queue, self._who_of, who.client)
            if self.max_per_client and mine >= self.max_per_client:
                raise ClientQueueFull(len(self._jobs), self.limit, len(self._queue),
                                      self.max_per_client)
            self._queue.append(job)
            self._who[id(job)] = who
            if self._dispatcher is None:
                self._dispatcher = threading.Thread(target=self._dispatch_loop,
                                                    name="vae-queue", daemon=True)
                self._dispatcher.start()
            return self._order().index(job) + 1

    def position(self, job: Any) -> tuple[int, int] | None:
        """(place, queue length) while ``job`` waits, place 1 being next; else None. A place
        can grow: a newly queued job of a client with fewer turns goes ahead."""
        with self._lock:
            try:
                return self._order().index(job) + 1, len(self._queue)
            except ValueError:
                return None

    def cancel(self, job: Any) -> bool:
        """Take ``job`` out of the queue; False when it is not there (started or gone)."""
        with self._lock:
            try:
                self._queue.remove(job)
            except ValueError:
                return False
            self._lock.notify()  # the dispatcher may exit now rather than at its next poll
            return True

    def hand_over(self, job: Any, who: Who) -> None:
        """``job`` (queued or running) is ``who``'s from now on: the session that asked for a
        shared run left it, and another holds it (``ui.shell.shared_runs``)."""
        with self._lock:
            if id(job) in self._who:
                self._who[id(job)] = who

    def jobs(self) -> list[Any]:
        """The started jobs still alive."""
        with self._lock:
            self._jobs = [j for j in self._jobs if j.is_alive()]
            return list(self._jobs)

    def stop_all(self, timeout: float | None = 5.0) -> None:
        """Empty the queue and stop every running job (tests; a server shutting down)."""
        with self._lock:
            self._queue.clear()
            self._lock.notify()
            running = list(self._jobs)
        for job in running:  # outside the lock: a stopping job may ask the registry
            job.stop(timeout=timeout)


def ended_run(job: Any) -> tuple[Any, Any, dict] | None:
    """(model copy, train config, summary) of an ended ``TrainingJob`` that took a step, else
    None. β changed live is recorded as the β the weights ended with, and the β at the start is
    kept in the summary. The session's model and the shutdown save are built from this."""
    snap = job.snapshot()
    model = job.final_model() if hasattr(job, "final_model") else job.model_copy()
    if model is None or snap.step == 0:
        return None
    summary = dict(snap.summary) or {"status": snap.status, "steps": snap.step}
    train_cfg = job.train_cfg
    if snap.beta != train_cfg.beta:
        summary["beta_at_start"] = train_cfg.beta
        train_cfg = dataclasses.replace(train_cfg, beta=snap.beta)
    return model, train_cfg, summary


_REGISTRY: JobRegistry | None = None
_REGISTRY_LOCK = threading.Lock()


def registry() -> JobRegistry:
    """The one ``JobRegistry`` of this server process (limits read from the environment once)."""
    global _REGISTRY
    with _REGISTRY_LOCK:
        if _REGISTRY is None:
            _REGISTRY = JobRegistry(max_jobs(), max_queue())
        return _REGISTRY
