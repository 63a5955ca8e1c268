"""AppTest for the Compare pages: they render with and without models, run tiny sweeps to the
end (β, schedules, likelihoods, pitfalls) and explain bad input; the tutorial-mistakes tab
renders in both languages and its one-click runs start the right pitfall sweep."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support import plotly_figure, rendered, server_like_env
from ui.shell import collapse, state
from ui.shell.i18n import LANG_KEY
from vae_core.sweeps import Sweep

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = ("pages/beta_lab.py", "pages/bce_vs_mse.py")
TIMEOUT = 90



@pytest.fixture
def env(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=False) as e:
        yield e


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def running_sweeps() -> list[Sweep]:
    return [j for j in state.job_registry().jobs() if isinstance(j, Sweep) and j.is_alive()]


def start_and_wait(at: AppTest, kind: str) -> None:
    at.button(key=f"cmp_start_{kind}").click().run()
    assert not at.exception, at.exception
    sweeps = running_sweeps()
    assert len(sweeps) == 1, "no sweep started: " + texts(at.error) + texts(at.warning)
    for sweep in sweeps:
        sweep.join(TIMEOUT)
        assert not sweep.is_alive(), "the sweep did not end in time"
    at.run()
    assert not at.exception, at.exception


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


@pytest.mark.parametrize("page", PAGES)
def test_pages_render_with_pretrained_models(page, tmp_path, monkeypatch):
    monkeypatch.setenv("VAE_LAB_LIBRARY", str(tmp_path / "library"))
    at = open_page(page)
    assert at.title[0].value in ("β lab", "BCE vs MSE")
    assert at.button(key="cmp_start_beta" if "beta" in page else "cmp_start_likelihood")


@pytest.mark.parametrize("page", PAGES)
def test_pages_render_without_any_model(page, env):
    at = open_page(page)
    assert "press **Start**" in texts(at.info)
    # the caps are shown next to the inputs they bound
    helps = " ".join(n.help or "" for n in at.number_input if (n.key or "").startswith(
        ("bl_epochs", "bl_s_epochs", "bm_epochs", "bm_p_epochs")))
    assert "1 … 200 per model; a sweep trains at most 12 models, one after another" in helps
    assert all(n.proto.max == 200 for n in at.number_input if "epochs" in (n.key or ""))
    if "beta" in page:
        assert "up to 12" in " ".join(t.label for t in at.text_input)


def chart(at: AppTest, key: str) -> dict:
    return plotly_figure(next(c for c in at.get("plotly_chart") if c.proto.id.endswith(key)
                              or key in c.proto.id))


def test_beta_sweep_runs_and_shows_the_plane(env):
    at = open_page("pages/beta_lab.py")
    assert "−ELBO_β = recon + β·KL (it is the −ELBO only at β = 1)" in texts(at.markdown)
    at.text_input(key="bl_betas").set_value("4, 0.5, 300, 500").run()
    at.number_input(key="bl_epochs_mnist-5k").set_value(2).run()
    start_and_wait(at, "beta")
    assert "Done: trained 4 models" in texts(at.success)
    table = at.dataframe[0].value
    assert list(table["Model"]) == ["β=0.5", "β=4", "β=300", "β=500"]
    active = dict(zip(table["Model"], table["Active units"]))
    assert active["β=300"].startswith("0 /") and active["β=500"].startswith("0 /")
    # issue 29: beside each count, the KL of the units it counts (none for the collapsed)
    kls = dict(zip(table["Model"], table["KL of each active unit (nats)"]))
    assert kls["β=300"] == "—" and len(kls["β=0.5"].split(", ")) == int(active["β=0.5"][0])
    assert len(at.get("plotly_chart")) >= 2  # the plane and the KL bars of the selected β
    assert "Selected: **β=0.5**" in texts(at.markdown)  # closest to β = 1 by default
    # the collapsed models are named, with the lesson, and share one label on the plane
    assert "**Posterior collapse** in β=300, β=500: 0 active units" in texts(at.warning)
    assert "Lesson 7" in " ".join(link.proto.label for link in at.get("page_link"))
    markers = chart(at, "bl_rd")["data"][-1]
    assert "β=300, β=500: collapsed" in markers["text"]
    assert markers["text"].count("") >= 1 and len(markers["text"]) == 4
    assert sum(bool(t) for t in markers["text"]) == 3  # β=0.5, β=4, and the pair
    assert "Partial posterior collapse" not in texts(at.warning)  # β=0.5 is not collapsed
    assert "Cov_x(E_q[z_u]) > 0.01" in texts(at.caption)
    at.button(key="cmp_save_beta").click().run()
    assert not at.exception
    assert list(env.library.glob("*.safetensors")), "nothing saved"
    assert "Saved as" in texts(at.success)


def test_the_beta_lab_names_and_chooses_its_network(env, monkeypatch):
    """The network is on the page (the lessons' MLP 256-128 unless chosen: then its runs are
    the lessons' runs, and the page says so), a link can set it, and the sweep trains the
    chosen one."""
    from ui.compare import sweeps as compare

    started = []
    monkeypatch.setattr(compare, "launch", lambda kind, dataset, make: started.append(
        make(state.load_data(state.data_config(dataset)))) or False)
    at = open_page("pages/beta_lab.py")
    assert at.selectbox(key="bl_arch").value == "mlp-256-128"
    assert "MLP 256-128 by default" in at.selectbox(key="bl_arch").proto.help
    assert "lessons' own runs" in texts(at.caption)
    at.selectbox(key="bl_arch").set_value("conv").run()
    assert "lessons' own runs" not in texts(at.caption)
    at.button(key="cmp_start_beta").click().run()
    assert [v.model_cfg.arch for v in started[0].variants()] == ["conv"] * 6
    linked = AppTest.from_file(APP, default_timeout=TIMEOUT)
    linked.run()
    linked.switch_page("pages/beta_lab.py")
    linked.query_params.update({"arch": "mlp-128-64"})
    linked.run()
    assert linked.selectbox(key="bl_arch").value == "mlp-128-64"


@pytest.mark.parametrize("text, message", [
    ("1, abc", "'abc' is not a number"),
    ("1, -2", "≥ 0"),
    ("", "at least one number"),
    (", ".join(str(i) for i in range(13)), "at most 12"),
    ("1, 1", "only once"),
])
def test_bad_betas_are_explained(env, text, message):
    at = open_page("pages/beta_lab.py")
    at.text_input(key="bl_betas").set_value(text).run()
    assert message in texts(at.error)
    assert not any(b.key == "cmp_start_beta" for b in at.button)  # nothing to start
    assert not running_sweeps()


def test_schedule_sweep_draws_capacity_on_its_own_axis(env):
    at = open_page("pages/beta_lab.py")
    at.multiselect(key="bl_schedules").set_value(["warmup", "capacity"]).run()
    at.number_input(key="bl_s_epochs_mnist-5k").set_value(2).run()
    start_and_wait(at, "schedule")
    assert any("trained 2 models" in str(s.value) for s in at.success)
    fig = chart(at, "bl_schedule_curves")
    by_name = {}
    for trace in fig["data"]:
        by_name.setdefault(trace["name"], []).append(trace.get("yaxis", "y"))
    beta_axis = by_name["warmup"][0]  # row 1: β of the schedules that scale the KL
    assert beta_axis not in by_name["capacity: target C(t)"] + by_name["capacity: γ"]
    assert by_name["capacity: γ"] != by_name["capacity: target C(t)"]  # γ: a right axis
    target = next(t for t in fig["data"] if t["name"] == "capacity: target C(t)")
    assert target["y"][0] < 1.0 and target["y"][-1] == pytest.approx(25.0, rel=0.05)
    titles = [a["text"] for a in fig["layout"]["annotations"]]
    assert titles[0] == "β per step (constant, warm-up, cyclical, free bits)"


@pytest.mark.parametrize("page, network", [
    ("pages/bce_vs_mse.py", "MLP 128-64, latent size K = 8 (the Train page"),
    ("pages/beta_lab.py", "MLP 256-128, latent size K = 8, the network of the Train page and "
                          "the lessons")])
def test_the_sweeps_name_their_network(env, page, network):
    """Both compare pages say which network their models have (the schedules tab and the
    likelihood comparison have no choice of it); the β lab's is the lessons'."""
    at = open_page(page)
    notes = " ".join(c.value for c in at.caption)
    assert "Every model here: " + network in notes


def test_likelihood_sweep_compares_bce_and_mse(env):
    at = open_page("pages/bce_vs_mse.py")
    at.number_input(key="bm_epochs_mnist-5k").set_value(2).run()
    start_and_wait(at, "likelihood")
    table = next(d.value for d in at.dataframe if "bce" in list(d.value["Model"]))
    assert list(table["Model"]) == ["bce", "mse"]
    assert "not comparable" in " ".join(table.columns)
    assert "do **not** compare" in texts(at.warning)
    assert len(at.tabs[0].latex) == 3  # the σ-as-β derivation, the continuous Bernoulli
    assert "continuous Bernoulli" in texts(at.tabs[0].markdown)

    # shared axes hold only comparable quantities; each likelihood's nats get their own axis
    shared = chart(at, "bm_curves")["data"]
    assert {t["meta"]["quantity"] for t in shared} == {"pixel_mse", "pixel_bce", "test_kl"}
    own = chart(at, "bm_own_nats")["data"]
    assert [t["meta"]["model"] for t in own] == ["bce", "mse"]
    assert len({t.get("yaxis", "y") for t in own}) == 2
    # the error scale starts at 0 with white, the page's colour
    heat = chart(at, "bm_err_")["data"][0]
    assert heat["zmin"] == 0 and heat["colorscale"][0][1] in ("rgb(255,245,240)", "#fff5f0")

    # the blurry Gaussian explained, and one click to try a smaller σ
    assert "With σ = 0.71 its loss is ‖x − x̂‖² + 2σ²·KL up to a constant: β = 2σ² = 1.00" \
        in texts(at.info)
    at.button(key="bm_try_sigma").click().run()
    assert not at.exception, at.exception
    assert at.slider(key="bm_sigma").value == pytest.approx(0.1)
    assert "σ is now 0.1" in texts(at.caption)


def test_pitfalls_reproduce_posterior_collapse(env):
    at = open_page("pages/bce_vs_mse.py")
    start_and_wait(at, "pitfall")
    # AppTest runs may share session-scoped caches, so earlier tests' sweeps can show too
    table = next(d.value for d in at.dataframe if "KL without its minus sign" in
                 list(d.value["Model"]))
    active = dict(zip(table["Model"], table["Active units"]))
    assert "e+" in dict(zip(table["Model"], table["KL (nats)"]))["KL without its minus sign"]
    assert active["recon mean over pixels (effective β × pixels)"].startswith("0 /")
    assert not active["correct (sum over pixels, the KL formula with its leading −½)"].startswith(
        "0 /")


@pytest.mark.parametrize("lang, tab, title", [
    ("English", "Common mistakes in tutorials", "1. The KL written without its leading minus"),
    ("中文", "教程中的常见错误", "1. KL 漏掉了最前面的负号"),
])
def test_the_mistakes_tab_renders_in_both_languages(env, lang, tab, title):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state[LANG_KEY] = lang
    at.run()
    at.switch_page("pages/bce_vs_mse.py")
    at.run()
    assert not at.exception, at.exception
    mistakes = next(t for t in at.tabs if t.label == tab)
    titles = [m.value for m in mistakes.markdown if m.value.startswith("**")]
    assert len(titles) == 8 and titles[0] == f"**{title}**"
    assert len(mistakes.code) >= 6 and len(mistakes.latex) >= 6  # wrong and right, each
    assert {b.key for b in mistakes.button} == {"mk_run_kl_sign", "mk_run_keras_mean"}


def test_a_mistake_is_reproduced_in_one_click(env):
    at = open_page("pages/bce_vs_mse.py")
    at.number_input(key="bm_p_epochs").set_value(1).run()
    at.button(key="mk_run_kl_sign").click().run()
    assert not at.exception, at.exception
    sweeps = running_sweeps()
    assert len(sweeps) == 1, texts(at.error) + texts(at.warning)
    assert sweeps[0].spec.values == ("correct", "kl_sign_bug")  # just that mistake
    assert sweeps[0].spec.train_cfg.epochs == 1  # the Pitfalls tab's epochs
    sweeps[0].join(TIMEOUT)
    at.run()
    assert "in the **Pitfalls** tab" in texts(at.caption)
    assert any("KL without its minus sign" in list(d.value["Model"]) for d in at.dataframe)


@pytest.mark.parametrize("active, k, shown", [(0, 8, True), (3, 8, True), (4, 8, False),
                                              (8, 8, False), (None, 8, False)])
def test_collapse_is_named_only_when_few_units_are_active(active, k, shown):
    assert collapse.few_active(active, k) is shown


@pytest.mark.parametrize("beta, collapsed", [(500.0, True), (1.0, False)])
def test_a_train_run_that_collapses_says_so(env, beta, collapsed):
    at = open_page("pages/train.py")
    at.number_input(key="tr_beta").set_value(beta)
    at.number_input(key="tr_epochs").set_value(2).run()
    at.button(key="train_start").click().run()
    job = state.job_registry().jobs()[-1]
    job.join(TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    warning = texts(at.warning)
    assert ("Posterior collapse" in warning) is collapsed, warning
    assert ("Lesson 7" in " ".join(p.proto.label for p in at.get("page_link"))) is collapsed
    assert "Cov over x of E[z_u] > 0.01" in texts(at.caption)  # what active units counts


def test_a_failed_sweep_and_its_failed_models_are_worded_in_the_readers_language(
        digits, monkeypatch):
    import dataclasses

    from ui.compare import sweeps as compare
    from ui.shell import i18n
    from vae_core.config import DataConfig, ModelConfig, TrainConfig
    from vae_core.jobs import TrainingJob
    from vae_core.sweeps import SweepSnapshot

    job = TrainingJob(ModelConfig(hidden=(8,), latent_dim=2), DataConfig(),
                      TrainConfig(epochs=1), data=digits).start()
    job.join()
    failed = dataclasses.replace(job.snapshot(), status="failed", code="failed",
                                 params={"error": "RuntimeError: boom"})
    snap = SweepSnapshot(status="failed", message="the sweep failed with an error: X",
                         labels=("β=1", "β=4"), jobs=(job.snapshot(), failed), n_results=1,
                         elapsed_s=1.0, progress=1.0, code="failed", params={"error": "X"})
    monkeypatch.setattr(i18n, "current_language", lambda: "zh")
    assert [rendered(line) for line in compare.failure_lines(snap)] == [
        "β=4: 训练出错而失败：RuntimeError: boom"]
    assert compare.sweep_words(snap) == "X"  # the page's own sentence says it failed
