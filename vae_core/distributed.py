"""Multi-process data-parallel training with ``torch.distributed`` (DDP): gloo on CPU, NCCL on GPU.

Launch with torchrun, which starts one process per GPU (or per CPU worker) and sets ``RANK``,
``WORLD_SIZE``, ``LOCAL_RANK``, ``MASTER_ADDR`` and ``MASTER_PORT`` in each::

    torchrun --standalone --nproc_per_node 4 -m vae_core train --dataset mnist --out m.safetensors

What each process does (``vae_core.cli`` wires it; ``Trainer(..., dist=ctx)`` does the steps):

- it loads the whole dataset and keeps it resident on its device, then takes a disjoint shard of
  it by index every epoch (``shard_minibatches``). Every process draws the same permutation
  (same generator seed), drops the last ``n mod W`` images of it, and takes every W-th entry
  starting at its rank, so every process runs the same number of steps and none waits forever
  in a collective. ``--batch-size`` is the **per-process** batch B (torch's convention); one
  optimiser step sees the **global batch B × W**, and it is exactly the batch a single process
  with batch size B × W takes from the same permutation.
- ``DistributedDataParallel`` averages the gradients over the processes. The loss is a mean over
  the batch and every shard batch has the same size, so the average is the global-batch
  gradient. (The ``capacity`` and ``free_bits`` objectives are not linear in the batch-mean KL:
  each process applies them to its own shard's KL, like gradient accumulation would.)
- the step metrics (recon, KL, β·KL, −ELBO, KL per dim), a stop request and the finiteness of
  the loss are all-reduced in one collective per step, so the callbacks see global averages
  and every process takes the same decision (stop, diverged) at the same step. The test set is
  evaluated sharded and reduced (``DistContext.evaluate``).
- the reparameterisation noise ε is drawn per process (seed + rank), so the shards see
  independent noise; the weights start equal because DDP broadcasts rank 0's at construction.
- only rank 0 prints and writes the checkpoint, from the plain model (no ``module.`` prefixes):
  it loads like any other file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

import torch
import torch.distributed as dist
from torch import Tensor, nn

from vae_core.devices import resolve_device
from vae_core.evaluation import ACTIVE_UNIT_THRESHOLD, EVAL_BATCH
from vae_core.losses import kl_divergence

ENV_VARS = ("RANK", "WORLD_SIZE", "LOCAL_RANK")
DEFAULT_TIMEOUT = timedelta(minutes=10)  # a collective waiting longer than this is an error
T = TypeVar("T")


@dataclass(frozen=True)
class DistEnv:
    """Where this process sits in the job, as torchrun describes it in the environment."""

    rank: int                       # 0 .. world_size-1 over all machines
    world_size: int                 # number of processes in the job
    local_rank: int                 # index on this machine: picks the GPU

    @classmethod
    def from_environ(cls, environ: dict[str, str] | None = None) -> DistEnv | None:
        """The torchrun variables, or None when this process was not launched by torchrun
        (no ``WORLD_SIZE``) or is alone (``WORLD_SIZE=1``: plain single-process training)."""
        env = os.environ if environ is None else environ
        if "WORLD_SIZE" not in env:
            return None
        values = {}
        for name in ENV_VARS:
            raw = env.get(name, "0" if name == "LOCAL_RANK" else None)
            try:
                values[name] = int(raw)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                raise ValueError(f"torch.distributed environment: {name}={raw!r} is not an "
                                 "integer; launch with torchrun") from None
        world, rank, local = values["WORLD_SIZE"], values["RANK"], values["LOCAL_RANK"]
        if world < 1 or not 0 <= rank < world or local < 0:
            raise ValueError(f"torch.distributed environment: RANK={rank}, WORLD_SIZE={world}, "
                             f"LOCAL_RANK={local} is inconsistent")
        if world == 1:
            return None
        return cls(rank=rank, world_size=world, local_rank=local)


def shard_size(n: int, world_size: int) -> int:
    """Images each process trains on per epoch: ``n // world_size`` (the rest is dropped)."""
    return n // world_size


