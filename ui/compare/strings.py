"""Strings of the compare pages (β lab, BCE vs MSE) and of the tutorials' common mistakes (English;
中文 in ``zh.py``)."""

from __future__ import annotations

from ui.shell.i18n import Strings

PAGES = Strings("PAGES", {
    "group": "Compare",
    "beta_lab": "β lab",
    "bce_vs_mse": "BCE vs MSE",
})

SWEEP = Strings("SWEEP", {
    "dataset": "Dataset",
    "network": "Every model here: {arch}, latent size K = {latent} (the Train page and the "
               "lessons use MLP 256-128).",
    "network_lessons": "Every model here: {arch}, latent size K = {latent}, the network of the "
                       "Train page and the lessons.",
    "epochs": "Epochs per model",
    "epochs_help": "1 … {max} per model; a sweep trains at most {models} models, one after "
                   "another in one training slot, so that one sweep cannot hold the server "
                   "for hours.",
    "err_epochs": "a sweep trains each model for 1 to {max} epochs, not {n}",
    "start": "Start",
    "stop": "Stop",
    "busy": "The server is busy: {running} of {limit} training jobs are running. Try again in a "
            "moment.",
    "data_error": "Could not load the dataset: {error}",
    "bad_config": "Cannot start: {error}",
    "other_running": "Another comparison of this session is still training ({what}); stop it "
                     "or wait for it first.",
    "progress": "{status} · {done} of {total} models · {elapsed:.0f} s",
    "model_progress": "{label}: {status}, epoch {epoch}/{epochs}",
    "status": {"pending": "waiting", "loading": "loading data", "running": "training",
               "finished": "finished", "stopped": "stopped", "failed": "failed",
               "diverged": "diverged"},
    "finished": "Done: {message}.",
    "stopped": "Stopped: {message}.",
    "failed": "The sweep failed: {message}",
    "failures": "Some models failed: {failures}",
    "idle": "Choose the settings and press **Start**: one model is trained per value, one after "
            "the other, with the same seed and architecture.",
    "save_title": "Keep a model",
    "save_which": "Model",
    "save_name": "Name in the library",
    "save": "Save to library",
    "saved": "Saved as {file}: it is in the sidebar picker now.",
    "save_error": "Could not save: {error}",
    "save_os_error": "Could not save {file}: {reason}",
    "not_saveable": "This model has no weights to save.",
    "msg_trained": "trained {n} models",
    "msg_failed": "; {failed} failed",
    "msg_stopped": "{done} of {total} models trained",
    "msg_loading": "loading {dataset}",
})

BETA = Strings("BETA", {
    "title": "β lab",
    "intro": "β weighs the KL term of the loss: −ELBO_β = recon + β·KL (it is the −ELBO only "
             "at β = 1). Train one model per β on the same data, seed and architecture, and see "
             "where each lands on the "
             "**rate–distortion plane** (Alemi et al. 2018): small β keeps information "
             "(high rate, sharp reconstructions), large β squeezes it out (low rate, blurry "
             "images, fewer active dimensions, and on *shapes* often more disentangled codes).",
    "tab_sweep": "β sweep",
    "tab_schedules": "Schedules",
    "betas": "β values (comma-separated, up to {max})",
    "betas_help": "Numbers ≥ 0, e.g. 0.1, 0.5, 1, 2, 4, 8",
    "arch_help": "The network of every model in the sweep: MLP 256-128 by default, the one the "
                 "Train page and the lessons use, so a run here is a lesson's run, with its "
                 "numbers. MLP 128-64 trains a long sweep faster; its numbers differ (at "
                 "β = 8 it keeps more units active).",
    "lessons_note": "On mnist-5k with {arch} and {epochs} epochs these are the lessons' own runs: "
                    "they count for the tasks of lessons 6 and 7.",
    "bad_betas": "Could not read the β values: {error}",
    "err_empty": "enter at least one number",
    "err_not_number": "{value} is not a number",
    "err_negative": "β must be a finite number ≥ 0",
    "err_repeated": "each β may appear only once",
    "err_too_many": "at most {max} values, got {n}",
    "rd_title": "Rate–distortion plane",
    "rd_caption": "Each point is one model: rate R = KL, distortion D = reconstruction, both in "
                  "nats per test image. Grey dotted lines have constant −ELBO = D + R (lower "
                  "left is better); the short coloured segment through each point has slope "
                  "−β, where a β-VAE's optimum touches the frontier. **Click a point** to "
                  "inspect that model.",
    "selected": "Selected: **{label}** · −ELBO {elbo} · recon {recon} · KL {kl} nats · "
                "{active} of {k} active units",
    "recons": "Test images (top) and reconstructions from μ (bottom)",
    "samples": "Samples from the prior, z ~ N(0, I)",
    "traversal": "Traversal of the top-KL dimensions (rows: z{dims}; −3 … +3)",
    "no_traversal": "Every dimension has collapsed (posterior collapse, KL < 0.01 nats): "
                    "nothing to traverse.",
    "kl_title": "KL per dimension",
    "mig_title": "MIG per factor",
    "mig_caption": "MIG {score:.3f}. Per factor: the difference between the highest and "
                   "second-highest mutual information of any latent with the factor, divided "
                   "by the factor's entropy (Chen et al. 2018). MIG varies a lot between "
                   "seeds: compare trends across β, not single numbers.",
    "no_mig": "MIG needs ground-truth factors: choose the *shapes* dataset to measure it.",
    "not_measured": "The pixel errors and MIG of this model could not be measured: {error}",
    "table": "All models",
    "not_plotted": "Not on the plane (no finite test metrics): {labels}",
    "schedules": "Schedules",
    "schedules_intro": "The same β reached in different ways: **constant** from the start, "
                       "**warm-up** (β ramps from 0, Bowman et al. 2016), **cyclical** (ramps "
                       "repeated, Fu et al. 2019), **capacity** (γ·|KL − C| with C growing, "
                       "Burgess et al. 2018) and **free bits** (no KL pressure below "
                       "λ = {free_bits:g} nat per latent dim, Kingma et al. 2016). Watch how β "
                       "drives the KL. Capacity is drawn on its own axis: its γ is not a β, and "
                       "its target C(t) is in nats. At a large β (try 32, lesson 7) the constant "
                       "schedule collapses the posterior and free bits rescue it.",
    "schedule_names": {"constant": "constant", "warmup": "warmup", "cyclical": "cyclical",
                       "capacity": "capacity", "free_bits": "free bits"},
    "schedule_beta": "β (γ for capacity)",
})

