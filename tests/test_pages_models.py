"""AppTest of the Models page: renders with the pretrained models and with none, evaluates with a
small k, compares, finds anomalies (digits against an MNIST model), renames and deletes library
files only, explains why an imported pytorch/examples model cannot be evaluated offline, skips
odd library files, refuses bad uploads and shows its limits."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
import torch
from streamlit.testing.v1 import AppTest

from tests.support import plotly_figure, rendered, shown_cells
from tests.test_library_ownership import owned_tiny_model
from tests.test_pages import env, save_tiny_model, texts  # noqa: F401
from ui.library import view as models_view
from ui.shell import model_store, state
from vae_core.config import preset_model
from vae_core.data import torchvision_sets
from vae_core.models import build_model

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGE = "pages/library.py"
TIMEOUT = 120
HAS_ASSETS = bool(list((ROOT / "assets").glob("*.safetensors")))
needs_assets = pytest.mark.skipif(not HAS_ASSETS, reason="no pretrained models in assets/")


def open_models(owner: str | None = None) -> AppTest:
    """The Library page; ``owner``: the session's owner token (``state.owner_token``)."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if owner is not None:
        at.session_state[state.K_OWNER] = owner
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    return at


@pytest.fixture
def pretrained(env, monkeypatch):  # noqa: F811
    monkeypatch.delenv("VAE_LAB_ASSETS")
    return env


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_renders_with_no_model(env):  # noqa: F811
    at = open_models()
    assert "Model library" in texts(at.title)
    assert "Pick or train a model first" in texts(at.info)
    assert "The library is empty" in texts(at.info)
    assert at.file_uploader  # upload still offered


@needs_assets
def test_renders_with_the_default_model_and_finds_anomalies(pretrained):
    at = open_models()
    assert at.sidebar.selectbox[0].value.startswith("asset:")
    table = at.dataframe[0].value
    assert len(table) >= 2 and "📦 pretrained" in set(table["Source"])
    cells = [c for row in shown_cells(at.dataframe[0]) for c in row]
    assert "—" in cells and not {"None", "nan", "NaN", "<NA>"} & set(cells)  # not evaluated yet
    assert "Press **Evaluate**" in texts(at.info)
    # anomaly detection: extremes with scores, and 8×8 digits scored against the MNIST model
    assert "The 8 least typical test images" in texts(at.markdown)
    assert len(at.get("image")) >= 3
    assert at.selectbox(key="models_ood").value == "digits"
    auc = float(metrics(at)["ROC AUC"])
    assert 0.5 < auc <= 1.0
    assert "Nalisnick" in texts(at.markdown)
    at.selectbox(key="models_ood").set_value("noise").run()
    assert not at.exception
    assert float(metrics(at)["ROC AUC"]) > 0.5


@needs_assets
def test_evaluate_with_a_small_k_and_compare(pretrained):
    at = open_models()
    at.number_input(key="models_k").set_value(5)
    at.number_input(key="models_n").set_value(16)
    at.button(key="models_eval").click().run()
    assert not at.exception
    m = metrics(at)
    for label in ("−ELBO", "reconstruction", "KL", "IWAE NLL (k = 5)"):
        assert m[label].endswith("nats"), label
    assert float(m["IWAE NLL (k = 5)"].split()[0]) > 0
    assert "/" in m["active units"]
    kl_chart = next(f for f in map(plotly_figure, at.get("plotly_chart"))
                    if f["data"][0].get("type") == "bar")
    assert kl_chart["data"][0]["x"][:2] == ["z1", "z2"]  # counted from 1, as on every page
    assert kl_chart["layout"]["yaxis"]["exponentformat"] == "e"  # no "20μ" for 2e-5 nats
    elbo, recon, kl = (float(m[k].split()[0]) for k in ("−ELBO", "reconstruction", "KL"))
    assert abs(elbo - (recon + kl)) < 0.02

    keys = at.multiselect(key="models_compare").options
    assert len(keys) >= 2
    at.multiselect(key="models_compare").set_value(
        ["asset:mnist-z8-bce.safetensors", "asset:mnist-z2-bce.safetensors"]).run()
    at.button(key="models_compare_run").click().run()
    assert not at.exception
    table = at.dataframe[-1].value
    assert list(table["Model"]) == ["mnist-z8-bce", "mnist-z2-bce"]
    assert table["IWAE NLL"].notna().all() and table["−ELBO"].notna().all()


def evaluate_shapes_model() -> AppTest:
    """The Library page with the pretrained shapes model evaluated at a small k and n."""
    at = open_models()
    at.sidebar.selectbox[0].set_value("asset:shapes-z10-beta4.safetensors").run()
    at.number_input(key="models_k").set_value(2)
    at.number_input(key="models_n").set_value(8)
    at.button(key="models_eval").click().run()
    return at


