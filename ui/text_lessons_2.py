"""User-facing strings of lessons 5–8 (the Lessons group); the Chinese is in
``ui/locales/zh_lessons_2.py``."""

from __future__ import annotations

from ui.i18n import Strings

L5 = Strings("LESSON5", {
    "teaches": "The likelihood is a choice: BCE, MSE with its σ (which acts like β), the "
               "continuous Bernoulli",
    "explain": "The reconstruction term is −log p(x|z) for a likelihood we choose. **Bernoulli** "
               "(BCE summed over the 784 pixels) treats each pixel as a coin flip; on grey "
               "levels it is not a normalised likelihood, and the **continuous Bernoulli** "
               "(Loaiza-Ganem and Cunningham, 2019) adds the missing normaliser, which puts its "
               "−ELBO on another scale (it can be negative). A **Gaussian** with a fixed σ gives "
               "the first formula below: summed MSE is this Gaussian with σ² = ½, up to a "
               "constant. Dividing the squared error by 2σ² is the same as multiplying the KL "
               "by 2σ² (second formula): **σ acts like β**. A larger σ means a weaker "
               "reconstruction term and a smaller KL.",
    "tasks": {"both": "Train one model with BCE and one with MSE (σ² = ½).",
              "sigma": "Train MSE with σ = 1 (2σ² = 2, like β = 2) and compare its KL with the "
                       "σ² = ½ run.",
              "cb": "Train with the continuous Bernoulli and look at its −ELBO."},
    "checks": {"both": "ticks when a BCE run and an MSE run with σ² = ½, both at β = 1, have "
                       "ended.",
               "sigma": "ticks when an MSE run with σ ≥ 1 ends with a smaller test KL than an "
                        "MSE run with σ² = ½.",
               "cb": "ticks when a continuous-Bernoulli run has ended."},
    "runs": {"bce": "Train BCE", "mse": "Train MSE (σ² = ½)", "mse_wide": "Train MSE (σ = 1)",
             "cb": "Train continuous Bernoulli"},
    "quiz": {
        "q1": {"q": "Summed MSE ‖x − x̂‖² is, up to a constant, −log p(x|z) of a Gaussian with "
                    "which σ?",
               "options": {"a": "σ² = ½", "b": "σ = 1", "c": "None: MSE is not a likelihood"},
               "why": {"a": "‖x − x̂‖² / (2σ²) = ‖x − x̂‖² when 2σ² = 1.",
                       "b": "σ = 1 gives ‖x − x̂‖² / 2, half the summed MSE: the KL then weighs "
                            "twice as much.",
                       "c": "It is the Gaussian's negative log-likelihood with σ² = ½, up to the "
                            "constant (D/2)·log(2πσ²)."}},
        "q2": {"q": "You raise the Gaussian decoder's σ from 0.71 to 1. What happens to the KL?",
               "options": {"a": "It shrinks: the reconstruction weighs less, as with a larger β",
                           "b": "It grows",
                           "c": "Nothing: σ only adds a constant to the loss"},
               "why": {"a": "The squared error is divided by 2σ²; a larger σ weakens it, the KL "
                            "weighs relatively more, and the model spends less of it.",
                       "b": "It is the other way round: a larger σ divides the reconstruction "
                            "term by more, so the KL's relative weight rises and the KL falls.",
                       "c": "(D/2)·log(2πσ²) is a constant, but σ also divides ‖x − x̂‖², and "
                            "that changes the trade-off."}},
        "q3": {"q": "Why can a continuous-Bernoulli model's −ELBO be negative?",
               "options": {"a": "Its likelihood is a density on [0, 1], which can exceed 1",
                           "b": "Its training diverged",
                           "c": "Its KL became negative"},
               "why": {"a": "A density above 1 has a positive log, so −log p(x|z) can be below "
                            "0. Compare models with the same likelihood, not across them.",
                       "b": "A negative −ELBO is normal for a density; a diverged run shows NaN "
                            "or a huge loss.",
                       "c": "A KL is never negative; the sign comes from the reconstruction "
                            "term."}},
    },
})

L6 = Strings("LESSON6", {
    "teaches": "β trades rate (KL) for distortion (reconstruction); large β switches dimensions "
               "off",
    "explain": "Write the loss as D + β·R, with the distortion D the reconstruction term and the "
               "rate R the KL, both in nats per image (Alemi et al., 2018). Every model is a "
               "point on the rate–distortion plane. The −ELBO is D + R, so lines of equal "
               "ELBO have slope −1, and a β-VAE's optimum is where the frontier's slope is −β. "
               "A small β spends rate on sharp reconstructions; a large β saves rate and blurs. "
               "At a large enough β the KL costs so much that the model switches latent "
               "dimensions off: their KL goes to 0 and they stop being active units.",
    "tasks": {"beta8": "Train with β = 8 and count its active units.",
              "plane": "Put three different β on the plane above."},
    "checks": {"beta8": "ticks when a β = 8 run (BCE) ends with at most half of its latent "
                        "dimensions active (10 epochs: 3 of 8).",
               "plane": "ticks when BCE runs (correct loss) with three different β have "
                        "ended."},
    "runs": {"b05": "Train β = 0.5", "b1": "Train β = 1", "b8": "Train β = 8"},
    "plane": "Your runs on the rate–distortion plane",
    "quiz": {
        "q1": {"q": "On the rate–distortion plane, where does a larger β put the model?",
               "options": {"a": "Lower rate, higher distortion",
                           "b": "Higher rate, lower distortion",
                           "c": "On the same line of equal ELBO"},
               "why": {"a": "The KL costs more, so the code carries less and the "
                            "reconstructions blur.",
                       "b": "That is a smaller β: a cheap KL lets the code carry more.",
                       "c": "Lines of equal ELBO have slope −1; a β-VAE's optimum is where the "
                            "frontier's slope is −β, so different β land on different lines."}},
        "q2": {"q": "Your β = 8 run has 3 active units of 8. What became of the other 5?",
               "options": {"a": "Their q(z|x) is the prior for every x: KL ≈ 0, they carry "
                                 "nothing",
                           "b": "They were deleted from the model",
                           "c": "They store the digit's class"},
               "why": {"a": "Matching the prior costs no KL, and at β = 8 the KL is expensive: "
                            "only the most useful dimensions stay on.",
                       "b": "They are still there; each is drawn from N(0, 1) whatever x is, and "
                            "the decoder learned to ignore it.",
                       "c": "An inactive unit's mean does not vary with x "
                            "(Cov_x(E_q[z_u]) ≤ 0.01), so it can store nothing."}},
    },
})

