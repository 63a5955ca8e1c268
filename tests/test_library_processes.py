"""One library folder shared by several server processes (replicas behind a proxy, issue 18):
two processes saving or renaming to one name at the same moment never lose or corrupt a model,
and a process listing the folder while another saves and deletes sees every model and no
false problems. Real processes (fork), started together at a barrier."""

from __future__ import annotations

import multiprocessing as mp
import time
from pathlib import Path

import torch

from ui.shell import model_store
from vae_core.checkpoints import load_checkpoint
from vae_core.config import ModelConfig
from vae_core.models import build_model

TINY = ModelConfig(hidden=(8,), latent_dim=2)
ROUNDS = 12
CTX = mp.get_context("fork")  # no torch threads run yet in the test process: fork is safe


def _model(seed: int):
    return build_model(TINY, generator=torch.Generator().manual_seed(seed))


def _save_rounds(directory: str, who: int, barrier, results) -> None:
    model = _model(who)
    for i in range(ROUNDS):
        barrier.wait()
        try:
            model_store.save_model(model, f"shared {i}", Path(directory), data_cfg=None,
                               train_cfg=None, summary={"who": who})
        except FileExistsError:
            results.put((i, who, "refused"))
        else:
            results.put((i, who, "saved"))


def _run(target, args_of, n: int = 2) -> None:
    procs = [CTX.Process(target=target, args=args_of(who)) for who in range(n)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0


def test_two_processes_saving_one_name_keep_exactly_one_whole_file(tmp_path):
    barrier, results = CTX.Barrier(2), CTX.Queue()
    _run(_save_rounds, lambda who: (str(tmp_path), who, barrier, results))
    outcomes: dict[int, dict[int, str]] = {}
    for _ in range(2 * ROUNDS):
        i, who, what = results.get(timeout=10)
        outcomes.setdefault(i, {})[who] = what
    for i in range(ROUNDS):
        assert sorted(outcomes[i].values()) == ["refused", "saved"], outcomes[i]
        winner = next(who for who, what in outcomes[i].items() if what == "saved")
        ckpt = load_checkpoint(tmp_path / f"shared-{i}.safetensors")
        assert ckpt.summary == {"who": winner}  # the file is the winner's, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"shared-{i}.safetensors" for i in range(ROUNDS))  # no temp file left behind


def _rename_rounds(directory: str, who: int, barrier, results) -> None:
    folder = Path(directory)
    for i in range(ROUNDS):
        barrier.wait()
        try:
            model_store.rename_model(folder / f"r{i}-{who}.safetensors", f"target {i}", folder,
                                     by=str(who))
        except FileExistsError:
            results.put((i, who, "refused"))
        else:
            results.put((i, who, "renamed"))


def test_two_processes_renaming_to_one_name_lose_no_model(tmp_path):
    for i in range(ROUNDS):
        for who in range(2):
            model_store.save_model(_model(who), f"r{i}-{who}", tmp_path, data_cfg=None,
                               train_cfg=None, summary={"who": who}, owner=str(who))
    barrier, results = CTX.Barrier(2), CTX.Queue()
    _run(_rename_rounds, lambda who: (str(tmp_path), who, barrier, results))
    for _ in range(2 * ROUNDS):
        i, who, what = results.get(timeout=10)
        kept = tmp_path / (f"target-{i}.safetensors" if what == "renamed"
                           else f"r{i}-{who}.safetensors")
        assert load_checkpoint(kept).summary == {"who": who}
    entries, problems = model_store.list_models(tmp_path, "library")
    assert len(entries) == 2 * ROUNDS and problems == []


def _churn(directory: str, stop_at: float) -> None:
    """Save a new model and delete the one before, over and over."""
    folder, model, i = Path(directory), _model(0), 0
    while time.monotonic() < stop_at:
        model_store.save_model(model, f"churn {i}", folder, data_cfg=None, train_cfg=None,
                           summary={})
        if i:
            (folder / f"churn-{i - 1}.safetensors").unlink()
        i += 1


def test_listing_while_another_process_saves_and_deletes(tmp_path):
    for i in range(3):
        model_store.save_model(_model(i), f"stable {i}", tmp_path, data_cfg=None, train_cfg=None,
                           summary={})
    writer = CTX.Process(target=_churn, args=(str(tmp_path), time.monotonic() + 2.0))
    writer.start()
    listings = 0
    try:
        while writer.is_alive():
            entries, problems = model_store.list_models(tmp_path, "library")
            assert problems == []  # a file deleted meanwhile is no problem to show
            names = {e.name for e in entries}
            assert {"stable 0", "stable 1", "stable 2"} <= names
            assert len(names) <= 5  # the stable ones, at most two churned ones in between
            listings += 1
    finally:
        writer.join(30)
    assert writer.exitcode == 0 and listings > 20
    entries, _ = model_store.list_models(tmp_path, "library")
    assert len(entries) == 4  # what a second process lists is what is on disk
