"""Strings of the Library page: the model table, evaluation and anomaly scores (English; 中文 in
``zh.py``)."""

from __future__ import annotations

from ui.shell.i18n import Strings

MODELS = Strings("MODELS", {
    "title": "Model library",
    "intro": "Every model the app knows: shipped pretrained ones 📦, this session's, the ones "
             "saved on this server and uploads. Pick one to manage, evaluate "
             "it on its test set, compare several, and use it to find unusual images.",
    "tab_library": "Library",
    "tab_evaluate": "Evaluate & compare",
    "tab_anomaly": "Anomaly detection",
    "data_hint": "Models imported from pytorch/examples were trained on MNIST. Put the four "
                 "MNIST files (`train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, "
                 "`t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`, optionally `.gz`) into "
                 "the folder named above, or set `$VAE_LAB_DATA_DIR` to a folder that holds "
                 "`MNIST/raw/`, then reload the page.",
})

LIBRARY_PAGE = Strings("LIBRARY_PAGE", {
    "columns": {
        "name": "Name", "source": "Source", "dataset": "Dataset", "arch": "Architecture",
        "recon": "Likelihood", "beta": "β", "latent_dim": "K", "schedule": "β schedule",
        "test_elbo": "Test −ELBO", "eval_elbo": "Evaluated −ELBO", "iwae": "IWAE NLL",
        "size": "File (kB)",
    },
    "sources": {"session": "🧪 this session", "library": "💾 library", "asset": "📦 pretrained"},
    "manage": "Model to manage",
    "manage_help": "Choose a model; **Use in the app** selects it in the sidebar picker for "
                   "every page.",
    "load": "Use in the app",
    "open_conditional": "Open on the conditional VAE page",
    "loaded": "{name} is now the selected model.",
    "rename_title": "Rename or delete",
    "read_only": "{name} is {source}: only models saved in the library can be renamed or "
                 "deleted. Save a session model to the library first.",
    # who may rename or delete a library model (ui.shell.ownership)
    "yours": "Saved by this session: you can rename or delete it here until this tab is closed "
             "or reloaded.",
    "others": "Saved by another session: only it can rename or delete this model.",
    "unowned": "Only the server's administrator can rename or delete this model (it has no "
               "owner).",
    "new_name": "New name",
    "rename": "Rename",
    "renamed": "Renamed to {name} ({file}).",
    "rename_error": "Not renamed: {error}",
    "confirm_delete": "Yes, delete {file} for good",
    "delete": "Delete",
    "deleted": "Deleted {file}.",
    "delete_error": "Not deleted: {error}",
    "limits": "Limits: uploads up to {upload} MB; model files up to {model} MiB with a header "
              "of at most {header} MiB. A `.pt` must be the uncompressed zip that `torch.save` "
              "writes (at most {members} members): compressed archives (zip bombs), legacy "
              "pickles and anything but tensors are refused, and nothing is ever unpickled "
              "outside `torch.load(weights_only=True)`.",
})

