"""Settings links: a page's widget values written into a URL's query string, and read back.

A teacher prepares a page, copies its link and hands it to a class: opening the link sets the
page's widgets once (per session and link), then the query string is cleared so the address
bar never shows settings that the widgets no longer have. A value that cannot be used is named
in one message and its widget gets its default; nothing in a URL can raise.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from ui.shell import state
from ui.shell.config_words import error_words
from ui.shell.i18n import LANG_PARAM, current_language
from ui.shell.inert import inert
from ui.shell.presentation import PARAM as PRESENT_PARAM
from ui.shell.strings import LINKS

# parameters every page understands (the language, presentation mode), never a page's setting
APP_PARAMS = frozenset({LANG_PARAM, PRESENT_PARAM})
K_LINKS = "_vl_links"  # page -> {"seen": query strings applied, "bad": their Problems}


def first_visit_of_link(page: str, query: str) -> bool:
    """True the first time this session opens ``page`` with this query string."""
    memo = st.session_state.setdefault(K_LINKS, {}).setdefault(page, {"seen": set(), "bad": []})
    if query in memo["seen"]:
        return False
    memo["seen"].add(query)
    return True


def remember_link_problems(page: str, problems: list[Problem]) -> None:
    st.session_state.setdefault(K_LINKS, {}).setdefault(page, {"seen": set()})["bad"] = problems


def link_problems(page: str) -> list[Problem]:
    return st.session_state.get(K_LINKS, {}).get(page, {}).get("bad", [])


TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


@dataclass(frozen=True)
class Setting:
    """One widget's value in a link. ``key`` may name an earlier setting in braces
    (``"bl_epochs_{dataset}"``): the epochs widget of the dataset the link chose."""

    param: str                    # its name in the URL
    key: str                      # the widget's key
    default: Any
    kind: str                     # "choice", "choices", "int", "float", "bool" or "text"
    options: tuple = ()           # "choice" / "choices": the allowed values
    lo: float | None = None       # "int" / "float": the widget's range
    hi: float | None = None
    check: Callable[[str], Any] | None = None  # "text": raises ValueError with the reason

    def widget_key(self, values: Mapping[str, Any]) -> str:
        return self.key.format(**values) if "{" in self.key else self.key

    def parse(self, text: str) -> Any:
        """The widget value a URL's ``text`` stands for; ``ValueError(reason)`` otherwise."""
        if self.kind == "choice":
            return self._option(text)
        if self.kind == "choices":
            return [self._option(t) for t in text.split(",") if t]
        if self.kind == "bool":
            if text.lower() not in TRUE + FALSE:
                raise ValueError(LINKS["not_bool"])
            return text.lower() in TRUE
        if self.kind == "text":
            if self.check is not None:
                self.check(text)
            return text
        return self._number(text)

    def encode(self, value: Any) -> str:
        if self.kind == "choices":
            return ",".join(str(v) for v in value)
        if self.kind == "bool":
            return "1" if value else "0"
        return str(value)

    def _option(self, text: str) -> Any:
        for option in self.options:
            if str(option) == text or _same_number(option, text):
                return option
        raise ValueError(LINKS["not_choice"].format(
            options=", ".join(str(o) for o in self.options)))

    def _number(self, text: str) -> int | float:
        integer = self.kind == "int"
        reason = LINKS["not_int" if integer else "not_float"].format(lo=self.lo, hi=self.hi)
        try:
            value = float(text)
        except ValueError:
            raise ValueError(reason) from None
        if not math.isfinite(value) or (integer and value != int(value)) or \
                not self.lo <= value <= self.hi:
            raise ValueError(reason)
        return int(value) if integer else value


def _same_number(option: Any, text: str) -> bool:
    """A number option typed another way: 2e-3 for 0.002, 64.0 for 64."""
    if isinstance(option, bool) or not isinstance(option, (int, float)):
        return False
    try:
        return math.isclose(float(text), option, rel_tol=1e-9)
    except ValueError:
        return False


