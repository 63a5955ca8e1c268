"""Strings of the lessons: the overview and the nine lessons (English; 中文 in ``zh.py``)."""

from __future__ import annotations

from ui.shell.i18n import Strings

LESSONS = Strings("LESSONS", {
    "group": "Lessons",
    "title": "Lessons: a guided course on VAEs",
    "intro": "Nine short lessons on 28×28 MNIST digits (the app's **mnist-5k** set). Each has "
             "one screen of explanation, a live view on a real model, **Try this** tasks that "
             "tick by themselves when you have done them here (the app checks your runs and "
             "your clicks), and a short quiz whose first try counts. This browser keeps your "
             "ticks, answers and language for you (no account): they are here after a reload "
             "or a restart, and on another device with your continue code (below).",
    "page_1": "Lesson 1 · From autoencoder to VAE",
    "page_2": "Lesson 2 · The ELBO",
    "page_3": "Lesson 3 · The reparameterisation trick",
    "page_4": "Lesson 4 · The KL term, per dimension",
    "page_5": "Lesson 5 · BCE vs MSE",
    "page_6": "Lesson 6 · β and the rate–distortion plane",
    "page_7": "Lesson 7 · Posterior collapse",
    "page_8": "Lesson 8 · A continuous latent space",
    "page_9": "Lesson 9 · Conditional generation, few labels",
    # the tab titles: short, as the sidebar once cut a label past about 30 characters with "…"
    "nav": {"1": "Lesson 1 · Autoencoder → VAE", "2": "Lesson 2 · The ELBO",
            "3": "Lesson 3 · Reparameterisation", "4": "Lesson 4 · The KL term",
            "5": "Lesson 5 · BCE vs MSE", "6": "Lesson 6 · β, rate, distortion",
            "7": "Lesson 7 · Posterior collapse", "8": "Lesson 8 · Continuity",
            "9": "Lesson 9 · Labels"},
    "overview_cols": {"lesson": "Lesson", "teaches": "What it teaches", "tasks": "Tasks done",
                      "quiz": "Quiz"},
    "quiz_score": "first try: {right} of {total} ({answered} answered)",
    "total": "{done} of {total} tasks done",
    "share": "Share a lesson: add `?lesson=N` to the app's address, and `&lang=zh` or "
             "`&lang=en` for its language, for example `/?lesson=5&lang=zh` for lesson 5 in "
             "中文.",
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
    "first_wrong": "Your first try was “{option}”, which is not right, and the first try is what "
                   "counts: this question stays wrong in your score. Later tries are explained "
                   "all the same.",
    "first_right": "Your first try, “{option}”, was right, and the first try is what counts: "
                   "this question stays right in your score.",
    # the printed worksheet (worksheet.py): shown only when the page is printed
    "ws_title": "Worksheet",
    "ws_intro": "Do each task in the app and write down what you saw. For each question, circle "
                "one answer and say why in a sentence.",
    "ws_name": "Name",
    "ws_date": "Date",
    "ws_tasks": "Tasks",
    "ws_questions": "Questions",
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
                "elbo": "Test −ELBO", "kl": "KL (nats)", "active": "Active units",
                "active_kl": "KL of each active unit (nats)"},
    "sources": {"train": "Training", "beta": "β lab", "likelihood": "BCE vs MSE",
                "pitfall": "Pitfalls", "schedule": "Schedules"},
    "schedule_kinds": {"warmup": "warm-up", "cyclical": "cyclical β", "free_bits": "free bits",
                       "capacity": "capacity"},
    "loss_kinds": {"sum": "sum over pixels", "mean": "mean over pixels",
                   "sign": "KL sign flipped"},
    "conditional_run": "conditional VAE (lesson 9 only)",
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

LESSON1 = Strings("LESSON1", {
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
               "options": {"a": "Its codes sit wherever training put them: most random z lie where "
                                "no image was encoded.",
                           "b": "Its decoder needs the input image as well as z, so a code on its "
                                "own draws nothing.",
                           "c": "Its codes are exact points, and decoding a point without noise "
                                "gives a blurred average."},
               "why": {"a": "Nothing organises the code space, so the decoder never learned what "
                            "to draw at most random points.",
                       "b": "The decoder takes z alone: it rebuilds a test digit from its code and "
                            "nothing else. The trouble is where a random z lands, not what the "
                            "decoder needs.",
                       "c": "An autoencoder decodes its own codes into sharp reconstructions, "
                            "noise or not; the trouble is the random z that lands where no image "
                            "was encoded."}},
        "q2": {"q": "What does a VAE's encoder output for one image?",
               "options": {"a": "A single code z, the point the decoder draws this image from",
                           "b": "μ and log σ² of q(z|x), one pair per latent dimension",
                           "c": "The probability of each of the ten digit classes"},
               "why": {"a": "That is the autoencoder. The VAE's encoder outputs a distribution, "
                            "and z is drawn from it.",
                       "b": "A Gaussian q(z|x) per image; z = μ + σ⊙ε is drawn from it (lesson 3).",
                       "c": "A VAE is trained without labels; the class is not an output, though "
                            "it often shows in the latent space."}},
        "q3": {"q": "You train with β = 0. What is the model then?",
               "options": {"a": "An autoencoder with noise on its codes: nothing pulls q(z|x) "
                                "toward the prior",
                           "b": "A VAE with sharper prior samples, since no KL term blurs its "
                                "reconstructions",
                           "c": "A model whose codes all sit at the origin, since a zero KL means "
                                "q(z|x) = p(z)"},
               "why": {"a": "β weighs the KL, the only term that pulls q(z|x) toward N(0, I); at β "
                            "= 0 the codes go wherever the reconstruction wants them, and the KL "
                            "grows (a β = 0 run in the table shows it).",
                       "b": "Its reconstructions may be sharper, but its prior samples get worse: "
                            "without the pull, a z drawn from N(0, I) often lands where no image "
                            "was encoded.",
                       "c": "β = 0 sets the KL's weight to zero, not the KL itself: with nothing "
                            "to stop it, the KL grows large, as a β = 0 run in the table shows."}},
    },
})

