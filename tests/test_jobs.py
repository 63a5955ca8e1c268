import threading
import time
from pathlib import Path

import pytest

from vae_core.config import DataConfig, ModelConfig, TrainConfig
from vae_core.jobs import TrainingJob

SMALL = ModelConfig(hidden=(64,), latent_dim=4)


def _wait(job, cond, timeout=30.0):
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        snap = job.snapshot()
        if cond(snap):
            return snap
        time.sleep(0.02)
    raise AssertionError(f"timed out; last status {job.snapshot().status}")


def test_job_runs_to_completion_with_summary(digits):
    job = TrainingJob(SMALL, DataConfig(), TrainConfig(epochs=3), data=digits).start()
    snap = _wait(job, lambda s: s.ended)
    assert snap.status == "finished", snap.message
    assert snap.epoch == 3 and snap.step == snap.total_steps and snap.progress == 1.0
    assert snap.summary["test_elbo"] > 0 and len(snap.steps) == snap.step
    assert job.model_copy() is not None


def test_stop_within_a_second_keeps_weights(digits):
    job = TrainingJob(SMALL, DataConfig(), TrainConfig(epochs=5000), data=digits).start()
    _wait(job, lambda s: s.step >= 5)
    t0 = time.monotonic()
    job.stop(timeout=5)
    assert time.monotonic() - t0 < 1.0
    snap = job.snapshot()
    assert snap.status == "stopped" and not job.is_alive()
    assert snap.summary.get("test_elbo") is not None
    copy = job.model_copy()
    assert copy is not None and not copy.training


def test_snapshots_while_running_and_live_beta(digits):
    job = TrainingJob(SMALL, DataConfig(), TrainConfig(epochs=5000), data=digits).start()
    try:
        _wait(job, lambda s: s.step >= 3)
        job.set_beta(3.0)
        snap = _wait(job, lambda s: s.steps and s.steps[-1].beta == 3.0)
        assert snap.status == "running" and snap.beta == 3.0 and snap.eta_s is not None
        assert job.model_copy() is not None  # a copy while training runs
        with pytest.raises(ValueError, match="beta"):
            job.set_beta(float("nan"))
    finally:
        job.stop()


def test_bad_dataset_shape_fails_with_message(digits):
    bad = ModelConfig(input_shape=(1, 28, 28))
    job = TrainingJob(bad, DataConfig(), TrainConfig(epochs=1), data=digits).start()
    snap = _wait(job, lambda s: s.ended)
    assert snap.status == "failed" and "(1, 28, 28)" in snap.message


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_job_thread_is_named_in_the_os_so_leaks_can_be_told_from_server_pools(digits):
    """The load test counts "vae-…" threads in /proc/<pid>/task/*/comm."""
    job = TrainingJob(SMALL, DataConfig(), TrainConfig(epochs=5000), data=digits,
                      name="digits-mlp-z4").start()
    try:
        _wait(job, lambda s: s.step >= 1)
        comm = Path(f"/proc/self/task/{job._thread.native_id}/comm").read_text().strip()
        assert comm == "vae-job-digits-"  # "vae-job-digits-mlp-z4", cut to 15 bytes by Linux
    finally:
        job.stop(timeout=5)
    assert threading.main_thread().native_id != job._thread.native_id


def test_a_model_copy_has_no_gradients_and_shares_no_tensor(digits):
    job = TrainingJob(SMALL, DataConfig(dataset="digits"), TrainConfig(epochs=5000),
                      data=digits).start()
    try:
        _wait(job, lambda s: s.step >= 3)
        copy = job.model_copy()
        live = {id(p) for p in job.model.parameters()} | \
            {p.data_ptr() for p in job.model.parameters()}
        assert all(p.grad is None for p in copy.parameters())
        assert not any(id(p) in live or p.data_ptr() in live for p in copy.parameters())
        assert not copy.training
    finally:
        job.stop()


def test_stop_does_not_wait_when_asked_not_to(digits):
    job = TrainingJob(SMALL, DataConfig(dataset="digits"), TrainConfig(epochs=5000),
                      data=digits).start()
    _wait(job, lambda s: s.step >= 3)
    t0 = time.monotonic()
    job.stop(timeout=0)  # what the Stop button does: the page polls for the end
    assert time.monotonic() - t0 < 0.05
    job.join(5)
    assert job.snapshot().status == "stopped"


def test_the_divergence_restore_holds_the_weights_lock(digits):
    from vae_core.models import build_model
    from vae_core.training import Trainer

    lock = threading.Lock()
    model = build_model(SMALL)
    restores = []
    original = model.load_state_dict

    def guarded(state, *args, **kwargs):
        restores.append(lock.locked())  # someone copying the model must not see half of it
        return original(state, *args, **kwargs)

    model.load_state_dict = guarded
    result = Trainer(model, digits, TrainConfig(epochs=50, lr=10.0), weights_lock=lock).fit()
    assert result.status == "diverged" and restores and all(restores)


def test_an_ended_job_lets_go_of_its_trainer_and_optimizer(digits):
    """A session keeps its last job for its curves; the optimizer's moments (twice the weights)
    and the trainer's batches must not stay with it."""
    import gc
    import weakref

    job = TrainingJob(SMALL, DataConfig(), TrainConfig(epochs=5000), data=digits).start()
    _wait(job, lambda s: s.step >= 3)
    optimizer = weakref.ref(job._trainer.optimizer)
    job.stop()
    _wait(job, lambda s: s.ended)
    job.join(5)
    gc.collect()
    assert optimizer() is None
    assert job.model_copy() is not None and job.snapshot().step >= 3  # the results stay


def test_a_work_thread_gives_freed_memory_back_when_it_ends(digits, monkeypatch):
    from vae_core import threads

    calls = []
    monkeypatch.setattr(threads, "return_freed_memory", lambda: calls.append(1))
    job = TrainingJob(SMALL, DataConfig(), TrainConfig(epochs=1), data=digits).start()
    _wait(job, lambda s: s.ended)
    job.join(5)
    assert calls == [1]


def test_waiting_for_the_first_step_returns_once_it_is_taken(digits):
    job = TrainingJob(SMALL, DataConfig(), TrainConfig(epochs=5000), data=digits)
    assert not job.wait_for_first_step(0.01)  # not started: nothing to wait for but the time
    job.start()
    assert job.wait_for_first_step(10)
    assert job.snapshot().step >= 1
    job.stop()
    failed = TrainingJob(ModelConfig(input_shape=(1, 28, 28)), DataConfig(), TrainConfig(),
                         data=digits).start()  # wrong image size: ends before any step
    assert failed.wait_for_first_step(10) and failed.snapshot().status == "failed"
