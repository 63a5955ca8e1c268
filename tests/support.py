"""Helpers shared by the page tests (AppTest), the browser tests and the tests of worded errors."""

from __future__ import annotations

import contextlib
import re
import string
import time
from pathlib import Path
from types import SimpleNamespace

APP_SCRIPT = str(Path(__file__).resolve().parents[1] / "app.py")  # AppTest.from_file

def keep_navigation_mode(monkeypatch) -> None:
    """AppTest resets ``PagesManager.uses_pages_directory`` before every run, and with a
    ``pages/`` folder that means legacy mode: the page would run without app.py and
    ``ui.shell.state.ensure_shell`` would rerun it, dropping the button click of that run. Keep
    ``st.navigation`` mode, as a real server does once app.py has run."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def rendered(markdown: str) -> str:
    """What a Markdown message reads as in the page: backslash escapes resolved, and the
    invisible joiner that keeps an address from being linked (``ui.shell.inert``) gone."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def use_language(monkeypatch, lang: str) -> None:
    """The UI words what it shows in ``lang`` ("en" or "zh") for the rest of the test."""
    from ui.shell import i18n

    monkeypatch.setattr(i18n, "current_language", lambda: lang)


def chinese_only(text: str) -> None:
    """``text`` is 中文 with no English sentence left in it (names and units may stay)."""
    from tests.i18n_leaks import english_sentences

    assert english_sentences([text]) == [], text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text


def placeholder_values(template: str) -> dict:
    """Any value for each placeholder of ``template`` (a number formats under :g and :,)."""
    return {name.split(".")[0].split("[")[0]: 7
            for _, name, _, _ in string.Formatter().parse(template) if name}


def chinese_of_key(key: str, tables: dict) -> str:
    """The 中文 of a string key ("TABLE.code"), formatted with a value for each placeholder,
    once the English of ``tables["TABLE"]`` has formatted the same way."""
    from ui.shell import i18n

    table, code = key.split(".")[0], key.split(".")[1]
    english = dict(tables[table].items())[code]
    chinese = i18n.translations("zh")[key]
    assert english.format(**placeholder_values(english))
    return chinese.format(**placeholder_values(chinese))


def wait_ended(work, timeout: float = 60.0):
    """The snapshot of a job or sweep once it has finished, stopped, diverged or failed."""
    def ended():
        snap = work.snapshot()
        return snap if snap.status in ("finished", "stopped", "diverged", "failed") else None

    return wait_until(ended, timeout, "the run to end", poll_s=0.02)


def texts(elements) -> str:
    """The values of AppTest elements (warnings, errors, ...) as one string."""
    return " ".join(str(e.value) for e in elements)


def wait_until(condition, timeout_s: float, what: str, poll_s: float = 0.1):
    """Poll ``condition`` until it returns something truthy; that value is returned."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(poll_s)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")


def mutate_bytes(data, blob: bytes, *, edit_within: int | None = None) -> bytes:
    """1-4 Hypothesis-drawn edits of ``blob`` (set, insert, delete a run, truncate) at positions
    below ``edit_within`` (default: anywhere); ``data`` is ``st.data()``'s draw object."""
    from hypothesis import strategies as st

    out = bytearray(blob)
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        limit = min(len(out), edit_within or len(out))
        pos = data.draw(st.integers(0, limit - 1), label="pos")
        op = data.draw(st.sampled_from(["set", "insert", "delete", "truncate"]), label="op")
        if op == "set":
            out[pos] = data.draw(st.integers(0, 255), label="byte")
        elif op == "insert":
            out[pos:pos] = data.draw(st.binary(min_size=1, max_size=8), label="bytes")
        elif op == "delete":
            del out[pos:pos + data.draw(st.integers(1, 8), label="n")]
        else:
            del out[pos:]
        if not out:
            break
    return bytes(out)


