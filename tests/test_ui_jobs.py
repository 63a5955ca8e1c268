"""The server-wide job limit, its FIFO queue and the per-session slot (no Streamlit; fake jobs,
and real tiny ones for the thread check)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.support import wait_until
from ui.shell import jobs


class FakeJob:
    def __init__(self):
        self.started = self.stopped = False
        self.alive = False

    def start(self):
        self.started = self.alive = True

    def is_alive(self):
        return self.alive

    def stop(self, timeout=None):
        self.stopped, self.alive = True, False


def test_registry_refuses_past_the_limit():
    registry = jobs.JobRegistry(limit=2)
    a, b = registry.start(FakeJob), registry.start(FakeJob)
    assert a.started and b.started and registry.running() == 2
    with pytest.raises(jobs.ServerBusy) as busy:
        registry.start(FakeJob)
    assert (busy.value.running, busy.value.limit) == (2, 2)
    a.stop()
    c = registry.start(FakeJob)  # a finished job frees its place
    assert c.started and registry.running() == 2


@pytest.fixture
def fast_switching():
    """Switch threads every 10 µs instead of every 5 ms, so that racing threads interleave."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    yield
    sys.setswitchinterval(interval)


def run_together(n: int, work) -> None:
    """Run ``work(i)`` in ``n`` threads released at once by a barrier; re-raise what failed."""
    barrier, errors = threading.Barrier(n), []

    def worker(i):
        try:
            barrier.wait(5)
            work(i)
        except BaseException as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not any(t.is_alive() for t in threads), "a worker thread hung"
    if errors:
        raise errors[0]


def test_registry_is_thread_safe(fast_switching):
    """20 threads ask for a slot at the same instant while building a job takes a while (a
    real ``TrainingJob``: its data and configs): exactly ``limit`` get one, every other one is
    refused, and the registry never holds more than ``limit`` jobs. Without the registry's
    lock around check-then-start several threads pass the check before any job is counted."""
    registry = jobs.JobRegistry(limit=3)
    started, refused, lock = [], [], threading.Lock()

    def slow_job():
        time.sleep(0.002)  # the window in which an unguarded check lets others through
        return FakeJob()

    def work(i):
        try:
            job = registry.start(slow_job)
        except jobs.ServerBusy as busy:
            with lock:
                refused.append((busy.running, busy.limit))
        else:
            with lock:
                started.append(job)

    run_together(20, work)
    assert len(started) == 3 and len(refused) == 17
    assert len({id(j) for j in started}) == 3 and all(j.started for j in started)
    assert set(refused) == {(3, 3)}  # every refusal saw the full registry, never less
    assert registry.running() == 3 and len(registry.jobs()) == 3


class Ledger:
    """What ``CountedJob``s saw: how many ran at once (at most), and which started twice."""

    def __init__(self):
        self.lock = threading.Lock()
        self.alive = self.peak = 0
        self.started_twice: list = []


class CountedJob(FakeJob):
    def __init__(self, ledger: Ledger):
        super().__init__()
        self.ledger = ledger

    def start(self):
        with self.ledger.lock:
            if self.started:
                self.ledger.started_twice.append(self)
                return
            self.started = self.alive = True
            self.ledger.alive += 1
            self.ledger.peak = max(self.ledger.peak, self.ledger.alive)
        time.sleep(0)  # hand the GIL over in the middle of a start

    def stop(self, timeout=None):
        with self.ledger.lock:
            if self.alive:
                self.ledger.alive -= 1
            self.stopped, self.alive = True, False


