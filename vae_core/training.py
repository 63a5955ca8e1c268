"""The trainer: preloaded tensors in, metrics out through callbacks.

Nothing here knows a model's internals or any UI (minGPT's trainer is the model): it calls
``model(x)``, asks ``vae_core.losses`` for the terms, steps the optimiser, and reports.
"""

from __future__ import annotations

import copy
import functools
import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import torch

from vae_core.config import ConfigError, TrainConfig
from vae_core.data import DataBundle, binarize, corrupt, iterate_minibatches
from vae_core.devices import resolve_amp, resolve_device
from vae_core.evaluation import (  # noqa: F401  (ACTIVE_UNIT_THRESHOLD, EVAL_BATCH: API too)
    ACTIVE_UNIT_THRESHOLD,
    EVAL_BATCH,
    evaluate_batches,
)
from vae_core.losses import elbo_terms
from vae_core.messages import OUTCOMES
from vae_core.models.base import VAE, VAEOutput
from vae_core.resume import StateRequests, TrainerState, capture, restore
from vae_core.schedules import kl_weight_at
from vae_core.threads import name_os_thread

if TYPE_CHECKING:  # vae_core.distributed imports this module
    from vae_core.distributed import DistContext

SNAPSHOT_EVERY = 25           # steps between copies of the last weights known to give a finite loss


@dataclass(frozen=True)
class StepMetrics:
    step: int                       # 1-based optimiser step
    epoch: float                    # fractional epoch, for plotting
    recon: float                    # −log p(x|z), nats per image
    kl: float                       # KL(q‖p), nats per image
    beta: float                     # effective β at this step (after the schedule)
    kl_term: float                  # what the KL added to the loss (β·KL, γ·|KL−C|, ...)
    total: float                    # the minimised loss
    elbo: float                     # −ELBO = recon + kl
    kl_per_dim: tuple[float, ...]   # batch mean KL per latent dim
    samples_per_s: float


@dataclass(frozen=True)
class EpochMetrics:
    epoch: int                      # 1-based count of finished epochs
    step: int
    train_elbo: float
    test_elbo: float
    test_recon: float
    test_kl: float
    test_kl_per_dim: tuple[float, ...]
    active_units: int
    seconds: float                  # wall time since training started
    test_mu_var_per_dim: tuple[float, ...] = ()  # Cov_x(E_q[z_u]): what active units count


@dataclass
class TrainResult:
    status: str                     # "finished", "stopped" or "diverged"
    message: str
    steps: int
    epochs: int
    wall_s: float
    last_epoch: EpochMetrics | None
    history: list[EpochMetrics] = field(default_factory=list)
    final_test: dict = field(default_factory=dict)  # evaluate_batches on the kept weights
    code: str = ""                  # a key of OUTCOMES: how it ended, for the UI to word
    params: dict = field(default_factory=dict)      # the numbers of that message

    def summary(self) -> dict:
        """JSON-able summary stored with checkpoints."""
        out: dict = {"status": self.status, "steps": self.steps, "epochs": self.epochs,
                     "wall_s": round(self.wall_s, 3)}
        t = self.final_test
        if t:
            out.update(test_elbo=t["elbo"], test_recon=t["recon"], test_kl=t["kl"],
                       active_units=t["active_units"], kl_per_dim=list(t["kl_per_dim"]),
                       mu_var_per_dim=list(t.get("mu_var_per_dim", ())))
        return out


@dataclass
class _Run:
    """What ``Trainer.fit`` carries from step to step and epoch to epoch."""

    good_state: dict[str, torch.Tensor]  # the last weights known to give a finite loss
    t0: float                            # perf_counter at the start
    good_step: int = 0                   # the step of good_state
    step: int = 0                        # optimiser steps taken
    rate: float = 0.0                    # images per second, smoothed over the steps
    history: list[EpochMetrics] = field(default_factory=list)
    status: str = "finished"             # how it ended: TrainResult's status, code and params
    code: str = "finished"
    params: dict = field(default_factory=dict)

    def end(self, status: str, code: str, **params: Any) -> None:
        self.status, self.code, self.params = status, code, params


