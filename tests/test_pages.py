"""AppTest: every page renders with no model, with a library model and with the pretrained ones;
the train page trains, stops, changes β live, saves; uploads are validated; the server limit."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
import torch
from streamlit.testing.v1 import AppTest

from tests.support import latent_view, server_like_env
from ui.shell import session_job, state
from ui.shell.jobs import SessionJobs
from ui.train import form as train_view
from vae_core.checkpoints import save_checkpoint
from vae_core.config import DataConfig, ModelConfig, TrainConfig, preset_model
from vae_core.models import build_model

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = ("pages/home.py", "pages/train.py", "pages/library.py")
TIMEOUT = 60



@pytest.fixture
def env(tmp_path, monkeypatch):
    """An empty library and no pretrained models; stops every job a test started."""
    with server_like_env(tmp_path, monkeypatch, pretrained=False) as e:
        yield e


def open_app(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    return at


def slot(at: AppTest) -> SessionJobs:
    return at.session_state[session_job.K_SLOT]


def wait_for_job(at: AppTest, timeout: float = TIMEOUT) -> None:
    job = slot(at).job
    job.join(timeout)
    assert not job.is_alive(), "training did not end in time"
    at.run()


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def save_tiny_model(directory: Path, name: str = "tiny") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    model = build_model(ModelConfig(input_shape=(1, 8, 8), hidden=(16,), latent_dim=2))
    return save_checkpoint(directory / f"{name}.safetensors", model,
                           data_cfg=DataConfig(dataset="digits"),
                           train_cfg=TrainConfig(beta=2.0), summary={"test_elbo": 30.5},
                           name=name)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_no_model_at_all(env, page):
    at = open_app(page)
    assert not at.exception
    assert "No models yet" in texts(at.sidebar.info)
    assert not at.sidebar.selectbox


def test_home_without_a_model_offers_the_quick_train(env):
    at = open_app()
    assert "There is no model yet" in texts(at.info)
    at.button[0].click().run()
    assert not at.exception
    wait_for_job(at)
    assert not at.exception
    assert at.sidebar.selectbox[0].value.startswith("session:")
    header, _ = latent_view(at, "example")  # the walk-through runs in the browser (ε too)
    assert header["texts"]["resample"] == "Resample ε" and len(header["x"]) == 784
    at.button(key="home_another").click().run()
    assert not at.exception
    assert latent_view(at, "example")[0]["x"] != header["x"]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_a_library_model(env, page):
    save_tiny_model(env.library)
    at = open_app(page)
    assert not at.exception
    picker = at.sidebar.selectbox[0]
    assert picker.value == "library:tiny.safetensors"
    card = texts(at.sidebar.markdown)
    assert "digits" in card and "30.50 nats" in card and "**β:** 2" in card


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_the_pretrained_models(env, monkeypatch, page):
    monkeypatch.delenv("VAE_LAB_ASSETS")
    if not list((ROOT / "assets").glob("*.safetensors")):
        pytest.skip("no pretrained models in assets/ yet")
    at = open_app(page)
    assert not at.exception
    assert at.sidebar.selectbox[0].value.startswith("asset:")


def test_home_walks_one_image_through_the_model(env):
    save_tiny_model(env.library)
    at = open_app()
    assert not at.exception
    header, _ = latent_view(at, "example")  # input, μ, σ, ε: decoded in the browser
    assert len(header["mu"]) == len(header["sigma"]) == len(header["eps"])
    latent_view(at, "draw")                 # and a digit to draw instead
    at.button(key="home_another").click().run()
    assert not at.exception
    assert not at.warning


def test_home_walks_one_image_on_the_server_without_the_js(env, monkeypatch):
    from streamlit import cache_data

    from ui.explore import latent
    from vae_core.export import UnsupportedLayer

    def unsupported(model):
        raise UnsupportedLayer("fc3: Bilinear")

    monkeypatch.setattr(latent, "export_program", unsupported)
    cache_data.clear()
    save_tiny_model(env.library)
    at = open_app()
    assert "cannot run (fc3: Bilinear)" in texts(at.info)
    assert len(at.get("image")) >= 3  # input, decoded, decoded from μ
    labels = [b.label for b in at.button]
    at.button[labels.index("Another image")].click().run()
    at.button[labels.index("Resample ε")].click().run()
    assert not at.exception
    assert not at.warning
    cache_data.clear()


def test_train_page_trains_shows_metrics_and_adds_a_session_model(env):
    at = open_app("pages/train.py")
    assert "Press **Start**" in texts(at.info)
    at.number_input(key="tr_epochs").set_value(3)
    at.button(key="train_start").click().run()
    assert not at.exception
    assert [m.label for m in at.metric][:2] == ["Epoch", "Step"]
    assert len(at.get("plotly_chart")) >= 2  # losses, KL heatmap (the latent map: 1st step)
    wait_for_job(at)
    assert not at.exception
    assert "Finished 3 epochs" in texts(at.success)
    assert len(at.get("plotly_chart")) == 3  # and the latent space's replay
    assert "snapshots recorded; the replay shows" in texts(at.caption)  # not "so far"
    assert at.metric[1].value == "189"  # 3 epochs × 63 batches of 64 (4,000 mnist-5k images)
    assert at.sidebar.selectbox[0].value == "session:1"
    assert "mnist-5k" in texts(at.sidebar.markdown)

    at.text_input(key="save_name_session:1").set_value("My first VAE")
    at.button(key="save_session:1").click().run()
    assert not at.exception
    assert (env.library / "my-first-vae.safetensors").is_file()
    assert "My first VAE · library" in at.sidebar.selectbox[0].options
    assert "Saved as my-first-vae.safetensors" in texts(at.success)

    for bad in ("../escape", "/etc/passwd", "a/b", "..", "C:evil"):
        at.text_input(key="save_name_session:1").set_value(bad)
        at.button(key="save_session:1").click().run()
        assert "Not saved" in texts(at.error), bad
    assert sorted(p.name for p in env.library.iterdir()  # the finished run is in the run cache
                  if p.name != ".run-cache") == ["my-first-vae.safetensors"]


def test_how_a_run_ended_is_worded_in_chinese(env):
    """The trainer returns a code with its numbers; the page words it (no English sentence)."""
    at = open_app()
    at.radio(key="vl_lang").set_value("中文").run()
    at.switch_page("pages/train.py").run()
    at.number_input(key="tr_epochs").set_value(2)
    at.button(key="train_start").click().run()
    wait_for_job(at)
    done = texts(at.success)
    assert "已完成 2 轮，共 126 步" in done and "Finished" not in done and "epochs" not in done


def test_stop_keeps_the_weights_and_switching_pages_does_not_restart(env):
    at = open_app("pages/train.py")
    at.number_input(key="tr_epochs").set_value(1000)
    at.button(key="train_start").click().run()
    job = slot(at).job
    deadline = time.monotonic() + TIMEOUT
    while job.snapshot().step < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    at.switch_page("pages/home.py").run()
    at.switch_page("pages/train.py").run()
    assert slot(at).job is job and job.is_alive()
    t0 = time.monotonic()
    at.button(key="live_stop").click().run()
    assert time.monotonic() - t0 < 1.5  # the script does not wait for the thread
    job.join(5)  # it ends within a step; the live panel's poll then reruns the page
    assert not job.is_alive()
    at.run()
    assert not at.exception
    assert job.snapshot().status == "stopped"
    assert "Stopped by request" in texts(at.info)
    assert at.sidebar.selectbox[0].value == "session:1"


def test_beta_changes_while_training(env):
    at = open_app("pages/train.py")
    at.number_input(key="tr_epochs").set_value(1000)
    at.button(key="train_start").click().run()
    job = slot(at).job
    at.number_input(key=f"live_beta_{id(job)}").set_value(3.0).run()
    assert job.snapshot().beta == 3.0
    deadline = time.monotonic() + TIMEOUT  # a run stopped before its first step keeps no model
    while job.snapshot().step < 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    job.stop()
    at.run()
    assert "**β:** 3" in texts(at.sidebar.markdown)  # the session model records the final β


def test_a_busy_server_queues_the_job_and_stop_takes_it_out(env, monkeypatch):
    monkeypatch.setattr(state.job_registry(), "limit", 0)
    at = open_app("pages/train.py")
    at.button(key="train_start").click().run()
    assert not at.exception
    assert "Queued: position 1 of 1" in texts(at.info)
    # the Train page's panel says it; the sidebar says it on the other pages (not twice here:
    # each progress fragment is one more poll per tab for the server)
    assert "Queued" not in texts(at.sidebar.info)
    at.switch_page("pages/traverse.py").run()
    assert "Queued: position 1 of 1" in texts(at.sidebar.info)
    at.switch_page("pages/train.py").run()
    assert slot(at).running() and not slot(at).job.is_alive()
    at.button(key="live_unqueue").click().run()
    assert not at.exception
    assert "Taken out of the queue" in texts(at.info)
    assert not slot(at).running() and state.job_registry().queued() == 0


def test_a_full_queue_refuses_a_new_job(env, monkeypatch):
    monkeypatch.setattr(state.job_registry(), "limit", 0)
    monkeypatch.setattr(state.job_registry(), "max_queue", 0)
    at = open_app("pages/train.py")
    at.button(key="train_start").click().run()
    assert not at.exception
    assert "server is busy" in texts(at.warning)
    assert slot(at).job is None


def test_bad_config_is_a_message(env, monkeypatch):
    def refuse(self, input_shape, **_):
        raise ValueError("lr must be in (0, 10], got 0")

    monkeypatch.setattr(train_view.Settings, "configs", refuse)
    at = open_app("pages/train.py")
    at.button(key="train_start").click().run()
    assert not at.exception
    assert "Cannot train with these settings: lr must be in" in texts(at.error)
    assert slot(at).job is None


@pytest.mark.parametrize("name, data, headline", [
    ("bad.safetensors", b"garbage, not a checkpoint", "is not a VAE Lab model"),
    ("bad.pt", b"\x80\x04 not a pickle either", "is not a VAE Lab model"),
    ("empty.pth", b"", "could not be used"),
])
def test_bad_upload_is_a_clear_error(env, name, data, headline):
    at = open_app("pages/library.py")
    at.file_uploader[0].set_value((name, data, "application/octet-stream")).run()
    assert not at.exception
    assert f"{name} {headline}" in texts(at.error)
    assert "Details" in [e.label for e in at.expander]
    assert "No models yet" in texts(at.sidebar.info)


def test_examples_state_dict_upload_becomes_a_session_model(env):
    torch.manual_seed(0)
    buffer = io.BytesIO()
    torch.save(build_model(preset_model("examples")).state_dict(), buffer)
    at = open_app("pages/library.py")
    at.file_uploader[0].set_value(("vae.pth", buffer.getvalue(), "application/octet-stream"))
    at.run()
    assert not at.exception
    assert "Loaded vae" in texts(at.success)
    assert at.sidebar.selectbox[0].value == "session:1"
    at.switch_page("pages/home.py").run()  # MNIST is not on disk here: a prior sample instead
    assert not at.exception


def test_our_checkpoint_upload_round_trips(env):
    path = save_tiny_model(env.assets, "shipped")
    at = open_app("pages/library.py")
    at.file_uploader[0].set_value(("copy.safetensors", path.read_bytes(), "x")).run()
    assert not at.exception
    assert at.sidebar.selectbox[0].value == "session:1"
    assert "Loaded shipped" in texts(at.success)


class EndedJob:
    """A job that already ended the way the trainer reports divergence."""

    def __init__(self):
        from vae_core.jobs import JobSnapshot

        self.model_cfg = ModelConfig(input_shape=(1, 8, 8), hidden=(16,), latent_dim=2)
        self.data_cfg, self.train_cfg, self.name = DataConfig(), TrainConfig(lr=10.0), "boom"
        self.data = self.model = None
        self._snapshot = JobSnapshot(
            status="diverged", steps=[], epochs=[], step=40, total_steps=690, epoch=1,
            message="training diverged at step 41 (loss = nan); kept the weights from step 25",
            samples_per_s=0.0, elapsed_s=1.0, eta_s=None, beta=1.0)

    def is_alive(self):
        return False

    def snapshot(self):
        return self._snapshot

    def model_copy(self):
        torch.manual_seed(0)
        return build_model(self.model_cfg).eval()


def train_page_after_a_diverged_run() -> AppTest:
    """The Train page of a session whose last run (``EndedJob``) diverged."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    job_slot = SessionJobs()
    job_slot.attach(EndedJob())
    at.session_state[session_job.K_SLOT] = job_slot
    at.run()
    at.switch_page("pages/train.py").run()
    return at


