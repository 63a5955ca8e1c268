"""Why the job registry (``ui.shell.jobs``) refused a job: every slot busy, the queue full,
the server closing, or one of the fairness rules (``ui.shell.fairness``). ``ui.shell.start_errors``
words them; the numbers they carry go into those words."""

from __future__ import annotations


class ServerBusy(RuntimeError):
    """Too many jobs are training on this server right now."""

    def __init__(self, running: int, limit: int) -> None:
        super().__init__(f"{running} of {limit} training jobs are running")
        self.running, self.limit = running, limit


class QueueFull(ServerBusy):
    """Every slot is busy and the queue is as long as it may get."""

    def __init__(self, running: int, limit: int, queued: int) -> None:
        super().__init__(running, limit)
        self.queued = queued
        self.args = (f"{running} of {limit} training jobs are running and {queued} are queued",)


class ClientQueueFull(QueueFull):
    """This client address already has as many queued jobs as one client may."""

    def __init__(self, running: int, limit: int, queued: int, per_client: int) -> None:
        super().__init__(running, limit, queued)
        self.per_client = per_client
        self.args = (f"{per_client} jobs from this client are already queued",)


class ClientBusy(ServerBusy):
    """This client address already runs as many jobs as one client may at once."""

    def __init__(self, running: int, limit: int, per_client: int) -> None:
        super().__init__(running, limit)
        self.per_client = per_client
        self.args = (f"{per_client} jobs from this client are already running",)


class SessionBusy(RuntimeError):
    """This session already has a job running or queued (of ``kind``: see ``fairness.KINDS``);
    one at a time, whichever page started it."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"this session's {kind} job has not ended")
        self.kind = kind


class ServerClosing(QueueFull):
    """The server is shutting down (``JobRegistry.close``): no new job starts or waits. A
    ``QueueFull`` so that every page that words a full queue already handles it."""
