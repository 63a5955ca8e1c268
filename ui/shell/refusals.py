"""Why an uploaded model file was refused, said twice: one sentence a student understands (what
the file is not), and the exact reason under "Details" for whoever wants it (a byte count
read from a file that is not a model means nothing to a student)."""

from __future__ import annotations

import streamlit as st

from ui.shell import model_store
from ui.shell.strings import LIBRARY
from vae_core.checkpoints import CheckpointError

# a CheckpointError's code -> what the file is, in a student's words
NOT_A_MODEL = {"too_short", "looks_like_pt", "header_too_long", "header_not_json",
               "no_metadata", "pt_unloadable", "pt_not_dict", "pt_keys_not_strings",
               "pt_not_zip", "pt_not_one_folder", "pt_no_pickle"}
DAMAGED = {"header_truncated", "data_truncated", "data_trailing", "corrupt_data",
           "tensor_entry", "tensor_not_dense", "tensor_not_finite", "tensor_offsets",
           "offsets_overlap", "metadata_not_strings", "metadata_not_json"}
OTHER_MODEL = {"unsupported_format", "unknown_keys", "bad_config", "cannot_build",
               "tensor_names", "tensor_dtype", "tensor_shape", "weights_misfit",
               "pt_training_dict", "pt_is_vae_lab"}
UNSAFE = {"pt_unsafe_call", "pt_unsafe", "pt_compressed", "pt_members_oversize",
          "pt_too_many_members", "pt_pickle_too_large", "too_large", "metadata_too_large"}


def kind_of(exc: BaseException) -> str:
    """``not_model``, ``damaged``, ``other_model``, ``refused`` or ``other``."""
    code = exc.code if isinstance(exc, CheckpointError) else None
    for kind, codes in (("not_model", NOT_A_MODEL), ("damaged", DAMAGED),
                        ("other_model", OTHER_MODEL), ("refused", UNSAFE)):
        if code in codes:
            return kind
    return "other"


def show(file: str, exc: BaseException) -> None:
    """The refusal of ``file``: the headline, and the exact reason in an expander."""
    st.error(LIBRARY["refused"][kind_of(exc)].format(file=file))
    with st.expander(LIBRARY["refused_details"]):
        st.write(model_store.error_text(exc))
