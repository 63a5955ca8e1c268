"""Strings of the Applications page (English; 中文 in ``zh.py``)."""

from __future__ import annotations

from ui.shell.i18n import Strings

APPS = Strings("APPS", {
    "page": "Applications",
    "title": "What a VAE is for",
    "intro": "One trained model, five uses: **generate** new images from the prior, "
             "**denoise** an image by encoding it and decoding its mean, **complete** a "
             "half-hidden image, **compress** an image to the bits of its code, and spot "
             "**anomalies** by their −ELBO. Everything here runs on the model picked in the "
             "sidebar.",
    "needs_data": "Needs the model's test images, which are not available here.",
    "tabs": {"generate": "Generation", "denoise": "Denoising", "complete": "Completion",
             "compress": "Compression", "anomaly": "Anomaly detection"},
    "seed": "Seed",
    "seed_help": "The same seed gives the same random draws; change it for new ones.",
    "image_index": "Test image",
    "image_help": "Index into the test set (0 to {last}).",
    "test_label": "Test image #{index} ({label})",
    "with_labels": "With labels, two more uses (lesson 9):",
    "to_conditional": "Conditional VAE: generate the digit you ask for",
    "to_few": "Learning from few labels: a classifier from 100 labels",
})

GENERATE = Strings("GENERATE", {
    "intro": "A VAE is a generative model: draw z from the prior N(0, I), decode it, and you "
             "get an image no one drew. Scaling the draw by a temperature T, z ~ N(0, T²·I), "
             "trades variety (T > 1) for typical-looking images (T < 1).",
    "temperature": "Temperature T",
    "caption": "16 samples z ~ N(0, {t:.1f}²·I), decoded (seed {seed}).",
})

DENOISE = Strings("DENOISE", {
    "intro": "Add noise to test images, encode each noisy image and decode the mean of its "
             "posterior. Two yardsticks: **digits read right**, the share of images that a "
             "digit classifier (the one of *Why variational?*) gives the clean image's label, "
             "which is what your eyes check; and PSNR = 10·log₁₀(1 / MSE) in dB against the "
             "clean image, which counts pixel error only. The picked model was trained on "
             "clean digits; the **denoising VAE** has the same layers but was trained to turn "
             "noisy digits (Gaussian σ = 0.5, or salt and pepper on 20% of the pixels) back "
             "into clean ones.",
    "kind": "Noise",
    "kinds": {"gaussian": "Gaussian: x + σ·ε, clipped to [0, 1]",
              "salt_pepper": "Salt and pepper: a share of pixels set to black or white"},
    "sigma": "Noise σ",
    "fraction": "Share of pixels hit",
    "first": "First test image",
    "running": "Denoising the test images…",
    "rows_both": "Rows: clean; noisy; the picked model's reconstruction; the denoising VAE's.",
    "rows_picked": "Rows: clean; noisy; the picked model's reconstruction.",
    "shown_both": "In these {n}, the classifier reads the right digit in {noisy} noisy "
                  "images, {picked} reconstructions of the picked model and {denoiser} of "
                  "the denoising VAE.",
    "shown_picked": "In these {n}, the classifier reads the right digit in {noisy} noisy "
                    "images and {picked} reconstructions.",
    "col_images": "Images",
    "col_kept": "Digits read right",
    "col_psnr": "PSNR (dB)",
    "row_clean": "Clean (the classifier's ceiling)",
    "row_noisy": "Noisy",
    "row_picked": "Picked model, reconstructed",
    "row_denoiser": "Denoising VAE, reconstructed",
    "table_caption": "Over the first {n:,} test images, with the same noise for both models.",
    "who_picked": "The picked model",
    "who_denoiser": "The denoising VAE",
    "verdict_cleaner": "**{who} cleans the digits up:** the classifier reads the right digit "
                       "in {recon:.0%} of its reconstructions, against {noisy:.0%} of the "
                       "noisy images (clean images: {clean:.0%}).",
    "verdict_same": "**{who} neither saves nor loses digits:** the classifier reads the right "
                    "digit in {recon:.0%} of its reconstructions and {noisy:.0%} of the noisy "
                    "images (clean images: {clean:.0%}).",
    "verdict_worse": "**{who} makes the digits worse:** the classifier reads the right digit "
                     "in only {recon:.0%} of its reconstructions, against {noisy:.0%} of the "
                     "noisy images: many come back as a clean-looking *different* digit.",
    "verdict": "{digits} {pixels}",
    "psnr_up": "PSNR rose by {gain:.1f} dB.",
    "psnr_down": "PSNR fell by {gain:.1f} dB.",
    "psnr_misleads": "PSNR rose by {gain:.1f} dB all the same: it counts pixel error, and a "
                     "smooth wrong digit can be closer in pixels than a noisy right one.",
    "no_reader": "The digit classifier reads digits only: on these images PSNR alone "
                 "judges the model.",
    "is_denoiser": "The picked model is a denoising VAE itself: pick a plain one, such as "
                   "mnist-z8-bce, to see the two side by side.",
    "no_denoiser": "The denoising VAE ({name}) takes mnist-5k digits: pick a model trained "
                   "on mnist-5k to compare it with.",
})

