"""Strings of the Train page: its settings, the live panel and the live latent space (English; 中文
in ``zh.py``)."""

from __future__ import annotations

from ui.shell.i18n import Strings

TRAIN = Strings("TRAIN", {
    "title": "Train a VAE",
    "intro": "Pick the settings, press **Start**, and watch the model learn. Training runs in the "
             "background: you can switch pages and come back.",
    "advanced": "More settings",
    "start": "Start",
    "stop": "Stop",
    "running_note": "A model is training; stop it to start another.",
    "queued_note": "Your run waits in the queue; Stop takes it out.",
    "busy": "The server is busy: every training slot is in use ({running}/{limit}) and "
            "{queued} runs are already waiting, as many as the queue holds. Try again in a few "
            "minutes.",
    "closing": "The server is restarting and takes no new runs. Start again once the page has "
               "reconnected.",
    "lr_too_large": "{value:g} (diverges)",
    "ranges": "Allowed ranges are in each field's help (?). A value outside its range is not "
              "applied: the field says so and keeps the last valid value.",
    "bad_config": "Cannot train with these settings: {error}",
    "budget": "This server allows {budget:g} TFLOP of arithmetic per run: with this dataset and "
              "network, at most {max_epochs:,} epochs.",
    "budget_over": "Too many epochs for this server: it allows {budget:g} TFLOP of arithmetic per "
                   "run, which with this dataset and network is at most {max_epochs:,} epochs. "
                   "Lower the epochs (or choose a smaller network) to start.",
    "data_error": "Cannot load the dataset: {error}",
    "idle": "Press **Start** to train. The defaults train on 4,000 real MNIST digits in about "
            "six seconds (longer while other runs share the server).",
})

LIVE = Strings("LIVE", {
    "epoch": "Epoch",
    "step": "Step",
    "speed": "Samples/s",
    "eta": "ETA",
    "test_elbo": "Test −ELBO",
    "active": "Active units",
    "stop": "Stop",
    "live_beta": "β now (applies at once)",
    "stacked": "Stacked view (recon + β·KL = total)",
    "log_scale": "Log scale",
    "log_help": "For runs whose first steps spike (a high learning rate, a KL that blew up): "
                "the later, smaller values stay readable.",
    "losses": "Loss components (nats per image)",
    "kl_map": "KL per latent dimension over time",
    "recons": "Test images (top) and their reconstructions (bottom)",
    "samples": "Samples from the prior z ~ N(0, I)",
    "manifold": "The decoded latent plane (z₁ left to right, z₂ bottom to top), as it forms",
    "finished": "{message}. The model is selected in the sidebar (a session model).",
    "stopped": "{message}. The weights trained so far are kept as a session model.",
    "diverged": "{message}. The session model keeps those last good weights; it is not selected "
                "for the other pages (pick it in the sidebar to explore it).",
    "failed": "Training failed: {message}",
    "queued": "Queued: position {position} of {queued} — your training starts when a slot "
              "frees up (training slots on this server: {limit}).",
    "left_queue": "Taken out of the queue before it started; nothing was trained.",
    "joined": "Someone on this server started this exact run (same settings, same seed), so "
              "you are watching that one training run: {n} sessions share it, and it gives "
              "the same weights as a run of your own. Changing β or pressing Stop makes it "
              "yours alone from that step on.",
    "cached": "This exact run (same settings, same seed) was already trained on this server, "
              "so its result is shown at once: the same weights a new run would give.",
    "no_images": "Images appear once the first steps are done.",
    "seconds": "{value:.0f} s",
    "progress_main": "{status}: epoch {epoch} of {epochs}, step {step:,} of {total:,}",
})

# the Train page's live latent space (ui/train/live_latent.py)
LIVE_LATENT = Strings("LIVE_LATENT", {
    "title": "The latent space, live",
    "pending": "The test images' means appear here after the first step.",
    "at": "Step {step:,} (epoch {epoch:.1f})",
    "pc1": "PC 1 (aligned)",
    "pc2": "PC 2 (aligned)",
    "replay_title": "Replay: {n} of {total} snapshots, press ▶ or drag the slider",
    "step_prefix": "step ",
    "legend": "Class",
    "caption_raw": "The means μ of {n:,} test images, coloured by class, recorded about twice a "
                   "second while the model trains: watch the classes pull apart as the encoder "
                   "learns, and the KL keep them near the prior's N(0, I).",
    "caption_pca": "The means μ of {n:,} test images, coloured by class, on each snapshot's "
                   "PCA plane, turned onto the previous one (orthogonal Procrustes) so the "
                   "points do not jump (at most 200 snapshots kept: 1.6 MB).",
    "count_live": "{snapshots} snapshots so far.",
    "count_done": "{snapshots} snapshots recorded; the replay shows {shown} of them, evenly "
                  "spaced, the last one included.",
})
