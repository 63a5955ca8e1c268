"""Strings of the "Learning from few labels" page (English; 中文 in ``zh.py``)."""

from __future__ import annotations

from ui.shell.i18n import Strings

FEW = Strings("FEW", {
    "page": "Learning from few labels",
    "title": "Learning from few labels (semi-supervised learning)",
    "intro": "Labels are expensive, images are cheap. Here each method gets only **n labelled "
             "images** out of mnist-5k's 4,000 training images (n/10 per digit, drawn with a "
             "seed) and the rest **without labels**, and is scored on the 1,000 test images. "
             "A VAE learns from the unlabelled images too: that is where it can help.",
    "methods_title": "The methods (Kingma et al. 2014) and the baselines",
    "methods_text": "- **M1**: a VAE trained on all 4,000 images without labels (the zoo's "
                    "`mnist-conv-z16`) turns each image into its 16 code means μ(x); an RBF "
                    "support vector machine learns the digits from the n labelled codes.\n"
                    "- **M2**: one model of the image, its digit y and a code z. Its "
                    "classifier q(y|x) learns from the labels, and from every unlabelled image "
                    "too: for those, y is guessed, and a guess that explains the image well is "
                    "rewarded. The weight α of the labels' cross-entropy is 10.\n"
                    "- **M1+M2**: M2 on M1's codes instead of the pixels, the paper's best.\n"
                    "- **Baselines**, on the same labels: logistic regression on the 784 "
                    "pixels, and on the first 16 principal components (PCA fitted on all 4,000 "
                    "images: unlabelled images are free for every method).",
    "refs_title": "For scale: published results and ours",
    "refs_text": "On the full MNIST (60,000 images) with 100 labels, Kingma et al. report "
                 "11.97 % error for M2 and 3.33 % for M1+M2; Pyro's reproduction of M2 reaches "
                 "93.2 % accuracy against 77.1 % for a classifier of the labels alone. "
                 "mnist-5k has 15 times fewer unlabelled images, so expect less. Measured here "
                 "with 100 labels (3 seeds, the README's table, longer training than this "
                 "page's default): logistic regression on pixels {pixels}, M1 {m1}, M2 {m2}, "
                 "M1+M2 {m1m2}.",
    "methods": "Methods",
    "methods_help": "M2 on pixels is the slowest (about 4 s per epoch); M1 takes a second.",
    "names": {"m1": "M1", "m2": "M2", "m1m2": "M1+M2", "pixels": "Pixels + logistic regression",
              "pca": "PCA-16 + logistic regression"},
    "labels": "Labelled images n",
    "labels_help": "One point per n on the curve; each n is balanced over the ten digits.",
    "seeds": "Seeds",
    "seeds_help": "Each seed draws other labelled images (and other initial weights): with "
                  "more seeds the table shows the spread.",
    "epochs_m2": "M2 epochs",
    "epochs_m2_help": "Passes over the 4,000 images. The README's table used {full}; the "
                      "default here is short so the page answers in about a minute.",
    "epochs_m1m2": "M1+M2 epochs",
    "epochs_m1m2_help": "Passes over the 4,000 codes (fast: 16 numbers per image). The "
                        "README's table used {full}.",
    "pick_something": "Pick at least one method and one label count.",
    "too_long": "These settings would train for about {minutes:.0f} minutes, longer than the "
                "{limit} minutes one comparison may take here: choose fewer seeds, label "
                "counts or epochs (or run bench/bench_semi.py on your own machine).",
    "start": "Train and compare",
    "stop": "Stop",
    "busy": "The server is busy: {running} of {limit} training jobs are running. Try again in "
            "a moment.",
    "data_error": "Could not load the dataset: {error}",
    "bad_config": "Cannot start: {error}",
    "idle": "Press **Train and compare**: with the defaults it takes about a minute.",
    "progress": "{done} of {total} runs · {elapsed:.0f} s",
    "now": "Now: {method} with n = {labels} (seed {seed})",
    "stopped": "Stopped. The runs that finished are shown below.",
    "failed": "The comparison failed: {error}",
    "done": "{total} runs in {elapsed:.0f} s.",
    "chart_title": "Test accuracy against the number of labels",
    "axis_labels": "labelled images n (log scale)",
    "axis_accuracy": "test accuracy",
    "table_title": "The numbers",
    "col_labels": "n",
    "col_method": "Method",
    "col_accuracy": "Accuracy",
    "col_spread": "± (over seeds)",
    "col_gain": "vs. pixels",
    "col_seconds": "Time",
    "col_pixels": "Pixels (baseline)",
    "col_pca": "PCA-16 (baseline)",
    "seconds": "{s:.1f} s",
    "points": "{p:+.1f} points",
    "worse": "Worse than logistic regression on the pixels with the same labels: {which}.",
    "worse_m2": "Epochs of M2 here: {epochs}. On pixels it needs many epochs before its "
                "classifier learns from the unlabelled images, and far more unlabelled images "
                "than mnist-5k's 4,000: even at {full} epochs (the README's table) it stays "
                "just below the baseline.",
    "worse_few": "With one label per digit, which images were drawn matters more than the "
                 "method: the SVM and M2 have too little to go on. Add seeds to see the spread.",
    "worse_item": "{method} at n = {labels} ({acc:.1%} against {base:.1%})",
    "best": "Best at n = {labels}: {method}, {acc:.1%}, {gain:.1f} points above logistic "
            "regression on the pixels ({base:.1%}).",
    "best_below": "Best at n = {labels}: {method}, {acc:.1%}, yet {gain:.1f} points below "
                  "logistic regression on the pixels ({base:.1%}).",
    "features_title": "Features: the selected model's code against PCA",
    "features_intro": "How good is a VAE's code as a summary of the image? The selected model's "
                      "K code means μ(x) against PCA with K components, fitted on the same "
                      "4,000 training images: a **linear probe** (logistic regression with all "
                      "4,000 labels, scored on the test images) and the **reconstruction "
                      "error** (squared error summed over the pixels, mean over the test "
                      "images; the VAE decodes its mean code).",
    "no_model": "Pick a model in the sidebar to compare its code with PCA.",
    "probe_vae": "Linear probe on μ (K = {k})",
    "probe_pca": "Linear probe on PCA-{k}",
    "recon_vae": "Reconstruction error, VAE",
    "recon_pca": "Reconstruction error, PCA-{k}",
    "probe_help": "Test accuracy of a logistic regression on the codes of the 4,000 training "
                  "images with their labels.",
    "recon_help": "‖x − x̂‖² summed over the pixels, mean over the {n} test images.",
    "pca_share": "PCA's {k} components keep {share:.0%} of the pixels' variance.",
    "verdict_both": "Here the VAE's code wins on both: the non-linear decoder reconstructs "
                    "better from K numbers than any linear map can, and the classes are "
                    "easier to separate with a straight line in its code.",
    "verdict_probe": "Here the VAE's code is easier to classify, but PCA reconstructs "
                     "better: the KL term spends the code on staying close to the prior, "
                     "not only on the reconstruction.",
    "verdict_recon": "Here the VAE reconstructs better, but PCA's components are as easy or "
                     "easier to classify linearly.",
    "verdict_none": "Here PCA wins on both: this model's code is not a better summary than "
                    "PCA's with as many dimensions.",
    "when_title": "When does a VAE's code beat PCA, and when not?",
    "when_text": "- **PCA is the best linear K-dim code** for squared error (Eckart-Young): no "
                 "linear encoder and decoder with K dimensions reconstruct better. A VAE can "
                 "only beat it with its **non-linear** decoder, which draws a whole digit "
                 "from a few numbers; with few dimensions (K = 2 to 16 on MNIST) it usually "
                 "does.\n"
                 "- **With many dimensions, PCA catches up**: PCA's error falls with every "
                 "component, while a VAE's KL term switches unneeded dimensions off "
                 "(inactive units) and a blurry decoder keeps a floor of error.\n"
                 "- **A large β** (β-VAE) trades reconstruction for a smoother code: its "
                 "error can exceed PCA's.\n"
                 "- **For a linear probe** a VAE's code is often better: images of one digit "
                 "lie close together in it, while PCA keeps the directions of largest pixel "
                 "variance, which are thickness and slant as much as the digit. This is why "
                 "M1 works.\n"
                 "- **Where PCA is enough**: on data that is nearly linear, or when the code "
                 "must be exact and quick to compute, PCA needs no training at all.",
})