LIKELIHOOD = Strings("LIKELIHOOD", {
    "title": "BCE vs MSE",
    "intro": "The reconstruction term is −log p(x|z) for a chosen decoder distribution. Train "
             "models that differ **only** in that likelihood (same seed, architecture and data) "
             "and compare what they produce.",
    "tab_compare": "Likelihoods",
    "tab_pitfalls": "Pitfalls",
    "tab_mistakes": "Common mistakes in tutorials",
    "choose": "Likelihoods",
    "sigma": "σ of the fixed-σ Gaussian (MSE)",
    "sigma_help": "σ² = ½ (σ ≈ 0.707) gives summed MSE, up to a constant. Smaller σ weighs "
                  "reconstruction more, like a smaller β.",
    "need_one": "Choose at least one likelihood.",
    "curves": "Comparable numbers on shared axes",
    "curves_caption": "Pixel MSE and pixel BCE score each model's reconstruction mean "
                      "decode(μ) of the test images with the same yardstick (lower is better), "
                      "and the test KL per epoch is in nats of the latent code for every "
                      "likelihood: these can share an axis.",
    "own_nats": "Each likelihood's own reconstruction term, in its own panel",
    "own_nats_caption": "−log p(x|z) per epoch. Each panel has its own axis: a Bernoulli's nats "
                        "and a Gaussian's nats measure different things and must not be "
                        "compared.",
    "recon_panel": "{label}: −log p(x|z) (nats)",
    "blur_note": "Why does the Gaussian (MSE) model look blurry? With σ = {sigma:.2f} its loss "
                 "is ‖x − x̂‖² + 2σ²·KL up to a constant: β = 2σ² = {beta:.2f} against a "
                 "squared error of at most 1 per pixel, far smaller than BCE's nats. The KL "
                 "weighs heavily, so the code keeps little detail: σ acts like β, and a smaller "
                 "σ weighs reconstruction more.",
    "try_sigma": "Try σ = 0.1",
    "try_sigma_done": "σ is now 0.1 (β ≡ 2σ² = 0.02): press **Start** to train the models again.",
    "cb_title": "The continuous Bernoulli, and why BCE on grey pixels is not a likelihood",
    "cb_text": "The Bernoulli (BCE) likelihood is a distribution over the two values 0 and 1. "
               "MNIST pixels are grey levels in [0, 1]: BCE still trains, but "
               "−x log x̂ − (1 − x) log(1 − x̂) is then not the negative log of a density "
               "that integrates to 1 over [0, 1], so its nats are not a likelihood of the "
               "data (even a perfect x̂ = x scores more than 0 for grey pixels). The "
               "**continuous Bernoulli** (Loaiza-Ganem & Cunningham 2019) is the same curve "
               "turned into a proper density on [0, 1] by its normalising constant C(λ):",
    "cb_text2": "C(λ) = 2 artanh(1 − 2λ) / (1 − 2λ) (and 2 at λ = ½). Its −log p adds −log C(λ) "
                "per pixel to the BCE, so its nats are a true likelihood (they can be "
                "negative: a density can exceed 1). Its mean differs from λ except at 0, ½ "
                "and 1. Choose it as *Continuous Bernoulli* above to compare.",

    "side_by_side": "Side by side",
    "recons": "Reconstructions",
    "errors": "Squared error per pixel (test mean)",
    "samples": "Prior samples",
    "numbers": "Numbers",
    "not_comparable": "−ELBO and the reconstruction term are in different units for different "
                      "likelihoods (a Bernoulli gives probabilities of discrete "
                      "outcomes, a Gaussian a density over continuous values, and the "
                      "Gaussian's depends on σ): do **not** compare them across "
                      "models. Pixel MSE and pixel BCE of the reconstruction mean, the samples "
                      "and the KL are comparable.",
    "sigma_title": "Why σ acts like β",
    "sigma_text": "A Gaussian decoder with fixed σ gives",
    "sigma_text2": "so summed MSE is the Gaussian negative log-likelihood with σ² = ½, up to a "
                   "constant. Multiplying the loss by 2σ² (which moves no minimum) gives "
                   "‖x − x̂‖² + 2σ²·KL: σ weighs reconstruction against KL exactly as β does, "
                   "with β ≡ 2σ². A learned σ (σ-VAE) lets the data choose that balance.",
    "pitfalls_intro": "Popular tutorials contain two mistakes that still train without an "
                      "error. Reproduce them on purpose, next to the correct loss, on MNIST "
                      "digits (mnist-5k):",
    "pitfall_names": {
        "correct": "correct (sum over pixels, the KL formula with its leading −½)",
        "mean_reduction": "recon mean over pixels (effective β × pixels)",
        "kl_sign_bug": "KL without its minus sign",
    },
    "pitfall_text": {
        "correct": "Reconstruction summed over pixels, KL = −½ Σ(1 + log σ² − μ² − σ²).",
        "mean_reduction": "Reconstruction **averaged** over the D pixels against a KL summed "
                          "over dimensions: the effective β is multiplied by D ({pixels} here). "
                          "The KL wins and every dimension collapses onto the prior: posterior "
                          "collapse, q(z|x) equal to the prior for every x. The decoder outputs "
                          "the mean image for every input: blurry, identical reconstructions "
                          "and 0 active units.",
        "kl_sign_bug": "KL written **without its minus sign**: the loss now *rewards* KL, so the "
                       "optimiser pushes |μ| to huge values and σ² away from 1 in both "
                       "directions (towards 0 "
                       "and towards ∞). The KL explodes (numbers "
                       "like 1e22 nats) while training still 'finishes'; prior samples are "
                       "meaningless because the codes are nowhere near N(0, I).",
    },
    "what_you_see": "What you see",
    "big_number": "Numbers this large mean the KL term diverged, not that the model is good.",
})

