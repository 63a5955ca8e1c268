"""The Train page with runs shared between sessions (ui.shell.shared_runs): a run started while
the same one trains is joined, one that finished comes back at once (from memory, then from
the run cache on disk after a restart), and a member's β change forks it."""

from __future__ import annotations

import time

import pytest
import streamlit as st
import torch

from tests.support import server_like_env
from tests.test_pages import open_app, slot, texts, wait_for_job


@pytest.fixture
def env(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=False) as e:
        yield e


def _start(at, epochs):
    at.number_input(key="tr_epochs").set_value(epochs)
    at.button(key="train_start").click().run()
    assert not at.exception


def _same_weights(a, b):
    sa, sb = a.state_dict(), b.state_dict()
    return sa.keys() == sb.keys() and all(torch.equal(sa[k], sb[k]) for k in sa)


def test_the_same_run_again_is_served_at_once_and_survives_a_restart(env):
    first = open_app("pages/train.py")
    _start(first, 2)
    wait_for_job(first)
    assert slot(first).how == "new" and "Finished 2 epochs" in texts(first.success)
    again = open_app("pages/train.py")
    t0 = time.perf_counter()
    _start(again, 2)
    served_s = time.perf_counter() - t0
    assert slot(again).how == "cached" and slot(again).job is slot(first).job
    assert "already trained on this server" in texts(again.caption)
    again.run()  # the rerun that turns the ended run into this session's model
    assert "Finished 2 epochs" in texts(again.success) and not again.exception
    assert again.sidebar.selectbox[0].value == "session:1"
    assert served_s < 30  # no training: one page run (generous for a busy machine)
    kept = slot(first).job.final_model()
    assert (env.library / ".run-cache").is_dir()
    st.cache_resource.clear()  # a restarted server: the table in memory is gone, the disk not
    later = open_app("pages/train.py")
    _start(later, 2)
    assert slot(later).how == "cached" and slot(later).job is not slot(first).job
    assert _same_weights(slot(later).job.final_model(), kept)
    assert "已" not in texts(later.caption)  # English page, English words


def test_a_run_under_way_is_joined_and_a_beta_change_forks_it(env):
    a = open_app("pages/train.py")
    _start(a, 300)
    b = open_app("pages/train.py")
    _start(b, 300)
    try:
        shared = slot(a).job
        assert slot(b).how == "joined" and slot(b).job is shared
        assert "2 sessions share it" in texts(b.caption)
        b.number_input(key=f"live_beta_{id(shared)}").set_value(4.0).run()
        assert not b.exception
        fork = slot(b).job
        assert fork is not shared and slot(a).job is shared
        deadline = time.monotonic() + 60
        while fork.snapshot().beta != 4.0 or not fork.snapshot().steps:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert shared.snapshot().beta == 1.0 and shared.is_alive()
        assert fork.snapshot().steps[0].step == 1  # its curves begin with the shared steps
    finally:
        slot(a).stop()
        slot(b).stop()