class TrainerCallback:
    """Override what you need; every hook runs on the training thread."""

    def on_step(self, metrics: StepMetrics) -> None: ...

    def on_epoch(self, metrics: EpochMetrics) -> None: ...


def preload_optimizer_imports() -> threading.Thread:
    """Import what the first ``torch.optim.Adam`` of a process imports (``torch._dynamo``:
    about 1 s here) in a background thread, so that the first job after a server start does
    not pay it between Start and its first step. Returns the (daemon) thread."""

    def run() -> None:
        name_os_thread("vae-preload")
        import torch._dynamo  # noqa: F401

    thread = threading.Thread(target=run, name="vae-preload", daemon=True)
    thread.start()
    return thread


def make_adam(params, lr: float, device: torch.device) -> torch.optim.Adam:
    """Adam with the fused kernel where torch has one: one pass over the weights per step
    instead of about ten, which on the CPU cut the 784-400-20 step from 4.9 to 3.7 ms."""
    fused = device.type in ("cpu", "cuda")
    return torch.optim.Adam(params, lr=lr, fused=fused)


class Trainer:
    """Adam on −ELBO with a stop event, a schedule, live β and a NaN/inf guard.

    ``weights_lock`` is held while the optimiser writes the weights, so another thread can copy
    the model between steps. ``base_beta`` may be set from another thread (a float assignment).

    ``cfg.amp`` (CUDA only) runs the network's forward under autocast; the likelihood and the KL
    are computed in float32 from float32 copies of logits, μ and log σ².

    With ``dist`` (a ``vae_core.distributed.DistContext``, one per torchrun process) the model
    trains wrapped in DistributedDataParallel on this process's shard of every epoch
    (``cfg.batch_size`` per process), the metrics passed to the callbacks are averaged over the
    processes, and every process stops, diverges and finishes at the same step. ``self.model``
    stays the plain model (what to save); ``self.net`` is what the forward pass calls.
    """

    def __init__(self, model: VAE, data: DataBundle, cfg: TrainConfig, *,
                 callbacks: Sequence[TrainerCallback] = (),
                 stop_event: threading.Event | None = None,
                 weights_lock: threading.Lock | None = None,
                 binarize_data: bool = False,
                 noise: tuple[float, float] = (0.0, 0.0),
                 dist: DistContext | None = None) -> None:
        self.cfg = cfg
        self.dist = dist
        if dist is None:
            self.device = resolve_device(cfg.device)
        elif cfg.device not in ("auto", dist.device.type):
            raise ValueError(f"device {cfg.device!r} does not match the process group's "
                             f"{dist.device} ({dist.backend})")
        else:
            self.device = dist.device
        if dist is not None and model.cfg.conditional:
            raise ValueError("a conditional model trains in one process (no torch.distributed)")
        self.amp_dtype = resolve_amp(cfg.amp, self.device)
        self.model = model.to(self.device)
        self.data = data.to(self.device)
        self.callbacks = list(callbacks)
        self.stop_event = stop_event or threading.Event()
        self.weights_lock = weights_lock or threading.Lock()
        self.binarize_data = binarize_data
        self.input_noise = noise  # (σ, fraction): DataConfig's noise_sigma, noise_fraction
        # ε, binarisation and test-set ε: this trainer's own generator, seeded by ``fit``, so
        # concurrent jobs in one server never draw from (or reseed) torch's global one
        self.noise = torch.Generator(device=self.device)
        self.base_beta = cfg.beta
        self.optimizer = make_adam(self.model.parameters(), cfg.lr, self.device)
        # fp16 gradients underflow without loss scaling; bf16 has float32's exponent range
        self.scaler = (torch.amp.GradScaler(self.device.type)
                       if self.amp_dtype == torch.float16 else None)
        self.net = dist.wrap(self.model) if dist is not None else self.model
        self.world_size = dist.world_size if dist is not None else 1
        n = self.data.train_x.shape[0]
        self.epoch_size = dist.shard_size(n) if dist is not None else n  # images per epoch here
        if self.epoch_size < 1:
            raise ValueError(f"{n} training images cannot be shared by {self.world_size} "
                             "processes")
        self.steps_per_epoch = math.ceil(self.epoch_size / cfg.batch_size)
        self.total_steps = self.steps_per_epoch * cfg.epochs
        if cfg.max_steps is not None:
            self.total_steps = min(self.total_steps, cfg.max_steps)
        self.state_requests = StateRequests()  # forks of a shared run (``vae_core.resume``)

    def fit(self, resume: TrainerState | None = None) -> TrainResult:
        """Train until the epochs or ``max_steps`` run out, a stop or a divergence; how it ended
        is in the result (a NaN / inf loss is reported, not raised). With ``resume`` (taken from
        another trainer of the same run, not under torch.distributed) it goes on from there."""
        # the batch order: one generator, seeded alike in every process (distributed.py)
        generator = torch.Generator().manual_seed(self.cfg.seed)
        # ε and binarisation: independent per process under torch.distributed
        self.noise.manual_seed(self.cfg.seed + (self.dist.rank if self.dist is not None else 0))
        run = _Run(good_state=self._copy_weights(), t0=time.perf_counter())
        first, skip, sums = 0, 0, (0.0, 0)
        if resume is not None:
            restore(self, resume, run, generator)
            first, skip = resume.epoch, resume.batches_done
            sums = (resume.epoch_elbo, resume.epoch_n)
        try:
            for epoch in range(first, self.cfg.epochs):
                self.model.train()
                epoch_elbo, epoch_n = self._train_epoch(epoch, generator, run, skip, sums)
                skip, sums = 0, (0.0, 0)
                if run.status != "finished" or epoch_n == 0:
                    break
                self._end_epoch(epoch, epoch_elbo / epoch_n, run)
                if run.status != "finished" or run.step >= self.total_steps:
                    break
        finally:
            self.state_requests.end()
        self.model.eval()
        return self._result(run)

    def _train_epoch(self, epoch: int, generator: torch.Generator, run: _Run, skip: int = 0,
                     sums: tuple[float, int] = (0.0, 0)) -> tuple[float, int]:
        """One pass over this process's minibatches, cut short by a stop, a divergence (both
        end ``run``) or the step budget: (the batches' −ELBO summed per image, images seen).
        A resumed epoch skips its first ``skip`` batches and starts from their ``sums``."""
        epoch_elbo, epoch_n = sums
        order_rng = generator.get_state()  # before the epoch's order is drawn: what a fork redraws
        for taken, idx in enumerate(self._minibatches(generator)):
            if taken < skip:
                continue
            if run.step >= self.total_steps:  # a run resumed at its last step
                break
            stop_requested = self.stop_event.is_set()
            if stop_requested and self.dist is None:
                run.end("stopped", "stopped_after", steps=run.step)
                break
            t_step = time.perf_counter()
            x = self.data.train_x[idx]
            y = self.data.train_y[idx] if self.model.cfg.conditional else None
            if self.binarize_data:
                x = binarize(x, self.noise)
            stats = self._train_step(x, stop_requested, run, y)
            if stats is None:
                break
            run.step += 1
            dt = time.perf_counter() - t_step
            batch_rate = x.shape[0] * self.world_size / max(dt, 1e-9)  # all processes
            run.rate = batch_rate if run.step == 1 else 0.9 * run.rate + 0.1 * batch_rate
            epoch_elbo += stats["elbo"] * x.shape[0]
            epoch_n += x.shape[0]
            metrics = StepMetrics(
                step=run.step, epoch=epoch + epoch_n / self.epoch_size,
                recon=stats["recon"], kl=stats["kl"], beta=stats["beta"],
                kl_term=stats["kl_term"], total=stats["total"], elbo=stats["elbo"],
                kl_per_dim=stats["kl_per_dim"], samples_per_s=run.rate)
            for cb in self.callbacks:
                cb.on_step(metrics)
            if self.state_requests:
                self.state_requests.serve(functools.partial(
                    capture, self, run, epoch=epoch, batches_done=taken + 1,
                    epoch_elbo=epoch_elbo, epoch_n=epoch_n, order_rng=order_rng))
            if run.step >= self.total_steps:
                break
        return epoch_elbo, epoch_n

    def _train_step(self, x: torch.Tensor, stop_requested: bool, run: _Run,
                    y: torch.Tensor | None = None) -> dict | None:
        """One optimiser step on the batch ``x`` (with its labels ``y`` for a conditional model):
        its numbers (``_step_stats``, and "beta"), or None when the run ends here instead (a
        stop under torch.distributed, or a NaN / inf loss, after which the last good weights
        are back in the model)."""
        cfg, model = self.cfg, self.model
        weight = kl_weight_at(cfg, run.step, self.total_steps, self.steps_per_epoch,
                              beta=self.base_beta)
        # a denoising VAE encodes a corrupted x and is scored on the clean one
        seen = x
        if any(self.input_noise):
            sigma, fraction = self.input_noise
            seen = corrupt(x, sigma=sigma, fraction=fraction, generator=self.noise)
        terms = elbo_terms(self._forward(seen, y), x, model.likelihood, weight,
                           reduction=cfg.reduction, kl_sign_bug=cfg.kl_sign_bug,
                           variational=model.cfg.variational)
        stats = self._step_stats(terms, stop_requested)
        if stats["stop"]:  # under torch.distributed: some process was asked to stop
            run.end("stopped", "stopped_after", steps=run.step)
            return None
        if not math.isfinite(stats["total"]):
            self._restore(run.good_state)
            run.end("diverged", "diverged_at", step=run.step + 1, loss=stats["total"],
                    good_step=run.good_step, lr=cfg.lr)
            return None
        if run.step - run.good_step >= SNAPSHOT_EVERY:
            run.good_state, run.good_step = self._copy_weights(), run.step
        self._optimizer_step(terms.total)
        return {**stats, "beta": weight.beta}

    def _optimizer_step(self, loss: torch.Tensor) -> None:
        self.optimizer.zero_grad(set_to_none=True)
        if self.scaler is not None:
            self.scaler.scale(loss).backward()
            with self.weights_lock:
                self.scaler.step(self.optimizer)  # skipped if the grads overflowed
                self.scaler.update()
        else:
            loss.backward()
            with self.weights_lock:
                self.optimizer.step()

    def _end_epoch(self, epoch: int, train_elbo: float, run: _Run) -> None:
        """Test the epoch's weights: keep them as the good ones and report them, or (a NaN /
        inf test loss) put the last good ones back and end ``run``."""
        self.model.eval()
        test = self._evaluate(self.data.test_x)
        if not math.isfinite(test["elbo"]):
            self._restore(run.good_state)
            run.end("diverged", "diverged_test", epoch=epoch + 1, good_step=run.good_step)
            return
        run.good_state, run.good_step = self._copy_weights(), run.step
        em = EpochMetrics(epoch=epoch + 1, step=run.step, train_elbo=train_elbo,
                          test_elbo=test["elbo"], test_recon=test["recon"],
                          test_kl=test["kl"], test_kl_per_dim=tuple(test["kl_per_dim"]),
                          active_units=test["active_units"],
                          seconds=time.perf_counter() - run.t0,
                          test_mu_var_per_dim=tuple(test["mu_var_per_dim"]))
        run.history.append(em)
        for cb in self.callbacks:
            cb.on_epoch(em)

    def _result(self, run: _Run) -> TrainResult:
        history, step = run.history, run.step
        if run.status == "finished":
            run.params = {"epochs": len(history), "steps": step}
        if history and history[-1].step == step:
            last = history[-1]
            final = {"elbo": last.test_elbo, "recon": last.test_recon, "kl": last.test_kl,
                     "kl_per_dim": list(last.test_kl_per_dim),
                     "active_units": last.active_units,
                     "mu_var_per_dim": list(last.test_mu_var_per_dim),
                     "n": self.data.test_x.shape[0]}
        else:  # stopped or diverged mid-epoch: measure the weights we keep
            final = self._evaluate(self.data.test_x)
            if not math.isfinite(final["elbo"]):
                final = {}
        return TrainResult(status=run.status, message=OUTCOMES[run.code].format(**run.params),
                           steps=step, epochs=len(history), wall_s=time.perf_counter() - run.t0,
                           last_epoch=history[-1] if history else None, history=history,
                           final_test=final, code=run.code, params=run.params)

    def _restore(self, state: dict[str, torch.Tensor]) -> None:
        with self.weights_lock:
            self.model.load_state_dict(state)

    def _copy_weights(self) -> dict[str, torch.Tensor]:
        return copy.deepcopy(self.model.state_dict())

    def _minibatches(self, generator: torch.Generator):
        if self.dist is None:
            return iterate_minibatches(self.data.train_x, self.cfg.batch_size,
                                       generator=generator)
        return self.dist.minibatches(self.data.train_x, self.cfg.batch_size,
                                     generator=generator)

    def _forward(self, x: torch.Tensor, y: torch.Tensor | None = None) -> VAEOutput:
        labels = {} if y is None else {"y": y}  # unconditional models take no labels
        if self.amp_dtype is None:
            return self.net(x, generator=self.noise, **labels)
        with torch.autocast(device_type=self.device.type, dtype=self.amp_dtype):
            out = self.net(x, generator=self.noise, **labels)
        # the loss terms in float32: log σ².exp() and the sums over pixels lose nats in 16 bits
        return VAEOutput(*(t.float() for t in out))

    def _step_stats(self, terms, stop_requested: bool) -> dict:
        """The step's numbers as floats in one device-to-host copy; under torch.distributed
        averaged over the processes (any NaN / inf and any stop request reach every process)."""
        packed = torch.cat([
            torch.stack([terms.total, terms.recon, terms.kl, terms.kl_term, terms.elbo]).detach(),
            terms.kl_per_dim.detach().to(terms.total.dtype),
            torch.tensor([float(stop_requested)], dtype=terms.total.dtype,
                         device=terms.total.device)])
        if self.dist is not None:
            packed = self.dist.all_reduce_sum(packed) / self.dist.world_size
        values = packed.tolist()
        total, recon, kl, kl_term, elbo = values[:5]
        return {"total": total, "recon": recon, "kl": kl, "kl_term": kl_term, "elbo": elbo,
                "kl_per_dim": tuple(values[5:-1]), "stop": values[-1] > 0}

    def _evaluate(self, x: torch.Tensor) -> dict:
        if self.dist is None:
            y = self.data.test_y if self.model.cfg.conditional else None
            return evaluate_batches(self.model, x, generator=self.noise, y=y)
        return self.dist.evaluate(self.model, x, generator=self.noise)


