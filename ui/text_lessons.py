"""User-facing strings of the Lessons group (the shared parts, the overview, lessons 1–4); lessons
5–8 are in ``ui/text_lessons_2.py``. The Chinese is in ``ui/locales/zh_lessons*.py``."""

from __future__ import annotations

from ui.i18n import Strings

LESSONS = Strings("LESSONS", {
    "group": "Lessons",
    "overview": "Overview",
    "title": "Lessons: a guided course on VAEs",
    "intro": "Eight short lessons on 28×28 MNIST digits (the app's **mnist-5k** set). Each has "
             "one screen of explanation, a live view on a real model, **Try this** tasks that "
             "tick by themselves when you have done them here (the app checks your runs and "
             "your clicks), and a short quiz. Your ticks and answers last for this browser "
             "session.",
    "page_1": "Lesson 1 · From autoencoder to VAE",
    "page_2": "Lesson 2 · The ELBO",
    "page_3": "Lesson 3 · The reparameterisation trick",
    "page_4": "Lesson 4 · The KL term, per dimension",
    "page_5": "Lesson 5 · BCE vs MSE",
    "page_6": "Lesson 6 · β and the rate–distortion plane",
    "page_7": "Lesson 7 · Posterior collapse",
    "page_8": "Lesson 8 · A continuous latent space",
    # the sidebar's labels: the sidebar cuts a label past about 30 characters with "…"
    "nav": {"1": "Lesson 1 · Autoencoder → VAE", "2": "Lesson 2 · The ELBO",
            "3": "Lesson 3 · Reparameterisation", "4": "Lesson 4 · The KL term",
            "5": "Lesson 5 · BCE vs MSE", "6": "Lesson 6 · β, rate, distortion",
            "7": "Lesson 7 · Posterior collapse", "8": "Lesson 8 · Continuity"},
    "overview_cols": {"lesson": "Lesson", "teaches": "What it teaches", "tasks": "Tasks done",
                      "quiz": "Quiz"},
    "quiz_score": "{right} of {total} right ({answered} answered)",
    "total": "{done} of {total} tasks done",
    "share": "Share a lesson: add `?lesson=N` to the app's address, for example "
             "`/?lesson=5` for lesson 5.",
    "bad_lesson": "There is no lesson “{value}”: the lessons are numbered 1 to {last}.",
    "live": "Live view",
    "try": "Try this",
    "quiz": "Quiz",
    "done": "Done",
    "not_yet": "Not yet",
    "checked": "How it is checked: {how}",
    "back": "All lessons",
    "right": "Right. {why}",
    "wrong": "Not quite. {why}",
    "run_help": "Trains a small model on mnist-5k for {epochs} epochs in the background (a few "
                "seconds; it waits its turn when the server is busy). The result becomes a "
                "model of this session.",
    "busy": "The server is busy: {running} of {limit} training jobs are running and {queued} "
            "are waiting. Try again in a moment.",
    "run_error": "This run could not start: {error}",
    "closing": "The server is restarting and takes no new runs. Start again once the page has "
               "reconnected.",
    "data_error": "This run could not start: the dataset cannot be loaded. {error}",
    "running": "Your run is training; the task list updates when it ends.",
    "no_runs": "No run of yours on mnist-5k has ended yet: start one with a button above (or on "
               "the Train page).",
    "runs_caption": "Your runs on mnist-5k this session (the tasks are checked on these):",
    "columns": {"source": "From", "recon": "Likelihood", "beta": "β", "loss": "Loss",
                "elbo": "Test −ELBO", "kl": "KL (nats)", "active": "Active units"},
    "sources": {"train": "Training", "beta": "β lab", "likelihood": "BCE vs MSE",
                "pitfall": "Pitfalls", "schedule": "Schedules"},
    "loss_kinds": {"sum": "sum over pixels", "mean": "mean over pixels",
                   "sign": "KL sign flipped"},
    "no_model": "Pick a model in the sidebar (the default MNIST model will do), or train one "
                "with a button under **Try this**.",
    "idle": "No run yet: start one under **Try this**; its losses, KL per dimension and latent "
            "space appear here while it trains.",
    "no_plane": "Your runs with the Bernoulli likelihood appear here as points once they end.",
    "needs_mnist": "Pick an mnist-5k model in the sidebar: the tasks are checked on mnist-5k.",
    "interp_pick": "Choose the two test images above (**From test image**, **To test image**): "
                   "the tasks count a pair you picked, not the first one shown.",
    "interp_score": "Slerp from #{a} (a {label_a}) to #{b} (a {label_b}): its least typical step "
                    "has −ELBO {worst:.1f} nats; 95% of the model's reconstructions of test "
                    "digits are below {threshold:.1f}.",
})

