"""The settings of one training run that a learner chooses, each declared once.

``SETTINGS`` names every user-facing setting of a run with its default, bounds, URL parameter
and CLI flag. The CLI's ``train`` flags, the Train page's widgets, its settings link, the
"same run on the command line" box and the lessons' presets are all built from it; the app
words each setting (label and help, English and 中文) under its name. The defaults are
``TrainConfig``'s and ``DataConfig``'s own, so the CLI, the app and the sweeps cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field, make_dataclass
from typing import Any

from vae_core.config import (
    DATASETS,
    MAX_LATENT,
    RECONS,
    REDUCTIONS,
    SCHEDULES,
    DataConfig,
    ModelConfig,
    TrainConfig,
)


@dataclass(frozen=True)
class Architecture:
    """A named network the app offers: ``ModelConfig``'s arch, hidden widths and preset."""

    arch: str
    hidden: tuple[int, ...]
    preset: str | None = None  # "examples" builds pytorch/examples' fc1..fc4 layout


ARCHITECTURES = {
    "mlp-256-128": Architecture("mlp", (256, 128)),
    "mlp-128-64": Architecture("mlp", (128, 64)),
    "h512": Architecture("mlp", (512,), "h512"),
    "examples": Architecture("mlp", (400,), "examples"),
    "conv": Architecture("conv", (256,)),
}
DEFAULT_ARCH = "mlp-256-128"
BATCHES = (16, 32, 64, 128, 256, 512)
LR_DIVERGES = 10.0  # far too large on purpose: the run blows up and shows the NaN guard at work
LRS = (1e-4, 3e-4, 1e-3, 2e-3, 3e-3, 1e-2, 3e-2, LR_DIVERGES)
SPLIT_SEED = 0      # the app splits every dataset the same way, whatever the run's seed
MAX_RUN_EPOCHS = 1000  # per run from a page; TrainConfig itself allows 10,000 (CLI)


@dataclass(frozen=True)
class Setting:
    """One choice of a run. ``lo``/``hi`` and ``choices`` are what the app offers; the CLI
    accepts any value the configs accept (they validate every field themselves)."""

    name: str                 # the ``RunSettings`` field (and the config field it fills)
    param: str                # its name in a settings link's query string
    flag: str                 # its ``python -m vae_core train`` flag
    kind: str                 # "choice", "int", "float" or "bool"
    default: Any
    choices: tuple = ()
    lo: float | None = None
    hi: float | None = None
    step: float | None = None
    when: tuple[str, Any] | None = None  # (setting, value): used only then (a schedule's own)
    help: str = ""            # the CLI's --help; the app words its own in each language

    @property
    def type(self) -> type:
        return type(self.default)

    def applies(self, values: Any) -> bool:
        """Whether this setting counts for a run with ``values`` (a ``RunSettings``)."""
        return self.when is None or getattr(values, self.when[0]) == self.when[1]


