import threading
import time
from dataclasses import replace

import pytest
import torch

from vae_core.analysis import evaluate
from vae_core.config import ModelConfig, TrainConfig
from vae_core.models import build_model
from vae_core.training import (
    SNAPSHOT_EVERY,
    TrainerCallback,
    resolve_device,
    train_model,
)

SMALL = ModelConfig(hidden=(128, 64), latent_dim=8)
GOOD = ModelConfig(hidden=(256, 128), latent_dim=8)  # the app's default digits model


class Recorder(TrainerCallback):
    def __init__(self):
        self.steps, self.epochs = [], []

    def on_step(self, m):
        self.steps.append(m)

    def on_epoch(self, m):
        self.epochs.append(m)


def test_training_on_digits_lowers_elbo_and_beats_the_mean_image(digits):
    torch.manual_seed(0)
    untrained = evaluate(build_model(GOOD), digits.test_x)["elbo"]
    rec = Recorder()
    model, result = train_model(GOOD, digits, TrainConfig(epochs=40, batch_size=64, lr=2e-3),
                                callbacks=[rec])
    assert result.status == "finished" and result.epochs == 40
    final = evaluate(model, digits.test_x)["elbo"]
    assert final < 0.7 * untrained, (untrained, final)
    assert len(rec.epochs) == 40 and rec.epochs[-1].test_elbo < rec.epochs[0].test_elbo
    m = rec.steps[-1]
    assert len(m.kl_per_dim) == 8 and m.samples_per_s > 0
    assert abs(m.elbo - (m.recon + m.kl)) < 1e-4
    with torch.no_grad():
        mu, _ = model.encode(digits.test_x)
        recon = model.decode(mu)
    mean_image = digits.train_x.mean(0, keepdim=True)
    recon_err = (recon - digits.test_x).pow(2).mean()
    mean_err = (mean_image - digits.test_x).pow(2).mean()
    assert recon_err < 0.6 * mean_err, (recon_err, mean_err)


def test_same_seed_same_weights(digits):
    cfg = TrainConfig(epochs=1, batch_size=128, seed=3)
    a, _ = train_model(SMALL, digits, cfg)
    b, _ = train_model(SMALL, digits, cfg)
    for (k, va), vb in zip(a.state_dict().items(), b.state_dict().values()):
        assert torch.equal(va, vb), k


def same_weights(a, b) -> bool:
    sa, sb = a.state_dict(), b.state_dict()
    return sa.keys() == sb.keys() and all(torch.equal(sa[k], sb[k]) for k in sa)


def test_stop_event_stops_mid_run_and_keeps_the_last_steps_weights(digits):
    """Stop asked for at step 7 of a 600-step run: the run ends there, says so with its code
    and numbers, and keeps exactly the weights after step 7 (the seed makes a run of 7 steps
    give the same ones), measured on the test set like that run's."""
    stop = threading.Event()

    class StopAt(TrainerCallback):
        def on_step(self, m):
            if m.step == 7:
                stop.set()

    cfg = TrainConfig(epochs=50, batch_size=128, seed=3)  # 12 steps an epoch: 600 in all
    model, result = train_model(SMALL, digits, cfg, callbacks=[StopAt()], stop_event=stop)
    assert result.status == "stopped" and result.code == "stopped_after"
    assert result.params == {"steps": 7} and result.steps == 7 and result.epochs == 0
    assert result.message == "stopped by request after 7 steps"
    seven, seven_result = train_model(SMALL, digits, replace(cfg, max_steps=7))
    assert seven_result.status == "finished" and seven_result.steps == 7
    assert same_weights(model, seven)
    eight, _ = train_model(SMALL, digits, replace(cfg, max_steps=8))
    assert not same_weights(model, eight)  # one step more would show
    assert result.final_test["elbo"] == pytest.approx(seven_result.final_test["elbo"])
    assert not model.training


def test_a_stop_from_another_thread_ends_the_run_within_a_step(digits):
    """The UI's Stop: another thread sets the event while the run trains. The run ends soon
    after (well before its 12,000 steps), keeping the weights of the last step it finished."""
    stop, stepped = threading.Event(), threading.Event()
    asked: list[tuple[int, int, float]] = []
    seen: list[int] = []

    class Watch(TrainerCallback):
        def on_step(self, m):
            seen.append(m.step)
            if m.step == 5:
                stepped.set()

    def stopper():
        stepped.wait(60)
        before, t_asked = seen[-1], time.perf_counter()
        stop.set()
        asked.append((before, seen[-1], t_asked))  # the step in progress then may still end

    cfg = TrainConfig(epochs=1000, batch_size=128, seed=4)
    thread = threading.Thread(target=stopper)
    thread.start()
    model, result = train_model(SMALL, digits, cfg, callbacks=[Watch()], stop_event=stop)
    ended = time.perf_counter()
    thread.join(5)
    (before, after, t_asked), = asked
    assert result.status == "stopped" and result.code == "stopped_after"
    assert 5 <= before <= result.steps <= after + 1 and result.steps < 12_000 // 10
    assert result.params == {"steps": result.steps} and seen[-1] == result.steps
    assert ended - t_asked < 1.0, "the run went on for a second after Stop"
    reference, _ = train_model(SMALL, digits, replace(cfg, max_steps=result.steps))
    assert same_weights(model, reference)


