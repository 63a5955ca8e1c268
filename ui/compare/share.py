"""The settings links of the Compare pages (β lab, BCE vs MSE): which widgets a link sets.

Epochs inputs are one widget per dataset (``bl_epochs_<dataset>``): a link sets the one of the
dataset it chooses.
"""

from __future__ import annotations

from ui.compare import sweeps as compare
from ui.shell import datasets, links
from vae_core.config import RECONS
from vae_core.run_settings import ARCHITECTURES
from vae_core.sweeps import MAX_SWEEP_EPOCHS

BETA_PATH, LIKELIHOOD_PATH = "beta_lab", "bce_vs_mse"
SCHEDULES = ("constant", "warmup", "cyclical", "capacity", "free_bits")
DEFAULT_BETAS = "0.1, 0.5, 1, 2, 4, 8"
DEFAULT_SIGMA = 0.5 ** 0.5
DEFAULT_RECONS = ("bce", "mse")


def _epochs(param: str, key: str, dataset: str) -> links.Setting:
    return links.Setting(param, key, compare.default_epochs(dataset), "int", lo=1,
                         hi=MAX_SWEEP_EPOCHS)


def beta_spec() -> list[links.Setting]:
    choices = tuple(datasets.sweep_choices())
    s = links.Setting
    return [
        s("dataset", "bl_dataset", choices[0], "choice", choices),
        s("arch", "bl_arch", compare.LESSON_ARCH, "choice", tuple(ARCHITECTURES)),
        s("betas", "bl_betas", DEFAULT_BETAS, "text", check=compare.parse_numbers),
        _epochs("epochs", "bl_epochs_{dataset}", choices[0]),
        s("s_dataset", "bl_s_dataset", choices[0], "choice", choices),
        s("schedules", "bl_schedules", list(SCHEDULES), "choices", SCHEDULES),
        s("s_beta", "bl_s_beta", 2.0, "float", lo=0.0, hi=100.0),
        _epochs("s_epochs", "bl_s_epochs_{s_dataset}", choices[0]),
    ]


def likelihood_spec() -> list[links.Setting]:
    choices = tuple(datasets.sweep_choices())
    s = links.Setting
    return [
        s("dataset", "bm_dataset", choices[0], "choice", choices),
        s("recons", "bm_recons", list(DEFAULT_RECONS), "choices", tuple(RECONS)),
        s("sigma", "bm_sigma", DEFAULT_SIGMA, "float", lo=0.05, hi=2.0),
        _epochs("epochs", "bm_epochs_{dataset}", choices[0]),
        _epochs("p_epochs", "bm_p_epochs", compare.PITFALL_DATASET),
    ]


def apply(path: str) -> None:
    links.apply_link(path, _spec(path))
    links.show_problems(path)


def share_box(path: str) -> None:
    spec = _spec(path)
    links.share_box(path, spec, links.current_values(spec))


def _spec(path: str) -> list[links.Setting]:
    return beta_spec() if path == BETA_PATH else likelihood_spec()