def poison_after_step(monkeypatch, step: int) -> None:
    """Every ``TrainingJob`` turns a weight matrix NaN once it reports ``step``: the next step's
    loss is not finite, as with far too large a learning rate, but at a step known in advance."""
    from vae_core.jobs import TrainingJob

    original = TrainingJob.on_step

    def on_step(self, metrics):
        original(self, metrics)
        if metrics.step == step:  # the training thread, between two optimiser steps
            with torch.no_grad():
                self.model.fc_mu.weight.fill_(float("nan"))

    monkeypatch.setattr(TrainingJob, "on_step", on_step)


def test_divergence_is_explained_and_the_last_good_weights_kept(env, monkeypatch):
    """A real run on the Train page diverges at step 41 (its weights went NaN after step 40):
    the trainer restores its snapshot from step 25, the page names both steps, and the session
    model holds exactly the weights after step 25 (a 25-step run with the same seed), finite,
    and can be saved."""
    from dataclasses import replace

    from vae_core.training import SNAPSHOT_EVERY, train_model

    poison_after_step(monkeypatch, 40)
    at = open_app("pages/train.py")
    at.number_input(key="tr_epochs").set_value(1)  # 63 steps of 64 images: 41 is mid-epoch
    at.button(key="train_start").click().run()
    wait_for_job(at)
    assert not at.exception
    job = slot(at).job
    snap = job.snapshot()
    assert snap.status == "diverged" and snap.code == "diverged_at"
    assert snap.step == 40 and snap.params["step"] == 41
    assert snap.params["good_step"] == SNAPSHOT_EVERY == 25
    warning = texts(at.warning)
    assert "Training diverged at step 41" in warning
    assert "kept the weights from step 25" in warning
    assert "last good weights" in warning and "not selected" in warning

    key = slot(at).model_key
    kept = at.session_state[state.K_MODELS][key]
    assert kept.summary["status"] == "diverged" and kept.summary["steps"] == 40
    weights = kept.model.state_dict()
    assert all(torch.isfinite(w).all() for w in weights.values())
    good, _ = train_model(job.model_cfg, job.data, replace(job.train_cfg, max_steps=25))
    assert all(torch.equal(weights[k], w) for k, w in good.state_dict().items())
    # kept, to save or pick (the picker's only model here: with others it stays unselected,
    # test_a_diverged_model_is_not_selected_for_every_page)
    assert f"{job.name} · this session" in at.sidebar.selectbox[0].options
    assert "Save to library" in [b.label for b in at.button]


def test_a_diverged_model_is_not_selected_for_every_page(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=True):
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.run()
        before = at.sidebar.selectbox[0].value  # the pretrained default
        job_slot = SessionJobs()
        job_slot.attach(EndedJob())
        at.session_state[session_job.K_SLOT] = job_slot
        at.run()
        assert at.sidebar.selectbox[0].value == before and before.startswith("asset:")


@pytest.mark.parametrize("page", PAGES)
def test_a_model_file_that_went_bad_is_a_message(env, page):
    path = save_tiny_model(env.library, "rotten")
    data = bytearray(path.read_bytes())
    data[-4:] = bytes.fromhex("0000c07f")  # the last float32 weight becomes NaN
    path.write_bytes(bytes(data))
    at = open_app(page)
    assert not at.exception
    assert "Cannot load rotten" in texts(at.sidebar.error)
