"""Sweeps: one model per value of β, likelihood, schedule or pitfall, same seed and architecture.

A ``SweepSpec`` says what to vary; a ``Sweep`` loads the dataset once, runs one ``TrainingJob``
per variant in a background thread (one at a time, or ``max_parallel`` at once), and measures
each finished model: test −ELBO, KL, KL per dim and active units, pixel MSE / BCE of the
reconstruction mean (comparable across likelihoods, unlike −ELBO) and, when the dataset has
ground-truth factors, MIG. A UI polls ``snapshot()`` and reads ``results()``; nothing here
knows any UI.

Sequential sweeps are reproducible: every variant starts from the same initial weights. With
``max_parallel`` > 1 the jobs share torch's global RNG (ε draws, initialisation), so runs differ
slightly from one sweep to the next.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import torch
import torch.nn.functional as F

from vae_core.analysis.disentanglement import MIGResult, model_mig
from vae_core.analysis.encode import encode
from vae_core.analysis.rate_distortion import RDPoint, rd_point
from vae_core.config import SCHEDULES, ConfigError, DataConfig, ModelConfig, TrainConfig, shown
from vae_core.data import DataBundle, load_dataset
from vae_core.jobs import BackgroundWork, JobSnapshot, TrainingJob, failure_params
from vae_core.messages import JOB_MESSAGES, SWEEP_MESSAGES
from vae_core.models.base import VAE
from vae_core.training import EpochMetrics, StepMetrics, check_fit

MAX_SWEEP_MODELS = 12
MAX_SWEEP_EPOCHS = 200     # per model: minutes, not hours, on a shared server
MAX_PARALLEL = 4
POLL_S = 0.05              # how often the sweep thread looks at its jobs
BCE_EPS = 1e-6             # clamp of the mean image before the pixel BCE
SWEEP_KINDS = ("beta", "likelihood", "schedule", "pitfall")
VALUES_FIELD = {"beta": "betas", "likelihood": "likelihoods", "schedule": "schedules",
                "pitfall": "pitfalls"}
PITFALLS = ("correct", "mean_reduction", "kl_sign_bug")
PITFALL_LABELS = {
    "correct": "correct (sum over pixels, −KL)",
    "mean_reduction": "recon mean over pixels (effective β × pixels)",
    "kl_sign_bug": "KL without its minus sign",
}
DEFAULT_DATA = DataConfig()  # mnist-5k
DEFAULT_TRAIN = TrainConfig()  # the app's defaults (vae_core.run_settings)


@dataclass(frozen=True)
class Variant:
    index: int
    label: str
    value: Any                      # β, recon name or (recon, σ), schedule name, pitfall name
    model_cfg: ModelConfig
    train_cfg: TrainConfig


def _variant_configs(kind: str, value: Any, model_cfg: ModelConfig,
                     train_cfg: TrainConfig) -> tuple[Any, str, ModelConfig, TrainConfig]:
    """(normalised value, label, model config, train config) for one value; ConfigError if
    bad."""
    replace = dataclasses.replace
    if kind == "beta":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError("beta_not_number", value=shown(value))
        value = float(value)
        return value, f"β={value:g}", model_cfg, replace(train_cfg, beta=value)
    if kind == "likelihood":
        if isinstance(value, str):
            return value, value, replace(model_cfg, recon=value), train_cfg
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            raise ConfigError("bad_likelihood", value=shown(value))
        recon, sigma = value
        if recon != "mse":
            raise ConfigError("sigma_mse_only", recon=shown(recon))
        cfg = replace(model_cfg, recon=recon, sigma=sigma)
        return (recon, float(sigma)), f"mse σ={float(sigma):g}", cfg, train_cfg
    if kind == "schedule":
        if value not in SCHEDULES:
            raise ConfigError("unknown_schedule", value=shown(value), choices=", ".join(SCHEDULES))
        return value, value, model_cfg, replace(train_cfg, schedule=value)
    if value not in PITFALLS:
        raise ConfigError("unknown_choice", field="pitfall", value=shown(value),
                          choices=", ".join(PITFALLS))
    flags = {"correct": ("sum", False), "mean_reduction": ("mean", False),
             "kl_sign_bug": ("sum", True)}[value]
    cfg = replace(train_cfg, reduction=flags[0], kl_sign_bug=flags[1])
    return value, PITFALL_LABELS[value], model_cfg, cfg


@dataclass(frozen=True)
class SweepSpec:
    kind: str                       # "beta", "likelihood", "schedule" or "pitfall"
    values: tuple                   # one model per value, in this order
    model_cfg: ModelConfig
    data_cfg: DataConfig = DEFAULT_DATA
    train_cfg: TrainConfig = DEFAULT_TRAIN  # the base; each variant changes one thing

    def __post_init__(self) -> None:
        if self.kind not in SWEEP_KINDS:
            raise ConfigError("sweep_kind", value=shown(self.kind), choices=", ".join(SWEEP_KINDS))
        for name, cls in (("model_cfg", ModelConfig), ("data_cfg", DataConfig),
                          ("train_cfg", TrainConfig)):
            if not isinstance(getattr(self, name), cls):
                raise ConfigError("sweep_config_type", field=name, expected=cls.__name__,
                                  type=type(getattr(self, name)).__name__)
        if self.train_cfg.epochs > MAX_SWEEP_EPOCHS:
            raise ConfigError("sweep_epochs", max=MAX_SWEEP_EPOCHS, epochs=self.train_cfg.epochs)
        where = VALUES_FIELD[self.kind]
        if isinstance(self.values, (str, bytes)) or not isinstance(self.values, (list, tuple)):
            raise ConfigError("sweep_not_list", field=where, value=shown(self.values))
        if not 1 <= len(self.values) <= MAX_SWEEP_MODELS:
            raise ConfigError("sweep_size", field=where, max=MAX_SWEEP_MODELS, n=len(self.values))
        normalised, labels = [], set()
        for i, value in enumerate(self.values):
            try:
                value, label, _, _ = _variant_configs(self.kind, value, self.model_cfg,
                                                      self.train_cfg)
            except ConfigError as exc:  # the value's own reason, and which value it was
                raise ConfigError("sweep_value", field=where, index=i, **exc.wrapped()) from None
            if label in labels:
                raise ConfigError("sweep_duplicate", field=where, index=i, value=shown(value))
            labels.add(label)
            normalised.append(value)
        object.__setattr__(self, "values", tuple(normalised))

    def variants(self) -> list[Variant]:
        out = []
        for i, value in enumerate(self.values):
            value, label, model_cfg, train_cfg = _variant_configs(
                self.kind, value, self.model_cfg, self.train_cfg)
            out.append(Variant(i, label, value, model_cfg, train_cfg))
        return out

    def to_dict(self) -> dict:
        return {"kind": self.kind, "values": [list(v) if isinstance(v, tuple) else v
                                              for v in self.values],
                "model_cfg": self.model_cfg.to_dict(), "data_cfg": self.data_cfg.to_dict(),
                "train_cfg": self.train_cfg.to_dict()}

    @classmethod
    def from_dict(cls, data: dict) -> SweepSpec:
        return cls(kind=data["kind"], values=tuple(data["values"]),
                   model_cfg=ModelConfig.from_dict(data["model_cfg"]),
                   data_cfg=DataConfig.from_dict(data["data_cfg"]),
                   train_cfg=TrainConfig.from_dict(data["train_cfg"]))


def beta_sweep(betas: Sequence[float], *, model_cfg: ModelConfig,
               data_cfg: DataConfig = DEFAULT_DATA,
               train_cfg: TrainConfig = DEFAULT_TRAIN) -> SweepSpec:
    """One model per β, smallest β first (constant schedule unless ``train_cfg`` says otherwise)."""
    ordered = sorted(betas) if all(isinstance(b, (int, float)) for b in betas) else list(betas)
    return SweepSpec("beta", tuple(ordered), model_cfg, data_cfg, train_cfg)


def likelihood_sweep(recons: Sequence[str | tuple[str, float]], *, model_cfg: ModelConfig,
                     data_cfg: DataConfig = DEFAULT_DATA,
                     train_cfg: TrainConfig = DEFAULT_TRAIN) -> SweepSpec:
    """One model per likelihood: "bce", "mse", "gaussian", "cb", or ("mse", σ)."""
    return SweepSpec("likelihood", tuple(recons), model_cfg, data_cfg, train_cfg)


def schedule_sweep(schedules: Sequence[str], *, model_cfg: ModelConfig,
                   data_cfg: DataConfig = DEFAULT_DATA,
                   train_cfg: TrainConfig = DEFAULT_TRAIN) -> SweepSpec:
    """One model per β schedule; each takes its settings (warmup_epochs, cycles, ...) from
    ``train_cfg``."""
    return SweepSpec("schedule", tuple(schedules), model_cfg, data_cfg, train_cfg)


def pitfall_sweep(pitfalls: Sequence[str] = PITFALLS, *, model_cfg: ModelConfig,
                  data_cfg: DataConfig = DEFAULT_DATA,
                  train_cfg: TrainConfig = DEFAULT_TRAIN) -> SweepSpec:
    """The correct loss next to the tutorial mistakes: recon averaged over pixels, KL sign."""
    return SweepSpec("pitfall", tuple(pitfalls), model_cfg, data_cfg, train_cfg)


def effective_beta(train_cfg: TrainConfig, n_pixels: int) -> float:
    """The β the optimiser really sees at the end of a run: × D pixels for reduction="mean",
    negated by the KL sign bug. The β-slope of the rate–distortion plane is −effective β (for
    the capacity schedule β is γ of γ·|KL − C| and the slope has no such meaning)."""
    beta = train_cfg.beta * (n_pixels if train_cfg.reduction == "mean" else 1)
    return -beta if train_cfg.kl_sign_bug else beta


@torch.no_grad()
def reconstruction_errors(model: VAE, x: torch.Tensor, *, batch_size: int = 1024) -> dict:
    """Per-pixel MSE and BCE of the reconstruction mean, decode(μ(x)), against ``x``.

    Unlike −ELBO these do not depend on the likelihood, so BCE and MSE models can be compared.
    """
    mu, _ = encode(model, x, batch_size=batch_size)  # (N, K)
    se, bce, n = 0.0, 0.0, 0
    for start in range(0, x.shape[0], batch_size):
        xb = x[start:start + batch_size].to(model.device)
        x_hat = model.decode(mu[start:start + batch_size].to(model.device))  # (B, C, H, W)
        se += float((x_hat - xb).pow(2).sum())
        p = x_hat.clamp(BCE_EPS, 1 - BCE_EPS)
        bce += float(F.binary_cross_entropy(p, xb, reduction="sum"))
        n += xb.numel()
    return {"pixel_mse": se / max(n, 1), "pixel_bce": bce / max(n, 1)}




@dataclass(frozen=True, eq=False)
class SweepResult:
    index: int
    label: str
    value: Any
    model_cfg: ModelConfig
    train_cfg: TrainConfig
    status: str                     # the job's: finished, stopped, diverged or failed
    message: str
    model: VAE | None               # CPU copy in eval mode (the weights kept on divergence)
    summary: dict                   # JSON-able: test_elbo, test_recon, test_kl, kl_per_dim,
    #                                 active_units, pixel_mse, pixel_bce, effective_beta, [mig]
    history: tuple[EpochMetrics, ...] = ()
    steps: tuple[StepMetrics, ...] = ()
    mig: MIGResult | None = None

    def rd_point(self) -> RDPoint:
        """This model on the rate–distortion plane, with its effective β."""
        return rd_point(self.summary, beta=self.summary["effective_beta"], label=self.label)


@dataclass(frozen=True)
class SweepSnapshot:
    status: str                     # pending, loading, running, finished, stopped, failed
    message: str
    labels: tuple[str, ...]
    jobs: tuple[JobSnapshot, ...]   # one per variant, in order
    n_results: int                  # models measured so far
    elapsed_s: float
    progress: float                 # 0..1 over the whole sweep
    failures: tuple[str, ...] = ()  # "label: message" of each failed job
    code: str = ""                  # a key of SWEEP_MESSAGES: ``message`` as data, for the UI
    params: dict = field(default_factory=dict)

    @property
    def ended(self) -> bool:
        return self.status in ("finished", "stopped", "failed")


class Sweep(BackgroundWork):
    """Runs a ``SweepSpec`` in a background thread; ``data`` skips loading the dataset."""

    def __init__(self, spec: SweepSpec, *, data: DataBundle | None = None,
                 max_parallel: int = 1, mig_bins: int = 20) -> None:
        if isinstance(max_parallel, bool) or not isinstance(max_parallel, int) \
                or not 1 <= max_parallel <= MAX_PARALLEL:
            raise ConfigError("not_integer", field="max_parallel", allowed=f"[1, {MAX_PARALLEL}]",
                              value=shown(max_parallel))
        self.spec, self.data, self.max_parallel, self.mig_bins = spec, data, max_parallel, mig_bins
        self.variants = spec.variants()
        self.jobs = [TrainingJob(v.model_cfg, spec.data_cfg, v.train_cfg, data=data,
                                 name=v.label) for v in self.variants]
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._status, self._message, self._code, self._params = "pending", "", "pending", {}
        self._results: dict[int, SweepResult] = {}
        self._t0: float | None = None
        self._t_end: float | None = None

    # -- control -------------------------------------------------------------------------------
    def start(self) -> Sweep:
        self._t0 = time.perf_counter()
        self._start_thread("vae-sweep")
        return self

    def stop(self, timeout: float | None = 5.0) -> None:
        """Stop every running job (each ends within one step) and start no more."""
        self._stop.set()
        for job in self.jobs:
            job.stop(timeout=0)
        self._join_unless_inside(timeout)

    # -- observation ---------------------------------------------------------------------------
    def snapshot(self) -> SweepSnapshot:
        jobs = tuple(job.snapshot() for job in self.jobs)
        with self._lock:
            status, message, n_results = self._status, self._message, len(self._results)
            code, params = self._code, dict(self._params)
            now = self._t_end or time.perf_counter()
            elapsed = now - self._t0 if self._t0 is not None else 0.0
        if status in ("stopped", "failed"):  # jobs that never started will not
            jobs = tuple(dataclasses.replace(j, status="stopped", code="not_started", params={},
                                             message=JOB_MESSAGES["not_started"])
                         if j.status == "pending" else j for j in jobs)
        done = [1.0 if j.ended else j.progress for j in jobs]
        failures = tuple(f"{lbl}: {j.message}" for lbl, j in zip(self._labels(), jobs)
                         if j.status == "failed")
        return SweepSnapshot(status=status, message=message, labels=self._labels(), jobs=jobs,
                             n_results=n_results, elapsed_s=elapsed,
                             progress=sum(done) / len(done), failures=failures, code=code,
                             params=params)

    def results(self) -> list[SweepResult]:
        """The models measured so far, in the spec's order."""
        with self._lock:
            return [self._results[i] for i in sorted(self._results)]

    def _labels(self) -> tuple[str, ...]:
        return tuple(v.label for v in self.variants)

    # -- the sweep thread ----------------------------------------------------------------------
    def _set(self, status: str, code: str, **params: Any) -> None:
        with self._lock:
            self._status, self._code, self._params = status, code, params
            self._message = SWEEP_MESSAGES[code].format(**params)

    def _run(self) -> None:
        try:
            self._set("loading", "loading", dataset=self.spec.data_cfg.dataset)
            if self.data is None:
                self.data = load_dataset(self.spec.data_cfg)
            check_fit(self.spec.model_cfg, self.data)
            self._set("running", "running")
            pending = list(range(len(self.jobs)))
            running: list[int] = []
            while (pending or running) and not self._stop.is_set():
                while pending and len(running) < self.max_parallel:
                    i = pending.pop(0)
                    self.jobs[i].data = self.data  # the one shared bundle
                    self.jobs[i].start()
                    running.append(i)
                for i in [i for i in running if not self.jobs[i].is_alive()]:
                    running.remove(i)
                    self._measure(i)
                self._stop.wait(POLL_S)
            for i in running:  # stopped: each job ends within a step, keeping its weights
                self.jobs[i].stop(timeout=None)
                self._measure(i)
            statuses = [job.snapshot().status for job in self.jobs]
            if self._stop.is_set() and any(s in ("pending", "stopped") for s in statuses):
                self._set("stopped", "stopped_after", done=len(self._results),
                          total=len(self.jobs))
            else:
                failed = statuses.count("failed")
                self._set("finished", "trained_failed" if failed else "trained",
                          n=len(self.jobs), failed=failed)
        except Exception as exc:  # the thread must report, never die silently
            for job in self.jobs:
                job.stop(timeout=None)
            self._set("failed", "failed", **failure_params(exc))
        finally:
            with self._lock:
                self._t_end = time.perf_counter()

    def _measure(self, i: int) -> None:
        result = measure_job(self.variants[i], self.jobs[i], self.data, mig_bins=self.mig_bins)
        with self._lock:
            self._results[i] = result


def measure_job(variant: Variant, job: TrainingJob, data: DataBundle, *,
                mig_bins: int = 20) -> SweepResult:
    """A ``SweepResult`` for an ended job: its summary plus pixel errors, effective β and MIG.
    The result takes the job's model (the job keeps its curves, not a second copy)."""
    job.join()
    snap = job.snapshot()
    model = job.take_model()
    summary = dict(snap.summary)
    summary["effective_beta"] = effective_beta(variant.train_cfg, data.n_pixels)
    mig = None
    if model is not None and snap.status != "failed":
        try:
            summary.update(reconstruction_errors(model, data.test_x))
            if data.has_factors:
                mig = model_mig(model, data, bins=mig_bins)
                summary.update(mig.as_dict())
        except ValueError as exc:  # e.g. codes that overflowed to inf
            # failed-job params: the English and, for a coded error, its code for the app
            summary["measure_error"] = failure_params(exc)
    return SweepResult(index=variant.index, label=variant.label, value=variant.value,
                       model_cfg=variant.model_cfg, train_cfg=variant.train_cfg,
                       status=snap.status, message=snap.message, model=model, summary=summary,
                       history=tuple(snap.epochs), steps=tuple(snap.steps), mig=mig)
