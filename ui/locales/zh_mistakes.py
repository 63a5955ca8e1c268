"""简体中文 for ``ui/text_mistakes.py`` (教程中的常见错误, 术语表); terms as in
``ui/locales/glossary.py``. Math symbols and ``{placeholders}`` stay exactly as in English.
"""

ZH = {
    # -- MISTAKES -------------------------------------------------------------------------
    "MISTAKES.intro": "流行的 VAE 教程（英文的和中文的都有）反复出现几个错误。"
                      "这里逐一用我们自己写的示意代码或公式展示它：错在哪里、正确的写法是什么。第 "
                      "1、2 个错误可以在这里一键复现，结果显示在**陷阱**标签页中。",
    "MISTAKES.looks": "常见写法",
    "MISTAKES.right": "正确写法",
    "MISTAKES.titles.kl_sign": "KL 漏掉了最前面的负号",
    "MISTAKES.titles.keras_mean": "重构项对像素取平均，KL 却求和（等效 β 为 784）",
    "MISTAKES.titles.recon_sign": "重构项的符号写反，把 ELBO 当成损失",
    "MISTAKES.titles.elbo_is_nll": "“最大化 ELBO 就是最大化似然”",
    "MISTAKES.titles.logvar": "把 log σ²、σ 和方差混为一谈",
    "MISTAKES.titles.cross_entropy": "交叉熵漏掉了 (1 − x) 那一项",
    "MISTAKES.titles.beta_usual": "“β 通常取 0.5 或 1”，以及用 β 乘整个损失",
    "MISTAKES.titles.match_prior": "“编码器的输出应当尽可能接近先验”",
    "MISTAKES.why.kl_sign": "闭式解是 KL = −½ Σ(1 + log σ² − μ² − σ²)。漏掉前面的 −½（或写成 +½）"
                            "，代码算出的就是 −KL，最小化损失反而会*最大化* KL：|μ| 无限增大，σ² "
                            "从 1 往两个方向推开。程序不会报错；KL 变得大得离谱，"
                            "从先验采样得到的图像毫无意义。",
    "MISTAKES.why.keras_mean": "Keras 的 `binary_crossentropy` 已经对最后一个轴取了平均，"
                               "也就是一张 MNIST 图像的 {pixels} 个像素；`reduce_mean` "
                               "又对批次取平均。与对潜变量各维求和的 KL 相比，重构项小了 {pixels} "
                               "倍：等效 β 为 {pixels}。KL 占了上风，编码不携带任何信息，"
                               "解码器只会画出平均的数字，这就是后验坍塌。",
    "MISTAKES.why.recon_sign": "ELBO = E_q[log p(x|z)] − KL 是要*最大化*的量；损失是它的相反数 "
                               "−E_q[log p(x|z)] + KL，梯度下降*最小化*的是损失。把 +E_q[log "
                               "p(x|z)] 和 KL 加在一起，就是把一个要最大化的量和一个要最小化的量混"
                               "在了一起。把 ELBO 叫作“损失”，或者说“梯度下降最大化 ELBO”，"
                               "正是符号写反的根源。",
    "MISTAKES.why.elbo_is_nll": "log p(x) = ELBO + KL(q(z|x) ‖ p(z|x))。ELBO 比 log p(x) 低，"
                                "差的正是近似后验与真实后验之间的 KL；ELBO 升高，"
                                "既可能是模型变好了，也可能只是 q 变好了。放在 ELBO 旁边的 IWAE "
                                "估计至少能显示出这个差的一部分。",
    "MISTAKES.why.logvar": "编码器输出的是 log σ²，一个没有约束的实数；σ = exp(½ log σ²) "
                           "是标准差，σ² 才是方差。把 log σ²（或 σ）叫作“方差”，或者说编码器输出 "
                           "σ 而代码里存的是 log σ²，就会写出 z = μ + exp(log σ²)·ε：噪声被乘上了 "
                           "σ² 而不是 σ。",
    "MISTAKES.why.cross_entropy": "伯努利像素的概率是 p(x|x̂) = x̂^x (1 − x̂)^(1 − x)，所以 −log "
                                  "p 是 −[x log x̂ + (1 − x) log(1 − x̂)]。只保留 −x log x̂，"
                                  "暗像素就从损失中消失了：解码器只要把每个像素都调亮，"
                                  "损失就会下降。",
    "MISTAKES.why.beta_usual": "β 只乘 KL 一项：损失 = 重构 + β·KL。β × (重构 + KL) 只是缩放梯度，"
                               "作用和学习率一样，不改变任何权衡。β 并没有“通常”的取值：β = 1 "
                               "对应 ELBO；一个 β 意味着什么，取决于重构项对像素是求和还是取平均，"
                               "对高斯解码器还取决于 σ（β ≡ 2σ²）。β 实验室可以看到各种取值的效果"
                               "。",
    "MISTAKES.why.match_prior": "如果对每个 x，q(z|x) 都等于 p(z)，KL 就是 0，z 不包含 x "
                                "的任何信息：这就是后验坍塌，也就是第 2 个错误的结果。每个 q(z|x) "
                                "与先验之间相差的，正是编码所携带的信息量；"
                                "应当接近先验的是聚合后验 q(z)，即 q(z|x) 在数据上的平均（"
                                "潜在空间地图页面把两者都画了出来）。",
    "MISTAKES.run.kl_sign": "复现：正确的损失与漏掉负号的 KL 并排训练",
    "MISTAKES.run.keras_mean": "复现：正确的损失与对 784 个像素取平均并排训练",
    "MISTAKES.run_help": "在 mnist-5k 上训练两个小模型，轮数取**陷阱**标签页中的设置；"
                         "请在那里查看它们。",
    "MISTAKES.where": "一组陷阱实验正在训练或已经完成：进度和结果都在**陷阱**标签页中。",
    "MISTAKES.see_iwae": "模型库 → 评估与比较：−ELBO 旁边的 IWAE 估计",
    # -- GLOSSARY -------------------------------------------------------------------------
    "GLOSSARY.title": "术语表：英文 ⇄ 中文",
    "GLOSSARY.intro": "本应用对每个概念只用一个术语，中英文对照如下。别的资料可能用第三列中的写法"
                      "，指的是同一个概念。",
    "GLOSSARY.columns.en": "英文",
    "GLOSSARY.columns.zh": "中文",
    "GLOSSARY.columns.variants": "其他写法",
    "GLOSSARY.columns.note": "含义",
}
