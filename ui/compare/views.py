"""The Compare pages' views of a sweep's results: the table, the clickable rate–distortion
plane, one β model in detail (with posterior collapse named), saving, and the pitfalls."""

from __future__ import annotations

import numpy as np
import streamlit as st

from ui.compare import figures as compare_figures
from ui.compare.figures import fmt
from ui.compare.strings import BETA, COMPARE_TABLE, LIKELIHOOD, SWEEP
from ui.compare.sweeps import label, recon_image, sample_image, token, traversal_image
from ui.shell import collapse, downloads, figures, model_store, state
from ui.shell.config_words import measure_words
from ui.shell.strings import COLLAPSE
from vae_core.config import DataConfig
from vae_core.data import DataBundle
from vae_core.evaluation import active_kl
from vae_core.sweeps import SweepResult

SAVE_FIELD_PX = 240  # each of the save row's two fields


def save_problem(exc: Exception) -> str:
    """Why a sweep's model was not saved, in the reader's language: the library words its own
    refusals (``CheckpointError``, ``UnsafeName``, "exists"); an OS error names the file and
    keeps the OS's reason (``model_store.os_problem``) inside the page's sentence."""
    problem = model_store.os_problem(exc)
    if problem is not None:
        return SWEEP["save_os_error"].format(**problem)
    return SWEEP["save_error"].format(error=model_store.error_text(exc))


def _active_kl_words(summary: dict) -> str:
    """The KL of each unit the active count counts (a count alone calls a unit of 0.05 nats as
    active as one of 2); "—" for models measured before the Cov per dim was kept."""
    kl, var = summary.get("kl_per_dim") or [], summary.get("mu_var_per_dim") or []
    if not var or len(var) != len(kl):
        return "—"
    return ", ".join(f"{v:.2f}" for v in active_kl(kl, var)) or "—"


def summary_rows(results: list[SweepResult], *, comparable_elbo: bool = True) -> list[dict]:
    rows = []
    # a model whose pixel errors or MIG could not be measured says why in place of the
    # numbers; the column appears only when some model was not measured, so a sweep's usual
    # table stays narrow
    noted = any(measure_words(r.summary) is not None for r in results)
    for r in results:
        s = r.summary
        k = len(s.get("kl_per_dim", ())) or r.model_cfg.latent_dim
        active = f"{s['active_units']} / {k}" if "active_units" in s else "—"
        row = {COMPARE_TABLE["model"]: label(r.label),
               COMPARE_TABLE["status"]: SWEEP["status"].get(r.status, r.status),
               COMPARE_TABLE["elbo" if comparable_elbo else "elbo_nc"]: fmt(s.get("test_elbo")),
               COMPARE_TABLE["recon" if comparable_elbo else "recon_nc"]: fmt(s.get("test_recon")),
               COMPARE_TABLE["kl"]: fmt(s.get("test_kl")),
               COMPARE_TABLE["active"]: active,
               COMPARE_TABLE["active_kl"]: _active_kl_words(s),
               COMPARE_TABLE["pixel_mse"]: fmt(s.get("pixel_mse"), 4),
               COMPARE_TABLE["pixel_bce"]: fmt(s.get("pixel_bce"), 4),
               COMPARE_TABLE["eff_beta"]: fmt(s.get("effective_beta"))}
        if "mig" in s:
            row[COMPARE_TABLE["mig"]] = fmt(s["mig"])
        if noted:
            row[COMPARE_TABLE["not_measured"]] = measure_words(s) or ""
        rows.append(row)
    return rows


def rd_plane(results: list[SweepResult], *, key: str) -> SweepResult | None:
    """The clickable rate–distortion plane; returns the selected model (default: β closest
    to 1)."""
    plotted, points, skipped = [], [], []
    for r in results:
        try:
            points.append(r.rd_point())
            plotted.append(r)
        except (ValueError, KeyError):
            skipped.append(label(r.label))
    if skipped:
        st.caption(BETA["not_plotted"].format(labels=", ".join(skipped)))
    if not plotted:
        return None
    chosen = _selected_index(key)
    by_index = {r.index: r for r in plotted}
    if chosen not in by_index:
        chosen = min(plotted, key=lambda r: abs(np.log((r.value or 1e-3) + 1e-3))).index
    collapsed = [r for r in plotted if r.summary.get("active_units") == 0]
    fig = compare_figures.rd_figure(points, [r.index for r in plotted], selected=chosen,
                       collapsed={r.index for r in collapsed})
    downloads.chart(fig, BETA["rd_title"], key=key, on_select="rerun",
                    selection_mode=("points",))
    st.caption(BETA["rd_caption"])
    if collapsed:
        st.warning(COLLAPSE["models"].format(labels=", ".join(label(r.label) for r in collapsed)),
                   icon=":material/compress:")
        st.page_link(collapse.LESSON, label=COLLAPSE["lesson"], icon=":material/bookmark:")
    return by_index[chosen]


def _selected_index(key: str) -> int | None:
    event = st.session_state.get(key)
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return None
    for p in points:
        data = p.get("customdata")
        if isinstance(data, dict):  # a (n, 1) customdata row arrives as {"0": index}
            data = next(iter(data.values()), None)
        if isinstance(data, (list, tuple)) and data:
            data = data[0]
        if isinstance(data, (int, float)):
            return int(data)
    return None