def check_fit(model_cfg: Any, data: DataBundle) -> None:
    """``ConfigError("shape_mismatch")`` unless the model takes the data's images: a learner
    can pick a model and a dataset of different sizes, and torch's own error would say less."""
    if tuple(model_cfg.input_shape) != tuple(data.input_shape):
        raise ConfigError("shape_mismatch", expected=tuple(model_cfg.input_shape),
                          dataset=data.name, found=tuple(data.input_shape))
    n_classes = getattr(model_cfg, "n_classes", 0)
    if n_classes and n_classes != len(data.class_names):
        raise ConfigError("labels_mismatch", expected=n_classes, dataset=data.name,
                          found=len(data.class_names))


def train_model(model_cfg, data: DataBundle, train_cfg: TrainConfig, *,
                callbacks: Sequence[TrainerCallback] = (),
                stop_event: threading.Event | None = None,
                binarize_data: bool = False,
                noise: tuple[float, float] = (0.0, 0.0),
                on_trainer: Callable[[Trainer], None] | None = None,
                dist: DistContext | None = None) -> tuple[VAE, TrainResult]:
    """Seed, build a model for ``model_cfg`` and train it: the reproducible one-call path.

    With ``dist`` every process builds the same initial model and trains its shard (DDP); the
    returned model is the plain module, identical on every process."""
    from vae_core.models import build_model

    check_fit(model_cfg, data)
    model = build_model(model_cfg, generator=torch.Generator().manual_seed(train_cfg.seed))
    trainer = Trainer(model, data, train_cfg, callbacks=callbacks, stop_event=stop_event,
                      binarize_data=binarize_data, noise=noise, dist=dist)
    if on_trainer is not None:
        on_trainer(trainer)
    result = trainer.fit()
    return trainer.model.cpu(), result