L7 = Strings("LESSON7", {
    "teaches": "Posterior collapse, and the mean-over-pixels bug that causes it",
    "explain": "**Posterior collapse**: q(z|x) becomes the prior for every x, the KL is 0, and "
               "the decoder draws the same average digit whatever the input. A strong decoder "
               "can cause it; on MNIST the usual cause is a bug. Many tutorials (Keras's "
               "`binary_crossentropy`, PyTorch's `F.mse_loss` with its default) *average* the "
               "reconstruction over the 784 pixels but *sum* the KL over latent dimensions. "
               "That divides the reconstruction by 784, the same as an effective β of 784 "
               "(formula below): the KL wins and every unit switches off. Reproduce it, then "
               "fix it with the sum.",
    "tasks": {"mean": "Train with the reconstruction averaged over pixels.",
              "fix": "Fix it: train the same model with the sum over pixels."},
    "checks": {"mean": "ticks when a β = 1 run with the mean over pixels ends with at most 1 "
                       "active unit: the posterior has collapsed.",
               "fix": "ticks, once the collapse is reproduced, when a β = 1 run with the sum "
                      "ends with at least 4 active units."},
    "runs": {"mean": "Train: mean over pixels", "sum": "Train: sum over pixels"},
    "quiz": {
        "q1": {"q": "The reconstruction is a mean over 784 pixels and the KL a sum over 8 "
                    "dimensions. What is the effective β?",
               "options": {"a": "784", "b": "1/784", "c": "8"},
               "why": {"a": "Against the summed loss, the reconstruction is 784 times too "
                            "small: the KL weighs 784 times more.",
                       "b": "The reconstruction is the term made smaller, so the KL weighs "
                            "more, not less.",
                       "c": "The number of latent dimensions does not enter: the KL is summed "
                            "in both versions."}},
        "q2": {"q": "How do you recognise posterior collapse in a run?",
               "options": {"a": "KL ≈ 0, no active units, every reconstruction the same blurry "
                                 "digit",
                           "b": "The loss turns NaN",
                           "c": "The KL is huge"},
               "why": {"a": "The code carries nothing, so the decoder can only draw the "
                            "average digit.",
                       "b": "Collapse trains smoothly to a finite loss; NaN is divergence (a "
                            "learning rate far too large).",
                       "c": "That is the opposite failure (the flipped KL sign of lesson 4); "
                            "collapse has KL ≈ 0."}},
    },
})

L8 = Strings("LESSON8", {
    "teaches": "A continuous latent space: interpolation, lerp vs slerp, and what it is for",
    "explain": "The KL term packs every code into one region around the origin, so nearby z "
               "decode to similar images and the space between two digits is filled: the "
               "latent space is **continuous**. Take the codes μ of two test images, walk "
               "between them and decode each step: a good path morphs one digit into the other "
               "through digit-like images. **Slerp** (spherical linear interpolation) follows "
               "a great circle and keeps the norm ‖z‖ near that of typical codes; a straight "
               "line (lerp) passes closer to the origin, where fewer codes lie. The same "
               "continuity makes generation, denoising and completion work (the Applications "
               "page).",
    "tasks": {"pair": "Pick two test images of different digits in the interpolation above.",
              "slerp": "Find a pair whose slerp stays on digits all the way."},
    "checks": {"pair": "ticks when the interpolation's two test images show different digits.",
               "slerp": "ticks when every step of the slerp between two different digits is as "
                        "typical for the model as its own reconstructions of test digits: its "
                        "−ELBO is at most their 95th percentile."},
    "runs": {},
    "applications": "Applications: generation, denoising, completion",
    "quiz": {
        "q1": {"q": "Why do points between two codes decode to digit-like images in a VAE, but "
                    "often not in a plain autoencoder?",
               "options": {"a": "The KL term fills the region between codes, so the decoder "
                                 "learned to draw there",
                           "b": "The VAE's decoder is larger",
                           "c": "The VAE interpolates in pixel space"},
               "why": {"a": "Codes drawn with noise cover the space between the means; the "
                            "autoencoder's codes leave gaps the decoder never saw.",
                       "b": "The decoders can be the same size; what differs is how training "
                            "shapes the code space.",
                       "c": "Blending pixels overlays two digits; here the path runs in z and "
                            "each step is decoded."}},
        "q2": {"q": "Why slerp rather than lerp?",
               "options": {"a": "Slerp keeps ‖z‖ where typical codes lie; lerp's midpoint has a "
                                 "smaller norm",
                           "b": "Slerp is faster",
                           "c": "Lerp leaves the latent space"},
               "why": {"a": "Under N(0, I) in K dimensions most codes have ‖z‖ ≈ √K; the "
                            "straight line's middle cuts inside that shell.",
                       "b": "Both decode the same number of steps; the difference is where the "
                            "path runs.",
                       "c": "Every z is in the latent space; lerp's middle is just where the "
                            "decoder saw fewer codes."}},
    },
})