def beta_model_view(kind: str, res: SweepResult, data: DataBundle) -> None:
    s = res.summary
    k = len(s.get("kl_per_dim", ())) or res.model.latent_dim
    st.markdown(BETA["selected"].format(
        label=label(res.label), elbo=fmt(s.get("test_elbo")), recon=fmt(s.get("test_recon")),
        kl=fmt(s.get("test_kl")), active=s.get("active_units", "—"), k=k))
    st.caption(collapse.au_help())
    collapse.collapse_note(s.get("active_units"), k)
    c1, c2 = st.columns(2)
    name = label(res.label)
    downloads.grid(recon_image(kind, res, data), f"{BETA['recons']} · {name}", where=c1,
                   key=f"{kind}_recons_{res.index}")
    downloads.grid(sample_image(kind, res), f"{BETA['samples']} · {name}", where=c2,
                   key=f"{kind}_samples_{res.index}")
    c1, c2 = st.columns(2)
    with c1:
        grid, dims = traversal_image(kind, res)
        if grid is None:
            st.info(BETA["no_traversal"])
        else:
            downloads.grid(grid, BETA["traversal"].format(
                dims=", z".join(str(d + 1) for d in dims)) + f" · {name}",
                key=f"{kind}_traversal_{res.index}")
    with c2:
        st.markdown(f"**{BETA['kl_title']}**")
        downloads.chart(figures.kl_bars(s.get("kl_per_dim", []), s.get("mu_var_per_dim")),
                        f"{BETA['kl_title']} · {name}", key=f"{kind}_kl_{res.index}")
    problem = measure_words(s)
    if problem is not None:
        st.warning(BETA["not_measured"].format(error=problem), icon=":material/error:")
    elif "mig_per_factor" in s:
        st.markdown(f"**{BETA['mig_title']}**")
        st.plotly_chart(figures.mig_bars(s["mig_per_factor"], s.get("mig_top_latent", {})),
                        key=f"{kind}_mig_{res.index}")
        st.caption(BETA["mig_caption"].format(score=s.get("mig", float("nan"))))
    else:
        st.caption(BETA["no_mig"])


def save_box(kind: str, results: list[SweepResult], data_cfg: DataConfig) -> None:
    """Save one model of the sweep into the library (it then shows in the sidebar picker)."""
    keep = [r for r in results if r.model is not None]
    if not keep:
        return
    st.subheader(SWEEP["save_title"])
    # a row that wraps, so that at 800 px the button goes under the fields whole (in a third
    # column its label was cut)
    row = st.container(horizontal=True, vertical_alignment="bottom")
    names = {r.index: label(r.label) for r in keep}
    res = row.selectbox(SWEEP["save_which"], keep, format_func=lambda r: names[r.index],
                        key=f"cmp_save_which_{kind}_{token(kind)}", width=SAVE_FIELD_PX)
    name = row.text_input(SWEEP["save_name"], value=f"{data_cfg.dataset} {res.label}",
                          key=f"cmp_save_name_{kind}_{token(kind)}_{res.index}",
                          max_chars=model_store.MAX_NAME, width=SAVE_FIELD_PX)
    memo_key = f"cmp_{kind}"
    if row.button(SWEEP["save"], icon=":material/save:", key=f"cmp_save_{kind}"):
        try:
            path = model_store.save_model(res.model, name, model_store.library_dir(),
                                          data_cfg=data_cfg, train_cfg=res.train_cfg,
                                          summary=_json_summary(res), owner=state.owner_token())
        except (ValueError, OSError) as exc:
            state.remember_saved(memo_key, None)
            st.error(save_problem(exc))
        else:
            state.remember_saved(memo_key, SWEEP["saved"].format(file=path.name))
            st.rerun()  # redraw the picker with the new file
    message = state.saved_message(memo_key)
    if message:
        st.success(message)


def _json_summary(res: SweepResult) -> dict:
    """The summary without values a checkpoint header cannot hold (nested dicts stay)."""
    return {k: v for k, v in res.summary.items()
            if isinstance(v, (int, float, str, list, tuple, dict, bool)) or v is None}


def pitfall_view(results: list[SweepResult], data: DataBundle) -> None:
    """Correct loss next to the mistakes: reconstructions, samples, KL and active units."""
    for col, res in zip(st.columns(len(results)), results):
        s = res.summary
        k = len(s.get("kl_per_dim", ())) or res.model_cfg.latent_dim
        with col:
            st.markdown(f"**{label(res.label)}**")
            c1, c2 = st.columns(2)
            c1.metric(COMPARE_TABLE["kl"], fmt(s.get("test_kl")))
            c2.metric(COMPARE_TABLE["active"], f"{s.get('active_units', '—')} / {k}",
                      help=collapse.au_help())
            if collapse.few_active(s.get("active_units"), k):
                st.page_link(collapse.LESSON, label=COLLAPSE["lesson"],
                             icon=":material/bookmark:")
            kl = s.get("test_kl")
            if isinstance(kl, (int, float)) and abs(kl) > 1e6:
                st.warning(LIKELIHOOD["big_number"])
            st.image(recon_image("pitfall", res, data), caption=BETA["recons"])
            st.image(sample_image("pitfall", res), caption=BETA["samples"])