LESSON2 = Strings("LESSON2", {
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
    "steps": {
        "title": "The derivation, one step at a time (open each step when you are ready):",
        "1": {"title": "Bring q(z|x) in",
              "text": "log p(x) is an integral over every z. Multiply and divide by q(z|x) "
                      "under the integral: nothing changes, but the integral is now an "
                      "expectation over z ~ q(z|x), which we can estimate by drawing z."},
        "2": {"title": "Jensen's inequality",
              "text": "The logarithm is concave, so the log of a mean is at least the mean of "
                      "the logs. With w = p(x, z) / q(z|x) this gives a lower bound on "
                      "log p(x): the **ELBO**."},
        "3": {"title": "The two terms of the loss",
              "text": "Write p(x, z) = p(x|z) p(z). The first part is the expected "
                      "log-likelihood of the image (minus the reconstruction term), the second "
                      "is KL(q(z|x) ‖ p(z)), the term that pulls the codes toward the prior."},
        "4": {"title": "The exact gap",
              "text": "Write p(x, z) = p(z|x) p(x) instead. What is left between log p(x) and "
                      "the ELBO is exactly KL(q(z|x) ‖ p(z|x)), the distance from the "
                      "approximate posterior to the true one. A KL is never negative, and it "
                      "is 0 only when q(z|x) is the true posterior: then the bound is tight."},
        "5": {"title": "What training does with it",
              "text": "The loss is −ELBO = reconstruction + KL. Minimising it does two things "
                      "at once: it raises log p(x) (a better model of the digits) and lowers "
                      "the gap (an encoder closer to the true posterior)."},
    },
    "quiz": {
        "q1": {"q": "What does training minimise?",
               "options": {"a": "−ELBO = reconstruction + KL",
                           "b": "The ELBO, the bound below log p(x)",
                           "c": "−log p(x) itself, computed exactly"},
               "why": {"a": "Gradient descent minimises, and the ELBO is to be maximised, so the "
                            "loss is its negative.",
                       "b": "The ELBO is to be *maximised*; minimising it would make the model "
                            "worse. The loss is −ELBO.",
                       "c": "−log p(x) needs an integral over every z that we cannot compute; the "
                            "−ELBO is the computable bound above it."}},
        "q2": {"q": "Why is the ELBO a lower bound on log p(x)?",
               "options": {"a": "The gap is KL(q(z|x) ‖ p(z|x)), and a KL is never negative",
                           "b": "The term log p(x|z) is never positive, and the KL only lowers it "
                                "further",
                           "c": "It is a lower bound at β = 1 only; at other β it bounds log p(x) "
                                "from above"},
               "why": {"a": "log p(x) = ELBO + KL(q(z|x) ‖ p(z|x)) ≥ ELBO, with equality only when "
                            "q(z|x) is the true posterior.",
                       "b": "For a Bernoulli decoder log p(x|z) ≤ 0 (a Gaussian's can be "
                            "positive), but that is not the bound: the bound comes from the gap "
                            "being a KL.",
                       "c": "The bound holds for any q and has no β in it; β is a weight added in "
                            "training, and at β ≠ 1 the loss is simply no longer the −ELBO."}},
        "q3": {"q": "A β = 1 run reports a reconstruction of 110 nats and a KL of 25 nats per test "
                    "image. What is its test −ELBO?",
               "options": {"a": "135 nats: reconstruction + KL",
                           "b": "85 nats: reconstruction − KL",
                           "c": "110 nats: the KL is not part of it"},
               "why": {"a": "ELBO = E_q[log p(x|z)] − KL, so −ELBO = reconstruction + KL = 110 + "
                            "25 = 135 nats per image: the table's test −ELBO is this sum.",
                       "b": "The minus sign is the ELBO's; negating the ELBO flips both terms, so "
                            "the −ELBO adds them: 110 + 25 = 135.",
                       "c": "The KL is one of the ELBO's two terms; the reconstruction alone (110) "
                            "is not the bound."}},
    },
})

