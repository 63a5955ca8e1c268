import json
import os
import pickle
import subprocess
import sys

import pytest

from vae_core.cli import main


def run_cli(*args):
    env = {**os.environ, "OMP_NUM_THREADS": "1"}  # small model on a shared 2-core machine
    proc = subprocess.run([sys.executable, "-m", "vae_core", *args], capture_output=True,
                          text=True, timeout=300, env=env)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.e2e  # a whole program in a subprocess
def test_train_then_evaluate_then_info(tmp_path):
    out = tmp_path / "m.safetensors"
    code, stdout, stderr = run_cli("train", "--dataset", "digits", "--epochs", "3",
                                   "--schedule", "warmup", "--warmup-epochs", "1.5",
                                   "--seed", "3", "--split-seed", "0",
                                   "--out", str(out), "--quiet")
    assert code == 0, stderr
    assert "test −ELBO" in stdout and out.exists()
    code, stdout, stderr = run_cli("evaluate", str(out), "--dataset", "digits", "--json",
                                   "--iwae-k", "20", "--iwae-n", "50")
    assert code == 0, stderr
    res = json.loads(stdout)
    for key in ("elbo", "recon", "kl", "kl_per_dim", "active_units", "n", "iwae_nll"):
        assert key in res
    assert res["elbo"] == pytest.approx(res["recon"] + res["kl"], rel=1e-6)
    assert res["iwae_nll"] < res["elbo"] + 1.0  # IWAE bound is tighter (noise allowance)
    assert len(res["kl_per_dim"]) == 8 and res["n"] > 300
    code, stdout, _ = run_cli("info", str(out))
    info = json.loads(stdout)
    assert code == 0 and info["model_cfg"]["latent_dim"] == 8
    assert info["train_cfg"]["warmup_epochs"] == 1.5 and info["train_cfg"]["seed"] == 3
    assert info["data_cfg"]["seed"] == 0  # split as the app splits, whatever the run's seed


@pytest.mark.parametrize("args, needle", [
    (["train", "--dataset", "cifar", "--out", "x.safetensors"], "dataset"),
    (["train", "--beta", "nan", "--out", "x.safetensors"], "beta"),
    (["train", "--latent-dim", "0", "--out", "x.safetensors"], "latent_dim"),
    (["train", "--epochs", "-1", "--out", "x.safetensors"], "epochs"),
    (["train", "--bogus", "--out", "x.safetensors"], "unrecognized"),
    (["train", "--cycle-ratio", "0", "--out", "x.safetensors"], "cycle_ratio"),
    (["train", "--free-bits", "-1", "--out", "x.safetensors"], "free_bits"),
    (["train", "--split-seed", "-1", "--out", "x.safetensors"], "seed"),
    (["train"], "--out"),
    (["evaluate", "missing.safetensors", "--json"], "missing.safetensors"),
])
def test_bad_input_exits_2_with_one_line(capsys, args, needle, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and needle in err and "Traceback" not in err


class _Evil:
    def __reduce__(self):
        return (open, ("MARKER_EXECUTED", "w"))


def test_malicious_files_are_refused_without_running(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    evil = tmp_path / "evil.pt"
    evil.write_bytes(pickle.dumps({"fc1.weight": _Evil()}))
    assert main(["import-examples", str(evil), "--out", str(tmp_path / "o.safetensors")]) == 2
    assert main(["evaluate", str(evil), "--dataset", "digits"]) == 2
    assert main(["info", str(evil)]) == 2
    assert not (tmp_path / "MARKER_EXECUTED").exists()
    assert "Traceback" not in capsys.readouterr().err


def test_cuda_without_gpu_exits_2(tmp_path, capsys):
    import torch
    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    assert main(["train", "--device", "cuda", "--epochs", "1",
                 "--out", str(tmp_path / "m.safetensors")]) == 2
    assert "CUDA" in capsys.readouterr().err
