"""Who may rename or delete a library model: only the session (later: the learner) that saved
it. The file's header records a hash of its owner; a model without one is the server
administrator's alone. The library functions refuse with a code, re-reading the file; the
Library page offers Rename / Delete only on the session's own models and says why not on the
others, in English and 中文."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import torch
from streamlit.testing.v1 import AppTest

from tests.i18n_leaks import english_sentences
from tests.support import server_like_env
from ui.library.strings import LIBRARY_PAGE
from ui.shell import i18n, model_store, ownership
from ui.shell.i18n import LANG_KEY
from ui.shell.ownership import NotOwner
from vae_core.checkpoints import (
    CheckpointError,
    checkpoint_bytes,
    load_checkpoint,
    read_checkpoint_info,
    save_checkpoint,
)
from vae_core.config import DataConfig, ModelConfig, TrainConfig
from vae_core.models import build_model

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGE = "pages/library.py"
TIMEOUT = 120
ME, THEM = "a1" * 16, "b2" * 16  # two sessions' owner tokens


def tiny_model():
    torch.manual_seed(0)
    return build_model(ModelConfig(input_shape=(1, 8, 8), hidden=(16,), latent_dim=2))


def save(folder: Path, name: str, owner: str | None) -> Path:
    return model_store.save_model(tiny_model(), name, folder, data_cfg=DataConfig(dataset="digits"),
                                  train_cfg=TrainConfig(beta=2.0), summary={"test_elbo": 30.5},
                                  owner=owner)


def owned_tiny_model(directory: Path, name: str, owner: str | None) -> Path:
    """A library file ``name`` saved by ``owner`` (None: no owner), written without the
    library's name checks (for pages whose assets folder is set up by the test)."""
    directory.mkdir(parents=True, exist_ok=True)
    return save_checkpoint(directory / f"{name}.safetensors", tiny_model(),
                           data_cfg=DataConfig(dataset="digits"), train_cfg=TrainConfig(beta=2.0),
                           summary={"test_elbo": 30.5}, name=name,
                           saved_by=ownership.record(owner))


@pytest.fixture
def lib(tmp_path, monkeypatch):
    monkeypatch.setenv("VAE_LAB_ASSETS", str(tmp_path / "no-assets"))
    return tmp_path / "lib"


# -- the library functions -------------------------------------------------------------------
def test_the_owner_renames_and_deletes_and_a_rename_keeps_the_owner(lib):
    path = save(lib, "mine", ME)
    renamed = model_store.rename_model(path, "still mine", lib, by=ME)
    assert renamed.name == "still-mine.safetensors" and not path.exists()
    assert load_checkpoint(renamed).saved_by == ownership.owner_hash(ME)
    again = model_store.rename_model(renamed, "Still Mine", lib, by=ME)  # same file, new name
    assert read_checkpoint_info(again)["saved_by"] == ownership.owner_hash(ME)
    model_store.delete_model(again, lib, by=ME)
    assert list(lib.iterdir()) == []


@pytest.mark.parametrize("by", [THEM, None, "", ownership.owner_hash(ME)])
def test_another_session_can_neither_rename_nor_delete(lib, by):
    path = save(lib, "mine", ME)
    before = path.read_bytes()
    with pytest.raises(NotOwner) as renamed:
        model_store.rename_model(path, "taken over", lib, by=by)
    with pytest.raises(NotOwner) as deleted:
        model_store.delete_model(path, lib, by=by)
    assert renamed.value.code == deleted.value.code == "not_owner"
    assert deleted.value.params == {"file": "mine.safetensors"}
    assert sorted(p.name for p in lib.iterdir()) == ["mine.safetensors"]
    assert path.read_bytes() == before


@pytest.mark.parametrize("by", [ME, None])
def test_a_model_without_an_owner_is_nobodys_to_change(lib, by):
    path = owned_tiny_model(lib, "old", None)  # saved before owners, or copied in on the server
    assert "saved_by" not in path.read_bytes()[:2000].decode("utf-8", "replace")
    for change in (lambda: model_store.rename_model(path, "new", lib, by=by),
                   lambda: model_store.delete_model(path, lib, by=by)):
        with pytest.raises(NotOwner) as info:
            change()
        assert info.value.code == "no_owner"
    assert path.is_file()


def test_the_file_records_a_hash_of_the_owner_not_the_owner(lib):
    path = save(lib, "mine", ME)
    digest = hashlib.sha256(ME.encode()).hexdigest()
    assert ME.encode() not in path.read_bytes()  # a downloaded file does not give the secret away
    assert read_checkpoint_info(path)["saved_by"] == digest
    entries, _ = model_store.list_models(lib, "library")
    assert [e.saved_by for e in entries] == [digest]  # listed from the header: no weights loaded
    new, _ = model_store.save_new_model(tiny_model(), "mine", lib, data_cfg=None, train_cfg=None,
                                        summary=None, owner=THEM)  # the shutdown's save
    assert read_checkpoint_info(new)["saved_by"] == ownership.owner_hash(THEM)