LESSON3 = Strings("LESSON3", {
    "teaches": "z = μ + σ⊙ε: how gradients reach the encoder through a random draw",
    "explain": "The reconstruction term is an expectation over z ~ q(z|x). Training the encoder "
               "needs the gradient of that expectation with respect to μ and σ, but a z drawn "
               "from N(μ, σ²) is not a differentiable function of them: backpropagation cannot "
               "pass through the draw. The **score function** (REINFORCE) gets round it with "
               "loss values alone, and is very noisy (see below). The trick moves the "
               "randomness into an input instead: draw "
               "ε ~ N(0, I), then set z = μ + σ⊙ε with σ = exp(½ log σ²). Now z is a "
               "differentiable function of μ and σ, and ε is just data. The walk-through "
               "below runs it on one test image: the bars are μ and σ of each latent "
               "dimension, z is μ plus σ times the drawn ε, and the decoder draws x̂ from z. "
               "With β = 0 nothing keeps σ near 1 or μ near the prior's mean: the codes "
               "spread and the KL grows.",
    "tasks": {"walk": "Step through three test images with **Another image**, and press "
                      "**Resample ε** for each.",
              "sigma": "Train with β = 0 and watch the KL grow in the table.",
              "grad": "Compare the two gradient estimators with at least 1000 draws and enter "
                      "how many times larger the score function's variance is."},
    "checks": {"walk": "ticks when the walk-through has shown 3 test images after the first "
                       "(the app counts the **Another image** clicks).",
               "sigma": "ticks when a β = 0 run ends with a test KL above 50 nats (β = 1 stays "
                        "far below).",
               "grad": "ticks when, with at least 1000 draws, the ratio you enter is within "
                       "20% of the measured ratio of the two variances."},
    "runs": {"ae": "Train β = 0"},
    "grad_title": "The gradient, estimated two ways",
    "grad_intro": "The same test image as above. Each draw of ε gives one estimate of the "
                  "gradient of the reconstruction term −log p(x|z) with respect to μ and "
                  "log σ²: the **reparameterisation** estimate differentiates through "
                  "z = μ + σ⊙ε, the **score function** multiplies the loss value by "
                  "∂ log q(z|x) / ∂(μ, log σ²). Both are right on average; the variance says "
                  "how far one estimate strays. Averaging n draws divides it by n.",
    "grad_samples": "Draws of ε",
    "grad_again": "Draw again",
    "grad_kinds": {"reparam": "reparameterisation", "score": "score function"},
    "grad_var_label": "Variance of one draw (summed over the 2K coordinates):",
    "grad_running_title": "∂/∂μ₁ estimated from the first m draws",
    "grad_variance_title": "Variance of the estimate from n draws",
    "grad_estimate": "estimate",
    "grad_variance": "variance (all 2K coordinates)",
    "grad_caption": "Top: the score function's estimate still wanders when the "
                    "reparameterisation's has settled (dotted: the reparameterisation's "
                    "estimate from all draws). Bottom: both variances fall as 1/n, but the "
                    "score function's line lies far above; its gap is the ratio of the two.",
    "grad_answer": "How many times larger is the score function's variance?",
    "grad_answer_help": "Divide the two variances above (or read the gap between the two "
                        "lines of the lower chart: each power of 10 is a factor of 10).",
    "grad_how": "Set at least {enough} draws, then enter the ratio of the two variances.",
    "grad_more": "Use at least {enough} draws: with fewer, the variances themselves are too "
                 "noisy to compare.",
    "grad_wrong": "{answer:,.0f} is not within 20% of the ratio: divide the score function's "
                  "variance by the reparameterisation's.",
    "grad_right": "Right: the score function's variance is {ratio:,.0f} times the "
                  "reparameterisation's. To be as precise as one reparameterised draw, it "
                  "needs about {ratio:,.0f} draws: this is why VAEs use the trick.",
    "quiz": {
        "q1": {"q": "Why not draw z ~ N(μ, σ²) directly in the forward pass?",
               "options": {"a": "A draw has no gradient with respect to μ and σ; z = μ + σ⊙ε puts "
                                "the randomness in an input",
                           "b": "A direct draw gives a different z on every pass, so the loss "
                                "could never settle down",
                           "c": "Software can only draw from N(0, 1), so any other Gaussian must "
                                "be built out of it"},
               "why": {"a": "ε carries the randomness; z is then an ordinary function of μ and σ, "
                            "and backpropagation reaches the encoder.",
                       "b": "z = μ + σ⊙ε is just as random (a new ε on every pass), and training "
                            "copes with that noise; the trouble is that a draw has no gradient.",
                       "c": "Any Gaussian can be sampled directly, on any device; the issue is "
                            "differentiating through the draw, not drawing."}},
        "q2": {"q": "The encoder outputs log σ². Which line is right?",
               "options": {"a": "z = mu + exp(0.5 * logvar) * eps",
                           "b": "z = mu + 0.5 * exp(logvar) * eps",
                           "c": "z = mu + sqrt(logvar) * eps"},
               "why": {"a": "exp(½ log σ²) = σ, the standard deviation.",
                       "b": "0.5 · exp(log σ²) = σ²/2, half the variance: the noise would be "
                            "scaled by σ²/2 instead of σ.",
                       "c": "The square root of log σ² is not σ, and it is undefined whenever log "
                            "σ² < 0, that is σ < 1."}},
        "q3": {"q": "In z = μ + σ⊙ε, where does backpropagation send gradients?",
               "options": {"a": "To μ and σ, and through them the encoder; ε is an input and gets "
                                "none",
                           "b": "To ε alone: it is the one part of the formula that changes on "
                                "each pass",
                           "c": "To μ only: σ multiplies random noise, so its gradient averages "
                                "out to zero"},
               "why": {"a": "z is an ordinary function of μ and σ: ∂z/∂μ = 1 and ∂z/∂σ = ε. ε is "
                            "drawn afresh each time and treated as data.",
                       "b": "ε is drawn, not computed from any weights, so there is nothing behind "
                            "it to train; the gradients go to μ and σ.",
                       "c": "∂z/∂σ = ε is random, but multiplied by the reconstruction's gradient "
                            "it does not average to zero: σ is learned too (the walk-through shows "
                            "a σ for every dimension)."}},
    },
})

