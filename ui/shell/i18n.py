"""English / 中文: translated string tables and the sidebar language toggle.

Every string table of the app is a ``Strings`` mapping built from its English dict::

    HOME = Strings("HOME", {"title": "What is a VAE?", ...})
    HOME["title"]                 # English, or 中文 when the sidebar toggle says so
    HOME["busy"].format(running=2, limit=2, queued=30)
    LABELS["arch_labels"].get      # nested dicts are ``Strings`` too ("LABELS.arch_labels")

Each feature folder of ``ui/`` keeps its strings side by side: ``strings.py`` holds its tables in
English and ``zh.py`` one flat dict ``ZH`` keyed by the dotted path (``"HOME.title"``,
``"LABELS.arch_labels.conv"``); ``ui/shell/`` holds the tables that several features use. A key
missing in Chinese falls back to English; ``tests/test_i18n.py`` forbids missing and stale keys
and checks that ``{placeholders}`` match.

The language is read from the toggle's widget value in ``st.session_state`` on every lookup,
so strings must be looked up while the script runs (not stored at import time, and not inside
``st.cache_data`` results). Outside a Streamlit run (CLI, tests importing ``ui``) it is English.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import pkgutil
from collections.abc import Iterator, Mapping
from functools import cache
from types import ModuleType
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAPIException

LANG_KEY = "vl_lang"                              # the sidebar radio's widget key
LANGUAGES = {"English": "en", "中文": "zh"}        # toggle label -> language code
DEFAULT = "en"
_LANG_SEEN = "_vl_lang_seen"                     # the language of the previous run


def feature_modules(name: str) -> Iterator[ModuleType]:
    """``ui.<folder>.<name>`` of every folder of ``ui/`` that has one (``strings``, ``zh``)."""
    import ui

    for info in sorted(pkgutil.iter_modules(ui.__path__), key=lambda m: m.name):
        if info.ispkg and importlib.util.find_spec(f"ui.{info.name}.{name}") is not None:
            yield importlib.import_module(f"ui.{info.name}.{name}")


@cache
def translations(lang: str) -> dict[str, str]:
    """The merged ``ZH`` dicts of every feature's ``<lang>.py`` (loaded once)."""
    table: dict[str, str] = {}
    for module in feature_modules(lang):
        part = getattr(module, lang.upper())
        twice = table.keys() & part.keys()
        if twice:
            raise ValueError(f"{module.__name__} repeats keys {sorted(twice)}")
        table.update(part)
    return table


def current_language() -> str:
    """``"en"`` or ``"zh"``: the sidebar toggle's value; English outside a Streamlit run."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if get_script_run_ctx(suppress_warning=True) is None:
        return DEFAULT
    return LANGUAGES.get(st.session_state.get(LANG_KEY), DEFAULT)


class Strings(Mapping[str, Any]):
    """A read-only dict of English strings whose lookups answer in the current language.

    Nested dicts become ``Strings`` named ``"<name>.<key>"``, handed out as plain dicts in the
    current language (``snapshot``); non-string values (numbers, lists) are returned as they
    are and need no translation.
    """

    def __init__(self, name: str, english: Mapping[str, Any]) -> None:
        self.name = name
        self._en: dict[str, Any] = {
            key: Strings(f"{name}.{key}", value) if isinstance(value, Mapping) else value
            for key, value in english.items()
        }

    def __getitem__(self, key: str) -> Any:
        value = self._en[key]
        if isinstance(value, Strings):
            return value.snapshot()
        if not isinstance(value, str):
            return value
        lang = current_language()
        if lang == DEFAULT:
            return value
        return translations(lang).get(f"{self.name}.{key}", value)

    def snapshot(self) -> dict[str, Any]:
        """A plain dict in the current language. Nested tables are handed out this way, so a
        ``format_func=TABLE["labels"].get`` keeps the language of the run that drew the widget
        even when called later (AppTest calls it outside the script run)."""
        return {key: self[key] for key in self._en}

    def __contains__(self, key: object) -> bool:
        return key in self._en

    def __iter__(self) -> Iterator[str]:
        return iter(self._en)

    def __len__(self) -> int:
        return len(self._en)

    def __repr__(self) -> str:
        return f"Strings({self.name!r}, {len(self)} keys)"

    def english(self, key: str) -> Any:
        """The English value whatever the language (nested tables stay ``Strings``)."""
        return self._en[key]

    def leaves(self) -> Iterator[tuple[str, str]]:
        """(dotted key, English text) of every string, nested tables included."""
        for key, value in self._en.items():
            if isinstance(value, Strings):
                yield from value.leaves()
            elif isinstance(value, str):
                yield f"{self.name}.{key}", value


def language_toggle() -> str:
    """The sidebar "English / 中文" switch (kept across pages); returns the language code."""
    with st.sidebar:
        label = st.radio("Language / 语言", list(LANGUAGES), key=LANG_KEY, horizontal=True,
                         label_visibility="collapsed", persist_state="session")
    lang = LANGUAGES.get(label, DEFAULT)
    _refresh_widget_labels(lang)
    return lang


def _refresh_widget_labels(lang: str) -> None:
    """After a language switch, hand every keyed widget its own value again. Streamlit 1.67
    keeps showing a keyed selectbox's option in the words of the run that chose it (its
    identity is its key, so the new ``format_func`` labels are not drawn) until its value is
    set from Python; setting it to itself redraws it in the new language. Runs before any
    widget but the toggle exists in this run, so the assignment is allowed. Only option-like
    values are set: strings and lists of strings (selectboxes, radios, multiselects); a
    button's or checkbox's bool, an upload or a chart selection is left alone (a button's
    value may not be set at all)."""
    seen = st.session_state.get(_LANG_SEEN)
    st.session_state[_LANG_SEEN] = lang
    if seen is None or seen == lang:
        return
    for key in list(st.session_state.keys()):
        if key == LANG_KEY or str(key).startswith("_"):  # the toggle; the app's own state
            continue
        value = st.session_state[key]
        if isinstance(value, str) or (isinstance(value, list) and value
                                      and all(isinstance(v, str) for v in value)):
            with contextlib.suppress(StreamlitAPIException):
                st.session_state[key] = value