def shard_minibatches(n: int, batch_size: int, *, rank: int, world_size: int,
                      generator: torch.Generator | None,
                      device: torch.device | str | None = None) -> Iterator[Tensor]:
    """This process's minibatches for one epoch: int64 index tensors into the ``n`` images.

    All processes draw the same permutation from ``generator`` (seed it the same everywhere),
    keep its first ``W·(n // W)`` entries and take ``order[rank::W]``, then cut that shard into
    batches of ``batch_size`` (the last one shorter, equally short on every process). Step s of
    all processes together covers ``order[s·B·W:(s+1)·B·W]``: the batch a single process with
    batch size B·W takes at step s. With ``world_size=1`` the batches are exactly
    ``iterate_minibatches``'s. The ``n mod W`` dropped images change every epoch.
    """
    for name, value in (("batch_size", batch_size), ("world_size", world_size)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")
    if isinstance(rank, bool) or not isinstance(rank, int) or not 0 <= rank < world_size:
        raise ValueError(f"rank must be in [0, {world_size}), got {rank!r}")
    used = world_size * shard_size(n, world_size)
    gen_device = generator.device if generator is not None else "cpu"
    order = torch.randperm(n, generator=generator, device=gen_device)  # as iterate_minibatches
    shard = order[:used][rank::world_size].to(device if device is not None else gen_device)
    for start in range(0, shard.shape[0], batch_size):
        yield shard[start:start + batch_size]


@dataclass(frozen=True)
class DistContext:
    """An initialised process group as the trainer and the CLI use it."""

    rank: int
    world_size: int
    local_rank: int
    device: torch.device            # cuda:LOCAL_RANK with NCCL, cpu with gloo
    backend: str                    # "nccl" or "gloo"

    @property
    def is_main(self) -> bool:
        """Rank 0: the process that prints and writes files."""
        return self.rank == 0

    def shard_size(self, n: int) -> int:
        return shard_size(n, self.world_size)

    def minibatches(self, x: Tensor, batch_size: int, *,
                    generator: torch.Generator | None) -> Iterator[Tensor]:
        """``shard_minibatches`` for the rows of ``x``, indices on x's device."""
        return shard_minibatches(int(x.shape[0]), batch_size, rank=self.rank,
                                 world_size=self.world_size, generator=generator,
                                 device=x.device)

    def wrap(self, model: nn.Module) -> nn.Module:
        """``model`` (already on ``device``) in DistributedDataParallel; weights are broadcast
        from rank 0 here. Keep a reference to ``model`` itself for state_dict / saving."""
        from torch.nn.parallel import DistributedDataParallel as DDP

        ids = [self.device.index] if self.device.type == "cuda" else None
        return DDP(model, device_ids=ids, output_device=self.device.index if ids else None)

    def all_reduce_sum(self, t: Tensor) -> Tensor:
        """Sum of ``t`` over the processes (in place, returned)."""
        dist.all_reduce(t, op=dist.ReduceOp.SUM)
        return t

    def barrier(self) -> None:
        dist.barrier()

    def raise_if_any(self, error: str | None) -> None:
        """Collective: raise ``ValueError`` on every process if any process passed an error
        message (so one process's bad input cannot leave the others waiting)."""
        errors: list[str | None] = [None] * self.world_size
        dist.all_gather_object(errors, error)
        for rank, message in enumerate(errors):
            if message is not None:
                raise ValueError(message if rank == self.rank else f"{message} (on rank {rank})")

    def local_leader_first(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on each machine's LOCAL_RANK 0 first, then on the other processes: a
        dataset is downloaded once per machine, never by several processes into one folder.
        A ``ValueError`` / ``OSError`` on any process is raised on all of them."""
        result, error = None, None
        for leaders in (True, False):
            if (self.local_rank == 0) == leaders:
                try:
                    result = fn()
                except (ValueError, OSError) as exc:
                    error = str(exc) or type(exc).__name__
            self.raise_if_any(error)
        return result  # type: ignore[return-value]

    @torch.no_grad()
    def evaluate(self, model: nn.Module, x: Tensor, *, batch_size: int = EVAL_BATCH,
                 generator: torch.Generator | None = None) -> dict:
        """``evaluation.evaluate_batches`` sharded over the processes and reduced: each process
        scores ``x[rank::W]``; sums (in float64) are all-reduced, then every process returns
        the same dict for the whole of ``x``."""
        n, k = int(x.shape[0]), int(model.latent_dim)
        part = x[self.rank::self.world_size]
        # [recon sum, KL sum per dim (K), Σμ per dim (K), Σμ² per dim (K)] over this shard
        sums = torch.zeros(1 + 3 * k, dtype=torch.float64, device=x.device)
        for start in range(0, part.shape[0], batch_size):
            xb = part[start:start + batch_size]
            out = model(xb, generator=generator)
            mu = out.mu.double()
            sums[0] -= model.likelihood.log_prob(out.logits, xb).double().sum()
            sums[1:1 + k] += kl_divergence(out.mu, out.logvar).double().sum(dim=0)
            sums[1 + k:1 + 2 * k] += mu.sum(dim=0)
            sums[1 + 2 * k:] += mu.pow(2).sum(dim=0)
        sums = self.all_reduce_sum(sums).cpu()
        kl_per_dim = sums[1:1 + k] / n
        mean = sums[1 + k:1 + 2 * k] / n
        var = (sums[1 + 2 * k:] - n * mean.pow(2)) / max(n - 1, 1)  # unbiased, as torch.var
        active = int((var > ACTIVE_UNIT_THRESHOLD).sum()) if n > 1 else 0
        recon = float(sums[0]) / n
        kl_total = float(kl_per_dim.sum())
        return {"elbo": recon + kl_total, "recon": recon, "kl": kl_total,
                "kl_per_dim": [float(v) for v in kl_per_dim], "active_units": active,
                "mu_var_per_dim": [float(v) for v in var] if n > 1 else [0.0] * k, "n": n}


_joined_a_group = False  # set by init_distributed, for exit_process


def init_distributed(device: str = "auto", *, env: DistEnv | None = None,
                     timeout: timedelta = DEFAULT_TIMEOUT) -> DistContext:
    """Join the process group torchrun set up: NCCL on ``cuda:LOCAL_RANK``, gloo on CPU.

    ``device`` is ``TrainConfig.device``: "cuda" without a GPU is the same clear ``ValueError``
    as in a single process (raised before any connection is made).
    """
    env = env or DistEnv.from_environ()
    if env is None:
        raise ValueError("not launched by torchrun: WORLD_SIZE is unset or 1")
    if not dist.is_available():
        raise ValueError("this torch build has no torch.distributed support")
    if resolve_device(device).type == "cuda":
        n_gpus = torch.cuda.device_count()
        if env.local_rank >= n_gpus:
            raise ValueError(f"LOCAL_RANK {env.local_rank} has no GPU: this machine shows "
                             f"{n_gpus}; use --nproc_per_node {n_gpus} or fewer")
        target, backend = torch.device("cuda", env.local_rank), "nccl"
        torch.cuda.set_device(target)
    else:
        target, backend = torch.device("cpu"), "gloo"
    if not dist.is_initialized():
        dist.init_process_group(backend, rank=env.rank, world_size=env.world_size,
                                timeout=timeout,
                                device_id=target if backend == "nccl" else None)
    elif dist.get_world_size() != env.world_size or dist.get_rank() != env.rank:
        raise ValueError("a process group with another rank / world size is already set up")
    global _joined_a_group
    _joined_a_group = True  # see exit_process
    return DistContext(rank=env.rank, world_size=env.world_size, local_rank=env.local_rank,
                       device=target, backend=backend)


def shutdown() -> None:
    """Leave the process group (no-op when none is set up)."""
    if dist.is_available() and dist.is_initialized():
        dist.destroy_process_group()


def exit_process(code: int) -> None:
    """End a process that has been part of a process group, with exit status ``code``.

    DistributedDataParallel leaves the gloo process group referenced from C++ (torch 2.15: its
    worker threads survive ``destroy_process_group``), so a normal interpreter exit destroys
    them in static destructors, and now and then that aborts the process ("terminate called
    without an active exception", SIGABRT) after all its work is done. Skipping those
    destructors is safe here: output is flushed, checkpoints were written atomically.
    A process that never joined a group exits normally.
    """
    if not _joined_a_group:
        raise SystemExit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