def test_concurrent_submit_cancel_and_stop_never_exceed_the_limit_or_lose_a_job(
        fast_switching):
    """Eight sessions at once, each 25 times: submit, then either stop the job it got, wait in
    the queue for its start (and stop it), or take it out of the queue. Meanwhile the
    dispatcher starts queued jobs. Checked: never more than ``limit`` jobs run at once; no job
    starts twice; a queued job's place only moves up and it leaves the queue only by starting
    or by being cancelled (a cancelled job never starts); in the end nothing waits or runs."""
    limit, max_queue, sessions, rounds = 2, 4, 8, 25
    registry = jobs.JobRegistry(limit=limit, max_queue=max_queue, poll_s=0.002)
    ledger, lock = Ledger(), threading.Lock()
    outcomes: dict[str, list] = {"now": [], "queued": [], "cancelled": [], "refused": []}
    problems: list[str] = []

    def note(kind, job):
        with lock:
            outcomes[kind].append(job)

    def work(i):
        rng = random.Random(i)
        for _ in range(rounds):
            job = CountedJob(ledger)
            try:
                place = registry.submit(job)
            except jobs.QueueFull as full:
                if not (full.running <= limit and full.queued == max_queue):
                    problems.append(f"refused with {full.running} running, {full.queued} queued")
                note("refused", job)
                continue
            if place == 0:
                if not job.started:
                    problems.append("submit returned 0 for a job it did not start")
                note("now", job)
                time.sleep(rng.random() * 0.001)
                job.stop()
                continue
            if not 1 <= place <= max_queue:
                problems.append(f"queue place {place}")
            note("queued", job)
            if rng.random() < 0.3:
                if registry.cancel(job):
                    note("cancelled", job)
                    continue
                if not job.started:  # not in the queue any more: it must have started
                    problems.append("a job neither queued nor started after a failed cancel")
            last, deadline = place, time.monotonic() + 10
            while (where := registry.position(job)) is not None:
                now, length = where
                if not (1 <= now <= last and now <= length <= max_queue):
                    problems.append(f"place {now} of {length} after place {last}")
                last = now
                if time.monotonic() > deadline:
                    problems.append("a queued job waited for ever")
                    registry.cancel(job)
                    break
                time.sleep(0.0005)
            else:
                if not job.started:
                    problems.append("a job left the queue without starting or being cancelled")
            job.stop()

    run_together(sessions, work)
    assert problems == []
    assert ledger.started_twice == []
    assert ledger.peak <= limit, f"{ledger.peak} jobs ran at once with {limit} slots"
    assert ledger.peak == limit and outcomes["queued"]  # the slots really were contended
    total = sum(len(outcomes[k]) for k in ("now", "queued", "refused"))
    assert total == sessions * rounds
    assert all(not j.started for j in outcomes["cancelled"] + outcomes["refused"])
    cancelled = {id(j) for j in outcomes["cancelled"]}
    assert all(j.started and j.stopped for j in outcomes["now"] + outcomes["queued"]
               if id(j) not in cancelled)
    wait_until(lambda: registry.queued() == 0 and registry.running() == 0, 5, "an idle registry")
    assert ledger.alive == 0


@pytest.mark.parametrize("raw, expected", [("", None), ("4", 4), ("0", None), ("-1", None),
                                           ("x", None)])
def test_max_jobs_from_env(monkeypatch, raw, expected):
    """A usable value is taken; else one slot per core this process may use."""
    monkeypatch.setenv(jobs.MAX_JOBS_ENV, raw)
    monkeypatch.setattr(jobs.os, "sched_getaffinity", lambda pid: {0, 1, 2, 5, 6})
    assert jobs.max_jobs() == (expected or 5)


def test_max_jobs_follows_the_cores_this_process_may_use(monkeypatch):
    monkeypatch.delenv(jobs.MAX_JOBS_ENV, raising=False)
    assert jobs.max_jobs() == len(jobs.os.sched_getaffinity(0))


@pytest.mark.parametrize("raw, expected", [("", 30), ("5", 5), ("0", 0), ("-1", 30), ("x", 30)])
def test_max_queue_from_env(monkeypatch, raw, expected):
    monkeypatch.setenv(jobs.MAX_QUEUE_ENV, raw)
    assert jobs.max_queue() == expected


def test_session_slot_stops_its_job_on_release():
    slot = jobs.SessionJobs()
    assert not slot.running() and slot.harvested
    job = FakeJob()
    job.start()
    slot.attach(job)
    assert slot.running() and not slot.harvested and slot.model_key is None
    slot.release()
    assert job.stopped and slot.released and not slot.running()


def test_attaching_a_new_job_stops_the_old_one():
    slot = jobs.SessionJobs()
    old, new = FakeJob(), FakeJob()
    old.start()
    slot.attach(old)
    new.start()
    slot.attach(new)
    assert old.stopped and slot.job is new


