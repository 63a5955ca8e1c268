"""Who may rename or delete a library model: whoever saved it.

An owner is an opaque string handed in by the app: today ``state.owner_token()``, a random
secret of one browser session; a learner's id can take its place without a change here. A
model file records only the owner's sha256 (``saved_by`` in its header), so a downloaded or
shared file does not carry the secret that would let its holder act as that owner. A file
without ``saved_by`` (saved before models had owners, or copied into the folder on the server)
has no owner in the app: only the server's administrator renames or deletes it, on disk.

No Streamlit here: tested without a browser.
"""

from __future__ import annotations

import hashlib
from typing import Any


class NotOwner(ValueError):
    """A rename or delete refused to someone who does not own the model: ``code`` (a key of
    ``ui.shell.strings.LIBRARY``) and ``params``; ``model_store.error_text`` words them."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code, self.params = code, params
        super().__init__(f"{code}: {params}")


def owner_hash(owner: str) -> str:
    """What a model file records of ``owner``: one-way, so the file does not reveal it."""
    return hashlib.sha256(owner.encode("utf-8")).hexdigest()


def record(owner: str | None) -> str | None:
    """The header's ``saved_by`` for a model saved by ``owner`` (None or "": no owner)."""
    return owner_hash(owner) if owner else None


def owns(saved_by: str | None, owner: str | None) -> bool:
    """Whether ``owner`` saved the model whose header says ``saved_by``. A model without an
    owner is nobody's, and nobody (None, "") owns anything."""
    return bool(saved_by) and bool(owner) and saved_by == owner_hash(owner)


def check(file: str, saved_by: str | None, by: str | None) -> None:
    """Refuse (``NotOwner``) a change of ``file`` (its header says ``saved_by``) by ``by``."""
    if not saved_by:
        raise NotOwner("no_owner", file=file)
    if not owns(saved_by, by):
        raise NotOwner("not_owner", file=file)
