"""Strings of the conditional VAE page (English; 中文 in ``zh.py``)."""

from __future__ import annotations

from ui.shell.i18n import Strings

COND = Strings("COND", {
    "page": "Conditional VAE",
    "title": "Conditional VAE: ask for a digit",
    "intro": "A **conditional VAE** is given the label as well as the image: the label's "
             "one-hot vector joins the encoder's input and the decoder's z, so the encoder "
             "is q(z|x, y) and the decoder p(x|z, y). The decoder already knows *which* digit "
             "to draw, so z no longer needs to hold it: z keeps the rest, the **style** "
             "(slant, stroke width, size). Pick the digit yourself, then draw z from the "
             "prior or move it around.",
    "model": "Conditional model",
    "model_help": "Conditional models only (the sidebar lists the others). Train your own on "
                  "the Train page with Conditional on, or on the command line with "
                  "python -m vae_core train --conditional.",
    "none": "No conditional model here yet. Train one on the Train page (Conditional on) "
            "or with python -m vae_core train --conditional.",
    "facts": "Trained on {dataset}: {labels} labels, {k}-D style z, test −ELBO {elbo} "
             "nats per image.",
    "drag_title": "Pick a digit, drag the style",
    "drag_intro": "Choose the digit, then move the pointer over the plane of the style z: the "
                  "image under the pointer is decoded **in your browser**, with no trip to the "
                  "server. The dots are the test images' styles (the means μ of q(z|x, y), "
                  "each encoded with its own label), coloured by their digit. Unlike an "
                  "unconditional VAE's latent map, the colours are mixed together: the style "
                  "does not say which digit it is.",
    "digit": "Digit y",
    "decoded": "Decoded at the pointer, as the digit you picked",
    "nearest": "Nearest test style: #{index} (a {label})",
    "hint": "Move the pointer or use the arrow keys: the image follows, decoded in your "
            "browser",
    "aria": "Style plane: move the pointer or use the arrow keys",
    "loading": "Loading the model into the page…",
    "sliders_note": "This model's style z has {k} dims: drag the sliders, the image follows "
                    "them (decoded in your browser) as the digit you picked.",
    "fallback": "This model has a layer the in-browser decoder cannot run ({layer}), so only "
                "the sections below work for it.",
    "grid_title": "The analogy grid",
    "grid_intro": "Each row takes the style of one test image (left) and writes it as every "
                  "digit, 0 to 9: one z, ten labels. This is figure 1 of Kingma et al. 2014 "
                  "(Semi-supervised learning with deep generative models).",
    "grid_rows": "Rows (test images)",
    "grid_seed": "Which test images (seed)",
    "grid_caption": "Left: the test image. Then its style z = μ(x, y), decoded with the "
                    "labels {labels}.",
    "draw_title": "Draw a digit: its style as all ten digits",
    "draw_intro": "Draw with the mouse or a finger. When you lift it, the drawing is shrunk to "
                  "the model's {h}×{w} input (fitted into the central 20/28 and centred, as "
                  "MNIST's digits were made) and sent to the page. The encoder needs the label "
                  "as well: the app's digit classifier reads it, or you choose it. Then your "
                  "style is written as every digit.",
    "draw_clear": "Clear",
    "draw_hint": "Draw a digit here",
    "draw_sent": "Sent; written below.",
    "draw_label": "Encode the drawing as",
    "draw_auto": "what the classifier reads",
    "draw_read": "The classifier reads your drawing as {label} (p = {p:.2f}); encoded as {used}.",
    "draw_waiting": "Your drawing's style will appear here.",
    "draw_caption": "Your drawing's style z, decoded with the labels {labels}.",
    "shares_title": "How often is a sample the digit it was asked for?",
    "shares_intro": "Draw z from the prior N(0, I) and decode it with label d; the app's digit "
                    "classifier (the one of *Why variational?*, fitted on this dataset's "
                    "training images) then calls each image a digit if it is at least 90% "
                    "sure (p ≥ 0.9). An unconditional VAE cannot be asked for a digit: of its "
                    "prior samples, the classifier calls each digit d about a tenth at best.",
    "shares_n": "{n:,} samples per label for the conditional model, {m:,} prior samples for "
                "{baseline}.",
    "no_baseline": "No unconditional model of the same dataset was found to compare with.",
    "col_label": "Label d",
    "col_cond": "Conditional: asked for d, called d",
    "col_uncond": "Unconditional: called d",
    "row_all": "All labels",
    "shares_summary": "Asked for a digit, the conditional model draws it {cond:.0%} of the "
                      "time on average. Of the unconditional model's prior samples, {any:.0%} "
                      "are some digit with p ≥ 0.9, and {low:.0%} to {high:.0%} are any one "
                      "given digit: to get a particular digit, you would draw about {ratio:.0f}× "
                      "as many samples and throw the others away.",
    "no_classifier": "This dataset has a single label: no classifier to measure with.",
    "figure_x": "label d",
    "figure_y": "share of samples called d (p ≥ 0.9)",
    "legend_cond": "conditional",
    "legend_uncond": "unconditional",
})
