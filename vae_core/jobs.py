"""Training in a background thread, observed through thread-safe snapshots.

A UI (or a test) starts a ``TrainingJob``, polls ``snapshot()`` as often as it likes, changes β
with ``set_beta`` and ends it with ``stop()``. The thread never touches any UI.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import torch

from vae_core.analysis.latent_history import LatentRecorder
from vae_core.config import ConfigError, DataConfig, ModelConfig, TrainConfig, shown
from vae_core.data import DataBundle, DatasetUnavailable, load_dataset
from vae_core.messages import JOB_MESSAGES, AnalysisError
from vae_core.models import build_model
from vae_core.models.base import VAE
from vae_core.resume import TrainerState
from vae_core.threads import BackgroundWork, name_os_thread  # noqa: F401  (this API too)
from vae_core.training import EpochMetrics, StepMetrics, Trainer, TrainerCallback, check_fit

MAX_STORED_STEPS = 2000  # beyond this, stored steps are thinned 2× (the curve keeps its shape)
ENDED = ("finished", "stopped", "diverged", "failed")
# error -> reason_kind; a job loads its dataset and trains, it reads no checkpoint file, so a
# CheckpointError cannot end one
CODED_ERRORS = {ConfigError: "config", AnalysisError: "analysis", DatasetUnavailable: "dataset"}


def failure_params(exc: Exception) -> dict[str, Any]:
    """The ``failed`` code's params: ``error``, the exception's English (a bug says its own
    words), and for an error with a code its ``reason_kind`` / ``reason_code`` /
    ``reason_params``, so that the app words why in the reader's language."""
    params: dict[str, Any] = {"error": f"{type(exc).__name__}: {exc}"}
    kind = next((k for cls, k in CODED_ERRORS.items() if isinstance(exc, cls)), None)
    if kind is not None:
        params.update(reason_kind=kind, reason_code=exc.code, reason_params=dict(exc.params))
    return params


@dataclass(frozen=True)
class JobSnapshot:
    status: str                     # pending, loading, running, finished, stopped, diverged, failed
    message: str
    steps: list[StepMetrics]
    epochs: list[EpochMetrics]
    step: int
    total_steps: int
    epoch: int                      # epochs finished
    samples_per_s: float
    elapsed_s: float
    eta_s: float | None
    beta: float                     # the base β now (live changes included)
    summary: dict = field(default_factory=dict)
    code: str = ""                  # a key of JOB_MESSAGES: ``message`` as data, for the UI
    params: dict = field(default_factory=dict)

    @property
    def ended(self) -> bool:
        return self.status in ENDED

    @property
    def progress(self) -> float:
        return min(1.0, self.step / self.total_steps) if self.total_steps else 0.0


@dataclass
class ForkPoint:
    """A running job at one step: the trainer's state and the job's curves up to it, from which
    another job goes on (``TrainingJob.fork``)."""

    state: TrainerState
    steps: list[StepMetrics]
    stride: int
    seen: int
    last: StepMetrics | None
    epochs: list[EpochMetrics]
    total_steps: int
    latent: list = field(default_factory=list)  # the latent replay's snapshots so far


