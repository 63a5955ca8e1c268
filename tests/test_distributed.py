"""Data-parallel training (vae_core.distributed): sharding, the AMP/CUDA guards, a real 2-process
gloo run, and the CLI under torchrun. Every spawned process uses one thread (OMP_NUM_THREADS=1)
so two ranks fit on a 2-core CI machine; the whole file takes 16 s there (23 s when busy).

No GPU is needed: the CUDA / NCCL / AMP path is covered here only through its CPU-side guards
and a CPU-autocast run of the same trainer code.
"""

import contextlib
import dataclasses
import os
import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
import torch
import torch.multiprocessing as mp

from vae_core import devices, distributed
from vae_core.checkpoints import load_checkpoint
from vae_core.cli import main
from vae_core.config import ModelConfig, TrainConfig
from vae_core.data import iterate_minibatches
from vae_core.distributed import DistEnv, shard_minibatches
from vae_core.models import base as model_base
from vae_core.models import build_model
from vae_core.training import Trainer, TrainerCallback, resolve_amp, train_model

ROOT = Path(__file__).resolve().parents[1]
WORLD = 2
PER_RANK_BATCH = 32
N_TRAIN = 1400  # divisible by WORLD: no image is dropped, a single process sees the same
STOCHASTIC = ModelConfig(hidden=(64, 32), latent_dim=4, recon="gaussian")  # σ learned outside DDP
DETERMINISTIC = ModelConfig(hidden=(64, 32), latent_dim=4, recon="bce")
EPOCHS = 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _spawn_env() -> dict[str, str]:
    # a rank that dies of a signal prints its Python stack instead of only "terminate called"
    env = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONFAULTHANDLER": "1"}
    if os.path.exists("/sys/class/net/lo") and "GLOO_SOCKET_IFNAME" not in os.environ:
        env["GLOO_SOCKET_IFNAME"] = "lo"  # loopback only, whatever the hostname resolves to
    return env


@contextlib.contextmanager
def _noise_free():
    """z = μ instead of μ + σ·ε: the forward pass no longer draws random numbers."""
    with mock.patch.object(model_base, "reparameterize", lambda mu, logvar, generator=None: mu):
        yield


class _Recorder(TrainerCallback):
    def __init__(self):
        self.steps, self.epochs = [], []

    def on_step(self, m):  # every number but samples_per_s (a timing), flat
        self.steps.append((m.step, m.epoch, m.recon, m.kl, m.beta, m.kl_term, m.total, m.elbo,
                           *m.kl_per_dim))

    def on_epoch(self, m):  # every number but seconds, flat
        self.epochs.append((m.epoch, m.step, m.train_elbo, m.test_elbo, m.test_recon,
                            m.test_kl, m.active_units, *m.test_kl_per_dim))


def _train(model_cfg, data, batch_size, *, dist=None):
    rec = _Recorder()
    cfg = TrainConfig(epochs=EPOCHS, batch_size=batch_size, lr=2e-3, seed=0, device="cpu")
    model, result = train_model(model_cfg, data, cfg, callbacks=[rec], dist=dist)
    return {"state": model.state_dict(), "steps": rec.steps, "epochs": rec.epochs,
            "final": result.final_test, "status": result.status, "n_steps": result.steps}


def _rank_main(rank: int, port: int, data, out_dir: str) -> None:
    """One rank of the 2-process job (what torchrun would start), saving what it ends with."""
    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port), RANK=str(rank),
                      WORLD_SIZE=str(WORLD), LOCAL_RANK=str(rank))
    torch.set_num_threads(1)
    ctx = distributed.init_distributed("cpu", timeout=timedelta(seconds=60))
    try:
        results = {"stochastic": _train(STOCHASTIC, data, PER_RANK_BATCH, dist=ctx)}
        with _noise_free():
            results["deterministic"] = _train(DETERMINISTIC, data, PER_RANK_BATCH, dist=ctx)
        torch.save(results, Path(out_dir) / f"rank{rank}.pt")
    finally:
        distributed.shutdown()
    distributed.exit_process(0)  # as ``python -m vae_core`` does: see there why


