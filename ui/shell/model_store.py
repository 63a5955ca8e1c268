"""The on-disk model library and the pretrained assets: safe names, listing, save, upload.

No Streamlit here: pure functions over paths and bytes, so they are tested without a browser.
Every checkpoint read or written goes through ``vae_core.checkpoints`` (which validates it).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import unicodedata
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ui.shell import ownership
from ui.shell.config_words import config_text
from ui.shell.inert import inert, inert_params, plain
from ui.shell.strings import CHECKPOINT, LIBRARY
from vae_core import checkpoints
from vae_core.checkpoints import Checkpoint, read_checkpoint_info, save_checkpoint
from vae_core.config import DataConfig, ModelConfig, TrainConfig
from vae_core.file_checks import CheckpointError
from vae_core.importers import import_examples_state_dict
from vae_core.models.base import VAE

LIBRARY_ENV = "VAE_LAB_LIBRARY"
DEFAULT_LIBRARY = "library"
ASSETS_ENV = "VAE_LAB_ASSETS"    # tests point this at an empty folder for the "no models" case
ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"
ZOO_INDEX = "zoo.json"           # order, descriptions and the default of the pretrained models
SUFFIX = ".safetensors"
MAX_NAME = 64
MAX_STEM_BYTES = 200             # a file name is at most 255 bytes on most file systems, and a
                                 # 64-character name of 4-byte characters is 256
MAX_UPLOAD_NAME = 255            # characters of an uploaded file's name (most file systems' limit)
UPLOAD_TYPES = ("safetensors", "pt", "pth")

_SLUG_DROP = re.compile(r"[^\w.-]+")  # \w is Unicode: 中文 names stay readable
_SLUG_DASHES = re.compile(r"-{2,}")
_GREEK = str.maketrans({"β": "beta", "σ": "sigma", "μ": "mu", "ε": "eps", "γ": "gamma"})


class UnsafeName(ValueError):
    """A model name that could escape the library folder or is empty."""


@dataclass
class ModelEntry:
    """One row of the model picker."""

    key: str                      # "session:<id>", "library:<file>", "asset:<file>"
    source: str                   # session | library | asset
    name: str
    info: dict[str, Any] = field(default_factory=dict)  # see ``describe``
    path: Path | None = None      # file for library and asset models
    saved_by: str | None = None   # a file's owner as its header records it (``ownership``)


def library_dir() -> Path:
    """The library folder: ``$VAE_LAB_LIBRARY`` or ``./library`` (read on every call)."""
    return Path(os.environ.get(LIBRARY_ENV) or DEFAULT_LIBRARY)


def assets_dir() -> Path:
    """The pretrained models: ``$VAE_LAB_ASSETS`` or the repository's ``assets/``."""
    env = os.environ.get(ASSETS_ENV)
    return Path(env) if env else ASSETS_DIR