@needs_assets
def test_shapes_model_shows_mig_per_factor(pretrained):
    at = evaluate_shapes_model()
    assert not at.exception
    assert 0 <= float(metrics(at)["MIG (shapes factors)"]) <= 1
    assert at.selectbox(key="models_ood").value == "digits"
    assert "ROC AUC" in metrics(at)


@needs_assets
def test_a_model_whose_mig_cannot_be_measured_says_why_and_keeps_its_numbers(pretrained,
                                                                             monkeypatch):
    from vae_core.messages import AnalysisError

    def diverged(*args, **kwargs):  # what a diverged model's NaN codes give
        raise AnalysisError("codes_not_finite")

    monkeypatch.setattr(models_view, "model_mig", diverged)
    at = evaluate_shapes_model()
    assert not at.exception
    assert "MIG could not be measured for this model: codes contain NaN" in texts(at.warning)
    assert "MIG (shapes factors)" not in metrics(at) and "ROC AUC" in metrics(at)
    at.radio(key="vl_lang").set_value("中文").run()  # the cached result, reworded
    assert not at.exception
    assert "无法为这个模型测量 MIG：编码中有 NaN" in texts(at.warning)
    assert "could not" not in texts(at.warning) and "contain" not in texts(at.warning)


def test_rename_and_delete_a_library_model(env):  # noqa: F811
    owned_tiny_model(env.library, "tiny", "this session")
    at = open_models(owner="this session")
    assert at.selectbox(key="models_manage").value == "library:tiny.safetensors"
    for bad in ("../escape", "/etc/passwd", "a/b", "..", "C:evil", "   "):
        at.text_input(key="rename_library:tiny.safetensors").set_value(bad)
        at.button(key="rename_btn_library:tiny.safetensors").click().run()
        assert "Not renamed" in texts(at.error), bad
    assert sorted(p.name for p in env.library.iterdir()) == ["tiny.safetensors"]

    at.text_input(key="rename_library:tiny.safetensors").set_value("Small one")
    at.button(key="rename_btn_library:tiny.safetensors").click().run()
    assert not at.exception
    assert sorted(p.name for p in env.library.iterdir()) == ["small-one.safetensors"]
    assert "Renamed to Small one" in texts(at.success)
    assert at.sidebar.selectbox[0].value == "library:small-one.safetensors"
    assert "Small one · library" in at.sidebar.selectbox[0].options

    key = "library:small-one.safetensors"
    at.selectbox(key="models_manage").set_value(key).run()
    assert at.button(key=f"delete_{key}").disabled  # needs the confirmation first
    at.checkbox(key=f"confirm_{key}").check().run()
    at.button(key=f"delete_{key}").click().run()
    assert not at.exception
    assert list(env.library.iterdir()) == []
    assert "Deleted small-one.safetensors" in texts(at.success)
    assert "No models yet" in texts(at.sidebar.info)


def test_pretrained_models_cannot_be_renamed_or_deleted(env):  # noqa: F811
    path = save_tiny_model(env.assets, "shipped")
    at = open_models()
    assert at.selectbox(key="models_manage").value == "asset:shipped.safetensors"
    assert "only models saved in the library" in texts(at.caption)
    assert not [b for b in at.button if b.key and b.key.startswith(("rename", "delete"))]
    # and the library functions refuse it too, and any unsafe name
    with pytest.raises(model_store.UnsafeName):
        model_store.delete_model(path, env.library, by="me")
    with pytest.raises(model_store.UnsafeName):
        model_store.rename_model(path, "stolen", env.library, by="me")
    mine = owned_tiny_model(env.library, "mine", "me")
    for bad in ("../x", "/tmp/x", "..", ""):
        with pytest.raises(model_store.UnsafeName):
            model_store.rename_model(mine, bad, env.library, by="me")
    with pytest.raises(model_store.UnsafeName):
        model_store.delete_model(env.library / ".." / "assets" / "shipped.safetensors", env.library,
                                 by="me")
    assert path.is_file() and mine.is_file()


def test_imported_examples_model_explains_the_missing_mnist(env, monkeypatch, tmp_path):  # noqa: F811
    def offline(cls, root, name, *, timeout_s):
        raise torchvision_sets.DownloadFailed(name, Path(root) / "MNIST" / "raw", "offline")

    monkeypatch.setattr(torchvision_sets, "_download", offline)
    monkeypatch.setenv("VAE_LAB_DATA_DIR", str(tmp_path / "data"))
    torch.manual_seed(0)
    buffer = io.BytesIO()
    torch.save(build_model(preset_model("examples")).state_dict(), buffer)
    at = open_models()
    at.file_uploader[0].set_value(("vae.pth", buffer.getvalue(), "application/octet-stream"))
    at.run()
    assert not at.exception
    assert at.sidebar.selectbox[0].value == "session:1"
    errors = texts(at.error)
    assert "not on this server" in errors and "MNIST" in errors and "t10k-images" in errors
    assert "pytorch/examples" in texts(at.info)


