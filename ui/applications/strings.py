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
             "posterior: the decoder can only draw what it learned, so much of the noise has "
             "nowhere to go. PSNR = 10·log₁₀(1 / MSE) in dB against the clean image; higher "
             "is closer.",
    "kind": "Noise",
    "kinds": {"gaussian": "Gaussian: x + σ·ε, clipped to [0, 1]",
              "salt_pepper": "Salt and pepper: a share of pixels set to black or white"},
    "sigma": "Noise σ",
    "fraction": "Share of pixels hit",
    "first": "First test image",
    "rows": "Rows: clean, noisy (PSNR {noisy}), reconstructed from the noisy image "
            "(PSNR {recon}), in dB.",
    "psnr_noisy": "PSNR noisy",
    "psnr_recon": "PSNR reconstructed",
    "psnr_clean": "PSNR of the clean image's reconstruction",
    "psnr_help": "Mean over the {n} images shown, in dB against the clean images.",
    "ceiling_help": "Reconstructing the clean image is as good as this model gets: no "
                    "denoised image will be closer to the truth than its own reconstruction.",
    "better": "The model removed noise: {gain:+.1f} dB over the noisy images.",
    "worse": "Here the reconstruction is {gain:.1f} dB *below* the noisy images: at this "
             "level the noise is weaker than the model's own blur (its clean reconstructions "
             "reach {ceiling:.1f} dB), and noisy inputs are images the encoder never saw in "
             "training. Raise the noise level to see the model win.",
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
    "intro": "The KL of an image, KL(q(z|x) ‖ p(z)), is its *rate*: the information its code "
             "z carries, in nats (÷ ln 2 for bits). Here it stands against the same image as a "
             "PNG file and as raw 8-bit pixels.",
    "original": "The test image",
    "recon": "Decoded at that rate",
    "kl": "KL (the rate)",
    "kl_value": "{bits:.1f} bits",
    "kl_help": "{nats:.2f} nats = {bits:.2f} bits (1 nat = 1 / ln 2 ≈ 1.443 bits).",
    "png": "PNG file",
    "png_value": "{bits:,} bits",
    "png_help": "{bytes:,} bytes, lossless, with Pillow's best compression; the file's fixed "
                "chunks alone take about 57 bytes.",
    "raw": "8-bit raw",
    "raw_help": "{bytes:,} bytes: one byte per pixel value.",
    "lossless": "KL + reconstruction term",
    "lossless_help": "−log p(x|z) at z = μ: {bits:.1f} bits more are needed to turn the "
                     "reconstruction into this exact image.",
    "ratio": "The code is {png:.0f}× smaller than the PNG and {raw:.0f}× smaller than the raw "
             "pixels.",
    "honest": "**What the KL counts and what it does not.** It is the average cost of "
              "sending z when both sides share the prior and the decoder (achievable with "
              "bits-back or relative-entropy coding, plus a few bits of overhead); what arrives "
              "is the reconstruction on the right, not the image. It does not count the "
              "decoder's weights ({weights:,} bytes, sent once), nor the reconstruction term's "
              "bits that a lossless copy also needs (KL + reconstruction is the −ELBO in bits; "
              "for a Bernoulli decoder on grey pixels even that is only approximate). PNG is "
              "lossless, so the fair comparison is PNG against the −ELBO, not against the KL.",
    "test_set": "Over the {n:,} test images: KL {kl:.1f} bits on average, PNG {png:,.0f} "
                "bytes ({png_bits:,.0f} bits), raw {raw:,} bytes.",
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
