"""The server-wide job limit and the per-session slot (no Streamlit, fake jobs)."""

from __future__ import annotations

import threading

import pytest

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
