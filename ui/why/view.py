"""The "Why variational?" view: a plain autoencoder and a VAE trained side by side (one
background job, ``vae_core.analysis.why_variational``), their latent maps, prior samples,
interpolations and the share of prior samples that are digits.

``render(embedded=False)`` draws the whole view; the page calls it, and a lesson can embed it
(``embedded=True`` leaves out the title). The session's comparison lives in ``ui.shell.state``
(``why_run``), so it survives page switches.
"""

from __future__ import annotations

import math
from typing import Any

import streamlit as st

from ui.shell import compute_budget, job_panel, start_errors, state
from ui.shell.figures import image_grid
from ui.why import runs as why_runs
from ui.why.figures import class_legend, latent_map
from ui.why.strings import WHY
from vae_core.analysis.why_variational import (
    DEFAULT_DATA,
    DEFAULT_LATENT,
    DEFAULT_TRAIN,
    KINDS,
    N_SHOWN,
    WhyResult,
    WhyVariational,
    default_spec,
)
from vae_core.sweeps import MAX_SWEEP_EPOCHS

LATENTS = (2, 4, 8, 16)
SEED_MAX = 10_000
STRIP_PX = 56          # interpolation images: 28×28 × 2, so a strip of 8 fits half a page
WEAK_GAP = 0.05        # a VAE share less than this above the autoencoder's: say so
RATIO_FROM = 0.02      # below this share the autoencoder's is noise: no "n× as often"


def render(embedded: bool = False) -> None:
    """The whole view: explanation, inputs, Train both with progress, then the results."""
    if not embedded:
        st.title(WHY["title"])
    st.markdown(WHY["intro"])
    run = why_runs.why_run()
    result = run.result() if run is not None and not run.is_alive() else None
    with st.expander(WHY["why_title"], expanded=result is None):
        st.markdown(WHY["why_text"])
        if result is not None:
            vae, ae = result["vae"].summary, result["ae"].summary
            st.markdown(WHY["price"].format(kl=vae.get("test_kl", math.nan),
                                            vae=vae.get("test_recon", math.nan),
                                            ae=ae.get("test_recon", math.nan)))
    epochs, latent, seed = _inputs()
    _controls(epochs, latent, seed)
    result = _progress(why_runs.why_run())
    if result is not None:
        _results(result)


def _inputs() -> tuple[int, int, int]:
    c1, c2, c3 = st.columns(3)
    epochs = c1.number_input(WHY["epochs"], 1, MAX_SWEEP_EPOCHS, DEFAULT_TRAIN.epochs,
                             key="why_epochs", help=WHY["epochs_help"].format(
                                 max=MAX_SWEEP_EPOCHS))
    latent = c2.selectbox(WHY["latent"], LATENTS, index=LATENTS.index(DEFAULT_LATENT),
                          key="why_latent", help=WHY["latent_help"])
    seed = c3.number_input(WHY["seed"], 0, SEED_MAX, 0, key="why_seed", help=WHY["seed_help"])
    return int(epochs), int(latent), int(seed)


def _launch(epochs: int, latent: int, seed: int) -> bool:
    def begin() -> None:
        data = state.load_data(DEFAULT_DATA)
        spec = default_spec(data.input_shape, epochs=epochs, latent_dim=latent, seed=seed)
        compute_budget.check(spec.model_cfg, data.n_train, epochs, models=2)  # AE and VAE
        why_runs.start_why(lambda: WhyVariational(spec, data=data))

    started, _ = start_errors.start_or_explain(begin, WHY)
    return started


def _controls(epochs: int, latent: int, seed: int) -> None:
    run = why_runs.why_run()
    running = run is not None and run.is_alive()
    buttons = st.container(horizontal=True)  # wraps instead of cutting labels at 800 px
    if buttons.button(WHY["start"], type="primary", icon=":material/play_arrow:", disabled=running,
                 key="why_start") and _launch(epochs, latent, seed):
        st.rerun()
    if running:
        buttons.button(WHY["stop"], icon=":material/stop:", key="why_stop",
                  on_click=lambda: run.stop(timeout=2.0))


def _status(code: str) -> str:
    return WHY["status"].get(code, code)


def _progress(run: Any) -> WhyResult | None:
    """Poll a running comparison (a fragment: one bar overall, one per model); once it has
    ended say how it went and return its result (None while it runs, or when there is none)."""
    def draw(snap: Any) -> None:
        st.progress(snap.progress, text=WHY["progress"].format(status=_status(snap.status),
                                                               elapsed=snap.elapsed_s))
        if not snap.ended:
            names = WHY["names"]
            for col, kind, job in zip(st.columns(len(KINDS)), KINDS, snap.jobs):
                col.progress(job.progress, text=WHY["model_progress"].format(
                    name=names[kind], status=_status(job.status), epoch=job.epoch,
                    epochs=run.spec.train_cfg.epochs))

    if not job_panel.live_panel(run, idle=WHY["idle"], draw=draw):
        return None
    snap = run.snapshot()
    if snap.status == "failed":
        st.error(WHY["failed"].format(error=snap.params.get("error", "")))
        return None
    result = run.result()
    if result is None:
        st.info(WHY["stopped"])
        return None
    st.success(WHY["done"].format(total=snap.elapsed_s, vae=result["vae"].train_s,
                                  ae=result["ae"].train_s))
    return result