def test_the_thread_default_is_one_torch_thread_per_job():
    """A fresh server process: importing ``ui`` before torch gives torch one intra-op thread
    (torch itself would take every core: 2 on the 2-core box the default was measured on)."""
    code = ("import os, sys\n"
            "assert 'torch' not in sys.modules\n"
            "import ui, torch\n"
            "print(os.environ.get('OMP_NUM_THREADS'), torch.get_num_threads())\n")
    env = {k: v for k, v in os.environ.items() if k != jobs.THREADS_ENV}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env=env, cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [jobs.DEFAULT_THREADS, "1"]


def test_the_thread_default_applies_only_when_unset_and_before_torch(monkeypatch):
    import torch  # noqa: F401  (imported: too late for the environment to matter)

    no_torch_yet = SimpleNamespace(modules={})  # ``sys`` as ui.shell.jobs sees it before torch
    monkeypatch.delenv(jobs.THREADS_ENV, raising=False)
    jobs.limit_torch_threads()  # torch is already imported: no change
    assert os.environ.get(jobs.THREADS_ENV) is None
    monkeypatch.setattr(jobs, "sys", no_torch_yet)
    jobs.limit_torch_threads()
    assert os.environ.get(jobs.THREADS_ENV) == "1"
    monkeypatch.setenv(jobs.THREADS_ENV, "2")  # the user's choice stays
    jobs.limit_torch_threads()
    assert os.environ[jobs.THREADS_ENV] == "2"


# -- the queue -------------------------------------------------------------------------------
def queue_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "vae-queue"]


@pytest.fixture
def registry():
    """One slot, a queue of three, a fast dispatcher; nothing may be left waiting after."""
    reg = jobs.JobRegistry(limit=1, max_queue=3, poll_s=0.01)
    yield reg
    reg.stop_all()
    wait_until(lambda: not queue_threads(), 5, "the dispatcher to exit")


def test_jobs_past_the_limit_wait_in_order_and_start_when_a_slot_frees(registry):
    a, b, c = FakeJob(), FakeJob(), FakeJob()
    assert [registry.submit(j) for j in (a, b, c)] == [0, 1, 2]
    assert a.started and not b.started and not c.started
    assert registry.position(a) is None
    assert (registry.position(b), registry.position(c)) == ((1, 2), (2, 2))
    assert registry.running() == 1 and registry.queued() == 2
    a.stop()  # no one calls the registry: its dispatcher notices and starts the next
    wait_until(lambda: b.started, 5, "the first queued job to start")
    assert not c.started and registry.position(c) == (1, 1)
    b.stop()
    wait_until(lambda: c.started, 5, "the second queued job to start")
    assert registry.queued() == 0
    wait_until(lambda: not queue_threads(), 5, "the dispatcher to exit with an empty queue")


def test_stop_all_empties_the_queue_and_stops_the_running(registry):
    a, b = FakeJob(), FakeJob()
    registry.submit(a)
    registry.submit(b)
    registry.stop_all()
    assert a.stopped and not b.started and registry.queued() == 0 and registry.jobs() == []
    wait_until(lambda: not queue_threads(), 5, "the dispatcher to exit")


def test_a_full_queue_refuses_with_the_numbers(registry):
    for _ in range(4):  # one runs, three wait
        registry.submit(FakeJob())
    with pytest.raises(jobs.QueueFull) as full:
        registry.submit(FakeJob())
    assert (full.value.running, full.value.limit, full.value.queued) == (1, 1, 3)
    assert isinstance(full.value, jobs.ServerBusy)  # callers that only know ServerBusy still work


def test_no_queue_means_refusal():
    registry = jobs.JobRegistry(limit=1, max_queue=0)
    registry.submit(FakeJob())
    with pytest.raises(jobs.QueueFull):
        registry.submit(FakeJob())
    assert not queue_threads()


def test_sweeps_are_refused_rather_than_queued_and_never_jump_the_queue(registry):
    first, waiting = FakeJob(), FakeJob()
    registry.submit(first)
    registry.submit(waiting)
    with pytest.raises(jobs.ServerBusy):
        registry.start(FakeJob)
    first.stop()
    with pytest.raises(jobs.ServerBusy):  # the freed slot goes to the job that waited
        registry.start(FakeJob)
    assert waiting.started