COMPLETE = Strings("COMPLETE", {
    "intro": "Hide part of an image and let the model fill it in: start with the missing "
             "pixels black, then repeat *encode → decode the mean → write the decoded pixels "
             "into the missing part only*. The known pixels stay exactly as they are (clamped), "
             "so the model's guess must agree with them (Rezende et al. 2014, §5.4).",
    "region": "Hide",
    "regions": {"top": "Top half", "bottom": "Bottom half", "left": "Left half",
                "right": "Right half", "square": "A square you place"},
    "row": "Square: top row",
    "col": "Square: left column",
    "size": "Square: side (pixels)",
    "moved": "A {size}×{size} square does not fit at row {row}, column {col} of a "
             "{h}×{w} image: it was moved to row {new_row}, column {new_col}.",
    "iterations": "Iterations",
    "running": "Filling in the hidden part…",
    "masked": "The test image, with the hidden part in blue",
    "steps": "The fill after {steps} passes",
    "final": "After {n} passes",
    "error_title": "Error on the hidden pixels only",
    "error_caption": "Mean squared error per hidden pixel against the truth: {start:.4f} at "
                     "the start (black), {first:.4f} after one pass, {best:.4f} at its best "
                     "(pass {best_at}) and {last:.4f} after {n}. The thin line is the mean over "
                     "{m} test images with the same mask: {m_first:.4f} after one pass, "
                     "{m_last:.4f} after {n}.",
    "axis_step": "pass",
    "axis_error": "MSE on hidden pixels",
    "this_image": "this image",
    "mean_images": "mean of {m} test images",
})

COMPRESS = Strings("COMPRESS", {
    "intro": "How many bits does an image cost in the model's code? Compare like with like: "
             "a **lossless** code of the exact image against a lossless file (PNG), and the "
             "**lossy** code, which only gets the reconstruction across, against a lossy file "
             "(WebP or JPEG) made just as good. Bits = nats ÷ ln 2.",
    "recon": "What the code gets across: PSNR {psnr:.1f} dB",
    "bits": "{bits:,.0f} bits",
    "lossless_title": "**Lossless: the exact image**",
    "elbo": "−ELBO (the model, lossless)",
    "elbo_help": "KL {kl:.1f} bits + reconstruction term −log p(x|z) {recon:.1f} bits: the "
                 "cost of the code and of the corrections that turn its reconstruction into "
                 "this exact image.",
    "png": "PNG file (lossless)",
    "png_help": "{bytes:,} bytes with Pillow's best compression; the file's fixed chunks "
                "alone take about 57 bytes.",
    "lossless_line": "Lossless against lossless: the model's code is **{times}** than the PNG.",
    "lossy_title": "**Lossy: the reconstruction, {psnr:.1f} dB**",
    "kl": "KL (the rate)",
    "kl_help": "{nats:.2f} nats = {bits:.2f} bits (1 nat = 1 / ln 2 ≈ 1.443 bits).",
    "file": "{codec} file (lossy)",
    "file_help": "{bytes:,} bytes at Pillow quality {quality}, header included; decoded, "
                 "it is {psnr:.1f} dB from the image.",
    "lossy_matched": "At the same quality as the reconstruction ({codec} quality {quality}: "
                     "{file_psnr:.1f} dB against {psnr:.1f} dB), the code is **{times}** "
                     "than the file.",
    "lossy_floor": "{codec}'s lowest quality (1) is already sharper than the reconstruction "
                   "({file_psnr:.1f} dB against {psnr:.1f} dB), so a file as blurry would be "
                   "smaller still: the code is **at most {times}** than the file.",
    "lossy_unreached": "Even at its best quality {codec} stays below the reconstruction "
                       "({file_psnr:.1f} dB against {psnr:.1f} dB): the code is **{times}** "
                       "than that file, and sharper.",
    "smaller": "{x:.1f}× smaller",
    "larger": "{x:.1f}× larger",
    "no_ratio": "not comparable (a code of 0 bits)",
    "honest": "**What the KL counts and what it does not.** It is the average cost of "
              "sending z when both sides share the prior and the decoder (achievable with "
              "bits-back or relative-entropy coding, plus a few bits of overhead); what arrives "
              "is the reconstruction, not the image. It does not count the decoder's weights "
              "({weights:,} bytes, sent once). For a Bernoulli decoder on grey pixels the "
              "−ELBO is only an approximate lossless cost: it scores grey levels as "
              "probabilities of black or white, not as one of 256 values.",
    "summing": "Measuring the test images…",
    "test_set": "Over the first {n:,} test images, on average: lossless, −ELBO {elbo:,.0f} "
                "bits against PNG {png:,.0f} bits ({lossless}); lossy, KL {kl:.1f} bits "
                "against {lossy:,.0f} bits of WebP or JPEG (the smaller) at {file_psnr:.1f} dB "
                "for reconstructions of {psnr:.1f} dB ({lossy_times}). Raw pixels: {raw:,} "
                "bits an image.",
})