def test_odd_files_in_the_library_do_not_break_the_page(env):  # noqa: F811
    save_tiny_model(env.library, "tiny")
    folder = os.fsencode(env.library)
    with open(os.path.join(folder, b"caf\xe9.safetensors"), "wb") as f:  # Latin-1, not UTF-8
        f.write(b"x")
    os.mkfifo(os.path.join(folder, b"pipe.safetensors"))
    at = open_models()
    assert at.selectbox(key="models_manage").value == "library:tiny.safetensors"
    skipped = texts(at.sidebar.caption)
    assert "caf\\xe9.safetensors: skipped, its file name is not valid UTF-8" in rendered(skipped)
    assert "pipe.safetensors: skipped, not a regular file" in skipped


def test_bad_uploads_are_refused_with_a_message(env):  # noqa: F811
    from tests.test_bad_inputs import tree_hash, zip_bomb

    path = save_tiny_model(env.library, "tiny")
    before = tree_hash(env.library)
    at = open_models()
    limits = texts(at.caption)
    assert "uploads up to 50 MB" in limits and "model files up to 256 MiB" in limits
    for name, data, message in [
        ("../evil.safetensors", path.read_bytes(), "is not a plain file name"),
        ("/etc/passwd.safetensors", path.read_bytes(), "is not a plain file name"),
        ("bomb.pt", zip_bomb(), "(a zip bomb?)"),
    ]:
        at.file_uploader[0].set_value((name, data, "application/octet-stream"))
        at.run()
        assert not at.exception
        # the headline says what went wrong in a student's words, the detail sits below it
        assert f"{name} was refused" in texts(at.error) or f"{name} could not be used" in texts(
            at.error)
        details = next(e for e in at.expander if e.label == "Details")
        assert message in texts(details.markdown)
    assert tree_hash(env.library) == before
    assert [o for o in at.sidebar.selectbox[0].options if "session" in o] == []


def test_iwae_cost_is_capped(env, monkeypatch):  # noqa: F811
    save_tiny_model(env.library, "tiny")
    monkeypatch.setattr(models_view, "IWAE_BUDGET", 1000)
    at = open_models()
    assert "at 1,000 importance samples" in at.number_input(key="models_k").help
    assert "5,000" in at.number_input(key="models_k").help
    at.number_input(key="models_k").set_value(5)
    at.number_input(key="models_n").set_value(300).run()
    assert "k × n = 1,500 importance samples is over this server's cap" in texts(at.warning)
    assert at.button(key="models_eval").disabled
    at.number_input(key="models_n").set_value(200).run()
    assert not at.button(key="models_eval").disabled


def test_a_selected_model_whose_file_breaks_is_named_not_swapped_silently(env):  # noqa: F811
    save_tiny_model(env.library, "other")
    save_tiny_model(env.library, "tiny")
    at = open_models()
    at.sidebar.selectbox[0].select("library:tiny.safetensors").run()
    path = env.library / "tiny.safetensors"
    path.write_bytes(path.read_bytes()[:20])  # truncated inside its header
    at.run()
    assert not at.exception
    assert at.sidebar.selectbox[0].value != "library:tiny.safetensors"
    warning = rendered(texts(at.sidebar.warning))
    assert "The model you had selected (tiny.safetensors) can no longer be read" in warning
    assert "tiny.safetensors" in rendered(texts(at.sidebar.caption))  # the reason, listed


def test_the_library_lists_models_without_loading_their_weights(env, monkeypatch):  # noqa: F811
    """Only the model in use is loaded; the others are listed from their headers (with 76
    models, loading all of them cost every Library visit 2.2 s of server CPU)."""
    from ui.shell import state

    for name in ("a", "b", "c", "d"):
        save_tiny_model(env.library, name)
    loaded = []
    real = state.load_checkpoint
    monkeypatch.setattr(state, "load_checkpoint", lambda p: loaded.append(p.name) or real(p))
    at = open_models()
    assert len(at.dataframe[0].value) == 4  # all four listed
    assert loaded == [at.sidebar.selectbox[0].value.split(":", 1)[1]]  # the selected one only


def test_an_uploaded_model_without_a_dataset_says_so_instead_of_failing(env):  # noqa: F811
    from vae_core.checkpoints import checkpoint_bytes
    from vae_core.config import ModelConfig

    upload = checkpoint_bytes(build_model(ModelConfig(input_shape=(1, 8, 8), hidden=(8,),
                                                      latent_dim=2)), name="bare")
    at = open_models()
    at.file_uploader[0].set_value(("bare.safetensors", upload, "application/octet-stream"))
    at.run()
    assert not at.exception, at.exception
    assert at.error, "the page should say why this model cannot be evaluated"