L1 = Strings("LESSON1", {
    "teaches": "Why an autoencoder cannot generate, and what a VAE changes",
    "explain": "An **autoencoder** squeezes a 28×28 digit (784 pixels) into a short code z and "
               "rebuilds the image from it. Its codes land wherever training puts them, so a "
               "random z decodes to nothing in particular: it cannot *generate*. A "
               "**variational** autoencoder changes two things. The encoder outputs a "
               "distribution, the approximate posterior q(z|x) = N(μ, σ²), instead of a point; "
               "and a KL term pulls every q(z|x) toward the prior p(z) = N(0, I). The codes then "
               "fill one known region, and a z drawn from N(0, I) decodes to a digit. With "
               "β = 0 the pull is gone: what is left is an autoencoder with noise on its codes.",
    "tasks": {"ae": "Train with β = 0: no pull toward the prior.",
              "vae": "Then train with β = 1 and compare the KL of the two runs in the table.",
              "why": "Train the autoencoder and the VAE side by side in the view above, and "
                     "compare how many of their prior samples are digits."},
    "checks": {"ae": "ticks when a run on mnist-5k with β = 0 (correct loss) has ended and been "
                     "measured on the test set.",
               "vae": "ticks when a β = 1 run ends with a smaller test KL than a β = 0 run: the "
                      "prior pulls the codes in.",
               "why": "ticks when that comparison has ended with a larger share of digits "
                      "among the VAE's prior samples than among the autoencoder's."},
    "runs": {"ae": "Train β = 0", "vae": "Train β = 1"},
    "quiz": {
        "q1": {"q": "Why can a plain autoencoder not generate new digits from a random z?",
               "options": {"a": "Its codes sit wherever training put them: most random z lie "
                                 "where no image was encoded.",
                           "b": "Its decoder is too small to draw digits.",
                           "c": "It has no encoder."},
               "why": {"a": "Nothing organises the code space, so the decoder never learned "
                            "what to draw at most random points.",
                       "b": "The same decoder rebuilds test digits well: the problem is where z "
                            "comes from, not the decoder's size.",
                       "c": "It has one (the “auto” in the name): it maps each image to one "
                            "point, but nothing ties the points to a known distribution."}},
        "q2": {"q": "What does a VAE's encoder output for one image?",
               "options": {"a": "One code z",
                           "b": "μ and log σ² of q(z|x), one pair per latent dimension",
                           "c": "The digit's class"},
               "why": {"a": "That is the autoencoder. The VAE's encoder outputs a distribution, "
                            "and z is drawn from it.",
                       "b": "A Gaussian q(z|x) per image; z = μ + σ⊙ε is drawn from it "
                            "(lesson 3).",
                       "c": "A VAE is trained without labels; the class is not an output, though "
                            "it often shows in the latent space."}},
    },
})

