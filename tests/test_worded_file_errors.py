"""A model file the library cannot write, rename or delete says why in the reader's language:
a checkpoint the library's checks refuse, and a save, rename or delete the file system refuses
(a read-only folder, a file where a folder should be). The page names the file or folder, never
the server's path or a temporary file; the OS's own reason is kept as it said it, inside a 中文
sentence that otherwise has no English, and the Library page shows it so."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support import chinese_of_key, chinese_only, server_like_env, use_language
from tests.test_library_ownership import owned_tiny_model
from ui.compare import views as compare_views
from ui.compare.strings import SWEEP
from ui.library.strings import LIBRARY_PAGE
from ui.shell import model_store, state
from ui.shell.i18n import LANG_KEY
from ui.shell.strings import LIBRARY
from vae_core.config import DataConfig, ModelConfig, TrainConfig
from vae_core.models import build_model

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
TIMEOUT = 120


# -- every new key formats in both languages ------------------------------------------------
NEW_KEYS = ["SWEEP.save_os_error", "LIBRARY.os_error"]


@pytest.mark.parametrize("key", NEW_KEYS)
def test_every_new_key_formats_in_both_languages(key):
    chinese_only(chinese_of_key(key, {"SWEEP": SWEEP, "LIBRARY": LIBRARY}))


# -- saving a sweep's model ------------------------------------------------------------------
def test_a_sweep_model_that_cannot_be_saved_is_worded(tmp_path, zh, monkeypatch):
    not_a_folder = tmp_path / "library"
    not_a_folder.write_text("a file where the library folder should be")
    model = build_model(ModelConfig(input_shape=(1, 8, 8), hidden=(16,), latent_dim=2))
    with pytest.raises(OSError) as info:
        model_store.save_model(model, "mine", not_a_folder / "sub", data_cfg=DataConfig(),
                           train_cfg=TrainConfig(), summary={})
    words = compare_views.save_problem(info.value)
    assert info.value.strerror and info.value.strerror in words  # the OS's reason, as it said
    chinese_only(words.replace(info.value.strerror, ""))
    use_language(monkeypatch, "en")
    assert compare_views.save_problem(info.value).startswith("Could not save ")


def test_a_refused_checkpoint_is_worded_by_the_library(zh):
    from vae_core.file_checks import CheckpointError

    chinese_only(compare_views.save_problem(CheckpointError("bad_name", limit=80)))


# -- the OS refuses a library file -------------------------------------------------------------
def _refuse(monkeypatch, method: str) -> None:
    """``Path.<method>`` fails as on a read-only folder (the tests run as root, which a
    chmod does not stop)."""
    real = getattr(Path, method)

    def refused(self, *args, **kwargs):
        if self.suffix == ".safetensors":
            raise PermissionError(13, os.strerror(13), str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, method, refused)


def test_a_delete_the_os_refuses_is_worded(tmp_path, monkeypatch, zh):
    path = owned_tiny_model(tmp_path, "mine", "me")
    _refuse(monkeypatch, "unlink")
    with pytest.raises(PermissionError) as info:
        model_store.delete_model(path, tmp_path, by="me")
    reason = info.value.strerror
    words = LIBRARY_PAGE["delete_error"].format(error=model_store.error_text(info.value))
    assert "mine.safetensors" in words and reason in words and "Errno" not in words
    assert str(tmp_path) not in words  # the file's name, not the server's path
    chinese_only(words.replace(reason, ""))
    use_language(monkeypatch, "en")
    assert LIBRARY_PAGE["delete_error"].format(error=model_store.error_text(info.value)) == \
        f"Not deleted: the file system refused mine.safetensors ({reason})"


def test_a_rename_in_a_read_only_folder_names_the_folder(tmp_path, monkeypatch, zh):
    path = owned_tiny_model(tmp_path / "library", "mine", "me")

    def read_only(*args, **kwargs):
        raise PermissionError(13, os.strerror(13),
                              str(tmp_path / "library" / ".theirs.safetensors.x1y2.tmp"))

    monkeypatch.setattr("vae_core.checkpoints.tempfile.NamedTemporaryFile", read_only)
    with pytest.raises(PermissionError) as info:
        model_store.rename_model(path, "theirs", tmp_path / "library", by="me")
    words = LIBRARY_PAGE["rename_error"].format(error=model_store.error_text(info.value))
    assert "library" in words and ".tmp" not in words  # the folder, not a temp file's name
    chinese_only(words.replace(info.value.strerror, ""))
    assert path.is_file()


def test_the_models_page_words_a_refused_delete_in_chinese(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=False) as env:
        owned_tiny_model(env.library, "tiny", "this session")
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.session_state[LANG_KEY] = "中文"
        at.session_state[state.K_OWNER] = "this session"
        at.run()
        at.switch_page("pages/library.py")
        at.run()
        key = "library:tiny.safetensors"
        at.checkbox(key=f"confirm_{key}").check().run()
        _refuse(monkeypatch, "unlink")
        at.button(key=f"delete_{key}").click().run()
        assert not at.exception, at.exception
        errors = " ".join(str(e.value) for e in at.error)
        assert "tiny.safetensors" in errors and "Errno" not in errors, errors
        chinese_only(errors.replace(os.strerror(13), ""))
        assert (env.library / "tiny.safetensors").is_file()
