"""The Train page's settings link and the ``python -m vae_core train`` command of a run, both
built from the declared settings (``vae_core.run_settings``)."""

from __future__ import annotations

import shlex
from typing import Any

from ui.shell import datasets, links
from ui.shell.strings import LINKS
from ui.train import form
from vae_core.config import DATASETS
from vae_core.run_settings import SETTINGS, cli_args, link_values

PATH = "train"
OUT = "vae.safetensors"


def settings_spec() -> list[links.Setting]:
    """The Train widgets a link can set (``ui.train.form`` draws them with these keys)."""
    spec = []
    for s in SETTINGS:
        options = tuple(datasets.train_choices()) if s.name == "dataset" else s.choices
        spec.append(links.Setting(s.param, form.widget_key(s), s.default, s.kind, options,
                                  lo=s.lo, hi=s.hi))
    return spec


def command(settings: Any) -> str | None:
    """The shell line (None for uploaded images: they exist only in this session)."""
    if settings.dataset not in DATASETS:
        return None
    return "python -m vae_core " + shlex.join(cli_args(settings, out=OUT))


def command_notes(settings: Any) -> list[str]:
    """Why there is no command, worded (the command carries every other setting)."""
    return [] if settings.dataset in DATASETS else [LINKS["no_command"]]


def share_box(settings: Any) -> None:
    links.share_box(PATH, settings_spec(), link_values(settings), command=command(settings),
                    notes=command_notes(settings))
