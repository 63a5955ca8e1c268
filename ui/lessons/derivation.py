"""Lesson 2's derivation of the ELBO, one step per expander: the formulas here, the words in
``LESSON2["steps"]`` (title and text per step, in the same order). Each line is short enough
for a 470 px column (800 px wide with the sidebar open)."""

from __future__ import annotations

# Kingma & Welling (2019), "An Introduction to Variational Autoencoders", §2.2, eq. 2.5–2.8
STEPS: tuple[str, ...] = (
    # 1. bring q in: multiply and divide by q(z|x) under the integral
    r"\begin{aligned}\log p(x) &= \log \int p(x, z)\,dz\\"
    r"&= \log \int q(z|x)\,\frac{p(x, z)}{q(z|x)}\,dz\\"
    r"&= \log \mathbb{E}_{q(z|x)}\Big[\frac{p(x, z)}{q(z|x)}\Big]\end{aligned}",
    # 2. Jensen: log is concave, so the log of a mean is at least the mean of the logs
    r"\begin{aligned}\log \mathbb{E}_{q}\big[w\big] &\ge \mathbb{E}_{q}\big[\log w\big]"
    r"\quad\Rightarrow\\ \log p(x) &\ge \mathbb{E}_{q(z|x)}\big[\log p(x, z)"
    r" - \log q(z|x)\big]\\ &= \mathrm{ELBO}\end{aligned}",
    # 3. p(x, z) = p(x|z) p(z): the two terms of the loss
    r"\begin{aligned}\mathrm{ELBO} &= \mathbb{E}_{q(z|x)}\big[\log p(x|z)\big]\\"
    r"&\quad - \mathbb{E}_{q(z|x)}\Big[\log \frac{q(z|x)}{p(z)}\Big]\\"
    r"&= \mathbb{E}_{q(z|x)}\big[\log p(x|z)\big] - \mathrm{KL}\big(q(z|x)\,\|\,p(z)\big)"
    r"\end{aligned}",
    # 4. p(x, z) = p(z|x) p(x) instead: the gap is exactly a KL
    r"\begin{aligned}\log p(x) - \mathrm{ELBO} &= \mathbb{E}_{q(z|x)}\Big[\log p(x)"
    r" - \log \frac{p(x, z)}{q(z|x)}\Big]\\"
    r"&= \mathbb{E}_{q(z|x)}\Big[\log \frac{q(z|x)}{p(z|x)}\Big]\\"
    r"&= \mathrm{KL}\big(q(z|x)\,\|\,p(z|x)\big) \;\ge\; 0\end{aligned}",
    # 5. what training does with it
    r"\begin{aligned}-\mathrm{ELBO} &= \mathbb{E}_{q(z|x)}\big[-\log p(x|z)\big]\\"
    r"&\quad + \mathrm{KL}\big(q(z|x)\,\|\,p(z)\big)\\"
    r"&= -\log p(x) + \mathrm{KL}\big(q(z|x)\,\|\,p(z|x)\big)\end{aligned}",
)
