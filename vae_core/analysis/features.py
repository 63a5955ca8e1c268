"""A VAE's code as features, against PCA with as many components on the same images.

Two questions, each answered for both: how well does a **linear probe** (a logistic regression
fitted on the training images' codes and all their labels) classify the test images, and how
far is the **reconstruction** from the test image (squared error summed over pixels)? The VAE
reconstructs from its mean code, decode(μ(x)); PCA from its K coordinates.

PCA is the best *linear* K-dim code for squared error (Eckart-Young): a VAE can only beat it
through its non-linear decoder, and its KL term spends code on keeping close to the prior, not
on the reconstruction alone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import torch
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from vae_core.analysis.encode import encode
from vae_core.data import DataBundle
from vae_core.models.base import VAE

PROBE_ITER = 2000


@dataclass(frozen=True)
class FeatureReport:
    k: int                          # the code's dimensions, and PCA's components
    probe_vae: float                # test accuracy of a logistic regression on μ(x)
    probe_pca: float                # ... on the first K principal components
    recon_vae: float                # mean over test images of ‖x − decode(μ(x))‖²
    recon_pca: float                # ... of ‖x − PCA reconstruction‖²
    pca_variance: float             # share of the pixels' variance PCA's K components keep
    n_train: int
    n_test: int
    seconds: float


def _probe(train: np.ndarray, y: np.ndarray, test: np.ndarray, y_test: np.ndarray) -> float:
    clf = make_pipeline(StandardScaler(), LogisticRegression(max_iter=PROBE_ITER))
    return float(clf.fit(train, y).score(test, y_test))


def feature_report(model: VAE, data: DataBundle, *, seed: int = 0) -> FeatureReport:
    """Probe and reconstruction of ``model``'s K-dim code against PCA-K on ``data``."""
    t0 = time.perf_counter()
    k = model.latent_dim
    x = data.train_x.reshape(len(data.train_x), -1).numpy()  # (N, C, H, W) -> (N, C*H*W)
    x_test = data.test_x.reshape(len(data.test_x), -1).numpy()
    y, y_test = data.train_y.numpy(), data.test_y.numpy()
    mu, _ = encode(model, data.train_x)
    mu_test, _ = encode(model, data.test_x)
    with torch.no_grad():
        recon = torch.cat([model.decode(mu_test[i:i + 1024].to(model.device)).cpu()
                           for i in range(0, len(mu_test), 1024)])
    recon_vae = float(((recon.reshape(len(recon), -1).numpy() - x_test) ** 2).sum(1).mean())
    pca = PCA(n_components=min(k, *x.shape), random_state=seed).fit(x)
    codes, codes_test = pca.transform(x), pca.transform(x_test)
    recon_pca = float(((pca.inverse_transform(codes_test) - x_test) ** 2).sum(1).mean())
    return FeatureReport(k=k, probe_vae=_probe(mu.numpy(), y, mu_test.numpy(), y_test),
                         probe_pca=_probe(codes, y, codes_test, y_test),
                         recon_vae=recon_vae, recon_pca=recon_pca,
                         pca_variance=float(pca.explained_variance_ratio_.sum()),
                         n_train=len(x), n_test=len(x_test),
                         seconds=time.perf_counter() - t0)
