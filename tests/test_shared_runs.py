"""Identical runs trained once (vae_core.resume, vae_core.run_cache, ui.shell.shared_runs):
a run joined, served from the cache, forked after a β change or stopped by one of its
sessions gives bit for bit the weights of the same run trained alone."""

import threading
import time

import pytest
import torch

from ui.shell.jobs import JobRegistry, SessionJobs
from ui.shell.shared_runs import SharedRuns
from vae_core.config import DataConfig, ModelConfig, TrainConfig
from vae_core.jobs import TrainingJob
from vae_core.run_cache import RunCache, run_key
from vae_core.training import TrainerCallback, train_model

MODEL = ModelConfig(hidden=(32,), latent_dim=3)
DATA = DataConfig(dataset="digits", binarize=True)  # binarisation draws from the ε generator
TRAIN = TrainConfig(epochs=3, batch_size=64, lr=3e-3, seed=5)


def _wait(cond, timeout=60.0):
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.01)


def _weights(model):
    return {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}


def _same(a, b):
    assert a.keys() == b.keys()
    for k in a:
        assert torch.equal(a[k], b[k]), k


def _solo(data, *, change_at=None, beta=None, train=TRAIN):
    """The run alone; with ``change_at`` its β becomes ``beta`` after that step."""
    trainer_box = []

    class Change(TrainerCallback):
        def on_step(self, metrics):
            if metrics.step == change_at:
                trainer_box[0].base_beta = beta

    model, result = train_model(MODEL, data, train, callbacks=[Change()],
                                binarize_data=DATA.binarize, on_trainer=trainer_box.append)
    assert result.status == "finished"
    return _weights(model)


def _ended(job):
    _wait(lambda: not job.is_alive() and job.snapshot().ended)
    return job


def _slow_job(data, train=TRAIN):
    """A job that waits at every step until released, so a test can fork it mid-run."""
    job = TrainingJob(MODEL, DATA, train, data=data)
    gate = threading.Event()

    class Gate(TrainerCallback):
        def on_step(self, metrics):
            gate.wait(30)

    job.gate = gate
    original = job.on_step

    def on_step(metrics):
        original(metrics)
        if metrics.step >= 7:  # the first steps run free, then the test holds the run
            Gate().on_step(metrics)
    job.on_step = on_step
    return job


def test_a_fork_after_a_beta_change_equals_the_run_alone_with_that_change(digits):
    job = _slow_job(digits).start()
    _wait(lambda: job.snapshot().step >= 7)
    box = {}
    forker = threading.Thread(target=lambda: box.update(point=job.fork(30)))
    forker.start()
    _wait(lambda: job._trainer is not None and bool(job._trainer.state_requests))
    job.gate.set()  # the run takes its next step boundary: the fork point
    forker.join(30)
    point = box["point"]
    assert point is not None and point.state.step >= 7
    fork = TrainingJob(MODEL, DATA, TRAIN, data=digits, resume=point)
    fork.set_beta(4.0)
    _ended(fork.start())
    _ended(job)
    _same(_weights(fork.model), _solo(digits, change_at=point.state.step, beta=4.0))
    _same(_weights(job.model), _solo(digits))  # the shared run itself is untouched
    # the fork's curves are the whole run's: the shared steps, then its own
    snap = fork.snapshot()
    assert snap.steps[0].step == 1 and snap.step == snap.total_steps
    assert {m.beta for m in snap.steps if m.step > point.state.step} == {4.0}
    assert {m.beta for m in snap.steps if m.step <= point.state.step} == {1.0}


def test_a_fork_at_the_last_step_of_an_epoch_goes_on_identically(digits):
    """The fork point sits between the epoch's last batch and its test evaluation (which
    draws ε from the same generator)."""
    from vae_core.models import build_model
    from vae_core.training import Trainer

    model = build_model(MODEL, generator=torch.Generator().manual_seed(TRAIN.seed))
    trainer = Trainer(model, digits, TRAIN, binarize_data=True)
    at = trainer.steps_per_epoch  # the last step of epoch 1
    box = {}

    class Fork(TrainerCallback):
        def on_step(self, metrics):
            if metrics.step == at:
                taker = threading.Thread(
                    target=lambda: box.update(state=trainer.state_requests.take(30)))
                taker.start()
                _wait(lambda: bool(trainer.state_requests))
                box["taker"] = taker

    trainer.callbacks.append(Fork())
    trainer.fit()
    box["taker"].join(30)
    state = box["state"]
    assert state.step == at and state.batches_done == trainer.steps_per_epoch
    resumed = Trainer(build_model(MODEL, generator=torch.Generator()), digits, TRAIN,
                      binarize_data=True)
    resumed.base_beta = 0.5
    result = resumed.fit(state)
    assert result.status == "finished" and len(result.history) == TRAIN.epochs
    _same(_weights(resumed.model), _solo(digits, change_at=at, beta=0.5))


