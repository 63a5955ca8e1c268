"""Import weights trained elsewhere. Today: pytorch/examples ``vae/main.py`` (784-400-20 MLP).

A ``.pt`` file is a pickle, and unpickling runs code; it is only ever read with
``torch.load(weights_only=True)``, whose restricted unpickler refuses anything but tensors and
plain containers (a pickle whose ``__reduce__`` calls ``open`` or ``os.system`` fails there).
Before that, ``_check_archive`` inspects the zip with ``zipfile`` (no decompression): at most
``MAX_ZIP_MEMBERS`` members, all stored (uncompressed), together no larger than the file, under
one top folder with a ``data.pkl`` of at most ``MAX_PICKLE_BYTES``; so zip bombs, nested zips
and legacy pickles never reach torch.
"""

from __future__ import annotations

import io
import pickle
import re
import zipfile

import torch

from vae_core.checkpoints import MAX_HEADER_BYTES, parse_header
from vae_core.config import preset_model
from vae_core.file_checks import CheckpointError, Source, check_tensors, one_line, read_all
from vae_core.models import VAE, build_model

MAX_ZIP_MEMBERS = 64            # central-directory entries; torch.save of 10 tensors writes 16
MAX_PICKLE_BYTES = 2**20        # data.pkl: a state_dict's is a few KB
_CENTRAL_SIG = b"PK\x01\x02"    # starts every central-directory entry of a zip

# pytorch/examples vae/main.py: fc1 784->400, fc21/fc22 400->20, fc3 20->400, fc4 400->784
EXAMPLES_SHAPES = {
    "fc1.weight": (400, 784), "fc1.bias": (400,),
    "fc21.weight": (20, 400), "fc21.bias": (20,),
    "fc22.weight": (20, 400), "fc22.bias": (20,),
    "fc3.weight": (400, 20), "fc3.bias": (400,),
    "fc4.weight": (784, 400), "fc4.bias": (784,),
}


def import_examples_state_dict(source: Source) -> VAE:
    """A ``state_dict`` saved by pytorch/examples ``vae/main.py`` (``torch.save(model.state_dict(),
    path)``) -> ``ExamplesVAE`` (preset "examples": 784-400-20, 28×28, BCE) in eval mode on CPU.

    Exactly the ten tensors of ``EXAMPLES_SHAPES``, float32 and finite; anything else, and any
    pickle that is more than tensors in a dict, raises ``CheckpointError``.
    """
    data = read_all(source)  # size limit; OS errors -> CheckpointError
    _check_archive(data)
    try:
        state = torch.load(io.BytesIO(data), weights_only=True, map_location="cpu")
    except Exception as exc:  # UnpicklingError for globals beyond tensors, zip errors, ...
        raise _load_failure(exc) from None
    if not isinstance(state, dict):
        raise CheckpointError("pt_not_dict", type=type(state).__name__)
    if not all(isinstance(k, str) for k in state):
        raise CheckpointError("pt_keys_not_strings")
    if "state_dict" in state or "model_state_dict" in state:
        raise CheckpointError("pt_training_dict")
    check_tensors(state, EXAMPLES_SHAPES)
    model = build_model(preset_model("examples"))
    try:
        model.load_state_dict(state, strict=True)
    except Exception as exc:  # not expected after the checks above
        raise CheckpointError("weights_misfit", error=one_line(exc)) from None
    return model.eval()


def _load_failure(exc: Exception) -> CheckpointError:
    """One line for a failed weights-only load; torch's own text advises loading the file
    unsafely, which is not advice to pass on for an uploaded file."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(exc))
    if "Weights only load failed" in text or isinstance(exc, pickle.UnpicklingError):
        found = re.search(r"GLOBAL ([\w.]+)", text)
        if found:
            return CheckpointError("pt_unsafe_call", name=found.group(1))
        return CheckpointError("pt_unsafe")
    return CheckpointError("pt_unloadable", error=one_line(Exception(text), 200))


def _check_archive(data: bytes) -> None:
    """Only the zip layout ``torch.save`` has written since torch 1.6, checked with ``zipfile``
    before torch reads a byte: the legacy format lets a tiny pickle ask for huge storages, and
    torch's reader allocates each member's claimed size, so a zip bomb (compressed, or stored
    members that overlap and each claim the whole file) must never reach it."""
    # zipfile builds one ZipInfo per central-directory signature it meets: bound them first,
    # so a 50 MB upload of empty entries cannot cost gigabytes of ZipInfo objects
    if data.count(_CENTRAL_SIG) > MAX_ZIP_MEMBERS:
        raise CheckpointError("pt_too_many_members", limit=MAX_ZIP_MEMBERS)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception:  # BadZipFile, but also EOFError / ValueError / OSError on odd bytes
        try:
            parse_header(data[:MAX_HEADER_BYTES + 8], len(data))
        except CheckpointError:
            raise CheckpointError("pt_not_zip") from None
        raise CheckpointError("pt_is_vae_lab") from None
    for m in members:
        if m.compress_type != zipfile.ZIP_STORED:
            ratio = m.file_size / max(m.compress_size, 1)
            raise CheckpointError("pt_compressed", member=_member(m), ratio=ratio,
                                  size=m.file_size)
    total = sum(m.file_size for m in members)
    if total > len(data):  # stored members can only claim more than the file by overlapping
        raise CheckpointError("pt_members_oversize", total=total, size=len(data))
    names = [m.filename for m in members]
    prefix = names[0].split("/", 1)[0] if names else ""
    if not prefix or any(not n.startswith(prefix + "/") or ".." in n.split("/") or "\\" in n
                         for n in names):
        raise CheckpointError("pt_not_one_folder")
    pickles = [m for m in members if m.filename == f"{prefix}/data.pkl"]
    if not pickles:
        raise CheckpointError("pt_no_pickle", prefix=prefix[:40])
    if pickles[0].file_size > MAX_PICKLE_BYTES:
        raise CheckpointError("pt_pickle_too_large", size=pickles[0].file_size,
                              limit=MAX_PICKLE_BYTES)


def _member(m: zipfile.ZipInfo) -> str:
    return repr(m.filename[:60])
