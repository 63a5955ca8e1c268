"""Text from outside renders as text in Chromium: a settings link's values and names, a lesson
link, and a crafted model file's name and dataset in the sidebar card make no link, image,
heading or formula, and no request leaves the page."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
import torch

from tests.e2e.conftest import APP_IDLE, DRAWN, LAUNCH_ARGS, TIMEOUT_MS  # noqa: F401
from tests.test_inert import PAYLOADS
from vae_core.checkpoints import save_checkpoint
from vae_core.config import DataConfig, ModelConfig
from vae_core.models import build_model

pytestmark = pytest.mark.e2e
EVIL = ("evil.invalid", "127.0.0.3")
# the page as a student sees it: any element that input could have turned into markup
FOUND = """() => {
  const root = document.querySelector("[data-testid='stApp']");
  const hrefs = [...root.querySelectorAll("a")].map(a => a.href);
  const srcs = [...root.querySelectorAll("img")].map(i => i.src);
  const headings = [...root.querySelectorAll("h1, h2, h3, h4, h5, h6")].map(h => h.textContent);
  const katex = [...root.querySelectorAll(".katex")].map(k => k.textContent);
  const tall = [...root.querySelectorAll("[data-testid='stAlert']")]
      .map(a => a.getBoundingClientRect().height);
  return {hrefs, srcs, headings, katex, tall, text: root.innerText};
}"""


@pytest.fixture
def crafted_server(start_server, tmp_path):
    """A server whose only model is a crafted file: Markdown in its name and dataset."""
    library, assets = tmp_path / "library", tmp_path / "assets"
    library.mkdir()
    assets.mkdir()
    torch.manual_seed(0)
    model = build_model(ModelConfig(input_shape=(1, 8, 8), hidden=(8,), latent_dim=2))
    save_checkpoint(library / "crafted.safetensors", model,
                    data_cfg=DataConfig(dataset="upload:![i](http://127.0.0.3:9/b.png)",
                                        upload_hash="0" * 16),
                    name="[Log in again](http://evil.invalid) www.evil.invalid")
    with start_server(library, max_jobs=1, log_name="e2e-inert",
                      env={"VAE_LAB_ASSETS": str(assets)}) as srv:
        yield srv


def test_outside_text_renders_as_text(browser, crafted_server):
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    left = []
    page.on("request", lambda r: left.append(r.url)
            if not r.url.startswith((crafted_server.url, "data:", "blob:")) else None)
    visits = [("train", {"beta": p}) for p in PAYLOADS[:6]]
    visits += [("train", {PAYLOADS[1]: "1"}), ("beta_lab", {"betas": PAYLOADS[3]}),
               ("bce_vs_mse", {PAYLOADS[2]: PAYLOADS[4]}), ("train", {"epochs": PAYLOADS[-1]}),
               ("", {"lesson": PAYLOADS[0]}), ("", {"lesson": PAYLOADS[3]})]
    try:
        for path, query in visits:
            page.goto(f"{crafted_server.url}/{path}?{urlencode(query)}")
            page.wait_for_selector(f"[data-testid='stMain'] {DRAWN}", timeout=TIMEOUT_MS * 2)
            page.wait_for_selector("[data-testid='stAlert']")
            page.wait_for_selector(APP_IDLE)
            page.wait_for_timeout(300)  # KaTeX and images would render after the run
            seen = page.evaluate(FOUND)
            where = f"/{path}?{list(query)[0][:20]}"
            # (the page's own heading anchors repeat its address, query string included)
            links = [h for h in seen["hrefs"] if not h.startswith(crafted_server.url)]
            assert not [h for h in links if any(e in h for e in EVIL)], where
            assert not [s for s in seen["srcs"] if any(e in s for e in EVIL)], where
            assert "SERVER WARNING" not in " ".join(seen["headings"]), where
            assert "HACKED" not in " ".join(seen["katex"]), where
            assert max(seen["tall"], default=0) < 300, where  # a 10 kB value is cut
            # shown as the characters it is: the text a student reads holds the payload
            assert ("[Session expired" in seen["text"] or "SERVER WARNING" in seen["text"]
                    or "HACKED" in seen["text"] or "www.evil" in seen["text"]
                    or "999" in seen["text"] or "![i]" in seen["text"]), where
        # the crafted model is the selected one: its sidebar card shows its header as text
        sidebar = page.locator("[data-testid='stSidebar']")
        card = sidebar.inner_text().replace("\u2060", "")  # the joiner that stops autolinks
        assert "upload:![i](http://127.0.0.3:9/b.png)" in card
        hrefs = page.evaluate(FOUND)["hrefs"]
        assert not [h for h in hrefs if any(e in h for e in EVIL)
                    and not h.startswith(crafted_server.url)]
        # (Streamlit itself fetches its page icon's font from Google: not input's doing)
        assert [u for u in left if any(e in u for e in EVIL)] == []
    finally:
        context.close()
