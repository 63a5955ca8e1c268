"""Strings of the home page (What is a VAE?) and its glossary (English; 中文 in ``zh.py``)."""

from __future__ import annotations

from ui.shell.i18n import Strings

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
    "prior_instead": "Showing a sample from the prior instead.",
    "prior_sample": "Decoded sample z ~ N(0, I)",
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

GLOSSARY = Strings("GLOSSARY", {
    "title": "Glossary: English ⇄ 中文",
    "intro": "The one term this app uses for each idea, in both languages. Other texts may use "
             "the variants in the third column; they mean the same.",
    "columns": {"en": "English", "zh": "中文", "variants": "Variants (中文)", "note": "Meaning"},
})