_T, _D = TrainConfig(), DataConfig()
SETTINGS: tuple[Setting, ...] = (
    Setting("dataset", "dataset", "--dataset", "choice", _D.dataset, DATASETS,
            help=f"one of {', '.join(DATASETS)}"),
    Setting("arch", "arch", "--arch", "choice", DEFAULT_ARCH, tuple(ARCHITECTURES),
            help="a named network (--model/--hidden/--preset build any other)"),
    Setting("latent_dim", "latent", "--latent-dim", "int", 8, lo=1, hi=MAX_LATENT,
            help=f"latent size, 1-{MAX_LATENT}"),
    Setting("recon", "recon", "--recon", "choice", "bce", RECONS, help="likelihood p(x|z)"),
    Setting("sigma", "sigma", "--sigma", "float", ModelConfig.sigma, lo=0.05, hi=2.0, step=0.05,
            when=("recon", "mse"), help="σ of --recon mse (σ² = ½: summed MSE)"),
    Setting("beta", "beta", "--beta", "float", _T.beta, lo=0.0, hi=1000.0, step=0.1,
            help="weight of the KL term"),
    Setting("schedule", "schedule", "--schedule", "choice", _T.schedule, SCHEDULES,
            help="how β changes over the run"),
    Setting("epochs", "epochs", "--epochs", "int", _T.epochs, lo=1, hi=MAX_RUN_EPOCHS),
    Setting("batch_size", "batch", "--batch-size", "choice", _T.batch_size, BATCHES),
    Setting("lr", "lr", "--lr", "choice", _T.lr, LRS, help="Adam's learning rate"),
    Setting("seed", "seed", "--seed", "int", _T.seed, lo=0, hi=2**31 - 1),
    Setting("reduction", "reduction", "--reduction", "choice", _T.reduction, REDUCTIONS,
            help="'mean' reproduces the mean-over-pixels tutorial mistake on purpose"),
    Setting("binarize", "binarize", "--binarize", "bool", _D.binarize,
            help="dynamic binarisation of the pixels"),
    Setting("conditional", "conditional", "--conditional", "bool", False,
            help="a conditional VAE: the label joins x and z, q(z|x,y), p(x|z,y) (MLP)"),
    Setting("warmup_epochs", "warmup", "--warmup-epochs", "float", _T.warmup_epochs, lo=0.0,
            hi=1000.0, when=("schedule", "warmup"), help="epochs to ramp β from 0"),
    Setting("cycles", "cycles", "--cycles", "int", _T.cycles, lo=1, hi=100,
            when=("schedule", "cyclical"), help="cycles over the run"),
    Setting("cycle_ratio", "cycle_ratio", "--cycle-ratio", "float", _T.cycle_ratio, lo=0.05,
            hi=1.0, step=0.05, when=("schedule", "cyclical"),
            help="share of each cycle spent ramping β"),
    Setting("capacity_max", "capacity", "--capacity", "float", _T.capacity_max, lo=0.0,
            hi=1000.0, when=("schedule", "capacity"),
            help="the KL target C in nats at the end of the run"),
    Setting("free_bits", "free_bits", "--free-bits", "float", _T.free_bits, lo=0.0, hi=10.0,
            step=0.1, when=("schedule", "free_bits"), help="λ, the least KL per dim in nats"),
)
BY_NAME = {s.name: s for s in SETTINGS}
MODEL_FIELDS = ("latent_dim", "recon", "sigma")
TRAIN_FIELDS = ("beta", "schedule", "epochs", "batch_size", "lr", "seed", "reduction",
                "warmup_epochs", "cycles", "cycle_ratio", "capacity_max", "free_bits")


def _configs(self: Any, input_shape: tuple[int, int, int], *, n_classes: int = 0,
             **train: Any) -> tuple[Any, Any, Any]:
    """(ModelConfig, DataConfig, TrainConfig); ``ConfigError`` names a bad field. ``n_classes``:
    the dataset's labels, which a conditional run takes. ``train``: settings no page offers
    (``kl_sign_bug``, ``max_steps``)."""
    net = ARCHITECTURES[self.arch]
    model_cfg = ModelConfig(arch=net.arch, input_shape=tuple(input_shape), hidden=net.hidden,
                            preset=net.preset, n_classes=n_classes if self.conditional else 0,
                            **{f: getattr(self, f) for f in MODEL_FIELDS})
    train_cfg = TrainConfig(**{f: getattr(self, f) for f in TRAIN_FIELDS}, **train)
    return model_cfg, self.data_config(), train_cfg


def _data_config(self: Any) -> DataConfig:
    return DataConfig(dataset=self.dataset, binarize=self.binarize, seed=SPLIT_SEED,
                      upload_hash=self.upload_hash)


# What the user chose: one field per setting, with its declared default (and the content hash
# of an upload, which identifies the images the run trains on).
RunSettings = make_dataclass(
    "RunSettings",
    [*((s.name, s.type, field(default=s.default)) for s in SETTINGS),
     ("upload_hash", str | None, field(default=None))],
    frozen=True,
    namespace={"configs": _configs, "data_config": _data_config,
               "__doc__": "One run's settings; ``configs`` turns them into checked configs.",
               "__module__": __name__},
)


def link_values(values: Any) -> dict[str, Any]:
    """URL parameter -> value of every setting that counts for ``values``."""
    return {s.param: getattr(values, s.name) for s in SETTINGS if s.applies(values)}


def cli_args(values: Any, *, out: str) -> list[str]:
    """The arguments of ``python -m vae_core`` that train exactly the run of ``values``."""
    args = ["train"]
    for s in SETTINGS:
        value = getattr(values, s.name)
        if not s.applies(values):
            continue
        if s.kind == "bool":
            args += [s.flag] if value else []
        else:
            args += [s.flag, str(value)]
    if values.seed != SPLIT_SEED:  # the CLI splits with --seed unless told otherwise
        args += ["--split-seed", str(SPLIT_SEED)]
    return [*args, "--out", out]