def zoo_index(directory: Path) -> dict[str, Any]:
    """``zoo.json`` of the assets folder (``{"default": name, "models": [...]}``), or ``{}``."""
    try:
        index = json.loads((directory / ZOO_INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return index if isinstance(index, dict) else {}


def display_name(name: str) -> str:
    """A model's display name as it is stored: Unicode NFKC (full-width ｍｏｄｅｌ is model),
    without control or bidirectional characters, at most ``MAX_NAME`` characters."""
    return plain(unicodedata.normalize("NFKC", name), limit=MAX_NAME)


# letters of other scripts that read as Latin ones ("Tеacher" with a Cyrillic е): the common
# lookalikes of Unicode's confusables list, enough to stop a name passing for another
_LOOKALIKES = str.maketrans("аеорсухіјѕԁɡӏАВЕКМНОРСТУХІЈЅοαρτυνκιΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
                            "aeopcyxijsdglABEKMHOPCTYXIJSoaptuvkiABEZHIKMNOPTYX")


def skeleton(name: str) -> str:
    """What a name reads as: NFKD without accents, lookalike letters as Latin ones, case
    folded, spaces, dashes and underscores dropped. Two names with one skeleton look alike."""
    decomposed = unicodedata.normalize("NFKD", display_name(name))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s_\-.]+", "", bare.translate(_LOOKALIKES).casefold())


def check_new_name(name: str, directory: Path, *, keep: Path | None = None) -> None:
    """Refuse (``UnsafeName``) a display name that is a pretrained model's, or that looks like
    another library model's name without being it (``keep``: the file being renamed)."""
    mine = skeleton(name)
    assets, _ = list_models(assets_dir(), "asset")
    for entry in assets:
        if skeleton(entry.name) == mine:
            raise UnsafeName(LIBRARY["reserved"].format(name=inert(display_name(name))))
    models, _ = list_models(directory, "library")
    for entry in models:
        if entry.path != keep and skeleton(entry.name) == mine \
                and display_name(entry.name) != display_name(name):
            raise UnsafeName(LIBRARY["lookalike"].format(name=inert(display_name(name)),
                                                         other=inert(entry.name)))


def slugify(name: str) -> str:
    """Lower-case a display name into a file stem: letters and digits of any script, ``-``,
    ``_`` and ``.``; everything else becomes ``-``. At most ``MAX_NAME`` characters and
    ``MAX_STEM_BYTES`` bytes of UTF-8, cut at a character."""
    slug = _SLUG_DROP.sub("-", display_name(name).lower().translate(_GREEK))
    slug = _SLUG_DASHES.sub("-", slug).strip("-.")[:MAX_NAME]
    slug = slug.encode("utf-8")[:MAX_STEM_BYTES].decode("utf-8", "ignore")
    return slug.rstrip("-.")


def safe_model_path(name: str, directory: Path) -> Path:
    """The file a model called ``name`` is saved to inside ``directory``.

    Refuses (``UnsafeName``) anything that looks like a path: separators, ``..``, absolute paths,
    drive letters, control characters, or a name with nothing left after slugifying.
    """
    if not isinstance(name, str) or not name.strip():
        raise UnsafeName(LIBRARY["no_name"])
    raw = name.strip()
    if any(sep in raw for sep in ("/", "\\", ":")) or ".." in raw or raw.startswith("~") \
            or any(ord(c) < 32 for c in raw) or os.path.isabs(raw):
        raise UnsafeName(LIBRARY["not_plain"].format(name=inert(repr(raw))))
    stem = slugify(raw.removesuffix(SUFFIX))
    if not stem:
        raise UnsafeName(LIBRARY["no_letters"].format(name=inert(repr(raw))))
    base = directory.resolve()
    path = (base / f"{stem}{SUFFIX}").resolve()
    if path.parent != base:  # belt and braces: the slug cannot escape, but check anyway
        raise UnsafeName(LIBRARY["outside"].format(name=inert(repr(raw))))
    return path


def describe(model_cfg: ModelConfig, data_cfg: DataConfig = None, train_cfg: TrainConfig = None,
             summary: dict | None = None) -> dict[str, Any]:
    """The facts the picker shows, from configs (objects or dicts) and a summary dict."""

    def get(obj: Any, key: str, default: Any = None) -> Any:
        if obj is None:
            return default
        if isinstance(obj, dict):
            return obj.get(key, default)
        return getattr(obj, key, default)

    summary = summary or {}
    test_elbo = summary.get("test_elbo")
    if not isinstance(test_elbo, (int, float)) or not math.isfinite(test_elbo):
        test_elbo = None
    hidden = get(model_cfg, "hidden", ())
    return {
        "dataset": get(data_cfg, "dataset", "?"),
        "arch": get(model_cfg, "arch", "?"),
        "preset": get(model_cfg, "preset"),
        "hidden": tuple(hidden) if hidden else (),
        "recon": get(model_cfg, "recon", "?"),
        "latent_dim": get(model_cfg, "latent_dim", "?"),
        "input_shape": tuple(get(model_cfg, "input_shape", ()) or ()),
        "beta": get(train_cfg, "beta"),
        "schedule": get(train_cfg, "schedule"),
        "reduction": get(train_cfg, "reduction"),
        "test_elbo": test_elbo,
        "epochs": summary.get("epochs"),
        "status": summary.get("status"),
        "conditional": bool(get(model_cfg, "n_classes", 0)),
    }


def _info_from_header(header: dict[str, Any]) -> dict[str, Any]:
    """``describe`` applied to what ``read_checkpoint_info`` returns (config dicts)."""

    def pick(*names: str) -> Any:
        for n in names:
            if header.get(n) is not None:
                return header[n]
        return None

    return describe(pick("model_cfg", "model", "model_config"), pick("data_cfg", "data"),
                    pick("train_cfg", "train"), pick("summary") or {})


def list_models(directory: Path, source: str) -> tuple[list[ModelEntry], list[str]]:
    """Every readable checkpoint in ``directory`` (sorted by name) and one line per bad file."""
    entries: list[ModelEntry] = []
    problems: list[str] = []
    if not directory.is_dir():
        return entries, problems
    order = {m.get("file"): i for i, m in enumerate(zoo_index(directory).get("models") or [])
             if isinstance(m, dict)}
    paths = sorted(directory.glob(f"*{SUFFIX}"), key=lambda p: (order.get(p.name, len(order)),
                                                                p.name))
    for path in paths:
        # A file that vanished since the glob was deleted or renamed meanwhile (by another
        # replica sharing the folder): it is not a problem to report.
        problem = _odd_file(path)
        if problem:
            if os.path.lexists(path):
                problems.append(problem)
            continue
        try:
            header = _header(path)
        except Exception as exc:  # a bad file must not break the picker: list it as a problem
            if os.path.lexists(path):
                problems.append(f"{inert(shown_name(path.name))}: {error_text(exc)}")
            continue
        name = header.get("name") or path.stem
        entries.append(ModelEntry(key=f"{source}:{path.name}", source=source, name=str(name),
                                  info=_info_from_header(header), path=path,
                                  saved_by=header.get("saved_by")))
    return entries, problems


_HEADERS: dict[tuple, dict[str, Any]] = {}
MAX_CACHED_HEADERS = 512


def _header(path: Path) -> dict[str, Any]:
    """``read_checkpoint_info`` memoised on the file's identity. Every rerun of every page lists
    the models for the sidebar picker, and reading and validating the 6 shipped headers took
    ~40 ms of each rerun. Saves replace files atomically (new inode and mtime), so an entry
    never outlives its file's content."""
    st = path.stat()
    key = (str(path), st.st_ino, st.st_mtime_ns, st.st_size)
    header = _HEADERS.get(key)
    if header is None:
        header = read_checkpoint_info(path)
        if len(_HEADERS) >= MAX_CACHED_HEADERS:
            _HEADERS.clear()
        _HEADERS[key] = header
    return header


_FINGERPRINTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def fingerprint(ckpt: Checkpoint) -> str:
    """The one key of a model for every cache (Streamlit cannot hash tensors): a hash of
    its config and its weights' bytes, so two models share cache entries exactly when they
    compute the same thing, whatever their name or where they came from. A loaded checkpoint's
    weights never change, so the hash (a few ms for 2 MB) is taken once per model object."""
    model = ckpt.model
    fp = _FINGERPRINTS.get(model)
    if fp is None:
        digest = hashlib.sha1(repr(ckpt.model_cfg).encode())
        for key, tensor in model.state_dict().items():
            digest.update(key.encode())
            digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
        fp = _FINGERPRINTS[model] = digest.hexdigest()[:12]
    return fp


def error_text(exc: BaseException) -> str:
    """Why a model file or name was refused, in the reader's language: a ``CheckpointError``
    is worded from its code, an OS error (a read-only folder, a full disk) by ``os_problem``;
    the app's own errors (``UnsafeName``, the "exists" message) are worded already."""
    if isinstance(exc, CheckpointError):
        return CHECKPOINT[exc.code].format(**_reason_worded(exc.params))
    if isinstance(exc, ownership.NotOwner):
        return LIBRARY[exc.code].format(**inert_params(exc.params))
    problem = os_problem(exc)
    if problem is not None:
        return LIBRARY["os_error"].format(**problem)
    return str(exc)


def os_problem(exc: BaseException) -> dict[str, str] | None:
    """``{file, reason}`` of an OS error for a page's sentence, or None for another error (or
    an ``OSError`` the app raised with its own words, which has no ``strerror``). The reason is
    ``strerror`` as the OS wrote it (its language, not the page's): ``str(exc)`` would add an
    English "[Errno 13]" and the whole path."""
    if not isinstance(exc, OSError) or not exc.strerror:
        return None
    path = Path(os.fsdecode(exc.filename)) if exc.filename else library_dir()
    if path.name.startswith(".") and path.suffix == ".tmp":  # a save's temp file: the folder
        path = path.parent                                    # refused it, the reader never saw it
    return {"file": inert(shown_name(path.name)), "reason": exc.strerror}


def _reason_worded(params: dict[str, Any]) -> dict[str, Any]:
    """A ``bad_config`` refusal carries the config's own code (``reason_code``): its
    ``{error}`` is then worded from that code too, not left in the core's English."""
    worded = inert_params(params)
    if "reason_code" not in params:
        return worded
    return {**worded, "error": config_text(params["reason_code"], params["reason_params"])}


def shown_name(name: str) -> str:
    """``name`` safe to print on one line: undecodable bytes (surrogate escapes of a non-UTF-8
    file name) and control characters become ``\\x..`` escapes."""
    raw = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in raw)


