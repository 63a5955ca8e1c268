"""A VAE's encoder and decoder as flat lists of layers with float32 weights, for a runtime
outside torch (the browser's hand-written one in ``ui/explore/latent``).

Each layer is a dict ``{"op": ..., "in": shape, "out": shape, ...}`` whose weights are named
in ``arrays`` (``"w"`` / ``"b"`` keys hold the names). The ops are the ones the app's
architectures use: linear, conv2d, conv_transpose2d, the element-wise activations, reshape
(a no-op on flat storage, kept so the shapes stay explicit) and the likelihood's mean link.
A model with anything else raises ``UnsupportedLayer``: the caller falls back to torch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from torch import nn

from vae_core.likelihoods import ContinuousBernoulli, Likelihood
from vae_core.models import MLPVAE, VAE, ConditionalMLPVAE, ConvVAE, ExamplesVAE

ACTIVATIONS = {nn.ReLU: "relu", nn.Tanh: "tanh", nn.Sigmoid: "sigmoid", nn.SiLU: "silu",
               nn.ELU: "elu", nn.LeakyReLU: "leaky_relu"}


class UnsupportedLayer(ValueError):
    """The model has a layer the exported runtime cannot run; ``layer`` names it."""

    def __init__(self, layer: str) -> None:
        super().__init__(f"no exported op for {layer}")
        self.layer = layer


@dataclass
class Program:
    """The layer lists of one model and the weights they name (float32, C order)."""

    encoder: list[dict] = field(default_factory=list)   # x (C, H, W) -> h
    mu_head: list[dict] = field(default_factory=list)   # h -> μ (K,)
    logvar_head: list[dict] = field(default_factory=list)  # h -> log σ² (K,)
    decoder: list[dict] = field(default_factory=list)   # z (K,) -> image mean (C, H, W)
    arrays: dict[str, np.ndarray] = field(default_factory=dict)
    variational: bool = True  # False: a plain autoencoder, whose log σ² head is unused (z = μ)
    n_classes: int = 0        # > 0: conditional; the runtime appends y's one-hot to x and to z

    def header(self) -> dict:
        return {"encoder": self.encoder, "mu_head": self.mu_head,
                "logvar_head": self.logvar_head, "decoder": self.decoder,
                "variational": self.variational, "n_classes": self.n_classes}


class _Builder:
    """Walks modules in order, tracking the activation's shape, and names every weight once."""

    def __init__(self, program: Program, prefix: str, shape: tuple[int, ...]) -> None:
        self.program, self.prefix, self.shape = program, prefix, shape
        self.layers: list[dict] = []

    def _param(self, module_name: str, kind: str, tensor) -> str:
        name = f"{self.prefix}.{module_name}.{kind}"
        self.program.arrays[name] = tensor.detach().cpu().float().numpy().copy()
        return name

    def _add(self, op: str, out: tuple[int, ...], **extra) -> None:
        self.layers.append({"op": op, "in": list(self.shape), "out": list(out), **extra})
        self.shape = out

    def reshape(self, shape: tuple[int, ...]) -> None:
        if int(np.prod(shape)) != int(np.prod(self.shape)):
            raise UnsupportedLayer(f"reshape {self.shape} -> {shape}")
        self._add("reshape", tuple(shape))

    def module(self, name: str, m: nn.Module) -> None:
        if isinstance(m, nn.Sequential):
            for child_name, child in m.named_children():
                self.module(f"{name}.{child_name}", child)
        elif isinstance(m, nn.Linear):
            if int(np.prod(self.shape)) != m.in_features:
                raise UnsupportedLayer(f"{name}: Linear on shape {self.shape}")
            self._add("linear", (m.out_features,), w=self._param(name, "weight", m.weight),
                      b=self._param(name, "bias", m.bias) if m.bias is not None else None)
        elif isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
            self._conv(name, m)
        elif isinstance(m, nn.Flatten):
            self._add("reshape", (int(np.prod(self.shape)),))
        elif type(m) in ACTIVATIONS:
            extra = {"slope": m.negative_slope} if isinstance(m, nn.LeakyReLU) else {}
            extra |= {"alpha": m.alpha} if isinstance(m, nn.ELU) else {}
            self._add(ACTIVATIONS[type(m)], self.shape, **extra)
        elif isinstance(m, nn.Identity):
            pass
        else:
            raise UnsupportedLayer(f"{name}: {type(m).__name__}")

    def _conv(self, name: str, m: nn.Conv2d | nn.ConvTranspose2d) -> None:
        """A 2-D convolution: ``k``, ``stride``, ``pad`` when square (an image), else the
        ``kh``/``kw``, ``sh``/``sw``, ``ph``/``pw`` pairs too (a sequence's 1×4 kernels)."""
        if (len(self.shape) != 3 or self.shape[0] != m.in_channels or m.groups != 1
                or any(d != 1 for d in m.dilation) or m.padding_mode != "zeros"
                or isinstance(m.padding, str)):
            raise UnsupportedLayer(f"{name}: {type(m).__name__} {m}")
        (kh, kw), (sh, sw), (ph, pw) = m.kernel_size, m.stride, m.padding
        _, h, w = self.shape
        if isinstance(m, nn.ConvTranspose2d):
            oh_pad, ow_pad = m.output_padding
            out = (m.out_channels, (h - 1) * sh - 2 * ph + kh + oh_pad,
                   (w - 1) * sw - 2 * pw + kw + ow_pad)
            kind = "conv_transpose2d"
        else:
            out = (m.out_channels, (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1)
            kind = "conv2d"
        self._add(kind, out, k=kh, stride=sh, pad=ph, kh=kh, kw=kw, sh=sh, sw=sw, ph=ph, pw=pw,
                  w=self._param(name, "weight", m.weight),
                  b=self._param(name, "bias", m.bias) if m.bias is not None else None)

    def link(self, likelihood: Likelihood) -> None:
        """The image shown for the logits: sigmoid, or the continuous Bernoulli's mean."""
        if isinstance(likelihood, ContinuousBernoulli):
            self._add("cb_mean", self.shape)
        elif type(likelihood).mean is Likelihood.mean:
            self._add("sigmoid", self.shape)
        else:
            raise UnsupportedLayer(f"likelihood {type(likelihood).__name__}")


def _parts(model: VAE) -> tuple[list, list, list, list]:
    """(encoder, μ head, log σ² head, decoder) as (name, module or shape) steps."""
    c, h, w = model.cfg.input_shape
    if isinstance(model, ExamplesVAE):
        return ([("fc1", model.fc1), ("relu1", nn.ReLU())], [("fc21", model.fc21)],
                [("fc22", model.fc22)],
                [("fc3", model.fc3), ("relu3", nn.ReLU()), ("fc4", model.fc4), (c, h, w)])
    if isinstance(model, (MLPVAE, ConditionalMLPVAE)):
        return ([("encoder", model.encoder)], [("fc_mu", model.fc_mu)],
                [("fc_logvar", model.fc_logvar)],
                [("decoder", model.decoder), ("fc_out", model.fc_out), (c, h, w)])
    if isinstance(model, ConvVAE):
        return ([("encoder", model.encoder)], [("fc_mu", model.fc_mu)],
                [("fc_logvar", model.fc_logvar)],
                [("decoder_dense", model.decoder_dense), tuple(model.feature_shape),
                 ("decoder_conv", model.decoder_conv)])
    raise UnsupportedLayer(f"model {type(model).__name__}")


def _build(program: Program, prefix: str, shape: tuple[int, ...], steps: list) -> _Builder:
    b = _Builder(program, prefix, shape)
    for step in steps:
        if isinstance(step[0], int):
            b.reshape(tuple(step))
        else:
            b.module(*step)
    return b


def export_program(model: VAE) -> Program:
    """The whole model as layer lists; raises ``UnsupportedLayer`` naming what cannot run."""
    encoder, mu_head, logvar_head, decoder = _parts(model)
    n = model.cfg.n_classes
    program = Program(variational=model.cfg.variational, n_classes=n)
    c, h, w = model.cfg.input_shape
    # a Linear on (C, H, W) reads it flat; a conditional one reads [x flat, one-hot y]
    enc = _build(program, "enc", (c * h * w + n,) if n else (c, h, w), encoder)
    program.encoder = enc.layers
    program.mu_head = _build(program, "mu", enc.shape, mu_head).layers
    program.logvar_head = _build(program, "logvar", enc.shape, logvar_head).layers
    dec = _build(program, "dec", (model.latent_dim + n,), decoder)  # [z, one-hot y]
    dec.link(model.likelihood)
    if tuple(dec.shape) != (c, h, w):
        raise UnsupportedLayer(f"decoder output {dec.shape} is not the input shape {(c, h, w)}")
    program.decoder = dec.layers
    return program
