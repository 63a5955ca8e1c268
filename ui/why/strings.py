"""Strings of the "Why variational?" page (English; 中文 in ``zh.py``)."""

from __future__ import annotations

from ui.shell.i18n import Strings

WHY = Strings("WHY", {
    "page": "Why variational?",
    "title": "Why variational? An autoencoder next to a VAE",
    "intro": "Two models with the same layers, the same seed and the same data. One is a "
             "**plain autoencoder**: its encoder gives one point z = μ(x), and the loss is the "
             "reconstruction alone. The other is a **VAE**: its encoder gives a distribution "
             "N(μ, σ²), z is drawn from it, and the loss adds the KL term that pulls each of "
             "these distributions towards the prior N(0, I). Train both and draw z from the "
             "prior: only one of them turns those draws into digits.",
    "why_title": "Why the KL term does this",
    "why_text": "- **An autoencoder's latent space has gaps.** Nothing tells its encoder where "
                "to put the codes: any spot that reconstructs well will do. The codes of the "
                "training images end up as scattered islands, at whatever scale the weights "
                "drifted to, and the decoder has only ever seen those islands. A z drawn from "
                "N(0, I) lands between them, or far from all of them, where the decoder "
                "draws smudges.\n"
                "- **The KL term fills the gaps.** KL(q(z|x) ‖ N(0, I)) grows when a mean μ "
                "leaves the origin and when a σ shrinks. So the VAE keeps its codes near the "
                "origin, inside the prior, and gives each one a width: every image is trained "
                "on a whole cloud of z around its μ, and neighbouring clouds overlap. The "
                "decoder learns to draw something sensible everywhere the prior puts its "
                "mass, and that is where we sample.\n"
                "- **The price** is a blurrier reconstruction: the autoencoder spends all its "
                "capacity on reconstructing, the VAE also pays for the order of its latent "
                "space.",
    "price": "Here the VAE pays {kl:.1f} nats of KL per test image, and its reconstruction "
             "costs {vae:.1f} nats against the autoencoder's {ae:.1f}.",
    "epochs": "Epochs per model",
    "epochs_help": "Both models train for this many epochs on mnist-5k (4,000 training "
                   "images); 1 … {max}.",
    "latent": "Latent dims K",
    "latent_help": "The size of z for both models. In 2 dims an autoencoder's codes fill "
                   "the plane better and the difference is smaller; from 8 it is stark.",
    "seed": "Seed",
    "seed_help": "Initial weights, batch order and ε: the same seed for both models, so they "
                 "start from the same weights.",
    "start": "Train both",
    "stop": "Stop",
    "busy": "The server is busy: {running} of {limit} training jobs are running. Try again in "
            "a moment.",
    "data_error": "Could not load the dataset: {error}",
    "bad_config": "Cannot start: {error}",
    "idle": "Press **Train both**: the VAE trains first, then the autoencoder, then both are "
            "measured: at the defaults about 10 s on an idle server, and about twice that "
            "while other runs share it.",
    "progress": "{status} · {elapsed:.0f} s",
    "model_progress": "{name}: {status}, epoch {epoch}/{epochs}",
    "status": {"pending": "waiting", "loading": "loading data", "training": "training",
               "measuring": "measuring both models", "finished": "finished",
               "stopped": "stopped", "failed": "failed", "running": "training",
               "diverged": "diverged"},
    "stopped": "Stopped before both models were trained: press **Train both** to start again.",
    "failed": "The comparison failed: {error}",
    "done": "Trained both in {total:.1f} s (VAE {vae:.1f} s, autoencoder {ae:.1f} s).",
    "names": {"vae": "VAE", "ae": "Autoencoder"},
    "loss": {"vae": "loss: reconstruction + KL", "ae": "loss: reconstruction only"},
    "share_title": "How much of the prior decodes to a digit?",
    "share_text": "{n} draws z ~ N(0, I), the same for both models, are decoded and given to a "
                  "digit classifier (scikit-learn: logistic regression on the training "
                  "images' first 50 principal components). The share is the part it "
                  "recognises with probability ≥ {threshold:.0%}. The test images themselves "
                  "reach the ceiling: a classifier this simple is not sure of every real "
                  "digit either.",
    "share_help": "Prior samples that are digits: the share of {n} decoded draws "
                  "classified with probability ≥ {threshold:.0%}.",
    "of_ceiling": "{ratio:.0%} of the ceiling",
    "ceiling": "Test images (ceiling)",
    "ceiling_help": "The same classifier on the {n} real test images.",
    "verdict": "The VAE's prior samples are digits {vae:.0%} of the time, the autoencoder's "
               "{ae:.0%}: {times} as often, out of a ceiling of {ceiling:.0%}.",
    "verdict_none": "The VAE's prior samples are digits {vae:.0%} of the time, the "
                    "autoencoder's only {ae:.1%}, out of a ceiling of {ceiling:.0%}.",
    "verdict_reversed": "With these settings the autoencoder's prior samples are digits more "
                        "often (autoencoder {ae:.0%}, VAE {vae:.0%}): the VAE still draws "
                        "blurry digits the classifier is unsure of. Train longer (30 epochs "
                        "is the default): the VAE's share rises, and the autoencoder's falls "
                        "as its codes spread away from the prior.",
    "verdict_weak": "With these settings the gap is small (VAE {vae:.0%}, autoencoder "
                    "{ae:.0%}). Train longer (30 epochs is the default) to see it clearly; "
                    "with fewer than 8 latent dims the gap also shrinks.",
    "maps_title": "Latent codes of the 1,000 test images",
    "maps_text": "Each map shows one model's codes μ(x) along the two directions in which they "
                 "vary most (PCA of that model's codes), measured from the origin z = 0. Any "
                 "such view of the prior N(0, I) is the same: the dashed circles at 1, 2 and "
                 "3, where the prior's samples fall. The percentage on an axis is its share "
                 "of the codes' variance.",
    "same_scale": "Same scale on both maps",
    "same_scale_help": "On: both maps have the same axes, so their sizes compare. Off: each "
                       "map zooms to its own codes.",
    "radius": "Median ‖μ(x)‖ = {radius:.1f} (a prior sample's is about {prior:.1f})",
    "axis_1": "PC 1 of μ ({share:.0%})",
    "axis_2": "PC 2 of μ ({share:.0%})",
    "samples_title": "16 samples from the prior, decoded",
    "samples_caption": "The same 16 draws z ~ N(0, I) for both models (seed {seed}).",
    "interp_title": "Interpolation between two test images",
    "interp_caption": "From test image #{a} ({la}) to #{b} ({lb}): decode((1 − t)·μ(x₁) + "
                      "t·μ(x₂)) for {n} values of t from 0 to 1.",
    "numbers": "Test-set numbers",
    "model": "Model",
    "share_short": "Prior samples that are digits",
    "radius_short": "Median ‖μ(x)‖",
    "recon": "Reconstruction (nats)",
    "kl": "KL (nats)",
    "train_s": "Training time",
    "seconds": "{s:.1f} s",
})