LESSON4 = Strings("LESSON4", {
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
               "options": {"a": "μ_k = 0, σ_k = 1",
                           "b": "μ_k = 0, σ_k → 0",
                           "c": "μ_k = 1, σ_k = 1"},
               "why": {"a": "Then q(z_k|x) is the prior N(0, 1) itself.",
                       "b": "As σ_k → 0, −log σ_k² grows without bound: a very sure code is far "
                            "from the prior, and KL_k → ∞.",
                       "c": "Then KL_k = ½ μ_k² = 0.5 nats: a shifted mean costs KL."}},
        "q2": {"q": "What happens when the code computes +½ Σ(1 + log σ² − μ² − σ²)?",
               "options": {"a": "Minimising the loss maximises the KL: |μ| grows without bound",
                           "b": "Nothing changes: the sign of a constant term does not move the "
                                "optimum",
                           "c": "Training stops within a step or two, as the loss turns NaN at "
                                "once"},
               "why": {"a": "The term is −KL, so gradient descent pushes the codes away from the "
                            "prior; your run's KL shows it.",
                       "b": "It is not a constant: it is the whole KL term, and its sign decides "
                            "whether training shrinks it or grows it.",
                       "c": "Nothing stops at first: the KL climbs to absurd sizes while the loss "
                            "seems to go down."}},
        "q3": {"q": "For one image, a dimension has μ_k = 2 and σ_k = 1. What is its KL_k?",
               "options": {"a": "2 nats: only the mean is off, and it costs ½ μ_k²",
                           "b": "4 nats: a shifted mean costs μ_k², its squared distance",
                           "c": "0 nats: σ_k = 1, so the dimension matches the prior"},
               "why": {"a": "KL_k = ½(μ_k² + σ_k² − 1 − log σ_k²) = ½(4 + 1 − 1 − 0) = 2 nats.",
                       "b": "The closed form halves it: ½ μ_k² = ½ · 4 = 2 nats, not 4.",
                       "c": "The spread matches the prior, but the mean sits 2 standard deviations "
                            "away: that costs ½ μ_k² = 2 nats."}},
    },
})

LESSON5 = Strings("LESSON5", {
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
               "options": {"a": "σ² = ½",
                           "b": "σ = 1",
                           "c": "None: MSE is not a likelihood"},
               "why": {"a": "‖x − x̂‖² / (2σ²) = ‖x − x̂‖² when 2σ² = 1.",
                       "b": "σ = 1 gives ‖x − x̂‖² / 2, half the summed MSE: the KL then weighs "
                            "twice as much.",
                       "c": "It is the Gaussian's negative log-likelihood with σ² = ½, up to the "
                            "constant (D/2)·log(2πσ²)."}},
        "q2": {"q": "You raise the Gaussian decoder's σ from 0.71 to 1. What happens to the KL?",
               "options": {"a": "It shrinks: the reconstruction weighs less, as with a larger β",
                           "b": "It grows: the looser reconstruction lets the code carry more "
                                "detail",
                           "c": "It stays the same: σ only adds a constant to the loss"},
               "why": {"a": "The squared error is divided by 2σ²; a larger σ weakens it, the KL "
                            "weighs relatively more, and the model spends less of it.",
                       "b": "It is the other way round: a larger σ divides the reconstruction term "
                            "by more, so the KL's relative weight rises and the KL falls.",
                       "c": "(D/2)·log(2πσ²) is a constant, but σ also divides ‖x − x̂‖², and that "
                            "changes the trade-off."}},
        "q3": {"q": "Why can a continuous-Bernoulli model's −ELBO be negative?",
               "options": {"a": "Its likelihood is a density on [0, 1], which can exceed 1",
                           "b": "Its training diverged and the loss ran off below zero",
                           "c": "Its KL term turned negative and outweighs the reconstruction"},
               "why": {"a": "A density above 1 has a positive log, so −log p(x|z) can be below 0. "
                            "Compare models with the same likelihood, not across them.",
                       "b": "A negative −ELBO is normal for a density; a diverged run shows NaN or "
                            "a huge loss.",
                       "c": "A KL is never negative; the sign comes from the reconstruction "
                            "term."}},
    },
})

