"""English strings of the "your own images" upload (Train page) and of its refusals, and why a
dataset cannot be had; the Chinese is in ``ui/locales/zh_data.py``. The refusal texts word
``UploadRejected.code`` with its ``params`` (``vae_core.data.uploads`` lists every code), the
``UNAVAILABLE`` ones ``DatasetUnavailable.code`` (``vae_core.messages.DATASET_MESSAGES``)."""

from __future__ import annotations

from ui.i18n import Strings
from vae_core.data.upload_zip import MESSAGES as UPLOAD_MESSAGES
from vae_core.messages import DATASET_MESSAGES

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
    "dropped": "This session keeps {limit} uploaded datasets: {names} made room for the new one.",
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
DATASET_NAMES = {"mnist": "MNIST", "fashion-mnist": "Fashion-MNIST", "kmnist": "KMNIST"}

# Why a dataset cannot be had (``DatasetUnavailable.code``), the same way: the core's English,
# a 中文 per code
UNAVAILABLE = Strings("UNAVAILABLE", dict(DATASET_MESSAGES))

# A torchvision set missing from disk, as the app says it off the Train page: the core's
# sentence names data_dir and an environment variable, which a learner in the browser cannot
# set; here the Train page's Download button is the way, and the folder is still named
MISSING = Strings("MISSING", {
    "not_downloaded": "{dataset} is not on this server yet; its files belong in `{folder}`. "
                      "Choose it on the Train page and press **Download** (this needs internet "
                      "access), or put `{files}` there yourself.",
    "download_failed": "{dataset} is not on this server and its download failed ({reason}). "
                       "Put `{files}` into `{folder}` yourself, or press **Download** on the "
                       "Train page when this server is online.",
})