@pytest.fixture(scope="module")
def small_digits(digits):
    return dataclasses.replace(digits, train_x=digits.train_x[:N_TRAIN],
                               train_y=digits.train_y[:N_TRAIN])


@pytest.fixture(scope="module")
def two_rank_run(small_digits, tmp_path_factory):
    """Train on 2 gloo processes (torch.multiprocessing.spawn) and load what each rank saved."""
    out = tmp_path_factory.mktemp("ddp")
    with mock.patch.dict(os.environ, _spawn_env()):
        mp.spawn(_rank_main, args=(_free_port(), small_digits, str(out)), nprocs=WORLD,
                 join=True)
    return [torch.load(out / f"rank{r}.pt", weights_only=True) for r in range(WORLD)]


# ------------------------------------------------------------------------------- sharding

def test_shards_are_disjoint_equal_and_form_the_global_batch():
    n, world, batch = 1001, 3, 32
    shards = [list(shard_minibatches(n, batch, rank=r, world_size=world,
                                     generator=torch.Generator().manual_seed(5)))
              for r in range(world)]
    single = list(iterate_minibatches(torch.zeros(n, 1), batch * world,
                                      generator=torch.Generator().manual_seed(5)))
    # the same number of steps, and the same batch size at every step, on every rank
    assert [[len(b) for b in s] for s in shards] == [[len(b) for b in shards[0]]] * world
    every = torch.cat([torch.cat(s) for s in shards])
    assert every.numel() == world * (n // world) == len(set(every.tolist()))  # disjoint
    for step, global_batch in enumerate(single):
        union = set(torch.cat([s[step] for s in shards]).tolist())
        if step < len(single) - 1:
            assert union == set(global_batch.tolist())  # = the single-process batch B·W
        else:  # the n mod W dropped images come off the last batch
            assert union <= set(global_batch.tolist())
            assert len(global_batch) - len(union) == n % world
    one = list(shard_minibatches(n, batch, rank=0, world_size=1,
                                 generator=torch.Generator().manual_seed(5)))
    ref = iterate_minibatches(torch.zeros(n, 1), batch, generator=torch.Generator().manual_seed(5))
    assert all(torch.equal(a, b) for a, b in zip(one, ref, strict=True))


@pytest.mark.parametrize("kwargs, needle", [
    ({"rank": 2, "world_size": 2}, "rank"),
    ({"rank": 0, "world_size": 0}, "world_size"),
    ({"rank": 0, "world_size": 2, "batch_size": 0}, "batch_size"),
])
def test_shard_arguments_are_checked(kwargs, needle):
    kwargs = {"batch_size": 8, **kwargs}
    with pytest.raises(ValueError, match=needle):
        next(shard_minibatches(10, generator=None, **kwargs))


def test_torchrun_environment_is_read_and_checked():
    assert DistEnv.from_environ({}) is None
    assert DistEnv.from_environ({"WORLD_SIZE": "1", "RANK": "0", "LOCAL_RANK": "0"}) is None
    env = DistEnv.from_environ({"WORLD_SIZE": "4", "RANK": "3", "LOCAL_RANK": "1"})
    assert (env.rank, env.world_size, env.local_rank) == (3, 4, 1)
    with pytest.raises(ValueError, match="RANK"):
        DistEnv.from_environ({"WORLD_SIZE": "2", "RANK": "x"})
    with pytest.raises(ValueError, match="inconsistent"):
        DistEnv.from_environ({"WORLD_SIZE": "2", "RANK": "2", "LOCAL_RANK": "0"})


# --------------------------------------------------------------------------- CUDA / AMP guards

def test_the_bfloat16_probe_decides_from_the_fastest_times(monkeypatch):
    """The probe times float32 and bfloat16 passes interleaved and compares their fastest: a
    throttled pass (a shared CPU) cannot flip the answer, a slow bfloat16 says no."""
    def probe(times):
        it = iter(times)
        monkeypatch.setattr(devices, "_step_seconds", lambda *a: next(it))
        devices.cpu_has_bf16.cache_clear()
        try:
            return devices.cpu_has_bf16()
        finally:
            devices.cpu_has_bf16.cache_clear()

    n = devices.PROBE_WARMUP + devices.PROBE_REPEATS
    fast_bf16 = [1.0, 0.5] * n
    assert probe(fast_bf16) is True
    assert probe([1.0, 3.0] * n) is False  # CPU autocast without the hardware: slower
    throttled = [1.0, 0.5] * (n - 1) + [1.0, 9.0]  # one bf16 pass waited for the CPU
    assert probe(throttled) is True
    warm_up_only = [1.0, 0.1] * devices.PROBE_WARMUP + [1.0, 0.95] * devices.PROBE_REPEATS
    assert probe(warm_up_only) is False  # the untimed warm-up passes do not count


def test_the_bfloat16_probe_runs_once_per_process():
    devices.cpu_has_bf16.cache_clear()
    first = devices.cpu_has_bf16()
    assert isinstance(first, bool) and devices.cpu_has_bf16() is first
    assert devices.cpu_has_bf16.cache_info().misses == 1


def test_amp_is_refused_on_a_cpu_without_bfloat16(digits, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(devices, "cpu_has_bf16", lambda: False)
    assert resolve_amp(False, torch.device("cpu")) is None
    with pytest.raises(ValueError, match="amp .*needs a CUDA GPU or a CPU with bfloat16"):
        Trainer(build_model(DETERMINISTIC), digits, TrainConfig(amp=True, device="cpu"))
    assert main(["train", "--amp", "--device", "cpu", "--epochs", "1",
                 "--out", str(tmp_path / "m.safetensors")]) == 2
    err = capsys.readouterr().err
    assert "amp" in err and "bfloat16" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "m.safetensors").exists()


def test_amp_on_a_bfloat16_cpu_trains_as_well_as_float32(digits, monkeypatch):
    """Where the CPU has bfloat16 hardware, amp=True autocasts the network to bfloat16 (the
    losses stay float32) and lands within a nat of the float32 run. Elsewhere the probe is
    forced on: autocast is then slow, not wrong, so the same check holds."""
    monkeypatch.setattr(devices, "cpu_has_bf16", lambda: True)
    assert resolve_amp(True, torch.device("cpu")) == torch.bfloat16
    cfg = TrainConfig(epochs=10, batch_size=64, lr=2e-3, device="cpu")
    finals = {}
    for amp in (False, True):
        torch.manual_seed(0)
        trainer = Trainer(build_model(STOCHASTIC), digits, dataclasses.replace(cfg, amp=amp))
        assert trainer.amp_dtype == (torch.bfloat16 if amp else None)
        result = trainer.fit()
        assert result.status == "finished"
        finals[amp] = result.final_test["elbo"]
        assert all(p.dtype == torch.float32 for p in trainer.model.parameters())
    assert abs(finals[True] - finals[False]) < 1.0, finals


def test_amp_dtype_on_cuda():
    if not torch.cuda.is_available():
        pytest.skip("no GPU here: the autocast path itself is not exercised")
    expected = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    assert resolve_amp(True, torch.device("cuda")) == expected


@pytest.mark.parametrize("dtype", [torch.bfloat16, torch.float16])
def test_amp_code_path_under_cpu_autocast(digits, dtype):
    """The closest a GPU-less CI gets to ``amp=True``: the same trainer code with autocast on
    CPU (the guard bypassed). The network runs in 16 bits, the loss terms get float32 copies,
    and float16 goes through the GradScaler."""
    trainer = Trainer(build_model(STOCHASTIC), digits, TrainConfig(epochs=1, device="cpu"))
    trainer.amp_dtype = dtype
    if dtype == torch.float16:
        trainer.scaler = torch.amp.GradScaler("cpu")
    seen = []
    network_forward = trainer.net.forward
    trainer.net.forward = lambda x, **kw: seen.append(network_forward(x, **kw)) or seen[-1]
    out = trainer._forward(digits.train_x[:4])
    assert seen[-1].logits.dtype == dtype and seen[-1].mu.dtype == dtype
    assert all(t.dtype == torch.float32 for t in out)
    result = trainer.fit()
    assert result.status == "finished" and result.final_test["elbo"] < 1e3
    assert all(p.dtype == torch.float32 and torch.isfinite(p).all()
               for p in trainer.model.parameters())
    if trainer.scaler is not None:
        assert trainer.scaler.get_scale() > 0  # the scaler was stepped, not bypassed


def test_nccl_run_without_gpu_fails_before_connecting():
    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    env = DistEnv(rank=0, world_size=2, local_rank=0)
    with pytest.raises(ValueError, match="no CUDA GPU"):  # no rendezvous is attempted
        distributed.init_distributed("cuda", env=env, timeout=timedelta(seconds=1))


# ----------------------------------------------------------------------------- 2 processes

@pytest.mark.timeout(180)
def test_two_ranks_stay_in_sync(two_rank_run):
    """(a) After 2 epochs with noise on (each rank draws its own ε) and a learned σ (a
    parameter used by the loss outside DDP's forward), both ranks hold bit-identical weights
    and reported identical, all-reduced metrics at every step and epoch."""
    r0, r1 = (run["stochastic"] for run in two_rank_run)
    assert r0["status"] == r1["status"] == "finished"
    assert r0["n_steps"] == EPOCHS * -(-N_TRAIN // WORLD // PER_RANK_BATCH)  # 2 × 22
    assert r0["state"].keys() == r1["state"].keys()
    for key, value in r0["state"].items():
        assert torch.equal(value, r1["state"][key]), key
    assert r0["steps"] == r1["steps"] and len(r0["steps"]) == r0["n_steps"]
    assert r0["epochs"] == r1["epochs"] and len(r0["epochs"]) == EPOCHS
    assert r0["final"] == r1["final"] and r0["final"]["n"] > 300
    init = build_model(STOCHASTIC)  # the run really trained (rank 0 seeds like a single process)
    assert not torch.equal(init.state_dict()["fc_mu.weight"], r0["state"]["fc_mu.weight"])


@pytest.mark.timeout(180)
def test_two_ranks_match_one_process_with_the_same_global_batch(two_rank_run, small_digits):
    """(b) 2 ranks × batch 32 give the result of 1 process × batch 64.

    They see the same data in the same order: the same permutation generator, and the ranks'
    shards of step s together are the single process's batch s. DDP averages the two shard
    gradients; the loss is a batch mean and the shards are equal in size, so that average is
    the 64-image gradient. The init is the same (seed 0; DDP broadcasts rank 0's weights).

    What legitimately differs is the reparameterisation noise: each rank draws its own ε
    stream (seed + rank), the single process one stream for all 64 images, so with noise on the
    runs would only agree in distribution, and a tolerance loose enough for that would also let
    bugs through. So this comparison runs with z = μ (``_noise_free``; the model has no dropout
    or other randomness), which makes both runs deterministic functions of the data order; they
    then differ only by float rounding (summation order in the gradient all-reduce and in the
    batch means): observed 1.4e-7 on the weights and 2e-6 relative on the metrics after 44
    steps. The tolerance (weights 1e-4 abs + 1e-3 rel, metrics 1e-3 rel) is far below what real
    bugs produced when planted on purpose: both ranks training on the same shard moved the
    weights by 5e-2 and the metrics by 35 %; a global batch of 32 instead of 64, by 0.14 and
    100 %; metrics taken from rank 0 alone instead of averaged, by 20 %. Noise on is covered by
    the sync test above.
    """
    ddp = two_rank_run[0]["deterministic"]
    assert two_rank_run[1]["deterministic"]["state"].keys() == ddp["state"].keys()
    for key, value in ddp["state"].items():
        assert torch.equal(value, two_rank_run[1]["deterministic"]["state"][key]), key
    with _noise_free():
        single = _train(DETERMINISTIC, small_digits, PER_RANK_BATCH * WORLD)
    assert single["n_steps"] == ddp["n_steps"]
    for key, value in single["state"].items():
        torch.testing.assert_close(ddp["state"][key], value, rtol=1e-3, atol=1e-4, msg=key)
    # metrics: all-reduced means over the ranks = the single process's batch means
    for got, want in zip(ddp["steps"], single["steps"], strict=True):
        assert got[:1] == want[:1]  # step
        assert got[1:] == pytest.approx(want[1:], rel=1e-3, abs=1e-4)
    for got, want in zip(ddp["epochs"], single["epochs"], strict=True):
        assert got == pytest.approx(want, rel=1e-3, abs=1e-4)
    # the sharded + all-reduced test evaluation equals the one-process evaluation
    assert ddp["final"]["active_units"] == single["final"]["active_units"]
    assert ddp["final"]["n"] == single["final"]["n"]
    for key in ("elbo", "recon", "kl", "kl_per_dim"):
        assert ddp["final"][key] == pytest.approx(single["final"][key], rel=1e-4, abs=1e-5)


# ------------------------------------------------------------------------------- torchrun CLI

def _torchrun_train(out: Path) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", str(WORLD),
           "--nnodes", "1", "--master_addr", "127.0.0.1", "--master_port", str(_free_port()),
           "-m", "vae_core", "train", "--dataset", "digits", "--epochs", "1", "--device", "cpu",
           "--batch-size", str(PER_RANK_BATCH), "--hidden", "64", "32", "--latent-dim", "4",
           "--out", str(out), "--quiet"]
    env = {**os.environ, **_spawn_env(), "PYTHONPATH": str(ROOT)}
    return subprocess.run(cmd, cwd=out.parent, env=env, capture_output=True, text=True,
                          timeout=170)


@pytest.mark.e2e  # a whole program in a subprocess
@pytest.mark.timeout(180)
def test_cli_under_torchrun_writes_one_loadable_checkpoint(tmp_path, digits):
    """(c) ``torchrun --nproc_per_node 2 -m vae_core train``: one file, written by rank 0 only,
    loadable like any other (no ``module.`` prefixes), one result line on stdout."""
    out = tmp_path / "ddp.safetensors"
    proc = _torchrun_train(out)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no second file, no .tmp
    lines = [line for line in proc.stdout.splitlines() if "saved" in line]
    assert len(lines) == 1 and "on 2 processes" in lines[0], proc.stdout
    ckpt = load_checkpoint(out)
    assert not any(k.startswith("module.") for k in ckpt.model.state_dict())
    s = ckpt.summary
    assert s["world_size"] == WORLD and s["global_batch_size"] == WORLD * PER_RANK_BATCH
    assert s["backend"] == "gloo" and s["status"] == "finished"
    assert s["steps"] == -(-(digits.n_train // WORLD) // PER_RANK_BATCH)  # ceil(719 / 32) = 23
    assert ckpt.train_cfg.batch_size == PER_RANK_BATCH  # per process, as given


@pytest.mark.e2e  # a whole program in a subprocess
@pytest.mark.timeout(180)
def test_cli_under_torchrun_fails_every_process_when_the_save_fails(tmp_path):
    """Rank 0 cannot write (the target is a folder): every process exits 2 with the reason,
    none waits for the others or leaves a file behind."""
    out = tmp_path / "taken.safetensors"
    out.mkdir()
    proc = _torchrun_train(out)
    assert proc.returncode != 0
    # the processes share one stderr: count messages, not lines
    assert proc.stderr.count("error: [Errno 21] Is a directory") == WORLD, proc.stderr
    assert proc.stderr.count("(on rank 0)") == 1, proc.stderr
    assert proc.stderr.count("exitcode  : 2") == WORLD  # both stopped with the message
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name] and not any(out.iterdir())