class TrainingJob(TrainerCallback, BackgroundWork):
    def __init__(self, model_cfg: ModelConfig, data_cfg: DataConfig, train_cfg: TrainConfig, *,
                 data: DataBundle | None = None, name: str = "",
                 resume: ForkPoint | None = None) -> None:
        self.model_cfg, self.data_cfg, self.train_cfg = model_cfg, data_cfg, train_cfg
        self.name = name or f"{data_cfg.dataset}-{model_cfg.arch}-z{model_cfg.latent_dim}"
        self.data = data
        self.model: VAE | None = None
        self._lock = threading.Lock()          # guards the metrics below
        self._weights_lock = threading.Lock()  # held by the trainer while it writes weights
        self._stop = threading.Event()
        self._stepped = threading.Event()      # set at the first step, or when the job ends
        self.interrupted = False               # stopped by a server shutdown, not by a user
        self.reported = False                  # ``report`` has said where its weights went
        self._trainer: Trainer | None = None
        self._status, self._message = "pending", ""
        self._code, self._params = "pending", {}
        self._steps: list[StepMetrics] = []
        self._stride, self._seen = 1, 0
        self._epochs: list[EpochMetrics] = []
        self._last: StepMetrics | None = None
        self._total_steps = 0
        self._beta = train_cfg.beta
        self._t0: float | None = None
        self._t_end: float | None = None
        self._summary: dict = {}
        self.latent: LatentRecorder | None = None  # the test means while it trains
        self.resume = resume
        if resume is not None:  # the curves so far are this job's from the start
            self._steps, self._stride, self._seen = list(resume.steps), resume.stride, resume.seen
            self._epochs, self._last = list(resume.epochs), resume.last
            self._total_steps = resume.total_steps
        self.on_end: list = []  # callables(job), run in the job's thread once it has ended
        self._final: VAE | None = None

    @classmethod
    def ended(cls, model: VAE, model_cfg: ModelConfig, data_cfg: DataConfig,
              train_cfg: TrainConfig, snap: JobSnapshot, latent: list, latent_labels: Any, *,
              data: DataBundle | None = None, name: str = "") -> TrainingJob:
        """A job that has ended as ``snap`` says, with ``model``'s weights (a run kept in the
        run cache, ``vae_core.run_cache``): pages show it as they show a run that just ended."""
        job = cls(model_cfg, data_cfg, train_cfg, data=data, name=name)
        job.model = model.cpu().eval()
        job._status, job._message, job._code = snap.status, snap.message, snap.code
        job._params, job._summary, job._beta = dict(snap.params), dict(snap.summary), snap.beta
        job._steps, job._epochs = list(snap.steps), list(snap.epochs)
        job._last = job._steps[-1] if job._steps else None
        job._total_steps = snap.total_steps
        job._t0, job._t_end = 0.0, snap.elapsed_s
        job.latent = LatentRecorder.replay(latent, latent_labels)
        job._stepped.set()
        return job

    # -- control -----------------------------------------------------------------------------
    def start(self) -> TrainingJob:
        self._t0 = time.perf_counter() - (self.resume.state.elapsed_s if self.resume else 0.0)
        self._start_thread(f"vae-job-{self.name}")
        return self

    def stop(self, timeout: float | None = 2.0) -> None:
        self._stop.set()
        self._join_unless_inside(timeout)

    def interrupt(self) -> None:
        """Stop at the next step because the server is shutting down: like ``stop`` but without
        waiting, since the signal handler that calls it must not block the event loop."""
        self.interrupted = True
        self._stop.set()

    def report(self, code: str, **params: Any) -> None:
        """Say how an ended job's weights were kept (the shutdown saver: where they went).
        The status stays; a job that never started becomes "stopped"."""
        with self._lock:
            if self._status == "pending":
                self._status = "stopped"
            self._code, self._params = code, params
            self._message = JOB_MESSAGES[code].format(**params)
            self.reported = True

    def set_beta(self, beta: float) -> None:
        where = {"field": "beta", "allowed": "[0, 1000]", "value": shown(beta)}
        if isinstance(beta, bool) or not isinstance(beta, (int, float)):
            raise ConfigError("not_number", **where)
        if not math.isfinite(beta) or not 0 <= beta <= 1000:
            raise ConfigError("out_of_range", **where)
        with self._lock:
            self._beta = float(beta)
            if self._trainer is not None:
                self._trainer.base_beta = float(beta)

    # -- observation -------------------------------------------------------------------------
    def snapshot(self) -> JobSnapshot:
        with self._lock:
            now = self._t_end or time.perf_counter()
            elapsed = now - self._t0 if self._t0 is not None else 0.0
            step = self._last.step if self._last else 0
            rate = self._last.samples_per_s if self._last else 0.0
            eta = None
            if self._status == "running" and step > 0 and self._total_steps:
                eta = elapsed / step * (self._total_steps - step)
            steps = list(self._steps)
            if self._last is not None and (not steps or steps[-1] is not self._last):
                steps.append(self._last)
            return JobSnapshot(status=self._status, message=self._message, code=self._code,
                               params=dict(self._params), steps=steps,
                               epochs=list(self._epochs), step=step,
                               total_steps=self._total_steps, epoch=len(self._epochs),
                               samples_per_s=rate, elapsed_s=elapsed, eta_s=eta,
                               beta=self._beta, summary=dict(self._summary))

    def model_copy(self) -> VAE | None:
        """A CPU copy of the current weights in eval mode, without gradients or optimiser
        state; safe while training runs (the lock is held only while the tensors are copied)."""
        if self.model is None:
            return None
        with self._weights_lock:
            state = {k: v.detach().to("cpu", copy=True)
                     for k, v in self.model.state_dict().items()}
        clone = build_model(self.model_cfg, generator=torch.Generator())  # values replaced:
        clone.load_state_dict(state)
        return clone.eval()

    def final_model(self) -> VAE | None:
        """The ended job's weights as one read-only model (no gradients), made once: every
        session that holds this run shares it instead of a copy each."""
        if self.is_alive():
            raise RuntimeError("final_model needs an ended job")
        if self._final is None:
            model = self.model_copy()
            if model is not None:
                self._final = model.requires_grad_(False)
        return self._final

    def fork(self, timeout: float = 5.0) -> ForkPoint | None:
        """The run after its next step, for another job to go on from (``resume``); None when
        it is not training (queued, loading) or ends before that step."""
        with self._lock:
            trainer = self._trainer
        if trainer is None:
            return None
        curves: dict[str, Any] = {}

        def copy_curves(_state: TrainerState) -> None:  # training thread, that step's end
            with self._lock:
                curves.update(steps=list(self._steps), stride=self._stride, seen=self._seen,
                              last=self._last, epochs=list(self._epochs),
                              total_steps=self._total_steps)
            curves["latent"] = self.latent.snapshots() if self.latent is not None else []

        state = trainer.state_requests.take(timeout, copy_curves)
        return None if state is None else ForkPoint(state=state, **curves)

    def take_model(self) -> VAE | None:
        """The ended job's own model, handed over: the job forgets it, so a sweep keeps one
        copy per result instead of two. Only once the thread has ended (nothing writes it)."""
        if self.is_alive():
            raise RuntimeError("take_model needs an ended job")
        with self._weights_lock:
            model, self.model = self.model, None
        return model

    def wait_for_first_step(self, timeout: float) -> bool:
        """Block until the job has taken its first step or ended (True), at most ``timeout``
        seconds (False): the page that started it can draw the first point at once."""
        return self._stepped.wait(timeout)

    # -- trainer callbacks (training thread) ---------------------------------------------------
    def on_step(self, metrics: StepMetrics) -> None:
        with self._lock:
            self._last = metrics
            self._seen += 1
            if self._seen % self._stride == 0:
                self._steps.append(metrics)
                if len(self._steps) > MAX_STORED_STEPS:
                    self._steps = self._steps[1::2]
                    self._stride *= 2
        self._stepped.set()

    def on_epoch(self, metrics: EpochMetrics) -> None:
        with self._lock:
            self._epochs.append(metrics)

    # -- the thread ----------------------------------------------------------------------------
    def _set(self, status: str, code: str, **params: Any) -> None:
        with self._lock:
            self._status, self._code, self._params = status, code, params
            self._message = JOB_MESSAGES[code].format(**params)

    def _run(self) -> None:
        try:
            self._set("loading", "loading", dataset=self.data_cfg.dataset)
            if self.data is None:
                self.data = load_dataset(self.data_cfg)
            check_fit(self.model_cfg, self.data)
            self.model = build_model(
                self.model_cfg, generator=torch.Generator().manual_seed(self.train_cfg.seed))
            self.latent = LatentRecorder(self.model, self.data.test_x, self.data.test_y,
                                         seed=self.train_cfg.seed)
            if self.resume is not None:
                self.latent.go_on_from(self.resume.latent)
            trainer = Trainer(self.model, self.data, self.train_cfg,
                              callbacks=[self, self.latent],
                              stop_event=self._stop, weights_lock=self._weights_lock,
                              binarize_data=self.data_cfg.binarize,
                              noise=(self.data_cfg.noise_sigma, self.data_cfg.noise_fraction))
            with self._lock:
                self._trainer = trainer
                trainer.base_beta = self._beta
                self._total_steps = trainer.total_steps
                self._status, self._message, self._code, self._params = "running", "", "running", {}
            if self._stop.is_set() and self.resume is None:  # resumed: stops after restoring
                self._set("stopped", "stopped_before")
                return
            result = trainer.fit(self.resume.state if self.resume is not None else None)
            self.resume = None  # the state's tensors are not needed any more
            with self._lock:
                self._summary = result.summary()
                self._status, self._message = result.status, result.message
                self._code, self._params = result.code, dict(result.params)
        except Exception as exc:  # the thread must report, never die silently
            self._set("failed", "failed", **failure_params(exc))
        finally:
            if self.latent is not None:
                self.latent.release()
            if self.model is not None:
                with self._weights_lock:  # moving the weights is a change of them too
                    self.model.cpu().eval()
            with self._lock:
                self._t_end = time.perf_counter()
                # the optimizer's moments and the trainer's batches are not needed once it
                # ended: a session keeps its last job (curves, previews) for as long as it lives
                self._trainer = None
            self._stepped.set()
            for hook in self.on_end:
                try:
                    hook(self)
                except Exception:  # a cache that cannot write must not hide the run's end
                    logging.getLogger(__name__).exception("after job %s ended", self.name)