COMPARE_TABLE = Strings("COMPARE_TABLE", {
    "model": "Model",
    "status": "Status",
    "elbo": "−ELBO (nats)",
    "elbo_nc": "−ELBO (nats, not comparable)",
    "recon": "Recon (nats)",
    "recon_nc": "Recon (nats, not comparable)",
    "kl": "KL (nats)",
    "active": "Active units",
    "active_kl": "KL of each active unit (nats)",
    "pixel_mse": "Pixel MSE",
    "pixel_bce": "Pixel BCE",
    "eff_beta": "Effective β",
    "mig": "MIG",
    "not_measured": "Not measured",
})

COMPARE_FIGURES = Strings("COMPARE_FIGURES", {
    "rate": "Rate R = KL (nats)",
    "distortion": "Distortion D = recon (nats)",
    "models": "models",
    "elbo_line": "−ELBO = {value:.4g}",
    "slope": "slope −β",
    "active": "active",
    "inactive": "collapsed",
    "step": "step",
    "epoch": "epoch",
    "beta": "β",
    "kl": "KL (nats)",
    "mse": "squared error",
    "hover_rd": "%{hovertext}<br>R = %{x:.2f} nats<br>D = %{y:.2f} nats<extra></extra>",
    "collapsed_label": "{labels}: collapsed",
    "beta_rows": "β per step (constant, warm-up, cyclical, free bits)",
    "capacity_row": "capacity: target C(t) and its KL (nats), γ on the right axis",
    "kl_row": "KL per step (nats), every schedule",
    "capacity_c": "capacity: target C(t)",
    "capacity_kl": "capacity: its KL",
    "gamma": "capacity: γ",
    "gamma_axis": "γ",
    "nats": "nats",
    "pixel_mse": "pixel MSE",
    "pixel_bce": "pixel BCE",
    "test_kl": "test KL (nats)",
})

