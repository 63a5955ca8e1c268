"""A refused config (``vae_core.config.ConfigError``) in the reader's language, worded from its
code; wrapped reasons (a sweep's value, a checkpoint's section) are worded too. No Streamlit
calls and no page modules here, so the library and the pages' Start can both use it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ui.text import CONFIG
from vae_core.config import ConfigError
from vae_core.messages import config_message


def config_text(code: str, params: Mapping[str, Any]) -> str:
    return config_message(code, params, CONFIG)


def error_words(exc: BaseException) -> str:
    """A ``ConfigError`` worded from its code; any other error's own text (the core's English:
    a ``ValueError`` that has no code yet)."""
    if isinstance(exc, ConfigError):
        return config_text(exc.code, exc.params)
    return str(exc)