def _odd_file(path: Path) -> str | None:
    """Why a file of the folder is skipped without being read, or None. A name that is not
    UTF-8 cannot be sent to the browser (Streamlit would fail to encode the page), a name with
    control characters breaks the one-line lists, and a FIFO would block ``open`` forever."""
    try:
        path.name.encode("utf-8")
        plain = path.name.isprintable()
    except UnicodeEncodeError:
        plain = False
    if not plain:
        return LIBRARY["odd_name"].format(file=inert(shown_name(path.name)))
    if not path.is_file():
        return LIBRARY["not_regular"].format(file=inert(path.name))
    return None


def save_model(model: VAE, name: str, directory: Path, *, data_cfg: DataConfig,
               train_cfg: TrainConfig, summary: dict | None, overwrite: bool = False,
               owner: str | None = None) -> Path:
    """Save into the library under a safe file name; refuses to overwrite unless asked (also
    when another server process saves the same name at the same moment). ``owner``: who may
    rename or delete it (``ui.shell.ownership``; None: nobody, from the app)."""
    path = safe_model_path(name, directory)
    if path.exists() and not overwrite:
        raise FileExistsError(LIBRARY["exists"].format(file=inert(path.name)))
    check_new_name(name, directory, keep=path)
    directory.mkdir(parents=True, exist_ok=True)
    try:
        save_checkpoint(path, model, data_cfg=data_cfg, train_cfg=train_cfg,
                        summary=summary or {}, name=display_name(name),
                        saved_by=ownership.record(owner), exclusive=not overwrite)
    except FileExistsError:
        raise FileExistsError(LIBRARY["exists"].format(file=inert(path.name))) from None
    return path