MISTAKES = Strings("MISTAKES", {
    "intro": "Popular VAE tutorials, in English and in Chinese, repeat a handful of mistakes. "
             "Here each one is shown in a sketch of our own, with why it is wrong and the "
             "correct form. Numbers 1 and 2 run here in one click; their results appear in the "
             "**Pitfalls** tab.",
    "looks": "What it looks like",
    "right": "Correct",
    "titles": {
        "kl_sign": "The KL written without its leading minus",
        "keras_mean": "A per-pixel mean reconstruction against a summed KL (an effective β of "
                      "784)",
        "recon_sign": "The reconstruction's sign, and the ELBO called the loss",
        "elbo_is_nll": "“Maximising the ELBO is maximising the likelihood”",
        "logvar": "log σ², σ and the variance mixed up",
        "cross_entropy": "Cross-entropy without the (1 − x) term",
        "beta_usual": "“β is usually 0.5 or 1”, and β on the whole loss",
        "match_prior": "“The encoder should match the prior as closely as possible”",
    },
    "why": {
        "kl_sign": "The closed form is KL = −½ Σ(1 + log σ² − μ² − σ²). Without the −½ in front "
                   "(or with +½) the code computes −KL, so minimising the loss *maximises* the "
                   "KL: |μ| grows without bound and σ² is pushed away from 1 in both directions. "
                   "Nothing crashes; the KL reaches absurd sizes and samples from the prior mean "
                   "nothing.",
        "keras_mean": "Keras's `binary_crossentropy` already averages over the last axis, the "
                      "{pixels} pixels of an MNIST image; `reduce_mean` then averages over the "
                      "batch. Against a KL summed over latent dimensions, the reconstruction is "
                      "{pixels} times too small: the effective β is {pixels}. The KL wins, the "
                      "code carries nothing and the decoder draws the mean digit: posterior "
                      "collapse.",
        "recon_sign": "The ELBO, E_q[log p(x|z)] − KL, is to be *maximised*; the loss is its "
                      "negative, −E_q[log p(x|z)] + KL, and gradient descent *minimises* that. "
                      "Adding +E_q[log p(x|z)] to the KL mixes a quantity to maximise with one "
                      "to minimise. Calling the ELBO “the loss”, or saying gradient descent "
                      "maximises the ELBO, is where the flipped sign comes from.",
        "elbo_is_nll": "log p(x) = ELBO + KL(q(z|x) ‖ p(z|x)). The ELBO is below log p(x) by the "
                       "KL from the approximate posterior to the true one; raising the ELBO can "
                       "mean a better q as much as a better model. The IWAE estimate beside "
                       "the ELBO shows at least part of that gap.",
        "logvar": "Encoders output log σ², an unconstrained number; σ = exp(½ log σ²) is the "
                  "standard deviation and σ² the variance. Calling log σ² (or σ) “the "
                  "variance”, or saying the encoder outputs σ while the code holds log σ², "
                  "leads to z = μ + exp(log σ²)·ε, which scales the noise by σ² instead of σ.",
        "cross_entropy": "A Bernoulli pixel has p(x|x̂) = x̂^x (1 − x̂)^(1 − x), so −log p is "
                         "−[x log x̂ + (1 − x) log(1 − x̂)]. Keeping only −x log x̂ drops the "
                         "dark pixels from the loss: the decoder lowers it by making every pixel "
                         "bright.",
        "beta_usual": "β multiplies the KL alone: loss = recon + β·KL. β × (recon + KL) only "
                      "rescales the gradient, like the learning rate, and changes no "
                      "trade-off. There is no usual β: β = 1 is the ELBO, and what a β means "
                      "depends on the reconstruction's sum or mean over pixels and, for a "
                      "Gaussian decoder, on σ (β ≡ 2σ²). The β lab shows the range.",
        "match_prior": "If q(z|x) equals p(z) for every x, the KL is 0 and z says nothing about "
                       "x: that is posterior collapse, the failure of number 2. Each q(z|x) "
                       "must differ from the prior by the information the code carries; what "
                       "should resemble the prior is the aggregate posterior q(z), the average "
                       "of q(z|x) over the data (the Latent map page draws both).",
    },
    "run": {
        "kl_sign": "Reproduce: the correct loss next to the KL without its minus",
        "keras_mean": "Reproduce: the correct loss next to the mean over 784 pixels",
    },
    "run_help": "Trains two small models on mnist-5k with the epochs set in the Pitfalls tab; "
                "watch them there.",
    "where": "A pitfall run is training or done: its progress and results are in the "
             "**Pitfalls** tab.",
    "see_iwae": "Library → Evaluate & compare: the IWAE estimate beside the −ELBO",
})
