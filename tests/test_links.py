"""Settings links and the Train page's command: set widgets, take the link, open it in a new
session and find the same values; bad values are named and replaced by defaults; the command
parses with the CLI's own parser into the configs the page would train with."""

from __future__ import annotations

import shlex
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from tests.support import server_like_env
from ui.shell import links
from ui.train import share as train_links
from ui.train.form import Settings
from vae_core import cli

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
TIMEOUT = 60



@pytest.fixture
def env(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=False) as e:
        yield e


def open_page(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page(page)
    at.query_params.update(query or {})
    at.run()
    assert not at.exception, at.exception
    return at


def link_query(at: AppTest, path: str) -> dict[str, str]:
    link = next(c.value for c in at.code if c.value.startswith(f"./{path}?"))
    return dict(parse_qsl(urlsplit(link).query))


def values(at: AppTest, keys: list[str]) -> dict[str, object]:
    return {key: at.session_state[key] for key in keys}


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


# -- Train -----------------------------------------------------------------------------------
TRAIN_KEYS = ["tr_dataset", "tr_arch", "tr_latent", "tr_recon", "tr_beta", "tr_schedule",
              "tr_epochs", "tr_batch", "tr_lr", "tr_seed", "tr_binarize", "tr_warmup"]


def test_train_settings_round_trip_through_a_link(env):
    at = open_page("pages/train.py")
    at.selectbox(key="tr_dataset").set_value("digits")
    at.selectbox(key="tr_arch").set_value("examples")
    at.number_input(key="tr_latent").set_value(4)
    at.selectbox(key="tr_recon").set_value("mse")
    at.number_input(key="tr_beta").set_value(2.5)
    at.selectbox(key="tr_schedule").set_value("warmup").run()
    at.number_input(key="tr_warmup").set_value(3.0)
    at.number_input(key="tr_epochs").set_value(7)
    at.selectbox(key="tr_batch").set_value(128)
    at.select_slider(key="tr_lr").set_value(1e-3)
    at.number_input(key="tr_seed").set_value(5)
    at.checkbox(key="tr_binarize").check().run()
    assert not at.exception, at.exception
    before = values(at, TRAIN_KEYS)
    query = link_query(at, "train")
    assert query["beta"] == "2.5" and query["warmup"] == "3.0" and "capacity" not in query

    fresh = open_page("pages/train.py", query)
    assert values(fresh, TRAIN_KEYS) == before
    assert not fresh.warning  # a good link has nothing to complain about
    assert link_query(fresh, "train") == query


def test_bad_train_link_values_are_named_and_defaulted(env):
    at = open_page("pages/train.py", {"beta": "lots", "epochs": "0", "recon": "gauss",
                                      "binarize": "maybe", "colour": "red", "latent": "16"})
    message = texts(at.warning)
    for part in ("beta=lots", "epochs=0 (not a whole number from 1 to 1000)", "recon=gauss",
                 "binarize=maybe (not true or false)", "colour=red (not a setting"):
        assert part in message, message
    assert at.number_input(key="tr_beta").value == 1.0   # the defaults
    assert at.number_input(key="tr_epochs").value == Settings().epochs
    assert at.selectbox(key="tr_recon").value == "bce"
    assert at.number_input(key="tr_latent").value == 16  # the good value is taken


def test_bad_link_message_in_chinese(env):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.radio(key="vl_lang").set_value("中文").run()
    at.switch_page("pages/train.py")
    at.query_params.update({"beta": "lots"})
    at.run()
    assert not at.exception, at.exception
    assert "beta=lots（不是 0.0 到 1000.0 之间的数）" in texts(at.warning)


def _cli_configs(command: str, input_shape: tuple[int, int, int]):
    """What ``python -m vae_core train`` builds from ``command`` (vae_core/cli.py's _train)."""
    argv = shlex.split(command)
    assert argv[:3] == ["python", "-m", "vae_core"]
    args = cli.build_parser().parse_args(argv[3:])
    return (cli._model_config(args, input_shape), *cli.train_configs(args))


@pytest.mark.parametrize("settings", [
    Settings(),
    Settings(dataset="digits", arch="examples", latent_dim=3, recon="cb", beta=0.25,
             epochs=2, batch_size=16, lr=3e-4, binarize=True),
    Settings(arch="h512", recon="mse", schedule="cyclical", reduction="mean"),
    Settings(arch="conv", latent_dim=16, recon="gaussian", beta=4.0, lr=1e-2),
    Settings(arch="mlp-128-64", schedule="capacity"),
])
def test_the_command_trains_what_the_page_trains(settings):
    shape = (1, 8, 8) if settings.dataset == "digits" else (1, 28, 28)
    command = train_links.command(settings)
    assert command is not None and command.endswith("--out vae.safetensors")
    assert _cli_configs(command, shape) == settings.configs(shape)
    assert train_links.command_notes(settings) == []  # nothing differs: defaults everywhere


@pytest.mark.parametrize("settings", [
    Settings(seed=3, schedule="warmup", warmup_epochs=2.0),
    Settings(schedule="cyclical", cycles=2, cycle_ratio=0.25),
    Settings(schedule="capacity", capacity_max=12.5, beta=50.0),
    Settings(seed=7, schedule="free_bits", free_bits=0.125),
])
def test_the_command_carries_the_schedules_settings_and_the_pages_split(settings):
    """Warm-up epochs, cycles, C and free bits have their flags; a seed other than 0 still
    splits the data as the page does (with 0), through --split-seed."""
    command = train_links.command(settings)
    assert _cli_configs(command, (1, 28, 28)) == settings.configs((1, 28, 28))
    assert ("--split-seed 0" in command) == (settings.seed != 0)
    assert train_links.command_notes(settings) == []


def test_there_is_no_command_for_uploaded_images():
    upload = Settings(dataset="upload:mine", upload_hash="0" * 16)
    assert train_links.command(upload) is None
    assert "only in this browser session" in train_links.command_notes(upload)[0]


# -- β lab and BCE vs MSE --------------------------------------------------------------------
def test_beta_lab_settings_round_trip(env):
    at = open_page("pages/beta_lab.py")
    at.selectbox(key="bl_dataset").set_value("digits").run()
    at.text_input(key="bl_betas").set_value("0.5, 3")
    at.number_input(key="bl_epochs_digits").set_value(4)
    at.multiselect(key="bl_schedules").set_value(["warmup", "capacity"])
    at.number_input(key="bl_s_beta").set_value(3.5).run()
    keys = ["bl_dataset", "bl_betas", "bl_epochs_digits", "bl_schedules", "bl_s_beta"]
    before = values(at, keys)
    query = link_query(at, "beta_lab")
    fresh = open_page("pages/beta_lab.py", query)
    assert values(fresh, keys) == before
    assert fresh.number_input(key="bl_epochs_digits").value == 4


def test_bce_vs_mse_settings_round_trip_and_bad_values(env):
    at = open_page("pages/bce_vs_mse.py")
    at.multiselect(key="bm_recons").set_value(["cb", "mse"])
    at.slider(key="bm_sigma").set_value(0.2)
    at.number_input(key="bm_p_epochs").set_value(3).run()
    keys = ["bm_recons", "bm_sigma", "bm_p_epochs"]
    before = values(at, keys)
    fresh = open_page("pages/bce_vs_mse.py", link_query(at, "bce_vs_mse"))
    assert values(fresh, keys) == before

    bad = open_page("pages/bce_vs_mse.py", {"sigma": "9", "recons": "bce,zzz"})
    assert "sigma=9 (not a number from 0.05 to 2.0)" in texts(bad.warning)
    assert "recons=bce,zzz (not one of bce, mse, gaussian, cb)" in texts(bad.warning)
    assert bad.slider(key="bm_sigma").value == pytest.approx(0.5 ** 0.5)
    assert bad.multiselect(key="bm_recons").value == ["bce", "mse"]


def test_a_bad_beta_list_in_a_link(env):
    at = open_page("pages/beta_lab.py", {"betas": "1,x"})
    assert "betas=1,x ('x' is not a number)" in texts(at.warning)
    assert at.text_input(key="bl_betas").value == "0.1, 0.5, 1, 2, 4, 8"


@pytest.mark.parametrize("text", ["", "nan", "inf", "-1", "1e999", "0x10", "1,2", "true",
                                  "%00", "💥", "9" * 400])
def test_no_url_value_breaks_a_setting(text):
    """Whatever a URL holds, each Train setting gets a usable value or its default."""
    spec = train_links.settings_spec()
    widget_values, problems = links.read_link_problems({s.param: text for s in spec}, spec)
    named = {p.param for p in problems}
    for s in spec:
        value = widget_values[s.widget_key({})]
        if s.kind in ("int", "float"):
            assert s.lo <= value <= s.hi
        elif s.kind == "choice":
            assert value in s.options
        try:
            taken = s.parse(text)
        except ValueError:
            assert s.param in named and value == s.default  # said, and defaulted
        else:
            assert s.param not in named and value == taken
