"""Every page keeps the address it has always had: links shared with a class stay valid."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.support import server_like_env

ROOT = Path(__file__).resolve().parents[1]
URLS = {"", "train", "why_variational", "lessons", *(f"lesson_{n}" for n in range(1, 10)),
        "latent_map", "traverse", "applications", "few_labels", "conditional", "beta_lab",
        "bce_vs_mse", "library", "class", "teacher"}


def test_every_page_keeps_its_address(tmp_path, monkeypatch):
    seen: list[str] = []
    navigation = st.navigation

    def recording(pages, **kwargs):
        seen.extend(page.url_path for group in pages.values() for page in group)
        return navigation(pages, **kwargs)

    monkeypatch.setattr(st, "navigation", recording)
    with server_like_env(tmp_path, monkeypatch, pretrained=False):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
    assert not at.exception
    assert sorted(seen) == sorted(URLS)
    assert len(seen) == len(URLS)
