"""The Train page's settings link and the ``python -m vae_core train`` command of a run."""

from __future__ import annotations

import shlex
from typing import Any

from ui.shell import datasets, links
from ui.shell.strings import LINKS
from ui.train import form as tv
from vae_core.config import DATASETS, MAX_LATENT, RECONS, REDUCTIONS, SCHEDULES

PATH = "train"
OUT = "vae.safetensors"
# schedule -> (link param, Settings field, CLI flag) of its own settings
EXTRAS = {"warmup": (("warmup", "warmup_epochs", "--warmup-epochs"),),
          "cyclical": (("cycles", "cycles", "--cycles"),
                       ("cycle_ratio", "cycle_ratio", "--cycle-ratio")),
          "capacity": (("capacity", "capacity_max", "--capacity"),),
          "free_bits": (("free_bits", "free_bits", "--free-bits"),)}


def settings_spec() -> list[links.Setting]:
    """The Train widgets a link can set (``ui.train.form`` draws them with these keys)."""
    d = tv.Settings()
    s = links.Setting
    return [
        s("dataset", "tr_dataset", d.dataset, "choice", tuple(datasets.train_choices())),
        s("arch", "tr_arch", d.arch, "choice", tuple(tv.ARCHS)),
        s("latent", "tr_latent", d.latent_dim, "int", lo=1, hi=MAX_LATENT),
        s("recon", "tr_recon", d.recon, "choice", tuple(RECONS)),
        s("beta", "tr_beta", d.beta, "float", lo=0.0, hi=tv.MAX_BETA),
        s("schedule", "tr_schedule", d.schedule, "choice", tuple(SCHEDULES)),
        s("epochs", "tr_epochs", d.epochs, "int", lo=1, hi=tv.MAX_EPOCHS),
        s("batch", "tr_batch", d.batch_size, "choice", tv.BATCHES),
        s("lr", "tr_lr", d.lr, "choice", tv.LRS),
        s("seed", "tr_seed", d.seed, "int", lo=0, hi=tv.MAX_SEED),
        s("reduction", "tr_reduction", d.reduction, "choice", tuple(REDUCTIONS)),
        s("binarize", "tr_binarize", d.binarize, "bool"),
        s("warmup", "tr_warmup", d.warmup_epochs, "float", lo=0.0, hi=tv.MAX_WARMUP),
        s("cycles", "tr_cycles", d.cycles, "int", lo=1, hi=tv.MAX_CYCLES),
        s("cycle_ratio", "tr_cycle_ratio", d.cycle_ratio, "float", lo=0.05, hi=1.0),
        s("capacity", "tr_capacity", d.capacity_max, "float", lo=0.0, hi=tv.MAX_CAPACITY),
        s("free_bits", "tr_free_bits", d.free_bits, "float", lo=0.0, hi=tv.MAX_FREE_BITS),
    ]


def link_values(settings: Any) -> dict[str, Any]:
    """param -> value of ``settings`` (a ``train_view.Settings``): the common ones, and the
    chosen schedule's own."""
    values = {"dataset": settings.dataset, "arch": settings.arch,
              "latent": settings.latent_dim, "recon": settings.recon, "beta": settings.beta,
              "schedule": settings.schedule, "epochs": settings.epochs,
              "batch": settings.batch_size, "lr": settings.lr, "seed": settings.seed,
              "reduction": settings.reduction, "binarize": settings.binarize}
    for param, field, _ in EXTRAS.get(settings.schedule, ()):
        values[param] = getattr(settings, field)
    return values


def cli_args(settings: Any) -> list[str]:
    """The arguments of ``python -m vae_core`` that train what ``settings`` train."""
    arch, hidden, preset = tv.ARCHS[settings.arch]
    args = ["train", "--dataset", settings.dataset]
    if preset is not None:
        args += ["--preset", preset]
    else:
        args += ["--model", arch, "--hidden", *(str(h) for h in hidden)]
    args += ["--latent-dim", str(settings.latent_dim), "--recon", settings.recon,
             "--beta", str(float(settings.beta)), "--schedule", settings.schedule,
             "--reduction", settings.reduction, "--epochs", str(settings.epochs),
             "--batch-size", str(settings.batch_size), "--lr", str(float(settings.lr)),
             "--seed", str(settings.seed)]
    for _, field, flag in EXTRAS.get(settings.schedule, ()):
        args += [flag, str(getattr(settings, field))]
    if settings.seed != tv.SPLIT_SEED:  # the CLI splits with --seed unless told otherwise
        args += ["--split-seed", str(tv.SPLIT_SEED)]
    if settings.binarize:
        args.append("--binarize")
    return [*args, "--out", OUT]


def command(settings: Any) -> str | None:
    """The shell line (None for uploaded images: they exist only in this session)."""
    if settings.dataset not in DATASETS:
        return None
    return "python -m vae_core " + shlex.join(cli_args(settings))


def command_notes(settings: Any) -> list[str]:
    """Why there is no command, worded (the command carries every other setting)."""
    return [] if settings.dataset in DATASETS else [LINKS["no_command"]]


def share_box(settings: Any) -> None:
    links.share_box(PATH, settings_spec(), link_values(settings), command=command(settings),
                    notes=command_notes(settings))