LESSON6 = Strings("LESSON6", {
    "teaches": "β trades rate (KL) for distortion (reconstruction); large β switches dimensions "
               "off",
    "explain": "Write the loss as D + β·R, with the distortion D the reconstruction term and the "
               "rate R the KL, both in nats per image (Alemi et al., 2018). Every model is a "
               "point on the rate–distortion plane. The −ELBO is D + R, so lines of equal "
               "ELBO have slope −1, and a β-VAE's optimum is where the frontier's slope is −β. "
               "A small β spends rate on sharp reconstructions; a large β saves rate and blurs. "
               "At a large enough β the KL costs so much that the model switches latent "
               "dimensions off: their mean stops moving with the image, so they no longer count "
               "as **active units** (Cov_x(E_q[z_u]) > 0.01, Burda et al. 2016, the rule every "
               "page uses), and their KL falls to about 0. The count alone can flatter: the "
               "table below gives each active unit's KL too. These runs and the β lab's use "
               "the same network (MLP 256-128, K = 8, 10 epochs) and give the same numbers: "
               "β = 1 ends with a −ELBO of 131.9 nats and 8 of 8 units active; β = 8 with "
               "180.8 nats and 3 of 8, whose KL is 1.02, 0.67 and 0.01 nats: the third is "
               "barely on.",
    "tasks": {"beta8": "Train with β = 8 and count its active units.",
              "plane": "Put three different β on the plane above."},
    "checks": {"beta8": "ticks when a β = 8 run (BCE) ends with at most half of its latent "
                        "dimensions active (10 epochs: 3 of 8); a β lab run counts.",
               "plane": "ticks when BCE runs (correct loss) with three different β have "
                        "ended."},
    "runs": {"b05": "Train β = 0.5", "b1": "Train β = 1", "b8": "Train β = 8"},
    "plane": "Your runs on the rate–distortion plane",
    "quiz": {
        "q1": {"q": "On the rate–distortion plane, where does a larger β put the model?",
               "options": {"a": "Lower rate, higher distortion",
                           "b": "Higher rate, lower distortion",
                           "c": "On the same line of equal ELBO"},
               "why": {"a": "The KL costs more, so the code carries less and the reconstructions "
                            "blur.",
                       "b": "That is a smaller β: a cheap KL lets the code carry more.",
                       "c": "Lines of equal ELBO have slope −1; a β-VAE's optimum is where the "
                            "frontier's slope is −β, so different β land on different lines."}},
        "q2": {"q": "Your β = 8 run has 3 active units of 8. What became of the other 5?",
               "options": {"a": "Their q(z|x) is the prior for every x: KL ≈ 0, they carry nothing",
                           "b": "Training pruned them: their weights were removed from the model",
                           "c": "They store the digit's class, a cheap code that takes only a few "
                                "nats"},
               "why": {"a": "Matching the prior costs no KL, and at β = 8 the KL is expensive: "
                            "only the most useful dimensions stay on.",
                       "b": "They are still there; each is drawn from N(0, 1) whatever x is, and "
                            "the decoder learned to ignore it.",
                       "c": "An inactive unit's mean does not vary with x (Cov_x(E_q[z_u]) ≤ "
                            "0.01), so it can store nothing."}},
        "q3": {"q": "Run A has distortion D = 100 and rate R = 30 nats; run B has D = 120 and R = "
                    "5. Which has the higher ELBO?",
               "options": {"a": "B: its D + R is 125 nats, below A's 130",
                           "b": "A: its distortion is lower, so its digits are sharper",
                           "c": "Neither: runs trained at different β cannot be compared"},
               "why": {"a": "−ELBO = D + R: 100 + 30 = 130 for A and 120 + 5 = 125 for B, so B's "
                            "ELBO (−125) is the higher one, although B reconstructs worse.",
                       "b": "A reconstructs better, but it pays 25 more nats of rate to save 20 of "
                            "distortion: its D + R is the larger.",
                       "c": "The ELBO is −(D + R) whatever β a run was trained with; β changes "
                            "where a model lands on the plane, not how its ELBO is computed."}},
    },
})

