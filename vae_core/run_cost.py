"""What a training run costs in arithmetic, known before it starts: the floating-point
operations of one training step per image times the images of an epoch times the epochs.

A server uses it to cap each run (``ui.shell.compute_budget``): unlike an ETA it does not depend
on how busy the machine is, so the same settings are always allowed or always refused. It
counts the matrix products and convolutions, where a large model's time goes (a small model's
time is mostly per-step overhead, which the cap is not meant to catch): 2 FLOPs per
multiply-add in the forward pass, and as much again for each gradient of the backward pass:
of the weights, and of the layer's input unless that input is the image itself (nothing needs
its gradient), the usual 3× of a training step. PyTorch's ``FlopCounterMode``
counts the same (``tests/test_run_cost.py`` checks them against each other), but its first use
imports TorchDynamo: 1.5-6 s and memory in a server that never compiles, so the layers' shapes
are read from forward hooks here instead.
"""

from __future__ import annotations

import functools
import math

import torch
from torch import nn

from vae_core.config import ModelConfig
from vae_core.models import build_model


def _forward_flops(module: nn.Module, inputs: tuple, output: torch.Tensor) -> int:
    """Multiply-adds × 2 of one layer's forward pass for the batch it saw."""
    if isinstance(module, nn.Linear):
        return 2 * output.numel() * module.in_features
    if isinstance(module, nn.Conv2d):  # each output value: in/groups × kh × kw products
        per_output = module.in_channels // module.groups * math.prod(module.kernel_size)
        return 2 * output.numel() * per_output
    if isinstance(module, nn.ConvTranspose2d):  # each input value spreads over out × kh × kw
        per_input = module.out_channels // module.groups * math.prod(module.kernel_size)
        return 2 * inputs[0].numel() * per_input
    return 0


@functools.lru_cache(maxsize=256)
def step_flops_per_image(model_cfg: ModelConfig) -> int:
    """FLOPs of one training step for one image (forward and backward)."""
    generator = torch.Generator().manual_seed(0)  # no draw from the global generator
    model = build_model(model_cfg, generator=generator)
    total = 0

    def count(module: nn.Module, inputs: tuple, output: torch.Tensor) -> None:
        nonlocal total
        passes = 3 if inputs[0].requires_grad else 2  # forward, weights', (input's) gradients
        total += passes * _forward_flops(module, inputs, output)

    hooks = [m.register_forward_hook(count) for m in model.modules()]
    try:  # with autograd on, so that each layer's input says whether it needs a gradient
        labels = {"y": torch.zeros(1, dtype=torch.long)} if model_cfg.conditional else {}
        model(torch.zeros(1, *model_cfg.input_shape), generator=generator, **labels)
    finally:
        for hook in hooks:
            hook.remove()
    return total


def run_flops(model_cfg: ModelConfig, images_per_epoch: int, epochs: float) -> float:
    """FLOPs of a whole run: ``epochs`` passes over ``images_per_epoch`` images."""
    return float(step_flops_per_image(model_cfg)) * images_per_epoch * epochs


def max_epochs(model_cfg: ModelConfig, images_per_epoch: int, budget_flops: float) -> int:
    """The most whole epochs of this model on this many images that fit ``budget_flops`` (0
    when not even one does)."""
    per_epoch = run_flops(model_cfg, images_per_epoch, 1)
    return int(math.floor(budget_flops / per_epoch)) if per_epoch > 0 else 10**9
