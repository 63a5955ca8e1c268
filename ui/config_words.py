"""A refused config (``vae_core.config.ConfigError``) or an analysis's refused input
(``vae_core.messages.AnalysisError``) in the reader's language, worded from its code; wrapped
reasons (a sweep's value, a checkpoint's section, a failed job's error) are worded too. No
Streamlit calls and no page modules here, so the library and the pages' Start can both use it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ui.text import ANALYSIS, CONFIG
from vae_core.config import ConfigError
from vae_core.messages import AnalysisError, config_message


def config_text(code: str, params: Mapping[str, Any]) -> str:
    return config_message(code, params, CONFIG)


def coded_text(kind: str, code: str, params: Mapping[str, Any]) -> str:
    """An error's sentence from its ``reason_kind`` ("config" or "analysis", as
    ``vae_core.jobs.failure_params`` names them), code and params."""
    if kind == "analysis":
        return ANALYSIS[code].format(**params)
    return config_text(code, params)


def error_words(exc: BaseException) -> str:
    """A ``ConfigError`` or ``AnalysisError`` worded from its code; any other error's own text
    (the core's English: a ``ValueError`` that has no code yet)."""
    if isinstance(exc, ConfigError):
        return config_text(exc.code, exc.params)
    if isinstance(exc, AnalysisError):
        return coded_text("analysis", exc.code, exc.params)
    return str(exc)


def failure_words(params: Mapping[str, Any]) -> str:
    """Why a job or a sweep failed (its ``failed`` params): the error's own code worded when
    it has one; an unexpected error (a bug) keeps its English, which is what a report needs."""
    if "reason_code" in params:
        return coded_text(params.get("reason_kind", "config"), params["reason_code"],
                          params["reason_params"])
    return str(params.get("error", ""))