def save_new_model(model: VAE, name: str, directory: Path, *, data_cfg: DataConfig,
                   train_cfg: TrainConfig, summary: dict | None, tries: int = 100,
                   owner: str | None = None) -> tuple[Path, str]:
    """Save under ``name``, or ``name 2``, ``name 3``… when taken: never replaces a model.
    Returns (path, the name used)."""
    directory.mkdir(parents=True, exist_ok=True)  # its errors are not "the name is taken"
    for n in range(1, tries + 1):
        candidate = name if n == 1 else f"{name} {n}"
        try:
            path = save_model(model, candidate, directory, data_cfg=data_cfg,
                              train_cfg=train_cfg, summary=summary, owner=owner)
        except FileExistsError:
            continue
        return path, candidate
    taken = safe_model_path(name, directory).name
    raise FileExistsError(LIBRARY["exists"].format(file=inert(taken)))


def download_name(name: str) -> str:
    """A file name for the browser's download of a model called ``name``."""
    return f"{slugify(name) or 'vae-model'}{SUFFIX}"


def check_upload_name(filename: Any) -> None:
    """Refuse (``UnsafeName``) an upload name that is not a plain file name. Browsers send the
    base name only, so a folder, ``..``, a drive letter or a control character means a crafted
    request; nothing is written under an upload's name, but a refused name is never shown or
    kept as a model name either."""
    if not isinstance(filename, str) or not filename.strip():
        raise UnsafeName(LIBRARY["no_upload_name"])
    try:
        filename.encode("utf-8")
        plain = filename.isprintable()
    except UnicodeEncodeError:
        plain = False
    stem = filename.rsplit(".", 1)[0]
    if (not plain or len(filename) > MAX_UPLOAD_NAME or any(c in filename for c in "/\\:")
            or filename.startswith("~") or not stem.strip(". ")):
        raise UnsafeName(LIBRARY["bad_upload_name"].format(file=repr(shown_name(
            filename[:80])), max=MAX_UPLOAD_NAME))


