"""Whose compute a job is, so that one student cannot take the class's: which session (a
learner's, once classes exist) and which client address asked for it, and the order a queue
serves them in. No Streamlit here: ``ui.shell.state`` reads the session and the request.

The rules (``ui.shell.jobs.JobRegistry`` applies them):
- one job per session at a time, whatever page started it (Train, the β lab and BCE vs MSE
  sweeps, "Why variational?", an evaluation);
- at most ``max_queued_per_client()`` queued jobs per client address, and at most
  ``max_running_per_client(limit)`` running: by default every slot but one, so that one client
  with many tabs cannot hold them all while a classmate waits for hours (there is no
  preemption: a run ends when its epochs do);
- the queue serves clients round-robin: a client's k-th waiting job goes after every other
  client's earlier ones, counting its running jobs as already served.
"""

from __future__ import annotations

import ipaddress
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

MAX_QUEUED_PER_CLIENT_ENV = "VAE_LAB_MAX_QUEUED_PER_CLIENT"
# A class behind one school NAT reaches the server as one address: 10 keeps most of a class
# able to queue while a single hostile tab-opener cannot fill the 30 places; 0 turns it off
# (README "Fair compute").
DEFAULT_MAX_QUEUED_PER_CLIENT = 10
MAX_RUNNING_PER_CLIENT_ENV = "VAE_LAB_MAX_RUNNING_PER_CLIENT"
KINDS = ("train", "sweep", "why", "evaluation", "fewlabels")


@dataclass(frozen=True)
class Who:
    """Who asked for a job. None fields are not limited: a job from the command line, a test,
    or a browser on the server's own machine without a proxy in front."""

    session: str | None = None  # the browser session (a learner's id once classes exist)
    client: str | None = None   # the client's address (see ``client_address``)
    kind: str = "train"         # which page's work it is, to word "your … is still running"


NOBODY = Who()


def _count_env(name: str, default: int) -> int:
    try:
        value = int(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value >= 0 else default


def max_queued_per_client() -> int:
    """``$VAE_LAB_MAX_QUEUED_PER_CLIENT`` (0: no limit), else 10."""
    return _count_env(MAX_QUEUED_PER_CLIENT_ENV, DEFAULT_MAX_QUEUED_PER_CLIENT)


def max_running_per_client(limit: int) -> int:
    """``$VAE_LAB_MAX_RUNNING_PER_CLIENT`` (0: no limit), else every slot but one of ``limit``
    (one, on a one-slot server). A class behind one NAT address should turn it off."""
    return _count_env(MAX_RUNNING_PER_CLIENT_ENV, max(1, limit - 1))


def _loopback(address: str | None) -> bool:
    if address is None:
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def client_address(headers: Mapping[str, str], peer: str | None) -> str | None:
    """The client's address: the socket's peer, unless that peer is this machine (our nginx,
    ``deploy/``), whose ``X-Forwarded-For`` then names it. Only the last entry of that header
    counts: nginx appends the address it saw, and whatever a client wrote there itself comes
    before it. None for a browser on the server's own machine with no proxy in front."""
    if not _loopback(peer):
        return peer
    forwarded = next((v for k, v in headers.items() if k.lower() == "x-forwarded-for"), "")
    last = forwarded.split(",")[-1].strip()
    return last or None


def session_job(jobs: Iterable[Any], who_of: Callable[[Any], Who], who: Who,
                replaces: Any = None) -> Any:
    """The job of ``who``'s session among ``jobs`` (other than ``replaces``), or None."""
    if who.session is None:
        return None
    return next((job for job in jobs if job is not replaces
                 and who_of(job).session == who.session), None)


def queued_by(queue: Iterable[Any], who_of: Callable[[Any], Who], client: str | None) -> int:
    return 0 if client is None else sum(who_of(job).client == client for job in queue)


def fair_order(queue: Iterable[Any], running: Iterable[Any], who_of: Callable[[Any], Who],
               last_served: Mapping[str | None, int]) -> list[Any]:
    """``queue`` in the order it is served: round-robin over clients. A client's k-th waiting
    job goes in round k plus its running jobs (turns it holds now); within a round, the client
    served longest ago (``last_served``: a counter, -1 for never) goes first; then arrival. With
    one client (or none known) this is the queue's own order."""
    turns = Counter(who_of(job).client for job in running)
    keyed = []
    for arrival, job in enumerate(queue):
        client = who_of(job).client
        keyed.append((turns[client], last_served.get(client, -1), arrival, job))
        turns[client] += 1
    return [item[-1] for item in sorted(keyed, key=lambda item: item[:3])]