def test_the_refusal_reads_the_file_not_the_listing(lib):
    """The page chose its buttons from a listing; if the file was replaced since by another
    owner's model, the delete is still refused."""
    path = save(lib, "mine", ME)
    entries, _ = model_store.list_models(lib, "library")
    assert ownership.owns(entries[0].saved_by, ME)
    save_checkpoint(path, tiny_model(), name="mine", saved_by=ownership.owner_hash(THEM))
    with pytest.raises(NotOwner):
        model_store.delete_model(entries[0].path, lib, by=ME)
    assert path.is_file()


def test_a_header_with_a_bad_owner_is_refused():
    for bad in ("", "x" * 129, "tab\there", 42):
        with pytest.raises(CheckpointError) as info:
            checkpoint_bytes(tiny_model(), saved_by=bad)
        assert info.value.code == "bad_saved_by"


@pytest.mark.parametrize("code, words", [
    ("not_owner", ("mine.safetensors was saved by another session", "是另一个会话保存的")),
    ("no_owner", ("only the server's administrator", "只有服务器管理员")),
])
def test_refusals_are_worded_in_each_language(monkeypatch, code, words):
    error = NotOwner(code, file="mine.safetensors")
    for lang, expected in zip(("en", "zh"), words, strict=True):
        monkeypatch.setattr(i18n, "current_language", lambda lang=lang: lang)
        text = LIBRARY_PAGE["delete_error"].format(error=model_store.error_text(error))
        assert expected in text and "mine.safetensors" in text, text
        if lang == "zh":
            assert english_sentences([text]) == [], text


# -- the Library page ------------------------------------------------------------------------
CAPTIONS = {
    "English": {"others": "Saved by another session: only it can rename or delete this model.",
                "unowned": "Only the server's administrator can rename or delete this model",
                "yours": "Saved by this session"},
    "中文": {"others": "由另一个会话保存：只有那个会话才能重命名或删除这个模型。",
            "unowned": "只有服务器管理员才能重命名或删除这个模型（它没有所有者）。",
            "yours": "由本会话保存"},
}


def _controls(at: AppTest) -> set[str]:
    return {w.key for w in [*at.button, *at.text_input, *at.checkbox]
            if w.key and w.key.startswith(("rename", "delete_", "confirm_"))}


def _captions(at: AppTest) -> str:
    return " ".join(str(c.value) for c in at.caption)


@pytest.mark.parametrize("lang", ["English", "中文"])
def test_the_page_offers_rename_and_delete_only_on_the_sessions_own_models(tmp_path, monkeypatch,
                                                                          lang):
    words = CAPTIONS[lang]
    with server_like_env(tmp_path, monkeypatch, pretrained=False) as env:
        owned_tiny_model(env.library, "theirs", THEM)
        owned_tiny_model(env.library, "old", None)
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.session_state[LANG_KEY] = lang
        at.run()
        at.switch_page(PAGE).run()
        # this session uploads a model and saves it into the library: it is the owner
        upload = checkpoint_bytes(tiny_model(), data_cfg=DataConfig(dataset="digits"),
                                  name="mine")
        at.file_uploader[0].set_value(("mine.safetensors", upload, "application/octet-stream"))
        at.run()
        at.selectbox(key="models_manage").set_value("session:1").run()
        at.button(key="save_session:1").click().run()
        assert not at.exception
        assert (env.library / "mine.safetensors").is_file()

        mine = "library:mine.safetensors"
        at.selectbox(key="models_manage").set_value(mine).run()
        assert _controls(at) == {f"rename_{mine}", f"rename_btn_{mine}", f"confirm_{mine}",
                                 f"delete_{mine}"}
        assert words["yours"] in _captions(at)
        for file, caption in (("theirs", words["others"]), ("old", words["unowned"])):
            at.selectbox(key="models_manage").set_value(f"library:{file}.safetensors").run()
            assert not at.exception
            assert caption in _captions(at), file
            assert words["yours"] not in _captions(at)
            assert _controls(at) == set(), file
            if lang == "中文":
                assert english_sentences([_captions(at)]) == []

        at.selectbox(key="models_manage").set_value(mine).run()  # and the owner's delete works
        at.checkbox(key=f"confirm_{mine}").check().run()
        at.button(key=f"delete_{mine}").click().run()
        assert not at.exception
        assert sorted(p.name for p in env.library.iterdir()) == ["old.safetensors",
                                                                 "theirs.safetensors"]


def test_a_run_saved_at_shutdown_belongs_to_the_session_that_started_it(digits, tmp_path):
    from ui.shell import shutdown
    from vae_core.jobs import TrainingJob

    job = TrainingJob(ModelConfig(hidden=(16,), latent_dim=2), DataConfig(dataset="digits"),
                      TrainConfig(epochs=1), data=digits, name="mine")
    job.owner = ME  # what session_job.start_job gives every job of a session
    job.start()
    _, path = shutdown.save_interrupted(job, tmp_path, timeout_s=60)
    assert path is not None and read_checkpoint_info(path)["saved_by"] == ownership.owner_hash(ME)
    model_store.delete_model(path, tmp_path, by=ME)