def test_cancel_takes_a_job_out_and_moves_the_others_up(registry):
    running, b, c = FakeJob(), FakeJob(), FakeJob()
    for job in (running, b, c):
        registry.submit(job)
    assert registry.cancel(b) and not registry.cancel(b)
    assert registry.position(c) == (1, 1)
    assert not registry.cancel(running)  # started jobs are stopped, not cancelled
    running.stop()
    wait_until(lambda: c.started, 5, "the job behind the cancelled one to start")
    assert not b.started


def test_stop_and_release_unqueue_the_sessions_job(registry):
    registry.submit(FakeJob())  # holds the only slot
    stopped, released = jobs.SessionJobs(), jobs.SessionJobs()
    for slot in (stopped, released):
        job = FakeJob()
        registry.submit(job)
        slot.attach(job, registry)
        assert slot.running() and slot.queue_position() is not None
    stopped.stop()
    assert stopped.cancelled and not stopped.running() and not stopped.job.started
    assert released.queue_position() == (1, 1)
    released.release()  # the tab closed
    assert released.cancelled and registry.queued() == 0 and not released.job.started


def test_a_slot_released_while_submitting_stops_the_job_it_gets():
    slot = jobs.SessionJobs()
    slot.release()
    job = FakeJob()
    job.start()
    slot.attach(job)
    assert job.stopped


def test_a_job_that_cannot_start_does_not_block_the_queue(registry):
    class Broken(FakeJob):
        def start(self):
            raise RuntimeError("can't start new thread")

    first, broken, after = FakeJob(), Broken(), FakeJob()
    for job in (first, broken, after):
        registry.submit(job)
    first.stop()
    wait_until(lambda: after.started, 5, "the job behind the broken one to start")
    assert registry.position(broken) is None


def test_concurrent_submits_fill_slots_then_queue_then_refuse(fast_switching):
    registry = jobs.JobRegistry(limit=3, max_queue=5, poll_s=0.01)
    outcomes, lock = [], threading.Lock()

    class SlowStart(FakeJob):
        def start(self):
            time.sleep(0.001)  # a thread's start takes a while: others run meanwhile
            super().start()

    def work(i):
        try:
            where = registry.submit(SlowStart())
        except jobs.QueueFull:
            where = "refused"
        with lock:
            outcomes.append(where)

    run_together(20, work)
    assert outcomes.count(0) == 3 and outcomes.count("refused") == 12
    assert sorted(o for o in outcomes if o not in (0, "refused")) == [1, 2, 3, 4, 5]
    for job in list(registry._queue):
        registry.cancel(job)


def test_no_training_thread_outlives_its_session():
    """Real tiny jobs: two train, three wait; every session closes; within seconds no job
    thread and no dispatcher is left."""
    from vae_core.config import DataConfig, ModelConfig, TrainConfig
    from vae_core.data import load_dataset
    from vae_core.jobs import TrainingJob

    data = load_dataset(DataConfig(dataset="digits"))
    model_cfg = ModelConfig(input_shape=(1, 8, 8), hidden=(16,), latent_dim=2)
    registry = jobs.JobRegistry(limit=2, max_queue=30, poll_s=0.01)
    before = {t.ident for t in threading.enumerate()}
    slots = []
    for i in range(5):
        job = TrainingJob(model_cfg, DataConfig(), TrainConfig(epochs=1000, seed=i), data=data,
                          name=f"leak-{i}")
        slot = jobs.SessionJobs()
        registry.submit(job)
        slot.attach(job, registry)
        slots.append(slot)
    assert registry.running() == 2 and registry.queued() == 3
    wait_until(lambda: slots[0].job.snapshot().step > 0, 30, "the first job to train")
    for slot in slots:
        slot.release()
    wait_until(lambda: not [t for t in threading.enumerate() if t.ident not in before], 10,
               "every job and dispatcher thread to end")
    assert registry.running() == 0 and registry.queued() == 0
    assert [s.cancelled for s in slots] == [False, False, True, True, True]
    assert {s.job.snapshot().status for s in slots[:2]} == {"stopped"}
