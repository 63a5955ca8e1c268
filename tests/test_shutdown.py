"""A server shutdown (``ui.shell.shutdown``) without a server: running jobs stop at their next step
and their weights land in the library as "(interrupted)", queued ones are told they never started,
and nothing new starts. The signal path through a real ``streamlit run`` is
``tests/e2e/test_restart_e2e.py``."""

from __future__ import annotations

import time

import pytest

from tests.support import wait_until
from ui.shell import jobs, model_store, shutdown
from vae_core.checkpoints import load_checkpoint
from vae_core.config import DataConfig, ModelConfig, TrainConfig
from vae_core.jobs import TrainingJob

SMALL = ModelConfig(hidden=(64,), latent_dim=4)


def _job(digits, name: str) -> TrainingJob:
    return TrainingJob(SMALL, DataConfig(dataset="digits"), TrainConfig(epochs=5000),
                       data=digits, name=name)


def test_shutdown_saves_running_jobs_and_reports_queued_ones(digits, tmp_path):
    registry = jobs.JobRegistry(limit=2, max_queue=5)
    running = [_job(digits, "mine"), _job(digits, "mine")]  # two sessions, one model name
    queued = _job(digits, "later")
    for job in (*running, queued):
        registry.submit(job)
    assert registry.position(queued) == (1, 1)
    wait_until(lambda: all(j.snapshot().step > 0 for j in running), 30, "a first step")

    t0 = time.monotonic()
    thread, report = shutdown.shut_down(registry, tmp_path)
    assert not thread.daemon  # the interpreter waits for the saves before it exits
    thread.join(15)
    assert not thread.is_alive() and time.monotonic() - t0 < shutdown.SAVE_WITHIN_S

    assert sorted(report.saved) == ["mine (interrupted)", "mine (interrupted) 2"]
    assert report.not_saved == [] and report.not_started == 1
    for job in running:
        snap = job.snapshot()
        assert not job.is_alive() and snap.code == "interrupted_saved"
        ckpt = load_checkpoint(report.saved[snap.params["name"]])
        assert ckpt.name == snap.params["name"]
        assert ckpt.summary["status"] == "interrupted"
        assert ckpt.summary["steps"] == snap.params["steps"] == snap.step > 0
    listed, problems = model_store.list_models(tmp_path, "library")
    assert sorted(e.name for e in listed) == sorted(report.saved) and problems == []

    assert not queued.is_alive() and registry.position(queued) is None
    assert (queued.snapshot().status, queued.snapshot().code) == ("stopped",
                                                                  "not_started_restart")
    with pytest.raises(jobs.ServerClosing):
        registry.submit(_job(digits, "too late"))


def test_a_job_that_took_no_step_saves_nothing(digits, tmp_path):
    registry = jobs.JobRegistry(limit=1)
    job = _job(digits, "early")
    job.interrupt()  # stopped before its thread began: the trainer never steps
    registry.submit(job)
    thread, report = shutdown.shut_down(registry, tmp_path)
    thread.join(15)
    assert report.saved == {} and list(tmp_path.iterdir()) == []
    assert job.snapshot().code == "stopped_before"


def test_an_unwritable_library_is_reported_not_raised(digits, tmp_path):
    registry = jobs.JobRegistry(limit=1)
    job = _job(digits, "mine")
    registry.submit(job)
    wait_until(lambda: job.snapshot().step > 0, 30, "a first step")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    thread, report = shutdown.shut_down(registry, blocker)
    thread.join(15)
    assert report.saved == {} and len(report.not_saved) == 1
    assert job.snapshot().code == "interrupted_unsaved"


def test_install_without_a_server_changes_nothing(monkeypatch):
    """No Streamlit runtime (a bare import; an earlier AppTest in the same process may have
    left one, or an install, behind: both are taken away here)."""
    from streamlit.runtime import Runtime

    def no_runtime():
        raise RuntimeError("Runtime hasn't been created!")

    monkeypatch.setattr(shutdown, "_installed", False)
    monkeypatch.setattr(Runtime, "instance", staticmethod(no_runtime))
    assert shutdown.install(jobs.registry, model_store.library_dir) is False
    assert shutdown._installed is False
