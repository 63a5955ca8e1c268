"""User-facing strings of the "Common mistakes in tutorials" tab (BCE vs MSE) and of the
glossary, in English; 中文 in ``ui/locales/zh_mistakes.py``. The code and formulas the tab shows
are in ``ui.mistakes`` (they are the same in both languages)."""

from __future__ import annotations

from ui.i18n import Strings

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

GLOSSARY = Strings("GLOSSARY", {
    "title": "Glossary: English ⇄ 中文",
    "intro": "The one term this app uses for each idea, in both languages. Other texts may use "
             "the variants in the third column; they mean the same.",
    "columns": {"en": "English", "zh": "中文", "variants": "Variants (中文)", "note": "Meaning"},
})
