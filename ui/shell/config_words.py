"""A refused config (``vae_core.config.ConfigError``), an analysis's refused input
(``vae_core.messages.AnalysisError``) or a dataset that cannot be had
(``vae_core.data.DatasetUnavailable``) in the reader's language, worded from its code; wrapped
reasons (a sweep's value, a checkpoint's section, a failed job's error) are worded too. No
Streamlit calls and no page modules here, so the library and the pages' Start can both use it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ui.shell.inert import PARAM_CHARS, inert, inert_params
from ui.shell.strings import ANALYSIS, CONFIG, DATASET_NAMES, JOB_MESSAGES, MISSING, UNAVAILABLE
from vae_core.config import ConfigError
from vae_core.data.base import DatasetUnavailable, default_data_dir
from vae_core.messages import AnalysisError, config_message


def shown_folder(folder: Any) -> str:
    """A dataset's folder as a page names it: inside the server's data folder
    (``$VAE_LAB_DATA_DIR``, e.g. ``MNIST/raw``), never the server's absolute path."""
    path = Path(folder)
    try:
        return path.relative_to(default_data_dir()).as_posix()
    except ValueError:
        return Path(*path.parts[-2:]).as_posix()


def config_text(code: str, params: Mapping[str, Any]) -> str:
    return config_message(code, inert_params(params), CONFIG)


def dataset_text(code: str, params: Mapping[str, Any]) -> str:
    """Why a dataset cannot be had. A torchvision set missing from disk is worded for the app
    (the Train page's Download button, the folder its files belong in), not as the CLI's
    sentence, which sends the reader to ``data_dir`` and an environment variable."""
    params = inert_params(params)
    if code in MISSING:
        name = params.get("name", "")
        return MISSING[code].format(**{**params, "folder": shown_folder(params["folder"])},
                                    dataset=DATASET_NAMES.get(name, name))
    return UNAVAILABLE[code].format(**params)


def coded_text(kind: str, code: str, params: Mapping[str, Any]) -> str:
    """An error's sentence from its ``reason_kind`` ("config", "analysis" or "dataset", as
    ``vae_core.jobs.failure_params`` names them), code and params."""
    if kind == "analysis":
        return ANALYSIS[code].format(**inert_params(params))
    if kind == "dataset":
        return dataset_text(code, params)
    return config_text(code, params)


def error_words(exc: BaseException) -> str:
    """A ``ConfigError``, ``AnalysisError`` or ``DatasetUnavailable`` worded from its code; any
    other error's own text (the core's English: a ``ValueError`` that has no code yet)."""
    if isinstance(exc, ConfigError):
        return config_text(exc.code, exc.params)
    if isinstance(exc, AnalysisError):
        return coded_text("analysis", exc.code, exc.params)
    if isinstance(exc, DatasetUnavailable):
        return dataset_text(exc.code, exc.params)
    return str(exc)


def failure_words(params: Mapping[str, Any]) -> str:
    """Why a job or a sweep failed (its ``failed`` params): the error's own code worded when
    it has one; an unexpected error (a bug) keeps its English, which is what a report needs."""
    if "reason_code" in params:
        return coded_text(params.get("reason_kind", "config"), params["reason_code"],
                          params["reason_params"])
    return inert(params.get("error", ""), limit=PARAM_CHARS)


def measure_words(summary: Mapping[str, Any]) -> str | None:
    """Why a sweep model's pixel errors or MIG are missing (``summary["measure_error"]``,
    failed-job params), or None when they were measured. A summary saved before the params
    were stored holds the English string itself."""
    problem = summary.get("measure_error")
    if problem is None:
        return None
    return failure_words(problem) if isinstance(problem, Mapping) else str(problem)


def job_words(snap: Any) -> str:
    """How a job ended, worded from its code in the current language (without a final full
    stop: the page's sentence goes on); an error's own text otherwise."""
    template = JOB_MESSAGES.get(snap.code) if snap.code else None
    params = inert_params(snap.params)
    if snap.code == "failed" and "reason_code" in params:  # the error's own code, worded
        params = {**params, "error": failure_words(snap.params)}
    words = template.format(**params) if template else snap.message
    return words.rstrip("。.")