L2 = Strings("LESSON2", {
    "teaches": "The evidence lower bound, and why the loss is −ELBO",
    "explain": "We would like log p(x), the probability the model gives a digit, but it needs an "
               "integral over every z. The **evidence lower bound** is what we can compute: "
               "ELBO = E_q[log p(x|z)] − KL(q(z|x) ‖ p(z)). Its gap to log p(x) is "
               "KL(q(z|x) ‖ p(z|x)), the distance from the approximate posterior to the true "
               "one, and a KL is never negative, so the ELBO is below log p(x). Training "
               "*minimises* −ELBO = reconstruction + KL, in nats per image (summed over the 784 "
               "pixels, averaged over the batch). With a weight β on the KL the loss is "
               "recon + β·KL, which is the −ELBO only at β = 1.",
    "tasks": {"elbo": "Train at β = 1 and read the test −ELBO = reconstruction + KL in the table.",
              "live_beta": "Start the long run and, while it trains, change **β now** in the "
                            "live panel."},
    "checks": {"elbo": "ticks when a β = 1 run with the correct loss ends and its test −ELBO "
                       "equals its reconstruction + KL (within 0.5 nats).",
               "live_beta": "ticks when a run ends whose β at the end differs from its β at "
                            "the start (the app records both)."},
    "runs": {"vae": "Train β = 1", "long": "Train β = 1 for 60 epochs (time to change β)"},
    "quiz": {
        "q1": {"q": "What does training minimise?",
               "options": {"a": "−ELBO = reconstruction + KL", "b": "The ELBO",
                           "c": "log p(x) itself"},
               "why": {"a": "Gradient descent minimises, and the ELBO is to be maximised, so "
                            "the loss is its negative.",
                       "b": "The ELBO is to be *maximised*; minimising it would make the model "
                            "worse. The loss is −ELBO.",
                       "c": "log p(x) needs an integral over all z that we cannot compute; the "
                            "ELBO is the computable bound below it."}},
        "q2": {"q": "Why is the ELBO a lower bound on log p(x)?",
               "options": {"a": "The gap is KL(q(z|x) ‖ p(z|x)), and a KL is never negative",
                           "b": "Because the reconstruction term is negative",
                           "c": "Because β = 1"},
               "why": {"a": "log p(x) = ELBO + KL(q(z|x) ‖ p(z|x)) ≥ ELBO, with equality only "
                            "when q(z|x) is the true posterior.",
                       "b": "For a Bernoulli decoder log p(x|z) ≤ 0, but that is not the bound; "
                            "the bound comes from the gap being a KL.",
                       "c": "The bound holds for any q; β is a weight added in training, and "
                            "at β ≠ 1 the loss is no longer the −ELBO."}},
    },
})

L3 = Strings("LESSON3", {
    "teaches": "z = μ + σ⊙ε: how gradients reach the encoder through a random draw",
    "explain": "The reconstruction term is an expectation over z ~ q(z|x). Training the encoder "
               "needs the gradient of that expectation with respect to μ and σ, and a random "
               "draw has none. The trick moves the randomness into an input: draw "
               "ε ~ N(0, I), then set z = μ + σ⊙ε with σ = exp(½ log σ²). Now z is a "
               "differentiable function of μ and σ, and ε is just data. The walk-through "
               "below runs it on one test image: the bars are μ and σ of each latent "
               "dimension, z is μ plus σ times the drawn ε, and the decoder draws x̂ from z. "
               "With β = 0 nothing keeps σ near 1 or μ near the prior's mean: the codes "
               "spread and the KL grows.",
    "tasks": {"walk": "Step through three test images with **Another image**, and press "
                      "**Resample ε** for each.",
              "sigma": "Train with β = 0 and watch the KL grow in the table."},
    "checks": {"walk": "ticks when the walk-through has shown 3 test images after the first "
                       "(the app counts the **Another image** clicks).",
               "sigma": "ticks when a β = 0 run ends with a test KL above 50 nats (β = 1 stays "
                        "far below)."},
    "runs": {"ae": "Train β = 0"},
    "quiz": {
        "q1": {"q": "Why not draw z ~ N(μ, σ²) directly in the forward pass?",
               "options": {"a": "A draw has no gradient with respect to μ and σ; "
                                 "z = μ + σ⊙ε puts the randomness in an input",
                           "b": "Drawing directly is slower",
                           "c": "N(μ, σ²) cannot be sampled on a GPU"},
               "why": {"a": "ε carries the randomness; z is then an ordinary function of μ and "
                            "σ, and backpropagation reaches the encoder.",
                       "b": "Both take one random draw; only the reparameterised form lets "
                            "gradients reach μ and σ.",
                       "c": "It can be; the issue is differentiating through the draw, not "
                            "drawing."}},
        "q2": {"q": "The encoder outputs log σ². Which line is right?",
               "options": {"a": "z = mu + exp(0.5 * logvar) * eps",
                           "b": "z = mu + exp(logvar) * eps",
                           "c": "z = mu + logvar * eps"},
               "why": {"a": "exp(½ log σ²) = σ, the standard deviation.",
                       "b": "exp(log σ²) = σ², the variance: the noise would be scaled by σ² "
                            "instead of σ.",
                       "c": "log σ² can be negative; it is not a standard deviation."}},
    },
})