LESSON7 = Strings("LESSON7", {
    "teaches": "Posterior collapse: its causes (a large β, a decoder that needs no code, the "
               "mean-over-pixels bug) and its remedies (warm-up, cyclical β, free bits)",
    "explain": "**Posterior collapse**: q(z|x) becomes the prior for every x, the KL is 0, and "
               "the decoder draws the same average digit whatever the input. It happens when "
               "a code costs more KL than it saves in reconstruction. The classic causes are "
               "a decoder strong enough to model x without z (an autoregressive LSTM or "
               "PixelCNN decoder, Bowman et al. 2016) and a large β, above all early on: while "
               "the codes are still noise the KL switches each unit off, and a unit that is "
               "off gets no gradient from the reconstruction that would bring it back. On this "
               "lesson's model (MLP 256-128, K = 8, 10 epochs) β = 32 switches off all 8 units "
               "(KL 0.00 nats, −ELBO 207.2).\n\n"
               "The remedies are the β lab's schedules. A **KL warm-up** (β ramps from 0, "
               "Bowman et al. 2016) and **cyclical β** (the ramp repeated, Fu et al. 2019) let "
               "the codes form before the KL weighs; they save a model whose final β it can "
               "afford, but once β is back at 32 the KL wins all the same (measured: 0 and 1 "
               "active units). **Free bits** (Kingma et al. 2016) charge no KL below λ nats per "
               "dimension: with λ = 1, β = 32 ends with 8 of 8 units active, about 1 nat each, "
               "and a −ELBO of 151.6 nats.\n\n"
               "A common bug collapses the posterior too. Many tutorials (Keras's "
               "`binary_crossentropy`, PyTorch's `F.mse_loss` with its default) *average* the "
               "reconstruction over the 784 pixels but *sum* the KL over latent dimensions: an "
               "effective β of 784 (formula below). What such a run minimises, recon ÷ 784 + "
               "β·KL, is a few tenths of a nat: its loss chart draws it on an axis of its own, "
               "beside a reconstruction near 200 nats per image.\n\n"
               "An **active unit** is one whose mean moves with the image, Cov_x(E_q[z_u]) > "
               "0.01 (Burda et al. 2016), here and on every page. A unit can pass that test "
               "and carry almost nothing: β = 16 with a warm-up ends with 5 of 8 units active "
               "and 0.55 nats of KL in all (0.42, 0.07, 0.04, 0.01 and 0.01). So each count "
               "comes with the KL of its units: the KL map's title, the table below.",
    "tasks": {"mean": "Train with the reconstruction averaged over pixels.",
              "fix": "Fix it: train the same model with the sum over pixels.",
              "rescue": "Collapse the model with β = 32, then rescue it at the same β: try the "
                        "warm-up, then free bits."},
    "checks": {"mean": "ticks when a β = 1 run with the mean over pixels ends with at most 1 "
                       "active unit: the posterior has collapsed.",
               "fix": "ticks, once the collapse is reproduced, when a β = 1 run with the sum "
                      "ends with at least 4 active units.",
               "rescue": "ticks when a run with a constant β of 16 or more (correct loss) ends "
                         "with at most 1 active unit and a run at the same β with a warm-up, "
                         "cyclical β or free bits ends with at least 4; the β lab's Schedules "
                         "tab counts too."},
    "runs": {"mean": "Train: mean over pixels", "sum": "Train: sum over pixels",
             "b32": "Train: β = 32", "warmup": "β = 32 with a warm-up",
             "free_bits": "β = 32 with free bits"},
    "quiz": {
        "q1": {"q": "The reconstruction is a mean over 784 pixels and the KL a sum over 8 "
                    "dimensions. What is the effective β?",
               "options": {"a": "784",
                           "b": "1/784",
                           "c": "8"},
               "why": {"a": "Against the summed loss, the reconstruction is 784 times too small: "
                            "the KL weighs 784 times more.",
                       "b": "The reconstruction is the term made smaller, so the KL weighs more, "
                            "not less.",
                       "c": "The number of latent dimensions does not enter: the KL is summed in "
                            "both versions."}},
        "q2": {"q": "How do you recognise posterior collapse in a run?",
               "options": {"a": "KL ≈ 0, no active units, every reconstruction the same blurry "
                                "digit",
                           "b": "The loss turns NaN after a few epochs and the run stops early",
                           "c": "The KL is huge and keeps on growing while the reconstruction "
                                "improves"},
               "why": {"a": "The code carries nothing, so the decoder can only draw the average "
                            "digit.",
                       "b": "Collapse trains smoothly to a finite loss; NaN is divergence (a "
                            "learning rate far too large).",
                       "c": "That is the opposite failure (the flipped KL sign of lesson 4); "
                            "collapse has KL ≈ 0."}},
        "q3": {"q": "Your run with the mean over pixels has collapsed. Which change fixes it?",
               "options": {"a": "Sum the reconstruction over the 784 pixels, as the KL is summed "
                                "over dimensions",
                           "b": "Average the KL over the latent dimensions too, so that both terms "
                                "are means",
                           "c": "Train for longer: the KL settles first, and the code catches up "
                                "later on"},
               "why": {"a": "With both terms summed the loss is the −ELBO again (an effective β of "
                            "1): the reconstruction is worth spending KL on, and the units switch "
                            "back on.",
                       "b": "That divides the KL by 8 as well, but the reconstruction is still 784 "
                            "times too small: the effective β is 784 / 8 = 98, and the posterior "
                            "still collapses.",
                       "c": "With an effective β of 784 the KL wins for good: more epochs keep "
                            "every unit switched off."}},
        "q4": {"q": "β = 32 collapses the lesson's model, and a warm-up to β = 32 does not save "
                    "it. Why do free bits?",
               "options": {"a": "No KL is charged below λ nats per dim: each unit keeps λ",
                           "b": "They lower β for the whole run, so the KL weighs less at the end",
                           "c": "They start β at 0, so the codes form before the KL weighs in"},
               "why": {"a": "The loss has β·Σ max(KL_j, λ): below λ a unit's KL has no gradient, "
                            "so the reconstruction may use it freely. With λ = 1 all 8 units stay "
                            "active at β = 32.",
                       "b": "β stays 32 for the whole run; free bits change the shape of the KL "
                            "term, not its weight.",
                       "c": "That is the warm-up: it reaches β = 32 after 5 epochs and then "
                            "collapses the model all the same."}},
    },
})

