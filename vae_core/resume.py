"""A trainer's whole state between two steps, so that a run can go on in another trainer as if
it had never left the first one: the fork of a shared run (``ui.shell.shared_runs``).

Everything that decides the next steps' numbers is here: the weights, Adam's moments, the
(AMP) loss scaler, the two generators (the batch order is redrawn from the epoch's starting
state and the batches already taken are skipped; ε and binarisation go on from where they
were), the step count and the epoch's running sums, the last good weights and the base β.
A run resumed from the state taken after step s, with β changed, gives bit for bit the weights
of one run whose β changed after step s (``tests/test_shared_runs.py``).
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import torch


@dataclass
class TrainerState:
    step: int                       # optimiser steps taken
    epoch: int                      # the epoch under way (0-based)
    batches_done: int               # its batches already taken
    epoch_elbo: float               # its running sums (the epoch's train −ELBO)
    epoch_n: int
    model_state: dict[str, torch.Tensor]
    optimizer_state: dict[str, Any]
    scaler_state: dict[str, Any] | None
    order_rng: torch.Tensor         # the batch-order generator at the start of the epoch
    noise_rng: torch.Tensor         # ε and binarisation, now
    good_state: dict[str, torch.Tensor]
    good_step: int
    base_beta: float
    elapsed_s: float                # training time so far (epoch metrics' seconds go on)
    rate: float                     # images per second, smoothed
    history: list[Any] = field(default_factory=list)


class StateRequests:
    """Requests for the state at the next step boundary, served in the training thread.

    ``take`` blocks until the trainer has served the request (the state) or the run has ended
    without another step (None), at most ``timeout`` seconds. ``on_state`` (optional) runs in
    the training thread with the state, before the next step: whoever forks copies what else
    must match that step there (the job's curves)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: list[tuple[threading.Event, list, Callable | None]] = []
        self.ended = False

    def __bool__(self) -> bool:
        return bool(self._waiting)

    def take(self, timeout: float, on_state: Callable[[TrainerState], None] | None = None
             ) -> TrainerState | None:
        done, box = threading.Event(), []
        with self._lock:
            if self.ended:
                return None
            self._waiting.append((done, box, on_state))
        done.wait(timeout)
        with self._lock:
            self._waiting = [w for w in self._waiting if w[0] is not done]
        return box[0] if box else None

    def serve(self, make_state: Callable[[], TrainerState]) -> None:
        with self._lock:
            waiting, self._waiting = self._waiting, []
        if not waiting:
            return
        state = make_state()
        for done, box, on_state in waiting:
            if on_state is not None:
                on_state(state)
            box.append(state)
            done.set()

    def end(self) -> None:
        """The run ended: nobody gets a state any more."""
        with self._lock:
            self.ended = True
            waiting, self._waiting = self._waiting, []
        for done, _, _ in waiting:
            done.set()


def capture(trainer: Any, run: Any, *, epoch: int, batches_done: int, epoch_elbo: float,
            epoch_n: int, order_rng: torch.Tensor) -> TrainerState:
    """The state after ``run.step`` steps of ``trainer`` (a ``vae_core.training.Trainer``;
    this module does not import it: the trainer imports this), in the training thread."""
    with trainer.weights_lock:
        model_state = copy.deepcopy(trainer.model.state_dict())
        optimizer_state = copy.deepcopy(trainer.optimizer.state_dict())
    return TrainerState(
        step=run.step, epoch=epoch, batches_done=batches_done, epoch_elbo=epoch_elbo,
        epoch_n=epoch_n, model_state=model_state, optimizer_state=optimizer_state,
        scaler_state=(copy.deepcopy(trainer.scaler.state_dict())
                      if trainer.scaler is not None else None),
        order_rng=order_rng.clone(), noise_rng=trainer.noise.get_state(),
        good_state=copy.deepcopy(run.good_state), good_step=run.good_step,
        base_beta=trainer.base_beta, elapsed_s=time.perf_counter() - run.t0, rate=run.rate,
        history=list(run.history))


def restore(trainer: Any, state: TrainerState, run: Any,
            generator: torch.Generator) -> None:
    """Put ``state`` into a new trainer (built for the same model, data and configs) and
    ``run``; the batch-order ``generator`` is set to the epoch's start."""
    with trainer.weights_lock:
        trainer.model.load_state_dict(state.model_state)
    trainer.optimizer.load_state_dict(copy.deepcopy(state.optimizer_state))
    if trainer.scaler is not None and state.scaler_state is not None:
        trainer.scaler.load_state_dict(state.scaler_state)
    trainer.noise.set_state(state.noise_rng)
    generator.set_state(state.order_rng)
    run.step, run.rate = state.step, state.rate
    run.good_state, run.good_step = copy.deepcopy(state.good_state), state.good_step
    run.history = list(state.history)
    run.t0 = time.perf_counter() - state.elapsed_s
