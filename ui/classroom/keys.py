"""Codes people type (continue codes, class codes) and the teacher key, which is stored only as
a salted scrypt hash.

Codes use an alphabet without 0/O, 1/I/L and U/V look-alikes, so a code read aloud or copied
from a projector survives; what people type is normalised (case, spaces, hyphens) before use.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"   # 29 symbols
LEARNER_CODE_LEN = 8    # 29**8 ≈ 5e11: guessing someone's code is hopeless at any typing speed
CLASS_CODE_LEN = 6      # 29**6 ≈ 6e8: a class code is shared with the room anyway
TEACHER_KEY_LEN = 12    # 29**12 ≈ 3.5e17, and wrong keys are rate-limited per class

# scrypt's cost: about 16 MiB and a few tens of ms per check, so a stolen database cannot be
# searched for keys quickly. Stored with the hash, so raising it later keeps old keys valid.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_SALT_BYTES = 16


def random_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_code(typed: str) -> str:
    """What a person typed, as stored: upper case, without spaces or hyphens."""
    return "".join(typed.split()).replace("-", "").upper()


def grouped(code: str) -> str:
    """``K7QMTXPA`` -> ``K7QM-TXPA``: how a code is shown (4-character groups)."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def new_teacher_key() -> str:
    return grouped(random_code(TEACHER_KEY_LEN))


def hash_key(key: str, *, salt: bytes | None = None, n: int | None = None,
             r: int | None = None, p: int | None = None) -> str:
    """``scrypt$n$r$p$salt$hash`` (hex) of the normalised key; a fresh salt unless given."""
    salt = secrets.token_bytes(_SALT_BYTES) if salt is None else salt
    n, r, p = n or _SCRYPT["n"], r or _SCRYPT["r"], p or _SCRYPT["p"]
    digest = hashlib.scrypt(normalise_code(key).encode(), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def key_matches(key: str, stored: str) -> bool:
    scheme, n, r, p, salt, _ = stored.split("$")
    if scheme != "scrypt":
        raise ValueError(f"unknown key hash scheme {scheme!r}")
    again = hash_key(key, salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    # constant time, so the time a wrong key takes says nothing about how close it was
    return hmac.compare_digest(again.encode(), stored.encode())
