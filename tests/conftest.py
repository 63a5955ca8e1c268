import sys

import pytest
import torch

from vae_core.config import DataConfig
from vae_core.data import load_dataset

torch.set_num_threads(1)  # small models: 2 threads spin badly on a loaded 2-core box

BROWSER_DIR = "tests/e2e/"


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist: unknown to a run without it
def pytest_xdist_make_scheduler(config, log):
    """The suite's two workers (``-n 2`` in pyproject.toml): the browser tests one after
    another in one of them (their servers and Chromium already use both cores, and two of
    them at once starve each other's pages), every other test wherever a worker is free.

    A scheduler rather than ``xdist_group`` marks: pytest 9 names a test by ``Node._id``, and
    xdist 3.8's ``--dist loadgroup`` still renames ``_nodeid``, so its groups are ignored."""
    from xdist.scheduler import LoadScopeScheduling

    class BrowserTestsInOneWorker(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "browser" if nodeid.startswith(BROWSER_DIR) else nodeid

    return BrowserTestsInOneWorker(config, log)


@pytest.fixture(scope="session")
def digits():
    return load_dataset(DataConfig(dataset="digits"))


@pytest.fixture
def zh(monkeypatch):
    """The UI words what it shows in 中文 (``tests.support.use_language``)."""
    from tests.support import use_language

    use_language(monkeypatch, "zh")


@pytest.fixture(autouse=True)
def navigation_mode(monkeypatch):
    """Every AppTest runs app.py in ``st.navigation`` mode, as a real server does (see
    ``tests.support.keep_navigation_mode``); one fixture here instead of one per test file."""
    from tests.support import keep_navigation_mode

    keep_navigation_mode(monkeypatch)


@pytest.fixture(autouse=True)
def keep_main_module():
    """AppTest runs the app as ``__main__`` and leaves it there: a later test that starts
    processes with the spawn method (``test_distributed``) would then run the whole app in
    each child (its ``__main__`` is re-run there) and fail outside a Streamlit session."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture(autouse=True)
def fresh_session_resources():
    """Every AppTest runs as the same session ("test session id"), so a session-scoped
    ``st.cache_resource`` (a session's sweeps, its job slot, its comparisons) would outlive the
    test that made it and show up in the next one. A real server gives each tab its own."""
    yield
    import streamlit as st

    from ui.classroom import database

    st.cache_resource.clear()
    database.forget_stores()  # each test's class database is its own


@pytest.fixture
def pretrained_env(tmp_path, monkeypatch):
    """The app as its server runs it, with the shipped pretrained models and an empty library
    (``tests.support.server_like_env``)."""
    from tests.support import server_like_env

    with server_like_env(tmp_path, monkeypatch, pretrained=True) as env:
        yield env

