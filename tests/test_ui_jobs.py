"""The server-wide job limit, its FIFO queue and the per-session slot (no Streamlit; fake jobs,
and real tiny ones for the thread check)."""

from __future__ import annotations

import threading

import pytest

from tests.support import wait_until
from ui import jobs


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


def test_registry_is_thread_safe():
    registry = jobs.JobRegistry(limit=3)
    started, refused = [], []

    def worker():
        try:
            started.append(registry.start(FakeJob))
        except jobs.ServerBusy:
            refused.append(1)

    threads = [threading.Thread(target=worker) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(started) == 3 and len(refused) == 17


@pytest.mark.parametrize("raw, expected", [("", 2), ("4", 4), ("0", 2), ("-1", 2), ("x", 2)])
def test_max_jobs_from_env(monkeypatch, raw, expected):
    monkeypatch.setenv(jobs.MAX_JOBS_ENV, raw)
    assert jobs.max_jobs() == expected


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


def test_thread_default_only_when_unset(monkeypatch):
    monkeypatch.delenv(jobs.THREADS_ENV, raising=False)
    jobs.limit_torch_threads()  # torch is already imported in the test process: no change
    import os

    assert os.environ.get(jobs.THREADS_ENV) is None


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


def test_concurrent_submits_fill_slots_then_queue_then_refuse():
    registry = jobs.JobRegistry(limit=3, max_queue=5, poll_s=0.01)
    outcomes, lock = [], threading.Lock()

    def worker():
        try:
            where = registry.submit(FakeJob())
        except jobs.QueueFull:
            where = "refused"
        with lock:
            outcomes.append(where)

    threads = [threading.Thread(target=worker) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
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