LESSON8 = Strings("LESSON8", {
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
                           "b": "The VAE's decoder is larger, so it has learned to draw a digit "
                                "from any z",
                           "c": "The VAE blends the two images pixel by pixel rather than their "
                                "codes"},
               "why": {"a": "Codes drawn with noise cover the space between the means; the "
                            "autoencoder's codes leave gaps the decoder never saw.",
                       "b": "The decoders can be the same size; what differs is how training "
                            "shapes the code space.",
                       "c": "Blending pixels overlays two digits; here the path runs in z and each "
                            "step is decoded."}},
        "q2": {"q": "Why slerp rather than lerp?",
               "options": {"a": "Slerp keeps ‖z‖ where typical codes lie; lerp's midpoint has a "
                                "smaller norm",
                           "b": "Slerp needs fewer steps, since a great circle is the shortest "
                                "path",
                           "c": "Lerp's midpoint falls outside the latent space and cannot be "
                                "decoded"},
               "why": {"a": "Under N(0, I) in K dimensions most codes have ‖z‖ ≈ √K; the straight "
                            "line's middle cuts inside that shell.",
                       "b": "Both decode the same number of steps, and the straight line is the "
                            "shorter path; the difference is where the path runs.",
                       "c": "Every z is in the latent space and can be decoded; lerp's middle is "
                            "just where the decoder saw fewer codes."}},
        "q3": {"q": "Under the prior N(0, I) with K = 8 latent dimensions, where do most codes z "
                    "lie?",
               "options": {"a": "Near the shell ‖z‖ ≈ √8 ≈ 2.8, few of them near the origin",
                           "b": "Near the origin, where the prior's density is highest",
                           "c": "Inside the unit ball ‖z‖ ≤ 1, within one standard deviation"},
               "why": {"a": "‖z‖² is a sum of 8 squared N(0, 1) draws, with mean 8, so most codes "
                            "lie near ‖z‖ ≈ √8. Lerp's middle cuts inside this shell, where the "
                            "decoder saw few codes.",
                       "b": "The density is highest at the origin, but there is very little volume "
                            "near it: in 8 dimensions few draws land close to the centre.",
                       "c": "Each coordinate is within 1 of 0 about 68% of the time, but all 8 at "
                            "once only rarely; a typical ‖z‖ is about √8 ≈ 2.8."}},
    },
})


