"""Text from outside stays inert (``ui.shell.inert``): a link's values and names, a model file's
name and header fields are shown as the characters they are, never as a link, an image, a
heading or a formula; a model file never chooses the server's data folder. The rendering
itself is checked in Chromium (``tests/e2e/test_inert_e2e.py``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import torch
from streamlit.testing.v1 import AppTest

from tests.support import server_like_env
from ui.shell.inert import MAX_CHARS, inert, inert_params, plain
from vae_core.checkpoints import load_checkpoint, save_checkpoint
from vae_core.config import DataConfig, ModelConfig
from vae_core.models import build_model

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
# what a hostile or clumsy student tried (the list)
PAYLOADS = [
    "[Session expired, log in here](http://evil.invalid/login)",
    "![i](http://127.0.0.3:9/beacon.png)",
    "x\n# SERVER WARNING\n---",
    r"$$\color{red}{\Huge HACKED}$$",
    "www.evil.invalid and https://evil.invalid",
    "[Log in again](http&#58;&#47;&#47;evil.invalid)",
    ":red[HACKED] :material/warning: <b>bold</b> `code` **strong** _em_ ~~gone~~",
    "mail me: someone@evil.invalid",
    "\u202eexe.txt\u200b\x00",
    "9" * 10_000,
]
ACTIVE = set("\\`*_{}[]()#+!|<>~$@:")


def unescaped(text: str) -> list[str]:
    """The characters Markdown would act on that no backslash escapes."""
    found, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in ACTIVE:
            found.append(text[i])
        i += 1
    return found


@pytest.mark.parametrize("payload", PAYLOADS)
def test_inert_escapes_every_active_character_and_breaks_autolinks(payload):
    shown = inert(payload)
    assert unescaped(shown) == []
    assert "\n" not in shown and "\u202e" not in shown and "\x00" not in shown
    # GFM links addresses after resolving escapes: what it reads must match none
    resolved = shown.replace("\\", "")
    assert not re.search(r"(?i)https?://|www\.|\w@\w", resolved)
    assert len(plain(payload)) <= MAX_CHARS


def test_inert_keeps_plain_sentences_plain():
    assert inert("β = 0.5, it's 4 - 2") == "β = 0.5, it's 4 - 2"
    assert plain("a\n\tb") == "a b"
    assert plain("x" * 200).endswith("…") and len(plain("x" * 200)) == MAX_CHARS


def test_a_coded_errors_values_are_inert_but_its_numbers_stay_numbers():
    params = inert_params({"value": "[x](http://evil)", "n": 3, "folder": "/srv/data_dir",
                           "allowed": "(0, 10]", "reason_params": {"value": "![i](y)"}})
    assert params["n"] == 3 and params["folder"] == "/srv/data_dir"  # the server's own
    assert params["allowed"] == "(0, 10]"
    assert unescaped(params["value"]) == [] and unescaped(params["reason_params"]["value"]) == []


def open_page(page: str, query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(page)
    at.query_params.update(query)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def env(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=False) as e:
        yield e


@pytest.mark.parametrize("page, query", [
    ("pages/train.py", {"beta": PAYLOADS[0]}),
    ("pages/train.py", {PAYLOADS[1]: "1"}),
    ("pages/beta_lab.py", {"betas": PAYLOADS[3]}),
    ("pages/bce_vs_mse.py", {PAYLOADS[2]: PAYLOADS[4]}),
    ("pages/train.py", {"epochs": PAYLOADS[-1]}),
])
def test_a_links_values_and_names_are_shown_as_text(env, page, query):
    at = open_page(page, query)
    warning = " ".join(w.value for w in at.warning)
    assert "could not be used" in warning
    (name, value), = query.items()
    assert inert(name, limit=30) in warning or inert(value) in warning
    assert not re.search(r"(?<!\\)(\]\(|\$\$|\n)", warning)
    assert not re.search(r"(?i)https?://|www\.", warning.replace("\\", ""))
    assert len(warning) < 600  # a 10 kB value is cut, not a wall of text


def test_a_lesson_link_that_names_no_lesson_is_shown_as_text(env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"lesson": PAYLOADS[0]})
    at.run()
    error = " ".join(e.value for e in at.error)
    assert "There is no lesson" in error
    assert "\\[Session expired" in error and "](http" not in error


def test_a_model_files_data_folder_is_ignored(tmp_path):
    """A file says where its data lay on the machine that trained it; the server must not
    read, write or download there because a file asked."""
    elsewhere = tmp_path / "some" / "other" / "folder"
    model = build_model(ModelConfig(input_shape=(1, 28, 28), hidden=(8,), latent_dim=2))
    path = save_checkpoint(tmp_path / "m.safetensors", model,
                           data_cfg=DataConfig(dataset="mnist", data_dir=str(elsewhere)))
    ckpt = load_checkpoint(path)
    assert ckpt.data_cfg.dataset == "mnist" and ckpt.data_cfg.data_dir is None


def test_a_crafted_header_shows_as_text_in_the_sidebar(env):
    env.library.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    model = build_model(ModelConfig(input_shape=(1, 8, 8), hidden=(8,), latent_dim=2))
    save_checkpoint(env.library / "crafted.safetensors", model,
                    data_cfg=DataConfig(dataset="upload:![i](http://127.0.0.3:9/b.png)",
                                        upload_hash="0" * 16),
                    name="[Log in again](http://evil.invalid)")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    key = next(k for k in at.sidebar.selectbox[0].options if "crafted" in k or "Log in" in k)
    at.sidebar.selectbox[0].select(key).run()
    card = " ".join(m.value for m in at.sidebar.markdown)
    assert "upload\\:\\!\\[i\\]\\(http\u2060\\://127.0.0.3" in card
    assert not re.search(r"(?<!\\)\]\(", card)


@pytest.mark.parametrize("blob", [b"\xff" * 64, (10**6).to_bytes(8, "little") + b"{}"])
def test_a_refused_file_is_named_for_what_it_is_not_by_its_bytes(blob):
    """A file's first 8 bytes are its header's length: the message says it is not a model file
    (or is cut off), never that number (a link to another file would leak its first bytes)."""
    from ui.shell import model_store

    with pytest.raises(Exception) as refused:
        model_store.read_upload("notes.safetensors", blob)
    words = model_store.error_text(refused.value)
    n = int.from_bytes(blob[:8], "little")
    assert f"{n:,}" not in words and str(n) not in words
    assert "not a model file" in words or "incomplete" in words


def test_an_uploads_class_names_show_as_text_in_plotly_figures():
    """In the browser Plotly renders <a href>, <b> and <br> in legend entries and hover lines:
    a zip whose folder is named like a link would put a live link in the latent map's legend."""
    import numpy as np

    from ui.explore.figures import latent_scatter
    from ui.shell.inert import plot_text

    payload = '<a href="http://evil.invalid/login">Log in</a><br><b>HACKED</b>\u202e'
    fig = latent_scatter(np.zeros((2, 2)), np.arange(2), np.array([0, 1]), [payload, "seven"],
                         axis_titles=("z1", "z2"))
    names = [trace.name for trace in fig.data]
    assert "seven" in names
    shown = next(n for n in names if "evil" in n)
    assert "<" not in shown and ">" not in shown and "\u202e" not in shown
    assert shown.startswith("&lt;a href=") and shown.endswith("…")  # cut at 40 characters
    assert plot_text("Tom & Jerry <3") == "Tom &amp; Jerry &lt;3"