EVAL = Strings("EVAL", {
    "title": "Evaluate on the test set",
    "intro": "−ELBO = reconstruction + KL, in nats per image, averaged over the test set (one "
             "posterior sample per image). The importance-weighted bound (IWAE, Burda et al. "
             "2016) averages k samples inside the log: it is a bound on log p(x) that is ≥ "
             "the ELBO, so the NLL estimate it gives is ≤ −ELBO and approaches −log p(x) from "
             "above as k grows.",
    "k": "IWAE samples k",
    "k_help": "1 … {cap:,} (k = 5000 is the literature's setting). Cost grows with k × n, "
              "which this server caps at {budget:,} importance samples per evaluation.",
    "over_budget": "k × n = {kn:,} importance samples is over this server's cap of {budget:,} "
                   "per evaluation (it would hold a CPU core for minutes); lower k or n.",
    "n": "Images for IWAE",
    "n_help": "The first n test images (of {total:,}). ELBO, KL and active units always use "
              "the whole test set.",
    "run": "Evaluate",
    "progress": "IWAE on {n:,} images with k = {k:,}: {done:,} / {n:,}",
    "done": "Evaluated in {seconds:.1f} s.",
    "busy": "The server is busy: {running} of {limit} training slots are in use, and an "
            "evaluation takes one like a training run. Try again in a minute.",
    "not_yet": "Press **Evaluate** to compute the numbers for these settings.",
    "elbo": "−ELBO",
    "recon": "reconstruction",
    "kl": "KL",
    "au": "active units",
    "au_help": "Burda et al. 2016: unit u is active if Cov_x(E_q[z_u]) > 0.01.",
    "iwae": "IWAE NLL (k = {k:,})",
    "iwae_gap": "−ELBO − IWAE on the same {n:,} images: {gap:.2f} nats (the bound's slack that "
                "k samples recover).",
    "nats": "{value:.2f} nats",
    "mig": "MIG (shapes factors)",
    "mig_help": "Mutual information gap (Chen et al. 2018): per factor, the difference between "
                "the highest and second-highest mutual information of any latent with the "
                "factor, divided by the factor's entropy. 0 = entangled, 1 = each factor in "
                "one latent.",
    "mig_title": "MIG per ground-truth factor: {score:.3f} overall",
    "mig_error": "MIG could not be measured for this model: {error}",
    "compare": "Compare models",
    "compare_help": "Two or more models; numbers use the k and n above. Models not evaluated "
                    "yet are evaluated when you press the button.",
    "compare_run": "Evaluate the compared models",
    "compare_missing": "{count} of these models have no numbers for k = {k:,}, n = {n:,} yet.",
    "compare_skipped": "{name}: {error}",
    "col_model": "Model",
    "col_dataset": "Dataset",
    "col_elbo": "−ELBO",
    "col_recon": "recon",
    "col_kl": "KL",
    "col_au": "AU",
    "col_iwae": "IWAE NLL",
    "col_mig": "MIG",
    "compare_note": "Compare −ELBO and NLL only between models of the same dataset and "
                    "likelihood: a Gaussian and a Bernoulli decoder measure different things.",
})

ANOMALY_SCORES = Strings("ANOMALY_SCORES", {
    "title": "Anomaly detection",
    "intro": "A VAE is trained to give typical images a low −ELBO: an image it reconstructs "
             "badly or must encode far from the prior costs many nats, so −ELBO works as an "
             "anomaly score with no labels at all. The caveat: a likelihood model measures "
             "how *simple* an image is as much as how *typical*, and can rate some "
             "out-of-distribution data as more likely than its own (Nalisnick et al. 2019, "
             "“Do Deep Generative Models Know What They Don't Know?”).",
    "samples": "Posterior samples per score",
    "typical": "The 8 most typical test images (lowest −ELBO)",
    "odd": "The 8 least typical test images (highest −ELBO)",
    "scores": "−ELBO: {scores}",
    "hist_title": "−ELBO of the {n:,} test images",
    "ood_title": "Out-of-distribution test",
    "ood": "Second dataset, scored as outliers",
    "ood_help": "Resized to the model's input. Only datasets available offline are offered.",
    "ood_labels": {"none": "none", "mnist-5k": "mnist-5k (28×28 handwritten)",
                   "digits": "digits (8×8 handwritten)",
                   "shapes": "shapes (generated sprites)", "noise": "uniform noise"},
    "auc": "ROC AUC",
    "auc_help": "Probability that a random outlier scores higher than a random test image: "
                "1 = perfect separation, 0.5 = chance, below 0.5 = the outliers look *more* "
                "likely to the model.",
    "auc_low": "AUC below 0.5: the model finds these outliers *more* likely than its own test "
               "images, the failure Nalisnick et al. describe.",
    "ood_typical": "The 8 outliers the model finds most typical",
    "in_label": "test images ({name})",
    "out_label": "outliers ({name})",
    "same": "That is the model's own dataset; pick another one.",
    "ood_error": "Cannot score {name}: {error}",
})

LIBRARY_FIGURES = Strings("LIBRARY_FIGURES", {
    "kl_title": "KL per latent dimension (test mean)",
    "score": "−ELBO (nats)",
    "count": "density",
    "fpr": "false positive rate",
    "tpr": "true positive rate",
    "roc": "ROC (AUC = {auc:.3f})",
    "chance": "chance",
})