LESSON9 = Strings("LESSON9", {
    "teaches": "Labels in a VAE: the conditional VAE draws the digit asked for, and the "
               "semi-supervised M1+M2 learns from 100 labels",
    "explain": "So far the VAE never saw a label. A **conditional VAE** (CVAE) gets the digit's "
               "label y too: its one-hot joins the encoder's input and the decoder's z, so it "
               "learns q(z|x, y) and p(x|z, y). The label says *which* digit, so z keeps only "
               "the **style** (slant, thickness, size): pick a digit, draw z from the prior, and "
               "the decoder writes that digit in that style. Labels are costly, images cheap. "
               "In **semi-supervised learning** a few labelled images and many unlabelled ones "
               "are used together: **M1** trains a VAE on all the images and classifies its "
               "codes; **M2** is a conditional VAE whose y is a latent variable for the "
               "unlabelled images, with a classifier q(y|x) trained alongside; **M1+M2** runs "
               "M2 on M1's codes (Kingma et al. 2014).",
    "tasks": {"cvae": "Train a conditional VAE: the button below, or the Train page with "
                      "**More settings → Conditional** on.",
              "shares": "On the Conditional VAE page, let it measure how often the samples are "
                        "the digit asked for: with the zoo's mnist-cvae-z2, or with your own "
                        "model if it has learned enough.",
              "few": "On the Learning from few labels page, run a comparison of M1+M2 with "
                     "n = 100 labels."},
    "checks": {"cvae": "ticks when a conditional VAE's run on mnist-5k has ended with its test "
                       "metrics.",
               "shares": "ticks when the page has measured its shares and, asked for a digit, "
                         "the conditional model draws it more often than the unconditional "
                         "model's prior samples are any confident digit.",
               "few": "ticks when M1+M2 with n = 100 labels is more accurate on the test images "
                      "than logistic regression on the pixels with the same 100 labels."},
    "runs": {"cvae": "Train a conditional VAE"},
    "to_conditional": "Conditional VAE: pick a digit, drag the style",
    "to_few": "Learning from few labels: M1, M2, M1+M2 against the baselines",
    "your_shares": "Your Conditional VAE page: asked for a digit, the conditional model drew it "
                   "**{cond:.0%}** of the time; the unconditional model's prior samples were a "
                   "confident digit **{uncond:.0%}** of the time.",
    "your_shares_alone": "Your Conditional VAE page: asked for a digit, the conditional model "
                         "drew it **{cond:.0%}** of the time (no unconditional model to compare "
                         "with).",
    "your_few": "Your few-labels comparison with n = {n}: M1+M2 **{acc:.1%}**, logistic "
                "regression on the pixels **{base:.1%}**.",
    "quiz": {
        "q1": {"q": "A conditional VAE is given the label y with the image. What does its z "
                    "keep?",
               "options": {"a": "The style (slant, thickness, size), since the label says which "
                                "digit",
                           "b": "The digit's identity, with y as a second copy to check it "
                                "against",
                           "c": "Nothing much: given the label, the decoder draws the digit "
                                "without z"},
               "why": {"a": "The decoder is told y, so encoding the digit in z would cost KL and "
                            "gain nothing; z is left with what the label does not say.",
                       "b": "y goes into the decoder directly; z does not need to carry it, and "
                            "the KL term pushes it not to.",
                       "c": "One label cannot draw every 3: the decoder needs z for the style, "
                            "and dragging z changes the drawing."}},
        "q2": {"q": "Asked for a digit, the CVAE draws it about 89 % of the time; fewer than "
                    "half of the unconditional model's prior samples are any confident digit. "
                    "Why?",
               "options": {"a": "Without a label all ten digits share one plane, and random z "
                                "often fall between them",
                           "b": "The CVAE was trained for more epochs, so its decoder draws "
                                "sharper digits",
                           "c": "The digit classifier was trained on the CVAE's own samples, so "
                                "it knows them better"},
               "why": {"a": "Between two digits' regions the decoder draws blends the classifier "
                            "is not sure of; the CVAE's plane holds only style, and every point "
                            "is decoded as the digit asked for.",
                       "b": "Both zoo models were trained for 30 epochs with the same layers; "
                            "what differs is the label.",
                       "c": "The classifier is the one of Why variational?, trained on real "
                            "test digits, and it scores both models the same way."}},
        "q3": {"q": "With 100 labels, why can M1+M2 beat logistic regression on the pixels?",
               "options": {"a": "The unlabelled images shape the codes, so a few labels are "
                                "enough to separate the digits",
                           "b": "A person labels the unlabelled images first, so M1+M2 sees "
                                "thousands of labels",
                           "c": "The VAE was also trained on the test images, so it has seen "
                                "the answers before"},
               "why": {"a": "A VAE trained on all the images puts similar digits close together; "
                            "the classifier then needs far fewer examples than on raw pixels.",
                       "b": "No one labels them: M2 treats their label as unknown.",
                       "c": "Every method is scored on the 1,000 test images no model trained "
                            "on."}},
        "q4": {"q": "How does M2 learn from an image that has no label?",
               "options": {"a": "It treats y as unknown: the bound for every label, weighted by "
                                "q(y|x), plus q(y|x)'s entropy",
                           "b": "It skips the image: only the labelled images train the "
                                "encoder, decoder and classifier",
                           "c": "It gives the image a random label and trains on that label as "
                                "if it were true"},
               "why": {"a": "So the unlabelled images train the encoder, the decoder and, "
                            "through q(y|x), the classifier too.",
                       "b": "Then it would be a classifier on 100 images; the unlabelled images "
                            "are what it gains from.",
                       "c": "A random label would teach it wrong digits; M2 weights every label "
                            "by how likely its classifier thinks it is."}},
    },
})