def test_the_run_key_covers_what_decides_the_weights():
    key = run_key(MODEL, DATA, TRAIN)
    assert key == run_key(MODEL, DATA, TrainConfig(**TRAIN.to_dict()))  # equal settings
    for other in (run_key(ModelConfig(hidden=(33,), latent_dim=3), DATA, TRAIN),
                  run_key(MODEL, DataConfig(dataset="digits"), TRAIN),
                  run_key(MODEL, DATA, TrainConfig(**{**TRAIN.to_dict(), "seed": 6})),
                  run_key(MODEL, DATA, TrainConfig(**{**TRAIN.to_dict(), "beta": 2.0})),
                  run_key(MODEL, DATA, TrainConfig(**{**TRAIN.to_dict(),
                                                      "schedule": "warmup"}))):
        assert other != key
    upload = DataConfig(dataset="upload:mine", upload_hash="0" * 16)
    assert run_key(MODEL, upload, TRAIN) != run_key(
        MODEL, DataConfig(dataset="upload:mine", upload_hash="1" * 16), TRAIN)


def test_a_run_from_the_cache_is_the_run(digits, tmp_path):
    job = _ended(TrainingJob(MODEL, DATA, TRAIN, data=digits, name="first").start())
    cache = RunCache(tmp_path)
    assert cache.put("k" * 32, job)
    again = cache.get("k" * 32, data=digits, name="mine")
    _same(_weights(again.model), _weights(job.model))
    _same(_weights(again.model), _solo(digits))
    a, b = job.snapshot(), again.snapshot()
    assert (b.status, b.step, b.total_steps, b.code, b.params, b.summary) == \
        (a.status, a.step, a.total_steps, a.code, a.params, a.summary)
    assert b.steps == a.steps and b.epochs == a.epochs and again.name == "mine"
    assert [s.step for s in again.latent.snapshots()] == [s.step for s in job.latent.snapshots()]
    assert not again.is_alive() and again.final_model() is again.final_model()
    # damaged files are a miss, not an error
    (tmp_path / ("k" * 32 + ".npz")).write_bytes(b"not numpy")
    assert cache.get("k" * 32, data=digits) is None


def test_only_finished_runs_with_their_own_beta_are_kept(digits, tmp_path):
    job = TrainingJob(MODEL, DATA, TrainConfig(epochs=5000), data=digits).start()
    _wait(lambda: job.snapshot().step >= 3)
    job.stop(timeout=5)
    assert not RunCache(tmp_path).put("s" * 32, _ended(job))
    assert not list(tmp_path.iterdir())


# -- sessions ------------------------------------------------------------------------------

@pytest.fixture
def shared(tmp_path):
    registry = JobRegistry(1, 10)
    runs = SharedRuns(registry, RunCache(tmp_path))
    yield runs
    registry.stop_all()


def _start(runs, slot, data, train=TRAIN, make=None):
    key = run_key(MODEL, DATA, train)
    return runs.start(slot, key, make or (lambda: TrainingJob(MODEL, DATA, train, data=data)),
                      data=data)


def test_thirty_sessions_one_job_then_the_cache(shared, digits, tmp_path):
    slots = [SessionJobs() for _ in range(30)]
    hows = [_start(shared, slot, digits) for slot in slots]
    assert hows[0] == "new" and set(hows[1:]) == {"joined"}
    assert len({id(s.job) for s in slots}) == 1 and shared.members(slots[0].job) == 30
    _ended(slots[0].job)
    _wait(lambda: (tmp_path / f"{run_key(MODEL, DATA, TRAIN)}.safetensors").exists())
    late = SessionJobs()
    assert _start(shared, late, digits) == "cached" and late.job is slots[0].job
    # a restarted server (a new table, the same folder) finds it on disk
    restarted = SharedRuns(JobRegistry(1, 10), RunCache(tmp_path))
    fresh = SessionJobs()
    assert _start(restarted, fresh, digits) == "cached"
    _same(_weights(fresh.job.final_model()), _solo(digits))


