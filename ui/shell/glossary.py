"""The English ⇄ 中文 glossary: one standard Chinese term per concept, the variants to avoid.

The Chinese VAE tutorials our learners read first mix 隐空间 / 潜在空间, 重建 / 重构, 激活 / 活跃
and more; a learner cannot tell a synonym from a different idea, so the app uses one term each
(after the Chinese translation of Goodfellow et al.'s *Deep Learning*, 《深度学习》, where it has
one). The table is shown on the home page (``ui.home.explain.glossary``) and enforced by
``tests/test_glossary.py``: no Chinese string may contain a variant, and wherever the English
matches ``en_pattern`` the Chinese must contain the standard term.

The module name does not start with ``zh`` so ``ui.shell.i18n`` does not merge it into the string
tables.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    en: str                              # the English term as the glossary shows it
    zh: str                              # the standard 中文 term
    variants: tuple[str, ...] = ()       # other wordings no Chinese string may use
    note_en: str = ""
    note_zh: str = ""
    en_pattern: str | None = None        # regex (case-insensitive) over the English strings:
    #                                      where it matches, the Chinese must contain ``zh``
    allowed: tuple[str, ...] = ()        # phrases that contain a variant on purpose
    stem: str = ""                       # what ``en_pattern`` requires if not all of ``zh``
                                         # (a collapsed *dimension* is 已坍塌, not 后验坍塌)

    @property
    def required(self) -> str:
        return self.stem or self.zh


GLOSSARY: tuple[Term, ...] = (
    Term("latent variable z", "潜变量", ("隐含变量",),
         "The random code z the encoder produces.",
         "编码器给出的随机编码 z；第一次出现时写作“潜变量（也称隐变量）”。",
         en_pattern=r"\blatents?\b(?! (space|plane|path|map))", allowed=("也称隐变量",)),
    Term("latent space", "潜在空间", ("隐空间", "隐平面", "隐藏空间"),
         "The space z lives in; a 2-D slice of it is a latent plane.",
         "z 所在的空间；它的二维切片是潜在空间平面。“隐”容易与隐藏层的“隐藏”混淆。",
         en_pattern=r"\blatent (space|plane|path|map)\b"),
    Term("reconstruction", "重构", ("重建",),
         "The decoder's image x̂ and the loss term −log p(x|z) that scores it.",
         "解码器输出的图像 x̂，以及衡量它的损失项 −log p(x|z)。",
         en_pattern=r"\brecon(?!nect)|\brebuild"),  # not "reconnect"
    Term("approximate posterior q(z|x)", "近似后验", ("近似後验",),
         "The encoder's Gaussian over z for one image; it approximates the true p(z|x).",
         "编码器对一张图像给出的 z 的高斯分布，用来近似真实的后验 p(z|x)。",
         en_pattern=r"\bapproximate posterior\b"),
    Term("posterior", "后验", (),
         "Short for the approximate posterior q(z|x).", "近似后验 q(z|x) 的简称。",
         en_pattern=r"\bposterior\b"),
    Term("posterior collapse", "后验坍塌", ("塌缩", "坍缩", "崩塌"),
         "q(z|x) equals the prior for every x: the dimension (or the whole code) carries no "
         "information about the image, its KL is about 0.",
         "对每个 x，q(z|x) 都等于先验：该维度（或整个编码）不携带图像的任何信息，KL 约为 0。",
         en_pattern=r"\bcollaps", stem="坍塌"),
    Term("active unit", "活跃单元", ("激活单元", "激活状态", "个激活", "激活的维度"),
         "A latent dimension whose mean μ changes with the input: Cov_x(E_q[z_u]) > 0.01 "
         "(Burda et al. 2016).",
         "均值 μ 随输入变化的潜变量维度：Cov_x(E_q[z_u]) > 0.01（Burda 等人 2016）。"
         "“激活”一词留给神经元的激活函数。",
         en_pattern=r"\bactive\b|\bAU\b", stem="活跃"),
    Term("evidence lower bound (ELBO)", "证据下界", (),
         "E_q[log p(x|z)] − KL(q(z|x) ‖ p(z)) ≤ log p(x).",
         "E_q[log p(x|z)] − KL(q(z|x) ‖ p(z)) ≤ log p(x)。",
         en_pattern=r"evidence lower bound"),
    Term("effective β", "等效 β", ("实际 β", "实际的 β"),
         "The weight the optimiser really sees on the KL, e.g. β × D when the reconstruction "
         "is averaged over D pixels.",
         "优化器实际感受到的 KL 权重，例如重构项对 D 个像素取平均时为 β × D。",
         en_pattern=r"effective β"),
    Term("linear interpolation (lerp)", "线性插值", ("直线插值",),
         "Points on the straight line between two codes.", "两个编码之间直线上的点。",
         en_pattern=r"\blerp\b"),
    Term("spherical linear interpolation (slerp)", "球面线性插值", ("球面插值", "沿大圆插值"),
         "Points on the great circle between two codes: the norm stays where the prior's mass "
         "is.",
         "两个编码之间大圆上的点：范数保持在先验概率质量集中的地方。",
         en_pattern=r"\bslerp\b"),
    Term("binary cross-entropy (BCE)", "二元交叉熵", ("二值交叉熵", "二进制交叉熵"),
         "−[x log x̂ + (1 − x) log(1 − x̂)] per pixel: the Bernoulli decoder's −log p(x|z).",
         "每个像素的 −[x log x̂ + (1 − x) log(1 − x̂)]：伯努利解码器的 −log p(x|z)。"),
    Term("MIG gap", "间隙", ("差距",),
         "Mutual information gap: per factor, the highest minus the second-highest mutual "
         "information of any latent with it, divided by the factor's entropy.",
         "互信息间隙：对每个因子，所有潜变量与它的互信息中最大值减去第二大值，再除以该因子的熵。",
         en_pattern=r"MIG gap|information gap|\bgap %|gap \{"),
    Term("origin z = 0", "原点", ("零点",),
         "Where a traversal starts by default: the prior's mean.", "遍历默认的起点：先验的均值。",
         en_pattern=r"\borigin\b|\bz = 0\b"),  # "zero" alone is mostly the number
    Term("nats", "奈特", ("纳特",),
         "Natural-log units of information (1 nat ≈ 1.44 bits).",
         "以自然对数计的信息单位（1 奈特 ≈ 1.44 比特）。", en_pattern=r"\bnats?\b"),
    Term("et al. (in citations)", "等人", ("et al",),
         "Citations read “Burda et al. 2016” in English.", "中文引用统一写作“Burda 等人 2016”。",
         en_pattern=r"\bet al\b"),
)
