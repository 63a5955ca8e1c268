"""The 中文 terminology standard (``ui/shell/glossary.py``): no Chinese string uses a variant,
each glossary term is used wherever the English names the concept, and the first uses say what
the issue asks (潜变量（也称隐变量）, 近似后验 q(z|x), 后验坍塌 defined)."""

from __future__ import annotations

import re

import pytest

from ui.shell import i18n
from ui.shell.glossary import GLOSSARY, Term
from ui.shell.i18n_catalog import english

# ASCII words a 中文 string may keep: symbols, names of people, formats, libraries, datasets
NAMES = {"ELBO", "KL", "BCE", "MSE", "MIG", "IWAE", "NLL", "Keras", "PyTorch", "TensorFlow",
         "reduce_mean", "binary_crossentropy", "log", "exp", "sum", "mean", "MNIST", "Kingma",
         "Welling", "Burda", "Chen", "Alemi", "Higgins", "VAE", "mnist", "Cov_x", "E_q", "z_u"}


def chinese() -> dict[str, str]:
    return i18n.translations("zh")


def without_allowed(text: str, term: Term) -> str:
    for phrase in term.allowed:
        text = text.replace(phrase, "")
    return text


@pytest.mark.parametrize("term", GLOSSARY, ids=lambda t: t.en)
def test_no_chinese_string_uses_a_variant(term):
    bad = {key: variant for key, text in chinese().items() for variant in term.variants
           if variant in without_allowed(text, term)}
    assert bad == {}, f"use {term.zh!r} instead: {bad}"


def test_collapse_has_one_word():
    # the brief's rule "塌缩 not after 后验" is covered: 塌缩 is a variant in every context
    assert not [k for k, t in chinese().items() if re.search(r"(?<!后验)塌缩|后验塌缩", t)]


@pytest.mark.parametrize("term", [t for t in GLOSSARY if t.en_pattern], ids=lambda t: t.en)
def test_the_standard_term_is_used_wherever_the_english_names_it(term):
    zh = chinese()
    pattern = re.compile(term.en_pattern, re.IGNORECASE)
    missing = sorted(key for key, text in english().items()
                     if pattern.search(text) and term.required not in zh[key])
    assert missing == [], f"say {term.required!r} in: {missing}"


@pytest.mark.parametrize("term", GLOSSARY, ids=lambda t: t.en)
def test_every_term_is_used_and_explained(term):
    assert any(term.zh in text for text in chinese().values()), f"{term.zh} is never used"
    assert term.note_en and term.note_zh
    for variant in term.variants:  # a note may name a variant only through ``allowed``
        assert variant not in without_allowed(term.note_zh, term), (term.en, variant)


def test_first_uses():
    zh = chinese()
    assert "潜变量（也称隐变量）" in zh["HOME.intro"]
    assert "近似后验 q(z|x)" in zh["HOME.elbo_caption"]
    assert "近似后验" in zh["HOME.intro"]
    assert "后验坍塌：对每个 x，q(z|x) 都等于先验" in zh["LIKELIHOOD.pitfall_text.mean_reduction"]


def test_one_citation_style():
    zh = chinese()
    assert not [k for k, t in zh.items() if "et al" in t]
    assert sum("等人" in t for t in zh.values()) >= 5


def test_new_chinese_strings_keep_no_english_words():
    """The glossary's and the mistakes tab's 中文 keep only symbols and names in ASCII."""
    texts = [t.note_zh for t in GLOSSARY] + [t for k, t in chinese().items()
                                              if k.startswith(("MISTAKES.", "GLOSSARY."))]
    assert len(texts) > len(GLOSSARY)
    words = {w for text in texts for w in re.findall(r"(?<![{\\%])\b[A-Za-z_]{3,}\b", text)}
    assert words <= NAMES, sorted(words - NAMES)


def test_glossary_terms_are_unique():
    assert len({t.en for t in GLOSSARY}) == len(GLOSSARY)
    assert len({t.zh for t in GLOSSARY}) == len(GLOSSARY)


@pytest.mark.parametrize("lang, title, column", [("English", "Glossary: English ⇄ 中文", "English"),
                                                 ("中文", "术语表：英文 ⇄ 中文", "英文")])
def test_the_home_page_shows_the_glossary(tmp_path, monkeypatch, lang, title, column):
    from streamlit.testing.v1 import AppTest

    from tests.support import keep_navigation_mode, server_like_env
    from tests.test_i18n import APP

    keep_navigation_mode(monkeypatch)
    with server_like_env(tmp_path, monkeypatch, pretrained=False):
        at = AppTest.from_file(APP, default_timeout=60)
        at.session_state[i18n.LANG_KEY] = lang
        at.run()
    assert not at.exception, at.exception
    expander = next(e for e in at.expander if e.label == title)
    table = expander.dataframe[0].value
    assert len(table) == len(GLOSSARY) and list(table[column])[:2] == [GLOSSARY[0].en,
                                                                         GLOSSARY[1].en]
