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