PARAM_CHARS = 30  # an unknown parameter's name is cut here (its value at inert's own limit)


@dataclass(frozen=True)
class Problem:
    """A value of a link that could not be used, kept unworded: the warning stays up until
    another link is opened, and a language switch in between must reword it."""

    param: str
    value: str
    setting: Setting | None       # None: not a setting of this page

    def words(self) -> str:
        """"param=value (why)" in the language of this run: the reason is the value parsed
        again (a page's own check words its refusal in the language it runs in)."""
        reason = LINKS["unknown"]
        if self.setting is not None:
            try:
                self.setting.parse(self.value)
            except ValueError as exc:  # a coded core error is worded from its code
                reason = error_words(exc)
        return LINKS["bad_item"].format(param=inert(self.param, limit=PARAM_CHARS),
                                        value=inert(self.value), reason=reason)


def apply_link(page: str, settings: Sequence[Setting]) -> None:
    """Before the page's widgets are drawn: take the settings of the URL's query string into
    the widgets (once per session and query string), say which could not be used, and clear
    the query string. A page without query parameters is left as it is."""
    query = {k: st.query_params[k] for k in st.query_params if k not in APP_PARAMS}
    if not query:
        return
    if first_visit_of_link(page, urlencode(sorted(query.items()))):
        values, bad = read_link_problems(query, settings)
        state.set_widget_values(values)
        remember_link_problems(page, bad)
    for param in query:
        del st.query_params[param]


def read_link_problems(query: Mapping[str, str],
                       settings: Sequence[Setting]) -> tuple[dict, list[Problem]]:
    """(widget key -> value, the problems): every setting the link names gets its value, or
    its default when the value cannot be used."""
    by_param = {s.param: s for s in settings}
    bad = [Problem(p, v, None) for p, v in query.items() if p not in by_param]
    parsed: dict[str, Any] = {}
    for s in settings:
        if s.param not in query:
            continue
        try:
            parsed[s.param] = s.parse(query[s.param])
        except ValueError:
            parsed[s.param] = s.default
            bad.append(Problem(s.param, query[s.param], s))
    known = {s.param: parsed.get(s.param, s.default) for s in settings}
    return {s.widget_key(known): parsed[s.param] for s in settings if s.param in parsed}, bad


def show_problems(page: str) -> None:
    """The last link's unusable settings, until another link is opened."""
    bad = link_problems(page)
    if bad:
        st.warning(LINKS["bad"].format(items="; ".join(p.words() for p in bad)),
                   icon=":material/link_off:")


def current_values(settings: Sequence[Setting]) -> dict[str, Any]:
    """param -> the widget's value now (its default when it has not been drawn)."""
    values: dict[str, Any] = {}
    for s in settings:
        values[s.param] = state.widget_value(s.widget_key(values), s.default)
    return values


def link(path: str, settings: Sequence[Setting], values: Mapping[str, Any]) -> str:
    """The page's address (``st.context.url``, the browser's) with ``values`` as its query
    string; without a browser (tests) a link relative to the app's root."""
    by_param = {s.param: s for s in settings}
    query = urlencode({**{p: by_param[p].encode(v) for p, v in values.items()},
                       LANG_PARAM: current_language()})
    base = st.context.url or f"./{path}"
    return f"{base.split('?')[0]}?{query}"


def share_box(path: str, settings: Sequence[Setting], values: Mapping[str, Any], *,
              command: str | None = None, notes: Sequence[str] = ()) -> None:
    """"Copy a link to these settings" (a code block: Streamlit gives it a copy button) and,
    for training, "copy the command" that reproduces the run."""
    with st.expander(LINKS["title"], icon=":material/link:"):
        st.caption(LINKS["link"])
        st.code(link(path, settings, values), language=None, wrap_lines=True)
        if command is not None:
            st.caption(LINKS["command"])
            st.code(command, language="bash", wrap_lines=True)
        for note in notes:
            st.caption(note)