def test_nan_guard_restores_last_good_weights(digits):
    """NaN weights after step 40: step 41's loss is not finite, so the run ends there and
    restores the snapshot from step 25 (one every 25 steps): the very weights a 25-step run
    with the same seed ends with, not the NaN ones nor those of step 40."""

    def poison_at_40(trainer):
        class Poison(TrainerCallback):
            def on_step(self, m):
                if m.step == 40:
                    with torch.no_grad():
                        trainer.model.fc_mu.weight.fill_(float("nan"))

        trainer.callbacks.append(Poison())

    cfg = TrainConfig(epochs=3, batch_size=32, seed=2)  # 45 steps an epoch: 40 is mid-epoch
    model, result = train_model(SMALL, digits, cfg, on_trainer=poison_at_40)
    assert result.status == "diverged" and result.code == "diverged_at"
    assert result.steps == 40 and result.params["step"] == 41
    assert result.params["good_step"] == 25 == SNAPSHOT_EVERY
    assert "diverged at step 41" in result.message
    assert "kept the weights from step 25" in result.message
    assert all(torch.isfinite(p).all() for p in model.parameters())
    good, _ = train_model(SMALL, digits, replace(cfg, max_steps=25))
    forty, _ = train_model(SMALL, digits, replace(cfg, max_steps=40))
    assert same_weights(model, good) and not same_weights(model, forty)
    assert result.final_test and result.final_test["elbo"] < 1e4


def test_huge_learning_rate_is_reported_not_raised(digits):
    _, result = train_model(SMALL, digits, TrainConfig(epochs=3, lr=10.0))
    assert result.status in ("diverged", "finished")
    if result.status == "diverged":
        assert "learning rate" in result.message


def test_live_beta_change_shows_in_metrics(digits):
    rec = Recorder()

    def change(trainer):
        class Flip(TrainerCallback):
            def on_step(self, m):
                if m.step == 5:
                    trainer.base_beta = 4.0
        trainer.callbacks.append(Flip())

    train_model(SMALL, digits, TrainConfig(epochs=1, beta=1.0), callbacks=[rec],
                on_trainer=change)
    betas = [m.beta for m in rec.steps]
    assert betas[:5] == [1.0] * 5 and set(betas[5:]) == {4.0}


def test_cuda_request_without_gpu_is_a_clear_error():
    if torch.cuda.is_available():
        assert resolve_device("cuda").type == "cuda"
        return
    try:
        resolve_device("cuda")
    except ValueError as exc:
        assert "no CUDA GPU" in str(exc)
    else:
        raise AssertionError("expected ValueError")


def test_the_optimizer_imports_can_be_preloaded_off_the_first_start():
    """The first ``torch.optim.Adam`` of a process imports ``torch._dynamo`` (~1 s); the app
    preloads it in a background thread after its first page
    (``ui.shell.state.preload_training``)."""
    import subprocess
    import sys

    code = (
        "import sys, vae_core.training as t\n"
        "assert 'torch._dynamo' not in sys.modules\n"
        "th = t.preload_optimizer_imports(); th.join(60)\n"
        "assert 'torch._dynamo' in sys.modules and th.name == 'vae-preload'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_a_denoising_run_encodes_noisy_images_and_scores_the_clean_ones(digits, monkeypatch):
    """DataConfig's noise reaches the encoder only: the loss's target is the clean batch."""
    from vae_core import training

    seen = []
    real_terms = training.elbo_terms

    def spy(out, x, *args, **kwargs):
        seen.append(x)
        return real_terms(out, x, *args, **kwargs)

    inputs = []
    model = build_model(SMALL, generator=torch.Generator().manual_seed(0))
    model.register_forward_pre_hook(lambda m, args: inputs.append(args[0].clone()))
    monkeypatch.setattr(training, "elbo_terms", spy)
    cfg = TrainConfig(epochs=1, batch_size=64, max_steps=2)
    trainer = training.Trainer(model, digits, cfg, noise=(0.0, 0.5))
    trainer.fit()
    clean = digits.train_x
    for x_in, target in zip(inputs, seen):
        assert any(torch.equal(target[0], c) for c in clean)               # a clean image
        hit = (x_in != target).float().mean().item()  # half the hits land on their own value
        assert 0.2 < hit < 0.5 and set(x_in[x_in != target].unique().tolist()) <= {0.0, 1.0}
    plain, _ = train_model(SMALL, digits, cfg)            # off: the same run as ever
    again, _ = train_model(SMALL, digits, cfg, noise=(0.0, 0.0))
    assert same_weights(plain, again)
