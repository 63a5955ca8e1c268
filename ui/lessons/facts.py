"""What the learner did, as plain values: the runs of this session (session models from the
Train page or a lesson, and the Compare pages' sweeps) and the actions recorded by the views a
lesson embeds. No Streamlit here: ``ui.lessons.progress`` gathers the facts, tasks check them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from vae_core.config import DataConfig, ModelConfig, TrainConfig

DATASET = "mnist-5k"    # every lesson runs on the app's default dataset
ENDED = ("finished", "stopped", "diverged")


@dataclass(frozen=True)
class Run:
    """One trained model of this session and how it ended."""

    source: str                      # "train" (a session model) or a sweep kind ("pitfall", …)
    dataset: str
    status: str                      # finished, stopped, diverged, failed
    recon: str = "bce"
    sigma: float = 0.5 ** 0.5
    beta: float = 1.0                # the β the weights ended with
    beta_at_start: float | None = None   # set when β was changed during the run
    reduction: str = "sum"
    schedule: str = "constant"       # how β ran (warm-up, cyclical, free bits: lesson 7)
    kl_sign_bug: bool = False
    latent_dim: int = 8
    conditional: bool = False        # a conditional VAE (the label joins x and z): lesson 9
    test_kl: float | None = None     # nats per image
    test_recon: float | None = None
    test_elbo: float | None = None   # −ELBO, nats per image
    active_units: int | None = None
    kl_per_dim: tuple[float, ...] = ()      # test KL of each latent dim, nats
    mu_var_per_dim: tuple[float, ...] = ()  # Cov_x(E_q[z_u]): what active_units counts

    def __post_init__(self) -> None:
        # a run read back from the learner's record has lists: as tuples it equals itself
        for name in ("kl_per_dim", "mu_var_per_dim"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    @property
    def measured(self) -> bool:
        """Ended with test metrics (a run stopped before its first epoch has none)."""
        return self.status in ENDED and self.test_kl is not None


@dataclass(frozen=True)
class Facts:
    runs: tuple[Run, ...] = ()
    actions: Mapping[str, Any] = field(default_factory=dict)

    def measured(self, *, conditional: bool | None = False, **where: Any) -> list[Run]:
        """The measured runs on ``mnist-5k`` whose fields equal ``where`` (e.g. ``beta=8.0``):
        plain VAEs unless ``conditional`` says otherwise (True: CVAEs, None: both). A CVAE's KL
        leaves out what the label says, so lessons 1–8 compare plain VAEs only."""
        return [r for r in self.runs if r.measured and r.dataset == DATASET
                and (conditional is None or r.conditional == conditional)
                and all(_same(getattr(r, k), v) for k, v in where.items())]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(float(a) - float(b)) < 1e-6
    return a == b


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else None


def run_from(source: str, model_cfg: ModelConfig, data_cfg: DataConfig, train_cfg: TrainConfig,
             summary: dict,
             status: str | None = None) -> Run:
    """A ``Run`` from a model's configs and its summary (``vae_core.training`` keys)."""
    au = summary.get("active_units")
    start = summary.get("beta_at_start")
    return Run(
        source=source, dataset=getattr(data_cfg, "dataset", ""),
        status=status or str(summary.get("status", "")), recon=model_cfg.recon,
        sigma=float(model_cfg.sigma), beta=float(train_cfg.beta),
        beta_at_start=_number(start), reduction=train_cfg.reduction,
        schedule=str(train_cfg.schedule),
        kl_sign_bug=bool(train_cfg.kl_sign_bug), latent_dim=int(model_cfg.latent_dim),
        conditional=bool(getattr(model_cfg, "n_classes", 0)),
        test_kl=_number(summary.get("test_kl")), test_recon=_number(summary.get("test_recon")),
        test_elbo=_number(summary.get("test_elbo")),
        active_units=int(au) if isinstance(au, int) else None,
        kl_per_dim=_numbers(summary.get("kl_per_dim")),
        mu_var_per_dim=_numbers(summary.get("mu_var_per_dim")))


def _numbers(values: Any) -> tuple[float, ...]:
    if not isinstance(values, (list, tuple)):
        return ()
    numbers = tuple(_number(v) for v in values)
    return () if None in numbers else numbers


def from_session(checkpoints: Iterable[Any], sweeps: Mapping[str, Any],
                 actions: Mapping[str, Any]) -> Facts:
    """Facts from the session's ``Checkpoint`` s, its ended sweeps (kind -> ``Sweep``) and the
    actions recorded by the lessons' views."""
    runs = [run_from("train", c.model_cfg, c.data_cfg, c.train_cfg, c.summary or {})
            for c in checkpoints if c.train_cfg is not None]
    for kind, sweep in sweeps.items():
        if sweep is None or sweep.is_alive():
            continue
        runs += [run_from(kind, r.model_cfg, sweep.spec.data_cfg, r.train_cfg, r.summary,
                          r.status) for r in sweep.results()]
    return Facts(runs=tuple(runs), actions=dict(actions))
