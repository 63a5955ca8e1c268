"""How training runs, jobs and sweeps end, as codes with parameters (``TrainResult.code``,
``JobSnapshot.code``, ``SweepSnapshot.code`` and their ``params``) and the English sentence of
each code, which the CLI prints and logs carry. The app words the codes itself, in English or
中文 (``ui/``); nothing parses these sentences. No torch here: the UI's text tables import it."""

OUTCOMES = {  # TrainResult.code -> English
    "finished": "finished {epochs} epochs, {steps} steps",
    "stopped_after": "stopped by request after {steps} steps",
    "diverged_at": "training diverged at step {step} (loss = {loss}); kept the weights from "
                   "step {good_step}, the last with a finite loss. Try a smaller learning rate "
                   "(now {lr:g}).",
    "diverged_test": "test −ELBO is not finite after epoch {epoch}; kept the weights from step "
                     "{good_step}. Try a smaller learning rate.",
}


JOB_MESSAGES = {  # JobSnapshot.code -> English (the app words the codes in each language)
    **OUTCOMES,
    "pending": "",
    "running": "",
    "loading": "loading {dataset}",
    "stopped_before": "stopped before the first step",
    "not_started": "not started",
    "failed": "training failed with an error: {error}",
    # a server shutdown (SIGTERM: a redeploy) ended the job; see ui/shutdown.py
    "interrupted_saved": "stopped after {steps} steps because the server is restarting; the "
                         "weights are saved in the library as “{name}”",
    "interrupted_unsaved": "stopped after {steps} steps because the server is restarting; the "
                           "weights could not be saved ({error})",
    "not_started_restart": "not started: the server is restarting. Start it again once the "
                           "page has reconnected",
}


SWEEP_MESSAGES = {  # SweepSnapshot.code -> English (the app words the codes in each language)
    "pending": "",
    "running": "",
    "loading": "loading {dataset}",
    "trained": "trained {n} models",
    "trained_failed": "trained {n} models; {failed} failed",
    "stopped_after": "stopped after {done} of {total} models",
    "failed": "the sweep failed with an error: {error}",
}


CHECKPOINT_MESSAGES = {  # CheckpointError.code -> English (the app words the codes itself)
    # reading the file
    "read_failed": "cannot read {file}: {reason}",
    "too_large": "file is too large for a checkpoint ({mib:.0f} MiB > {limit_mib:.0f} MiB)",
    "too_short": "not a checkpoint: only {size} bytes (a safetensors file starts with an 8-byte "
                 "header length)",
    "looks_like_pt": "this looks like a PyTorch .pt/.pth file (pickle), not a VAE Lab "
                     "safetensors checkpoint; use the pytorch/examples import",
    "header_too_long": "not a checkpoint: header length {n:,} bytes is absurd (limit {limit:,})",
    "header_truncated": "truncated file: header says {n:,} bytes, only {have:,} follow",
    "header_not_json": "not a checkpoint: the safetensors header is not a UTF-8 JSON object",
    # the metadata
    "no_metadata": "not a VAE Lab checkpoint: no {key!r} metadata in the safetensors header",
    "metadata_not_strings": "bad safetensors header: metadata values must be strings",
    "metadata_not_json": "bad {key!r} metadata: not a JSON object",
    "metadata_too_large": "checkpoint metadata is too large ({n:,} characters)",
    "unsupported_format": "unsupported checkpoint format {found!r} (this version reads "
                          "{expected!r})",
    "unknown_keys": "bad {key!r} metadata: unknown keys {keys}",
    "bad_name": "bad checkpoint name: must be a string of at most {limit} characters",
    "bad_summary": "bad checkpoint summary: {where} must be plain JSON (numbers, strings, "
                   "lists, objects)",
    "bad_config": "bad {section} in checkpoint: {error}",
    "cannot_build": "cannot build a model from model_cfg: {error}",
    # the tensors
    "tensor_names": "the tensors do not match the model config: missing {missing}; "
                    "unexpected {unexpected}",
    "tensor_entry": "bad header entry for tensor {tensor!r}",
    "tensor_not_dense": "tensor {tensor!r} is not a dense tensor",
    "tensor_dtype": "tensor {tensor!r} has dtype {dtype}, expected float32",
    "tensor_shape": "tensor {tensor!r} has shape {shape}, expected {expected}",
    "tensor_not_finite": "tensor {tensor!r} has NaN or infinite values",
    "tensor_offsets": "tensor {tensor!r} has bad data offsets {offsets}",
    "offsets_overlap": "bad data offsets: tensors overlap or leave gaps",
    "data_truncated": "truncated file: header expects {expected:,} bytes of tensor data, file "
                      "has {have:,}",
    "data_trailing": "trailing bytes after the tensors: header expects {expected:,} bytes of "
                     "tensor data, file has {have:,}",
    "corrupt_data": "corrupt safetensors data: {error}",
    "weights_misfit": "weights do not fit the model: {error}",
    # pytorch/examples .pt imports
    "pt_unsafe_call": "refused an unsafe .pt file: its pickle calls {name}; only a plain "
                      "state_dict of tensors is imported",
    "pt_unsafe": "refused an unsafe .pt file: its pickle holds more than tensors; only a plain "
                 "state_dict of tensors is imported",
    "pt_unloadable": "not a loadable PyTorch state_dict: {error}",
    "pt_not_dict": "expected a state_dict (a dict of tensors), got {type}",
    "pt_keys_not_strings": "expected a state_dict: keys must be strings",
    "pt_training_dict": "this is a training checkpoint dict; save model.state_dict() alone",
    "pt_too_many_members": "refused a .pt archive with more than {limit} members (a "
                           "pytorch/examples state_dict has about 15)",
    "pt_not_zip": "not a loadable PyTorch state_dict: expected the zip format torch.save "
                  "writes (torch ≥ 1.6)",
    "pt_is_vae_lab": "this is a VAE Lab checkpoint; open it with load_checkpoint, not the "
                     "pytorch/examples import",
    "pt_compressed": "refused a compressed .pt archive: {member} would expand {ratio:,.0f}× to "
                     "{size:,} bytes (a zip bomb?); torch.save never compresses",
    "pt_members_oversize": "refused a .pt archive whose members claim {total:,} bytes, more "
                           "than the file's {size:,} (a zip bomb or a broken archive)",
    "pt_not_one_folder": "not a torch.save archive: its members are not all under one top "
                         "folder (a nested or hand-made zip?)",
    "pt_no_pickle": "not a torch.save archive: no {prefix}/data.pkl inside",
    "pt_pickle_too_large": "refused a .pt archive whose pickle is {size:,} bytes (a "
                           "state_dict's is a few KB; limit {limit:,})",
}