# -- the results ---------------------------------------------------------------------------------
def _results(result: WhyResult) -> None:
    _shares(result)
    names = WHY["names"]
    st.subheader(WHY["maps_title"])
    st.markdown(WHY["maps_text"])
    same = st.toggle(WHY["same_scale"], value=True, key="why_same_scale",
                     help=WHY["same_scale_help"])
    prior_radius = math.sqrt(result["vae"].model.latent_dim)
    st.plotly_chart(class_legend(result.labels, result.class_names), key="why_legend",
                    config={"displayModeBar": False, "staticPlot": True})
    for col, kind in zip(st.columns(len(KINDS)), KINDS):
        view = result[kind]
        with col:
            st.markdown(f"**{names[kind]}** · {WHY['loss'][kind]}")
            fig = latent_map(view.coords, result.labels, result.class_names,
                             limit=result.limit if same else None,
                             axis_titles=(WHY["axis_1"].format(share=view.explained[0]),
                                          WHY["axis_2"].format(share=view.explained[1])))
            st.plotly_chart(fig, key=f"why_map_{kind}")
            st.caption(WHY["radius"].format(radius=view.code_radius, prior=prior_radius))
    _images(result)
    st.subheader(WHY["numbers"])
    st.dataframe(_rows(result), hide_index=True)


def _shares(result: WhyResult) -> None:
    st.subheader(WHY["share_title"])
    st.markdown(WHY["share_text"].format(n=f"{result.n_scored:,}", threshold=result.threshold))
    names, cols = WHY["names"], st.columns(len(KINDS) + 1)
    for col, kind in zip(cols, KINDS):
        share = result[kind].prior_share
        col.metric(names[kind], f"{share:.1%}",
                   help=WHY["share_help"].format(n=f"{result.n_scored:,}",
                                                 threshold=result.threshold))
        if result.ceiling > 0:
            col.caption(WHY["of_ceiling"].format(ratio=share / result.ceiling))
    cols[-1].metric(WHY["ceiling"], f"{result.ceiling:.1%}",
                    help=WHY["ceiling_help"].format(n=f"{len(result.labels):,}"))
    vae, ae = result["vae"].prior_share, result["ae"].prior_share
    if ae > vae:  # after a few epochs (5 here: VAE 2 %, autoencoder 12 %)
        st.warning(WHY["verdict_reversed"].format(vae=vae, ae=ae))
    elif vae - ae < WEAK_GAP:
        st.warning(WHY["verdict_weak"].format(vae=vae, ae=ae))
    elif ae >= RATIO_FROM:
        st.success(WHY["verdict"].format(vae=vae, ae=ae, ceiling=result.ceiling,
                                         times=f"{vae / ae:.0f}×"))
    else:
        st.success(WHY["verdict_none"].format(vae=vae, ae=ae, ceiling=result.ceiling))


def _images(result: WhyResult) -> None:
    run, names = why_runs.why_run(), WHY["names"]
    st.subheader(WHY["samples_title"])
    for col, kind in zip(st.columns(len(KINDS)), KINDS):
        grid = why_runs.why_memo((id(run), kind, "samples"), lambda k=kind: image_grid(
            result[k].prior_images, nrow=int(math.sqrt(N_SHOWN))))
        col.image(grid, output_format="PNG", caption=names[kind])
    st.caption(WHY["samples_caption"].format(seed=run.spec.prior_seed))
    st.subheader(WHY["interp_title"])
    for col, kind in zip(st.columns(len(KINDS)), KINDS):
        strip = why_runs.why_memo((id(run), kind, "strip"), lambda k=kind: image_grid(
            result[k].interpolation, nrow=len(result[k].interpolation), px=STRIP_PX))
        col.image(strip, output_format="PNG", caption=names[kind])
    a, b = result.pair
    cn = result.class_names
    st.caption(WHY["interp_caption"].format(a=a, b=b, la=cn[int(result.labels[a])],
                                            lb=cn[int(result.labels[b])],
                                            n=len(result["vae"].interpolation)))


def _rows(result: WhyResult) -> list[dict]:
    names, rows = WHY["names"], []
    for kind in KINDS:
        view = result[kind]
        s = view.summary
        rows.append({WHY["model"]: names[kind],
                     WHY["recon"]: f"{s.get('test_recon', math.nan):.1f}",
                     WHY["kl"]: f"{s.get('test_kl', math.nan):.1f}",
                     WHY["share_short"]: f"{view.prior_share:.1%}",
                     WHY["radius_short"]: f"{view.code_radius:.1f}",
                     WHY["train_s"]: WHY["seconds"].format(s=view.train_s)})
    return rows