def read_upload(filename: str, data: bytes) -> Checkpoint:
    """Turn an uploaded file into a ``Checkpoint``; raises ``ValueError`` with a clear message.

    ``.safetensors``: our checkpoint (weights + configs). ``.pt`` / ``.pth``: a pytorch/examples
    ``vae/main.py`` state_dict (MNIST, 784-400-20); everything else is refused, and so is a name
    that is not a plain file name (``check_upload_name``).
    """
    check_upload_name(filename)
    suffix = Path(filename).suffix.lower().lstrip(".")
    if suffix not in UPLOAD_TYPES:
        raise ValueError(LIBRARY["bad_type"].format(file=inert(repr(filename))))
    if not data:
        raise ValueError(LIBRARY["empty_file"].format(file=inert(repr(filename))))
    if suffix == "safetensors":
        return checkpoints.load_checkpoint(data, default_name=Path(filename).stem)
    model = import_examples_state_dict(data)
    return checkpoints.Checkpoint(model=model, model_cfg=model.cfg,
                                  data_cfg=DataConfig(dataset="mnist"),
                                  train_cfg=TrainConfig(epochs=10, batch_size=128, beta=1.0),
                                  summary={}, name=Path(filename).stem)


def _library_file(path: Path, directory: Path) -> Path:
    """``path`` resolved, if it is a checkpoint directly inside ``directory`` (never assets/)."""
    path, base = Path(path).resolve(), directory.resolve()
    if path.parent != base or path.suffix != SUFFIX:
        raise UnsafeName(LIBRARY["not_library"].format(file=inert(repr(path.name))))
    if path.parent == assets_dir().resolve():
        raise UnsafeName(LIBRARY["assets_read_only"])
    if not path.is_file():
        raise FileNotFoundError(LIBRARY["gone"].format(file=inert(path.name)))
    return path


def rename_model(path: Path, new_name: str, directory: Path, *, by: str | None) -> Path:
    """Give a library model a new display name and the matching safe file name; returns the new
    path. Refuses files outside ``directory``, a model ``by`` does not own (``NotOwner``),
    unsafe names and existing files. The model keeps its owner."""
    old = _library_file(path, directory)
    ckpt = checkpoints.load_checkpoint(old)
    # the file's own header decides, not the listing the page chose its buttons from
    ownership.check(old.name, ckpt.saved_by, by)
    new = safe_model_path(new_name, directory)
    if new != old and new.exists():
        raise FileExistsError(LIBRARY["exists"].format(file=inert(new.name)))
    check_new_name(new_name, directory, keep=old)
    try:  # exclusive: another process may have taken the new name since the check above
        save_checkpoint(new, ckpt.model, data_cfg=ckpt.data_cfg, train_cfg=ckpt.train_cfg,
                        summary=ckpt.summary, name=display_name(new_name),
                        saved_by=ckpt.saved_by, exclusive=new != old)
    except FileExistsError:
        raise FileExistsError(LIBRARY["exists"].format(file=inert(new.name))) from None
    if new != old:
        old.unlink()
    return new


def delete_model(path: Path, directory: Path, *, by: str | None) -> None:
    """Delete a library model's file; refuses anything not directly inside ``directory`` and a
    model ``by`` does not own (``NotOwner``, read from the file's header, never a cache)."""
    file = _library_file(path, directory)
    ownership.check(file.name, read_checkpoint_info(file)["saved_by"], by)
    file.unlink()
