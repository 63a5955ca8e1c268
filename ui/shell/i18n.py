"""English / 中文: translated string tables and the language switch at the top of every page.

Every string table of the app is a ``Strings`` mapping built from its English dict::

    HOME = Strings("HOME", {"title": "What is a VAE?", ...})
    HOME["title"]                 # English, or 中文 when the language switch says so
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

LANG_KEY = "vl_lang"                              # the language switch's widget key
LANGUAGES = {"English": "en", "中文": "zh"}        # toggle label -> language code
DEFAULT = "en"
_LANG_SEEN = "_vl_lang_seen"                     # the language of the previous run
_LANG_ORIGIN = "_vl_lang_origin"                 # whether a link or the learner set it
LANG_PARAM = "lang"                              # ?lang=zh / ?lang=en on any page's link
_LABEL_OF = {code: label for label, code in LANGUAGES.items()}


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
    """``"en"`` or ``"zh"``: the language switch's value; English outside a Streamlit run."""
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


def take_language(remembered: str | None = None) -> str:
    """Before anything is drawn (and before a link's page switch): the language of this run.
    A link's ``?lang=`` sets it when a session opens; the learner's remembered language
    (``remembered``, known a run later) sets it when no link did and the learner has not
    switched yet. Returns the language code."""
    _take_link_or_remembered(remembered)
    return current_language()


def language_toggle() -> str:
    """The "English / 中文" switch, at the top of every page (kept across pages); returns the
    language code. The address bar then carries the language, so a reload keeps it."""
    # at the top of the page, not the sidebar: at 1366×768 the sidebar's navigation pushes a
    # widget below it off the first screen, and at 800 px the sidebar starts closed
    origin = st.session_state.setdefault(_LANG_ORIGIN, {})
    if origin.get("unsent") is not None:
        st.session_state[LANG_KEY] = _LABEL_OF[origin["unsent"]]
    row = st.container(horizontal=True, horizontal_alignment="right", key="vl_lang_row")
    with row:
        label = row.radio("Language / 语言", list(LANGUAGES), key=LANG_KEY, horizontal=True,
                          label_visibility="collapsed",
                          on_change=_switched, width="content")
    lang = LANGUAGES.get(label, DEFAULT)
    if st.query_params.get(LANG_PARAM) != lang:
        st.query_params[LANG_PARAM] = lang
    _refresh_widget_labels(lang)
    return lang


def language_of(value: Any) -> str | None:
    """A ``?lang=`` value as a language code, or None when it names none."""
    text = str(value).strip().lower() if value is not None else ""
    return text if text in LANGUAGES.values() else None


def _take_link_or_remembered(remembered: str | None) -> None:
    """Before the switch is drawn: the link's language on a session's first run; else the
    remembered one, once, unless the learner chose already."""
    origin = st.session_state.setdefault(_LANG_ORIGIN, {})
    if "first_run_done" not in origin:
        origin["first_run_done"] = True
        linked = language_of(st.query_params.get(LANG_PARAM))
        if linked is not None:
            _show(linked)
            origin["chosen"] = True
            # a value set from Python does not always reach the browser's switch when the
            # link switches pages before the switch is drawn (seen on a cold server): the
            # switch is set again on every run until the learner clicks it
            origin["unsent"] = linked
    if not origin.get("chosen") and language_of(remembered) is not None:
        _show(language_of(remembered))
        origin["chosen"] = True


def _show(lang: str) -> None:
    """Set the switch, only if it shows another language: a value set from Python is sent to
    the browser and would undo a click on the switch made while this run was on its way."""
    if st.session_state.get(LANG_KEY, _LABEL_OF[DEFAULT]) != _LABEL_OF[lang]:
        st.session_state[LANG_KEY] = _LABEL_OF[lang]


def _switched() -> None:
    origin = st.session_state.setdefault(_LANG_ORIGIN, {})
    origin["chosen"] = True
    origin.pop("unsent", None)  # the learner's click wins over the link


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
