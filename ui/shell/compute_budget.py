"""A cap on one run's arithmetic, so that a settings link cannot take a slot for hours: a run
(or a comparison's models together) may cost at most ``$VAE_LAB_MAX_RUN_TFLOP`` of floating-point
operations, counted before it starts (``vae_core.run_cost``).

The default, 10 TFLOP, is about ten minutes of one slot on this project's 2-core machine (the
default Train run, 0.29 TFLOP, took 17 s): it admits 1,000 epochs of the default MLP on
MNIST-5k and 80 epochs of the conv network, and refuses the 2-hour conv run of 1,000 epochs. A
teacher who wants longer runs raises it (0 turns the cap off); the command line has no cap.
"""

from __future__ import annotations

import os

from vae_core.config import ConfigError, ModelConfig
from vae_core.run_cost import max_epochs, run_flops, step_flops_per_image

BUDGET_ENV = "VAE_LAB_MAX_RUN_TFLOP"
DEFAULT_TFLOP = 10.0
TERA = 1e12


def budget_tflop() -> float | None:
    """``$VAE_LAB_MAX_RUN_TFLOP`` (a positive number; 0 turns the cap off: None), else 10."""
    try:
        value = float(os.environ.get(BUDGET_ENV, ""))
    except ValueError:
        return DEFAULT_TFLOP
    if value != value or value < 0:  # NaN or negative: the default, not "no cap"
        return DEFAULT_TFLOP
    return value or None


def cap_epochs(model_cfg: ModelConfig, images: int, *, models: int = 1) -> int | None:
    """The most epochs this server allows for ``models`` such models on ``images`` images per
    epoch; None when there is no cap."""
    budget = budget_tflop()
    if budget is None:
        return None
    return max_epochs(model_cfg, images * models, budget * TERA)


def check(model_cfg: ModelConfig, images: int, epochs: float, *, models: int = 1) -> None:
    """Raise ``ConfigError`` ("run_too_costly", or "sweep_too_costly" for several models)
    when the run is over the budget."""
    budget = budget_tflop()
    if budget is None:
        return
    flops = run_flops(model_cfg, images, epochs) * models
    if flops <= budget * TERA:
        return
    params = {"tflop": flops / TERA, "epochs": epochs, "images": images,
              "mflop": step_flops_per_image(model_cfg) / 1e6, "budget": budget,
              "max_epochs": cap_epochs(model_cfg, images, models=models)}
    if models == 1:
        raise ConfigError("run_too_costly", **params)
    raise ConfigError("sweep_too_costly", models=models, **params)