ANOMALY = Strings("ANOMALY", {
    "intro": "An image the model finds unlikely costs many nats: its −ELBO (reconstruction + "
             "KL) is high. So the −ELBO ranks images from typical to odd with no labels at "
             "all. Below, the {k} test images this model scores as least typical.",
    "odd": "Least typical test images, −ELBO: {scores}",
    "summary": "Test −ELBO: median {median:.1f} nats, the top 1% above {p99:.1f} nats.",
    "link": "The full view: most and least typical images, another dataset scored as "
            "outliers, histograms and ROC",
    "scoring": "Scoring the test images…",
})

# the anomaly tab of a dataset with held-out anomalies (signals): ui/applications/sequences.py
SEQ_ANOMALY = Strings("SEQ_ANOMALY", {
    "intro": "This dataset keeps **{n_odd} anomalous sequences** apart ({defects}): the model "
             "never saw one while it trained. Each of the {n_test:,} test sequences and each "
             "anomaly gets its −ELBO; the higher it is, the less the model expects that "
             "sequence. Taking \"−ELBO above a threshold\" as the alarm and sliding the "
             "threshold traces the ROC curve below.",
    "sep": ", ",
    "defects": {"spike": "spikes", "level shift": "level shifts",
                "frequency change": "frequency changes"},
    "scoring": "Scoring the test sequences and the anomalies…",
    "auc_all": "AUC, all anomalies",
    "auc_kind": "AUC, {kind}",
    "auc_help": "The probability that a random anomaly scores a higher −ELBO than a random "
                "test sequence: 0.5 is chance, 1 a perfect detector.",
    "all": "all anomalies ({auc:.3f})",
    "chance": "chance",
    "fpr": "false alarms (share of test sequences flagged)",
    "tpr": "anomalies caught (share flagged)",
    "roc_caption": "−ELBO in nats: median {median_in:.1f} for the test sequences, "
                   "{median_out:.1f} for the anomalies. A defect the model reconstructs "
                   "anyway, or one smaller than the model's noise level σ, hardly raises the "
                   "−ELBO: its curve stays near the diagonal. The −ELBO also depends on the "
                   "kind: a slow wave is easy to reconstruct, a fast one hard, so a spike on a "
                   "slow wave can still score below a clean fast wave.",
    "input": "sequence",
    "recon": "reconstruction decode(μ)",
    "example": "{kind}<br>−ELBO {score:.0f}",
    "examples_caption": "One anomaly of each kind (grey) and what the model makes of it (blue): "
                        "where the two part, the reconstruction term of the −ELBO grows.",
})
