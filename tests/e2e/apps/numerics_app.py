"""A page with every zoo model's weights mounted through the real latent component, for the
JS-vs-torch numerics test (``tests/e2e/test_pointer_e2e.py``)."""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repo root: ui, vae_core

from ui.explore import latent
from vae_core.checkpoints import load_checkpoint  # noqa: E402
from vae_core.zoo import ASSETS_DIR, load_index  # noqa: E402

for item in load_index():
    ckpt = load_checkpoint(ASSETS_DIR / item["file"])
    ok = latent.weights(item["name"], ckpt.model, encoder=True)
    st.write(f"{item['name']}: {'ok' if ok else 'unsupported'}")
st.write("all mounted")