L4 = Strings("LESSON4", {
    "teaches": "KL(N(μ, σ²) ‖ N(0, 1)) in closed form, one term per dimension, and its sign",
    "explain": "For a Gaussian q(z|x) and the standard normal prior the KL has a closed form, "
               "one term per latent dimension k (Kingma and Welling, appendix B). KL_k is 0 only "
               "when μ_k = 0 and σ_k = 1, that is when dimension k says nothing about x; the "
               "total is the sum over k. The live panel's heat map shows KL_k for every "
               "dimension while a model trains: a dimension whose KL stays near 0 is unused, "
               "and it is not an active unit (Burda et al.: unit u is active when "
               "Cov_x(E_q[z_u]) > 0.01). A formula common in blog posts drops the leading minus "
               "sign: it computes −KL, so training *maximises* the KL and it explodes.",
    "tasks": {"sign": "Flip the KL's sign (the formula without its minus) and train.",
              "per_dim": "Train with β = 4 and find, in the heat map, the dimensions it leaves "
                         "at the prior."},
    "checks": {"sign": "ticks when a run with the KL's sign flipped ends with a test KL above "
                       "1,000 nats.",
               "per_dim": "ticks when a β = 4 run ends with fewer active units than latent "
                          "dimensions."},
    "runs": {"sign": "Train with the KL's sign flipped", "beta4": "Train β = 4"},
    "quiz": {
        "q1": {"q": "For which μ_k and σ_k is KL_k = 0?",
               "options": {"a": "μ_k = 0, σ_k = 1", "b": "μ_k = 0, σ_k → 0",
                           "c": "μ_k = 1, σ_k = 1"},
               "why": {"a": "Then q(z_k|x) is the prior N(0, 1) itself.",
                       "b": "As σ_k → 0, −log σ_k² grows without bound: a very sure code is far "
                            "from the prior, and KL_k → ∞.",
                       "c": "Then KL_k = ½ μ_k² = 0.5 nats: a shifted mean costs KL."}},
        "q2": {"q": "What happens when the code computes +½ Σ(1 + log σ² − μ² − σ²)?",
               "options": {"a": "Minimising the loss maximises the KL: |μ| grows without bound",
                           "b": "Nothing: the sign of a constant does not matter",
                           "c": "Training stops at once with NaN"},
               "why": {"a": "The term is −KL, so gradient descent pushes the codes away from "
                            "the prior; your run's KL shows it.",
                       "b": "It is not a constant: it is the whole KL term, and its sign "
                            "decides whether training shrinks it or grows it.",
                       "c": "Nothing stops at first: the KL climbs to absurd sizes while the "
                            "loss seems to go down."}},
    },
})
