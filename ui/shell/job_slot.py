"""One browser session's training slot: its current (or last) job, how it came, and what
its Stop and its tab's closing do to it (``ui.shell.shared_runs`` for a shared run). No
Streamlit here."""

from __future__ import annotations

from typing import Any

from vae_core.threads import return_freed_memory_soon  # no torch: safe before the thread cap


class SessionJobs:
    """The one training slot of a browser session.

    ``job`` is the current (or last) job, queued, running or ended; ``harvested`` says whether
    its model was already turned into a session model; ``cancelled`` that it left the queue
    before it started. ``release`` stops or unqueues the job: it is the ``on_release`` of the
    session-scoped cache, called when the session disconnects.
    """

    def __init__(self) -> None:
        self.job: Any = None
        self.how = "new"  # how ``job`` came: "new", "joined" (shared) or "cached" (finished)
        self.harvested = True
        self.model_key: str | None = None  # the session model the ended job became
        self.released = False
        self.cancelled = False
        self._registry: Any = None  # the ``JobRegistry`` (queue) ``job`` went through
        self._shared: Any = None  # the ``SharedRuns`` that ``job`` may be shared through

    def attach(self, job: Any, registry: Any = None, *, shared: Any = None,
               stop_previous: bool = True) -> None:
        if stop_previous:
            self.stop()
        self.job, self.harvested, self.model_key = job, False, None
        self._registry, self.cancelled, self._shared = registry, False, shared
        if self.released:  # the tab closed while this job was being submitted
            self.release()

    @property
    def shared(self) -> Any:
        """The ``SharedRuns`` that holds ``job`` with other sessions (or might), else None."""
        return self._shared

    def queue_position(self) -> tuple[int, int] | None:
        """(place, queue length) while the job waits for a slot, else None."""
        if self.job is None or self._registry is None:
            return None
        return self._registry.position(self.job)

    def running(self) -> bool:
        """The job has not ended: it waits in the queue or trains. (The registry starts a job
        before it leaves the queue, so asking in this order never misses one in between.)"""
        return self.job is not None and not self.cancelled and (
            self.queue_position() is not None or self.job.is_alive())

    def stop(self, timeout: float | None = 2.0) -> None:
        if self.job is None:
            return
        if self._shared is not None and self._leave_shared():
            return
        if self._registry is not None and self._registry.cancel(self.job):
            self.cancelled = True
        elif self.job.is_alive():
            self.job.stop(timeout=timeout)

    def wait_for_first_step(self, timeout: float) -> None:
        """Give a job that just started up to ``timeout`` seconds to take its first step (a
        queued job is not waited for)."""
        if self.job is not None and not self.queue_position():
            self.job.wait_for_first_step(timeout)

    def _leave_shared(self) -> bool:
        """Stop as a member of a shared run: True when others hold it, and this slot now
        shows its own copy stopped at the shared run's step (or left the queue)."""
        shown = self._shared.stop(self, self.job)
        if shown is self.job:  # alone with it: no one may join it now, and it is stopped
            self._shared.leave(self, self.job)
            return False
        self._shared, self._registry = None, None
        if shown is None:
            self.cancelled = True
        else:
            self.job, self.harvested, self.model_key = shown, False, None
        return True

    def release(self) -> None:
        """Runs on the server's event loop: ask the job to stop (it ends within one step) but
        do not wait for it, so closing tabs never stalls the other sessions. A shared run goes
        on for the sessions that still hold it."""
        self.released = True
        if self._shared is not None and self.job is not None \
                and self._shared.leave(self, self.job):
            self._shared = None
            return_freed_memory_soon()
            return
        self.stop(timeout=0)
        return_freed_memory_soon()  # after the session's models are gone