def test_a_member_that_changes_beta_leaves_and_the_others_go_on(shared, digits):
    gated = _slow_job(digits)
    a, b = SessionJobs(), SessionJobs()
    _start(shared, a, digits, make=lambda: gated)
    assert _start(shared, b, digits) == "joined"
    _wait(lambda: gated.snapshot().step >= 7)
    result = {}
    changer = threading.Thread(target=lambda: result.update(
        job=shared.set_beta(b, b.job, 3.0)))
    changer.start()
    _wait(lambda: gated._trainer is not None and bool(gated._trainer.state_requests))
    step = gated.snapshot().step
    gated.gate.set()
    changer.join(30)
    fork = result["job"]
    assert b.job is fork and fork is not gated and a.job is gated
    assert shared.members(gated) == 1
    _ended(gated)
    _wait(lambda: not fork.is_alive() and fork.snapshot().ended)  # queued behind: 1 slot
    _same(_weights(fork.model), _solo(digits, change_at=step, beta=3.0))
    _same(_weights(gated.model), _solo(digits))


def test_a_member_that_stops_keeps_the_step_and_the_others_go_on(shared, digits):
    gated = _slow_job(digits)
    a, b = SessionJobs(), SessionJobs()
    _start(shared, a, digits, make=lambda: gated)
    _start(shared, b, digits)
    _wait(lambda: gated.snapshot().step >= 7)
    stopper = threading.Thread(target=b.stop)
    stopper.start()
    _wait(lambda: gated._trainer is not None and bool(gated._trainer.state_requests))
    gated.gate.set()
    stopper.join(30)
    assert b.job is not gated and not b.cancelled
    stopped = _ended(b.job).snapshot()
    assert stopped.status == "stopped" and 7 <= stopped.step < stopped.total_steps
    assert stopped.summary.get("test_elbo") is not None
    assert a.running() and gated.is_alive()
    _ended(gated)
    assert gated.snapshot().status == "finished"


def test_closing_tabs_stops_a_shared_run_only_when_no_one_holds_it(shared, digits):
    train = TrainConfig(epochs=5000, seed=1)
    a, b = SessionJobs(), SessionJobs()
    _start(shared, a, digits, train)
    _start(shared, b, digits, train)
    job = a.job
    _wait(lambda: job.snapshot().step >= 2)
    a.release()
    time.sleep(0.2)  # a stop would end it within one step
    assert job.is_alive() and shared.members(job) == 1
    b.release()
    _wait(lambda: not job.is_alive())
    assert job.snapshot().status == "stopped"
    # a stopped run is nobody's to join: the same settings start a new job
    c = SessionJobs()
    assert _start(shared, c, digits, train) == "new" and c.job is not job
    c.release()


def test_a_lone_member_that_changes_beta_takes_the_run_off_the_table(shared, digits):
    train = TrainConfig(epochs=5000, seed=2)
    a = SessionJobs()
    _start(shared, a, digits, train)
    job = a.job
    assert shared.set_beta(a, job, 2.0) is job and job.snapshot().beta == 2.0
    b = SessionJobs()
    assert _start(shared, b, digits, train) == "new" and b.job is not job
    a.release()
    b.release()


def test_leaving_the_queue_of_a_shared_run(digits, tmp_path):
    registry = JobRegistry(1, 10)
    runs = SharedRuns(registry, None)
    try:
        blocker = TrainingJob(MODEL, DATA, TrainConfig(epochs=5000), data=digits)
        registry.submit(blocker)
        a, b = SessionJobs(), SessionJobs()
        _start(runs, a, digits)
        _start(runs, b, digits)
        assert a.queue_position() == (1, 1) and b.queue_position() == (1, 1)
        b.stop()
        assert b.cancelled and not b.running() and a.queue_position() == (1, 1)
        blocker.stop()
        _ended(a.job)
        assert a.job.snapshot().status == "finished" and not b.running()
    finally:
        registry.stop_all()
