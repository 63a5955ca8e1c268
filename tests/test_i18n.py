"""English / 中文: every string table has a complete, placeholder-exact Chinese translation with
no stale keys, and every page renders in both languages (AppTest)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.i18n_leaks import NAMES, english_labels, english_sentences, visible_texts
from tests.support import server_like_env
from ui.shell import i18n
from ui.shell.i18n import LANG_KEY, Strings
from ui.shell.i18n_catalog import drifted, english, string_tables, unrecorded

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = tuple(sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")))
LANGS = tuple(i18n.LANGUAGES)  # ("English", "中文")
TIMEOUT = 60


def fields(text: str) -> list[tuple[str, str, str]]:
    """The ``str.format`` fields of ``text``: (name, format spec, conversion), sorted."""
    return sorted((name, spec or "", conv or "")
                  for _, name, spec, conv in string.Formatter().parse(text) if name is not None)


# -- the tables --------------------------------------------------------------------------------
def test_every_feature_folder_keeps_its_strings_in_both_languages():
    """Each folder of ui/ with a strings.py has its zh.py beside it, and the tables are found
    from there (the shell's and the features')."""
    folders = [p.parent for p in (ROOT / "ui").glob("*/strings.py")]
    assert len(folders) >= 9
    assert all((f / "zh.py").is_file() for f in folders)
    assert {"APP", "PICKER", "HOME", "TRAIN", "LIVE", "MODEL", "LIBRARY", "FIGURES",
            "LABELS", "LESSON1", "LESSON8", "WHY", "BETA"} <= set(string_tables())


def test_every_key_has_a_chinese_translation():
    missing = sorted(english().keys() - i18n.translations("zh").keys())
    assert missing == [], f"add these to the zh.py beside their strings.py: {missing}"


def test_no_stale_chinese_keys():
    stale = sorted(i18n.translations("zh").keys() - english().keys())
    assert stale == [], f"no English string has these keys: {stale}"


def test_placeholders_match():
    zh = i18n.translations("zh")
    bad = {key: (fields(en), fields(zh[key])) for key, en in english().items()
           if key in zh and fields(en) != fields(zh[key])}
    assert bad == {}


def test_translations_are_non_empty_and_chinese_where_english_has_words():
    zh = i18n.translations("zh")
    for key in english():
        assert zh[key].strip(), key
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh["HOME.intro"])


def test_every_translation_records_the_english_it_was_made_from():
    missing = unrecorded("zh")
    assert missing == [], ("record these new translations: python -m ui.shell.i18n_catalog --new "
                           f"({missing})")


def test_no_translation_is_older_than_its_english():
    """gettext's fuzzy mark: the English changed after the 中文 was written."""
    zh = i18n.translations("zh")
    stale = {key: {"English now": text, "中文": zh[key]} for key, text in drifted("zh").items()}
    assert stale == {}, ("review these translations, then python -m ui.shell.i18n_catalog --accept "
                         f"KEY ...: {stale}")


def test_a_changed_english_string_is_caught(monkeypatch):
    from ui.shell import i18n_catalog

    key = "HOME.title"
    monkeypatch.setattr(i18n_catalog, "english", lambda: {**english(), key: "What is an AE?"})
    assert key in i18n_catalog.drifted("zh")


def test_the_leak_finder_keeps_names_and_finds_sentences():
    allowed = ["模型 mnist-z8-bce 的 KL 为 3 nats", "用 t-SNE 或 PCA 投影",
               "$-\\log p(x|z)$ 的均值"]
    assert english_sentences(allowed) == []
    assert english_sentences(["训练 the test set 上"]) == ["the test set"]


def test_strings_behaves_like_the_dict_it_wraps():
    table = Strings("T", {"a": "hello {name}", "nested": {"x": "X"}, "n": 3})
    assert table["a"].format(name="you") == "hello you"
    assert "a" in table and "zz" not in table
    assert list(table) == ["a", "nested", "n"] and len(table) == 3
    assert table.get("zz", "d") == "d" and table["n"] == 3
    assert table["nested"] == {"x": "X"} and table.english("nested").name == "T.nested"
    with pytest.raises(KeyError):
        table["zz"]


def test_english_outside_a_streamlit_run():
    from ui.home.strings import HOME

    assert i18n.current_language() == "en"
    assert HOME["title"] == "What is a VAE?"


# -- the pages in both languages ---------------------------------------------------------------
@pytest.fixture
def env(tmp_path, monkeypatch):
    """An empty library; the shipped pretrained models stay (the app opens on one)."""
    with server_like_env(tmp_path, monkeypatch, pretrained=True) as e:
        yield e.path


