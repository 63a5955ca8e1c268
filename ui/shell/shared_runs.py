"""Identical runs trained once: a class pressing the same button shares one job.

A run's identity is ``vae_core.run_cache.run_key``. Starting a run whose key is training (or
queued) attaches the session to that job: the same curves, latent view, β and queue place.
Starting one whose key has finished hands over the ended job at once, from the recent runs in
memory or from the run cache on disk (shared by replicas, kept over restarts). Each session
still turns the run into its own session model; the weights are one read-only copy.

A member that changes β, or stops, while others train with it leaves the shared job: from the
state after the next step it goes on as its own job (queued if no slot is free), or ends there
as stopped; the others are not touched. A job whose only member changes β is that session's
alone from then on (it is no longer its key's run). A job nobody holds any more stops. No
Streamlit here: the pages reach this through ``ui.shell.session_job``.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ui.shell.fairness import NOBODY, Who
from ui.shell.job_slot import SessionJobs
from ui.shell.jobs import JobRegistry
from vae_core.jobs import ENDED, TrainingJob
from vae_core.run_cache import RunCache, cacheable

RECENT_RUNS = 16       # finished runs kept in memory (a few MB each), the rest on disk
FORK_WAIT_S = 5.0      # a step takes milliseconds; a job this slow is left as it is
log = logging.getLogger(__name__)


@dataclass
class Member:
    slot: SessionJobs
    who: Who
    owner: str | None


class SharedRuns:
    """The jobs of this server process by run key, and who holds each one."""

    def __init__(self, registry: JobRegistry, cache: RunCache | None = None, *,
                 recent: int = RECENT_RUNS) -> None:
        self.registry, self.cache, self.recent_max = registry, cache, recent
        self._lock = threading.RLock()  # SessionJobs.attach stops the old job, which leaves
        self._live: dict[str, Any] = {}              # key -> its job, queued or training
        self._key_of: dict[int, str] = {}            # id(job) -> key, while it is that run
        self._members: dict[int, dict[int, Member]] = {}  # id(job) -> id(slot) -> member
        self._recent: OrderedDict[str, Any] = OrderedDict()  # key -> a finished job

    # -- joining -----------------------------------------------------------------------------
    def start(self, slot: SessionJobs, key: str, make_job: Callable[[], Any], *,
              who: Who = NOBODY, owner: str | None = None, data: Any = None,
              name: str = "") -> str:
        """Put run ``key`` in ``slot``: "joined" (it was training or queued), "cached" (it had
        finished) or "new" (submitted: it may raise what ``JobRegistry.submit`` raises)."""
        with self._lock:
            job = self._live.get(key)
            if job is not None and self._waiting_or_alive(job):
                self._attach(slot, job, who, owner)
                return "joined"
            job = self._finished(key, data=data, name=name)
            if job is not None:
                slot.attach(job, self.registry, shared=self)
                return "cached"
            job = make_job()
            job.on_end.append(lambda ended, key=key: self._ended(key, ended))
            self.registry.submit(job, who=who, replaces=slot.job)
            self._live[key], self._key_of[id(job)] = job, key
            self._attach(slot, job, who, owner)
            return "new"

    def _finished(self, key: str, *, data: Any, name: str) -> Any:
        job = self._recent.get(key)
        if job is not None:
            self._recent.move_to_end(key)
            return job
        if self.cache is None:
            return None
        job = self.cache.get(key, data=data, name=name)
        if job is not None:
            self._remember(key, job)
        return job

    def _remember(self, key: str, job: Any) -> None:
        self._recent[key] = job
        self._recent.move_to_end(key)
        while len(self._recent) > self.recent_max:
            self._recent.popitem(last=False)

    def _waiting_or_alive(self, job: Any) -> bool:
        return self.registry.position(job) is not None or job.is_alive()

    def _attach(self, slot: SessionJobs, job: Any, who: Who, owner: str | None) -> None:
        slot.attach(job, self.registry, shared=self)
        self._members.setdefault(id(job), {})[id(slot)] = Member(slot, who, owner)
        job.owners = [m.owner for m in self._members[id(job)].values()]

    def members(self, job: Any) -> int:
        with self._lock:
            return len(self._members.get(id(job), {}))

    # -- leaving -----------------------------------------------------------------------------
    def leave(self, slot: SessionJobs, job: Any) -> bool:
        """Take ``slot`` off ``job``. True when others still hold it (then it goes on, and its
        place in the queue is held by one of them); False when it is no one's any more, and
        no one may join it (the caller stops it)."""
        with self._lock:
            members = self._members.get(id(job), {})
            member = members.pop(id(slot), None)
            if members:
                if member is not None:
                    job.owners = [m.owner for m in members.values()]
                    self.registry.hand_over(job, next(iter(members.values())).who)
                return True
            self._members.pop(id(job), None)
            self._unlist(job)
            return False

    def _unlist(self, job: Any) -> None:
        key = self._key_of.pop(id(job), None)
        if key is not None and self._live.get(key) is job:
            del self._live[key]

    def stop(self, slot: SessionJobs, job: Any) -> Any:
        """``slot``'s Stop: the job to show from now on. Alone, the job itself (the caller
        stops it); shared, a copy stopped after the shared run's next step (no slot taken: it
        only measures the test set), or the job itself when it ended meanwhile."""
        with self._lock:
            if self.members(job) < 2 or id(slot) not in self._members.get(id(job), {}):
                return job
            point = job.fork(FORK_WAIT_S) if job.snapshot().status == "running" else None
            self.leave(slot, job)
        if point is None and job.snapshot().ended:
            return job
        if point is None and not job.is_alive():
            return None  # it waits in the queue: this session leaves the queue
        stopped = TrainingJob(job.model_cfg, job.data_cfg, job.train_cfg, data=job.data,
                              name=job.name, resume=point)
        stopped.owner = getattr(job, "owner", None)
        if point is None:  # still loading its data: stopped before its first step
            stopped.report("stopped_before")
            return stopped
        stopped.stop(timeout=0)  # resumed: it restores the state, then ends at once
        return stopped.start()

    def set_beta(self, slot: SessionJobs, job: Any, beta: float, *,
                 who: Who = NOBODY) -> Any:
        """``slot``'s β change: the job that trains with it (``job``, or ``slot``'s fork)."""
        with self._lock:
            if self.members(job) < 2 or id(slot) not in self._members.get(id(job), {}):
                self._unlist(job)  # its own from here: not its key's run any more
                job.set_beta(beta)
                return job
            status = job.snapshot().status
            if status in ENDED:
                return job
            point = job.fork(FORK_WAIT_S) if status == "running" else None
            if point is None and job.snapshot().ended:  # it ended meanwhile: nothing to change
                return job
            fork = TrainingJob(job.model_cfg, job.data_cfg, job.train_cfg, data=job.data,
                               name=job.name, resume=point)
            fork.owner = self._members[id(job)][id(slot)].owner
            fork.set_beta(beta)
            self.registry.submit(fork, who=who, replaces=job)  # may raise: then it stays
            self.leave(slot, job)
            slot.attach(fork, self.registry, stop_previous=False)
            return fork

    # -- ending ------------------------------------------------------------------------------
    def _ended(self, key: str, job: Any) -> None:
        """In the job's thread once it has ended: a finished run of its key is kept."""
        with self._lock:
            still = self._key_of.get(id(job)) == key
            self._unlist(job)
            self._members.pop(id(job), None)
            if not (still and cacheable(job)):
                return
            self._remember(key, job)
        if self.cache is not None:
            try:
                self.cache.put(key, job)
            except Exception:  # noqa: BLE001  (disk full, read-only: memory still has it)
                log.exception("run cache: could not keep run %s", key)
