"""The nine lessons as data: strings, quiz answers, the live view, the runs offered, formulas.
Their tasks are in ``ui.lessons.tasks``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from ui.compare.sweeps import FREE_BITS  # the β lab's λ: its schedule runs are the lesson's
from ui.lessons import derivation, gradients, views
from ui.lessons.progress import facts
from ui.lessons.quiz import Question
from ui.lessons.runs import EPOCHS, Preset
from ui.lessons.strings import (
    LESSON1,
    LESSON2,
    LESSON3,
    LESSON4,
    LESSON5,
    LESSON6,
    LESSON7,
    LESSON8,
    LESSON9,
)
from ui.lessons.tasks import TASKS, Task
from ui.shell.i18n import Strings

LARGE_BETA = 32.0  # collapses the lessons' model (10 epochs: 0 of 8 units, KL 0.00 nats)

# long formulas are broken over lines (aligned): a projector at 1024 px leaves the lesson text
# about 560 px, 800 px about 470, and KaTeX cuts what does not fit behind a scroll bar
LOSS = (r"\begin{aligned}\mathcal{L}_\beta(x) &= \mathbb{E}_{q(z|x)}\big[-\log p(x|z)\big]\\"
        r"&\quad + \beta\,\mathrm{KL}\big(q(z|x)\,\|\,p(z)\big)\end{aligned}")


@dataclass(frozen=True)
class Lesson:
    number: int
    text: Strings                       # "explain", "tasks", "runs", "quiz", "teaches"
    questions: tuple[Question, ...]
    view: Callable[[], None]            # the live view on a real model
    presets: tuple[Preset, ...] = ()
    formulas: tuple[str, ...] = ()      # LaTeX under the explanation
    derivation: tuple[str, ...] = ()    # LaTeX of steps opened one at a time ("steps" words)
    table: bool = True                  # show the session's runs (the tasks read them)

    @property
    def tasks(self) -> tuple[Task, ...]:
        return TASKS[self.number]


def _q(qid: str, answer: str = "a", options: str = "abc") -> Question:
    """A question whose options are the strings' ``options`` ("a", "b", "c"); each learner sees
    them in their own order (``quiz.order``), so the letter of the answer gives nothing away."""
    return Question(qid, tuple(options), answer)


def _quiz(*answers: str) -> tuple[Question, ...]:
    """Questions q1, q2, ... with these answers."""
    return tuple(_q(f"q{i}", answer) for i, answer in enumerate(answers, start=1))


def _lesson3_view() -> None:
    views.walk_through()
    gradients.gradient_comparison()


def _lesson6_view() -> None:
    views.live_training()
    st.markdown(f"**{LESSON6['plane']}**")
    views.rd_plane(facts())


def _lesson8_view() -> None:
    views.interpolation()
    st.page_link("pages/applications.py", label=LESSON8["applications"],
                 icon=":material/auto_awesome:")


def _lesson9_view() -> None:
    views.live_training()
    views.labels_summary(facts())


# the conditional VAE's bound (Sohn et al. 2015): the label conditions both sides, not the prior
# on two lines: on one, its right end was cut off at 800 px
CVAE_BOUND = (r"\begin{aligned}\log p(x|y) \ge\;& \mathbb{E}_{q(z|x,y)}\big[\log p(x|z,y)\big]"
              r" \\ &- \mathrm{KL}\big(q(z|x,y)\,\|\,p(z)\big)\end{aligned}")

LESSONS: dict[int, Lesson] = {
    1: Lesson(1, LESSON1, _quiz("a", "b", "a"), views.why_comparison,
              presets=(Preset("ae", {"beta": 0.0}), Preset("vae", {"beta": 1.0})),
              formulas=(LOSS,)),
    2: Lesson(2, LESSON2, _quiz("a", "a", "a"), views.live_training,
              presets=(Preset("vae", {"beta": 1.0}), Preset("long", {"epochs": 60})),
              formulas=(r"\begin{aligned}\log p(x) &= \underbrace{\mathbb{E}_{q(z|x)}"
                        r"\big[\log p(x|z)\big] - \mathrm{KL}\big(q(z|x)\,\|\,p(z)\big)}"
                        r"_{\mathrm{ELBO}}\\ &\quad + \underbrace{\mathrm{KL}\big(q(z|x)"
                        r"\,\|\,p(z|x)\big)}_{\ge 0}\end{aligned}",),
              derivation=derivation.STEPS),
    3: Lesson(3, LESSON3, _quiz("a", "a", "a"), _lesson3_view,
              presets=(Preset("ae", {"beta": 0.0}),),
              formulas=(r"\begin{gathered}z = \mu + \sigma \odot \varepsilon,\qquad "
                        r"\varepsilon \sim \mathcal{N}(0, I),\\ "
                        r"\sigma = \exp\!\big(\tfrac12 \log\sigma^2\big)\end{gathered}",
                        # the two estimators of the gradient (gradients.py shows both)
                        r"\begin{aligned}\nabla_{\mu}\,\mathbb{E}_{q(z|x)}\big[f(z)\big]"
                        r" &= \mathbb{E}_{\varepsilon}\big[\nabla f(\mu + \sigma\odot"
                        r"\varepsilon)\big]\\ &= \mathbb{E}_{q(z|x)}\Big[f(z)\,"
                        r"\frac{z - \mu}{\sigma^2}\Big]\end{aligned}")),
    4: Lesson(4, LESSON4, _quiz("a", "a", "a"), views.live_training,
              presets=(Preset("sign", train={"kl_sign_bug": True}),
                       Preset("beta4", {"beta": 4.0})),
              formulas=(r"\begin{aligned}\mathrm{KL}_k &= -\tfrac12\left(1 + \log\sigma_k^2"
                        r" - \mu_k^2 - \sigma_k^2\right),\\ \mathrm{KL}\big(q(z|x)\,\|\,"
                        r"p(z)\big) &= \sum_{k=1}^{K} \mathrm{KL}_k\end{aligned}",)),
    5: Lesson(5, LESSON5, _quiz("a", "a", "a"), views.live_training,
              presets=(Preset("bce", {"recon": "bce"}), Preset("mse", {"recon": "mse"}),
                       Preset("mse_wide", {"recon": "mse", "sigma": 1.0}),
                       Preset("cb", {"recon": "cb"})),
              formulas=(r"-\log \mathcal{N}(x;\hat x,\sigma^2 I) = \frac{\lVert x-\hat x\rVert^2}"
                        r"{2\sigma^2} + \frac{D}{2}\log(2\pi\sigma^2)",
                        r"\begin{aligned}&\frac{\lVert x-\hat x\rVert^2}{2\sigma^2} + "
                        r"\mathrm{KL}\\ &\;\propto\; \lVert x-\hat x\rVert^2 + 2\sigma^2\,"
                        r"\mathrm{KL}\end{aligned}")),
    6: Lesson(6, LESSON6, _quiz("a", "a", "a"), _lesson6_view,
              presets=(Preset("b05", {"beta": 0.5}), Preset("b1", {"beta": 1.0}),
                       Preset("b8", {"beta": 8.0})),
              formulas=(r"\begin{aligned}\mathcal{L}_\beta &= D + \beta R,\qquad "
                        r"-\mathrm{ELBO} = D + R,\\ D &= \mathbb{E}_{q(z|x)}"
                        r"\big[-\log p(x|z)\big],\\ R &= \mathrm{KL}\big(q(z|x)\,\|\,"
                        r"p(z)\big)\end{aligned}",)),
    7: Lesson(7, LESSON7, _quiz("a", "a", "a", "a"), views.live_training,
              presets=(Preset("mean", {"reduction": "mean"}), Preset("sum", {"reduction": "sum"}),
                       Preset("b32", {"beta": LARGE_BETA}),
                       Preset("warmup", {"beta": LARGE_BETA, "schedule": "warmup",
                                         "warmup_epochs": EPOCHS / 2}),
                       Preset("free_bits", {"beta": LARGE_BETA, "schedule": "free_bits",
                                            "free_bits": FREE_BITS})),
              formulas=(r"\begin{aligned}&\frac{1}{D}\sum_{i=1}^{D}\ell(x_i,\hat x_i) + "
                        r"\mathrm{KL}\\ &\;\propto\; \sum_{i=1}^{D}\ell(x_i,\hat x_i) + "
                        r"D\cdot\mathrm{KL},\qquad D = 784\end{aligned}",)),
    8: Lesson(8, LESSON8, _quiz("a", "a", "a"), _lesson8_view, table=False),
    9: Lesson(9, LESSON9, _quiz("a", "a", "a", "a"), _lesson9_view,
              presets=(Preset("cvae", {"conditional": True}),), formulas=(CVAE_BOUND,),
              table=False),
}