def open_app(lang: str, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state[LANG_KEY] = lang
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    return at


# text inside formulas: the leak finder skips st.latex, so a label like \text{reconstruction}
# would pass it; these are checked word by word instead
FORMULA_TEXT = re.compile(r"\\(?:text|textrm|textbf|mathrm|operatorname|mbox)\{([^{}]*)\}")
MATH_ABBREVIATIONS = {"const"}
FORMULA_LABELS = ("HOME.term_recon", "HOME.term_reg")  # the loss's two terms on the home page


def formula_texts(at: AppTest) -> list[str]:
    """What the page's formulas (``st.latex``) set as text: \\text{...}, \\mathrm{...}, ..."""
    return [m.group(1) for formula in at.latex for m in FORMULA_TEXT.finditer(formula.value)]


def english_words(texts: list[str]) -> list[str]:
    """English words in formula text, names (KL, ELBO, ...) and abbreviations (const) allowed."""
    return [word for text in texts for word in re.findall(r"[A-Za-z]{2,}", NAMES.sub(" ", text))
            if word not in MATH_ABBREVIATIONS]


def table_cells(at) -> list[str]:
    """The text cells of every table on the page (the leak finder skips dataframes), but the
    glossary's English column: English terms are what it shows."""
    cells = []
    for frame in at.dataframe:
        table = frame.value.drop(columns=["English", "英文"], errors="ignore")
        # Streamlit's grid draws a missing value as "None": the page must write "—" itself
        cells += [str(cell) for cell in table.to_numpy().ravel()]
    return cells


def test_the_formula_check_finds_english_labels():
    assert english_words([r"KL", "ELBO", "const", "重构", "BCE"]) == []
    assert english_words(["reconstruction", "正则 regulariser"]) == ["reconstruction",
                                                                  "regulariser"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_both_languages(env, page, lang):
    at = open_app(lang, page)
    assert not at.exception, at.exception
    assert at.radio(key=LANG_KEY).value == lang
    formulas = formula_texts(at)
    if lang == "中文":
        assert english_sentences(visible_texts(at)) == []
        assert english_labels(visible_texts(at)) == []  # "constant", "Choose options"
        assert english_labels(table_cells(at)) == []  # a schedule column read "constant"
        # Streamlit's own placeholder ("Choose options") is English unless the page sets one
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in m.proto.placeholder)
                   for m in at.multiselect)
        assert english_words(formulas) == []
    else:  # the finder finds: the same page in English is full of sentences
        assert len(english_sentences(visible_texts(at))) >= 3
    if page == "pages/home.py":  # the loss's terms are labelled, in the reader's language
        table = i18n.translations("zh") if lang == "中文" else english()
        labels = [table[key] for key in FORMULA_LABELS]
        assert all(label in formulas for label in labels), (labels, formulas)
        if lang == "中文":
            assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label in labels)
        else:
            assert labels == ["reconstruction", "regulariser"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_chinese_without_any_model(env, monkeypatch, page):
    assets = env / "assets"
    assets.mkdir()
    monkeypatch.setenv("VAE_LAB_ASSETS", str(assets))
    at = open_app("中文", page)
    assert not at.exception, at.exception
    assert "还没有模型" in " ".join(str(e.value) for e in at.sidebar.info)


def test_the_toggle_switches_the_home_page_to_chinese_and_back(env):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert at.title[0].value == "What is a VAE?"
    at.radio(key=LANG_KEY).set_value("中文").run()
    assert not at.exception
    assert at.title[0].value == "什么是 VAE？"
    assert at.sidebar.selectbox[0].label == "模型"
    at.switch_page("pages/train.py")
    at.run()
    assert at.title[0].value == "训练一个 VAE"  # the language survives a page change
    at.radio(key=LANG_KEY).set_value("English").run()
    assert at.title[0].value == "Train a VAE"


def test_switching_language_keeps_the_chosen_model_and_settings(env):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.sidebar.selectbox[0].select("asset:mnist-z2-bce.safetensors").run()
    at.switch_page("pages/train.py")
    at.run()
    at.selectbox(key="tr_recon").select("mse").run()
    at.selectbox(key="tr_arch").select("conv").run()
    at.radio(key=LANG_KEY).set_value("中文").run()
    assert not at.exception
    assert at.sidebar.selectbox[0].value == "asset:mnist-z2-bce.safetensors"
    assert at.selectbox(key="tr_recon").value == "mse"
    assert at.selectbox(key="tr_arch").value == "conv"
    assert "高斯" in at.selectbox(key="tr_recon").options[1]  # labels are translated