@contextlib.contextmanager
def server_like_env(tmp_path, monkeypatch, *, pretrained: bool):
    """The app as its server runs it: one torch thread, an empty library in ``tmp_path``, and
    the shipped pretrained models only if ``pretrained``. On exit every job of the process is
    stopped or unqueued, so no test leaves one running into the next."""
    import torch

    from ui.shell import state

    library, assets = tmp_path / "library", tmp_path / "assets"
    monkeypatch.setenv("VAE_LAB_LIBRARY", str(library))
    if not pretrained:
        assets.mkdir()
        monkeypatch.setenv("VAE_LAB_ASSETS", str(assets))
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # what the app's server uses (ui.shell.jobs.limit_torch_threads)
    try:
        yield SimpleNamespace(path=tmp_path, library=library, assets=assets)
    finally:
        state.job_registry().stop_all(timeout=5)
        torch.set_num_threads(threads)


def plotly_figure(chart) -> dict:
    """The figure an AppTest ``plotly_chart`` element shows, as a dict ({"data": [...], ...}).

    Read it from the parsed JSON, never from the spec's text: how that text escapes non-ASCII
    (σ as ``\\u03c3`` or not) depends on whether orjson is installed."""
    import json

    return json.loads(chart.proto.spec)


def trace_names(chart) -> list[str]:
    """The names of the traces of an AppTest ``plotly_chart`` element, in drawing order."""
    return [trace.get("name", "") for trace in plotly_figure(chart)["data"]]


def digit_zip(per_label: int = 40, digits=(0, 1, 7)) -> bytes:
    """A .zip of real 28×28 MNIST digits as PNGs, one folder per digit ("d0/000.png", ...): what
    a learner would upload as their own images."""
    import io
    import zipfile

    import numpy as np
    from PIL import Image

    from vae_core.data.mnist5k import read_mnist5k

    pixels, labels = read_mnist5k()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for d in digits:
            for i, row in enumerate(np.flatnonzero(labels == d)[:per_label]):
                png = io.BytesIO()
                Image.fromarray(pixels[row].reshape(28, 28)).save(png, format="PNG")
                zf.writestr(f"d{d}/{i:03d}.png", png.getvalue())
    return out.getvalue()


def ramp_zip(per_label: int = 40, side: int = 64) -> bytes:
    """A .zip of ``side``×``side`` greyscale PNGs in three label folders ("c0/000.png", ...):
    smooth ramps, so that the file stays small while its images are large in memory."""
    import io
    import zipfile

    import numpy as np
    from PIL import Image

    ramp = np.add.outer(np.arange(side), np.arange(side)).astype(np.uint8)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for label in range(3):
            for i in range(per_label):
                png = io.BytesIO()
                Image.fromarray(ramp + np.uint8(i + 50 * label)).save(png, format="PNG")
                zf.writestr(f"c{label}/{i:03d}.png", png.getvalue())
    return out.getvalue()


def idx_arrays(n_train: int, n_test: int, seed: int = 0) -> dict:
    """Random MNIST-layout arrays keyed by their IDX file names (train/t10k images and labels),
    for tests that write torchvision's files offline."""
    import numpy as np

    rng = np.random.default_rng(seed)
    return {
        "train-images-idx3-ubyte": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        "train-labels-idx1-ubyte": rng.integers(0, 10, n_train, dtype=np.uint8),
        "t10k-images-idx3-ubyte": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        "t10k-labels-idx1-ubyte": rng.integers(0, 10, n_test, dtype=np.uint8),
    }


def latent_views(at) -> list[tuple[dict, dict]]:
    """(header, arrays) of every latent component (``ui.explore.latent``) an AppTest run
    drew: AppTest cannot run its JS, but its payload says what the browser was sent."""
    from ui.explore.latent import NAME
    from ui.explore.latent.payload import unpack

    return [unpack(el.proto.bytes) for el in at.get("bidi_component")
            if el.proto.component_name == NAME]


def latent_view(at, view: str) -> tuple[dict, dict]:
    """The one latent component showing ``view`` ("plane", "sliders", ...)."""
    (found,) = [(h, a) for h, a in latent_views(at) if h["view"] == view]
    return found


def shown_cells(dataframe) -> list[list[str]]:
    """The cells of an AppTest ``st.dataframe`` as the learner reads them (a Styler's display
    values when the table has one)."""
    import pyarrow as pa

    styler = dataframe.proto.arrow_data.styler
    if styler.display_values:
        frame = pa.ipc.open_stream(styler.display_values).read_all().to_pandas()
    else:
        frame = dataframe.value
    return [[str(v) for v in row] for row in frame.itertuples(index=False)]
