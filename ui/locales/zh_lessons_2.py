"""简体中文 for ``ui/text_lessons_2.py`` (lessons 5–8); keys are ``"<TABLE>.<key>[.<subkey>]"``.
Vocabulary: ``ui/locales/glossary.py``. Math, code and ``{placeholders}`` stay as in English.
"""

ZH = {
    # -- LESSON5 --------------------------------------------------------------------------
    "LESSON5.teaches": "似然是一种选择：BCE、带 σ 的 MSE（σ 的作用如同 β）、连续伯努利",
    "LESSON5.explain": "重构项是我们所选似然的 −log p(x|z)。**伯努利**似然（对 784 个像素求和的"
                       "二元交叉熵，BCE）把每个像素当作一次抛硬币；在灰度图上它不是归一化的似然，"
                       "**连续伯努利**（Loaiza-Ganem 与 Cunningham，2019）补上了缺失的归一化常数，"
                       "使它的 −ELBO 处在另一个尺度上（可以为负）。σ 固定的**高斯**似然给出下面第"
                       "一个公式：对像素求和的 MSE 就是 σ² = ½ 的这个高斯，相差一个常数。把平方误差"
                       "除以 2σ²，等同于把 KL 乘以 2σ²（第二个公式）：**σ 的作用如同 β**。σ 越大，"
                       "重构项越弱，KL 越小。",
    "LESSON5.tasks.both": "用二元交叉熵（BCE）训练一个模型，再用 MSE（σ² = ½）训练一个。",
    "LESSON5.tasks.sigma": "用 σ = 1 的 MSE 训练（2σ² = 2，如同 β = 2），把它的 KL 与 σ² = ½ 的"
                           "那次比较。",
    "LESSON5.tasks.cb": "用连续伯努利训练，看看它的 −ELBO。",
    "LESSON5.checks.both": "当一次 BCE 训练和一次 σ² = ½ 的 MSE 训练（都是 β = 1）都结束时打勾。",
    "LESSON5.checks.sigma": "当一次 σ ≥ 1 的 MSE 训练结束时的测试 KL 小于一次 σ² = ½ 的 MSE 训练"
                            "时打勾。",
    "LESSON5.checks.cb": "当一次连续伯努利训练结束时打勾。",
    "LESSON5.runs.bce": "训练 BCE",
    "LESSON5.runs.mse": "训练 MSE（σ² = ½）",
    "LESSON5.runs.mse_wide": "训练 MSE（σ = 1）",
    "LESSON5.runs.cb": "训练连续伯努利",
    "LESSON5.quiz.q1.q": "对像素求和的 MSE ‖x − x̂‖² 在相差一个常数的意义下，是哪个 σ 的高斯的 "
                         "−log p(x|z)？",
    "LESSON5.quiz.q1.options.a": "σ² = ½",
    "LESSON5.quiz.q1.options.b": "σ = 1",
    "LESSON5.quiz.q1.options.c": "都不是：MSE 不是似然",
    "LESSON5.quiz.q1.why.a": "当 2σ² = 1 时，‖x − x̂‖² / (2σ²) = ‖x − x̂‖²。",
    "LESSON5.quiz.q1.why.b": "σ = 1 给出 ‖x − x̂‖² / 2，是求和 MSE 的一半：KL 的分量因此加倍。",
    "LESSON5.quiz.q1.why.c": "它就是 σ² = ½ 的高斯的负对数似然，只差常数 (D/2)·log(2πσ²)。",
    "LESSON5.quiz.q2.q": "把高斯解码器的 σ 从 0.71 提高到 1，KL 会怎样？",
    "LESSON5.quiz.q2.options.a": "变小：重构的分量变轻，就像 β 变大",
    "LESSON5.quiz.q2.options.b": "变大",
    "LESSON5.quiz.q2.options.c": "不变：σ 只给损失加上一个常数",
    "LESSON5.quiz.q2.why.a": "平方误差要除以 2σ²；σ 越大它越弱，KL 的相对分量越重，模型就在 KL "
                             "上花得越少。",
    "LESSON5.quiz.q2.why.b": "恰好相反：σ 越大，重构项被除得越多，KL 的相对分量上升，KL 下降。",
    "LESSON5.quiz.q2.why.c": "(D/2)·log(2πσ²) 是常数，但 σ 还除着 ‖x − x̂‖²，这改变了两者的取舍。",
    "LESSON5.quiz.q3.q": "为什么连续伯努利模型的 −ELBO 可以是负数？",
    "LESSON5.quiz.q3.options.a": "它的似然是 [0, 1] 上的概率密度，可以大于 1",
    "LESSON5.quiz.q3.options.b": "它的训练发散了",
    "LESSON5.quiz.q3.options.c": "它的 KL 变成了负数",
    "LESSON5.quiz.q3.why.a": "大于 1 的密度取对数为正，所以 −log p(x|z) 可以小于 0。请在相同的"
                             "似然之间比较模型，不要跨似然比较。",
    "LESSON5.quiz.q3.why.b": "对概率密度来说，负的 −ELBO 很正常；发散的训练会出现 NaN 或巨大的"
                             "损失。",
    "LESSON5.quiz.q3.why.c": "KL 从不为负；负号来自重构项。",
    # -- LESSON6 --------------------------------------------------------------------------
    "LESSON6.teaches": "β 在码率（KL）与失真（重构）之间取舍；β 很大时维度被关闭",
    "LESSON6.explain": "把损失写成 D + β·R：失真 D 是重构项，码率 R 是 KL，单位都是每张图像的"
                       "奈特数（Alemi 等人，2018）。每个模型都是率失真平面上的一个点。−ELBO 等于"
                       " D + R，所以 ELBO 相等的线斜率为 −1，而 β-VAE 的最优点位于前沿斜率为 −β "
                       "之处。β 小，就把码率花在清晰的重构上；β 大，就省下码率、图像变模糊。β 大到"
                       "一定程度，KL 的代价高到模型会关闭一些潜变量维度：它们的 KL 降到 0，不再是"
                       "活跃单元。",
    "LESSON6.tasks.beta8": "用 β = 8 训练，数一数它的活跃单元。",
    "LESSON6.tasks.plane": "在上面的平面上放上三个不同的 β。",
    "LESSON6.checks.beta8": "当一次 β = 8（BCE）的训练结束时，活跃的潜变量维度不超过一半时打勾"
                            "（10 轮：8 个中剩 3 个）。",
    "LESSON6.checks.plane": "当三个不同 β 的 BCE 训练（损失正确）都结束时打勾。",
    "LESSON6.runs.b05": "训练 β = 0.5",
    "LESSON6.runs.b1": "训练 β = 1",
    "LESSON6.runs.b8": "训练 β = 8",
    "LESSON6.plane": "你的模型在率失真平面上的位置",
    "LESSON6.quiz.q1.q": "在率失真平面上，更大的 β 会把模型放在哪里？",
    "LESSON6.quiz.q1.options.a": "码率更低，失真更高",
    "LESSON6.quiz.q1.options.b": "码率更高，失真更低",
    "LESSON6.quiz.q1.options.c": "在同一条 ELBO 相等的线上",
    "LESSON6.quiz.q1.why.a": "KL 更贵，编码携带的信息更少，重构变得模糊。",
    "LESSON6.quiz.q1.why.b": "那是更小的 β：KL 便宜，编码就能携带更多信息。",
    "LESSON6.quiz.q1.why.c": "ELBO 相等的线斜率为 −1；β-VAE 的最优点在前沿斜率为 −β 处，所以不同"
                             "的 β 落在不同的线上。",
    "LESSON6.quiz.q2.q": "你 β = 8 的模型 8 个单元中有 3 个活跃单元。另外 5 个怎么了？",
    "LESSON6.quiz.q2.options.a": "对每个 x，它们的 q(z|x) 都是先验：KL ≈ 0，不携带任何信息",
    "LESSON6.quiz.q2.options.b": "它们被从模型里删掉了",
    "LESSON6.quiz.q2.options.c": "它们存储着数字的类别",
    "LESSON6.quiz.q2.why.a": "与先验一致不花 KL，而 β = 8 时 KL 很贵：只有最有用的维度保持开启。",
    "LESSON6.quiz.q2.why.b": "它们还在；无论 x 是什么，每个都从 N(0, 1) 中抽取，"
                             "解码器学会了忽略它。",
    "LESSON6.quiz.q2.why.c": "不活跃的单元的均值不随 x 变化（Cov_x(E_q[z_u]) ≤ 0.01），所以它什么"
                             "也存不了。",
    # -- LESSON7 --------------------------------------------------------------------------
    "LESSON7.teaches": "后验坍塌，以及导致它的“对像素取平均”错误",
    "LESSON7.explain": "**后验坍塌**：对每个 x，q(z|x) 都变成了先验，KL 为 0，解码器不管输入是"
                       "什么都画出同一个平均数字。强大的解码器会导致它；在 MNIST 上，通常的原因是"
                       "一个错误。许多教程（Keras 的 `binary_crossentropy`、使用默认设置的 PyTorch "
                       "`F.mse_loss`）把重构对 784 个像素*取平均*，却把 KL 对潜变量维度*求和*。"
                       "这等于把重构除以 784，相当于等效 β 为 784（见下式）：KL 占了上风，每个单元"
                       "都被关闭。先复现它，再用求和修正它。",
    "LESSON7.tasks.mean": "用对像素取平均的重构训练。",
    "LESSON7.tasks.fix": "修正它：用对像素求和的方式训练同一个模型。",
    "LESSON7.checks.mean": "当一次 β = 1、对像素取平均的训练结束时至多有 1 个活跃单元时打勾："
                           "后验已经坍塌。",
    "LESSON7.checks.fix": "复现坍塌之后，当一次 β = 1、对像素求和的训练结束时至少有 4 个活跃单元"
                          "时打勾。",
    "LESSON7.runs.mean": "训练：对像素取平均",
    "LESSON7.runs.sum": "训练：对像素求和",
    "LESSON7.quiz.q1.q": "重构是对 784 个像素的平均，KL 是对 8 个维度的求和。等效 β 是多少？",
    "LESSON7.quiz.q1.options.a": "784",
    "LESSON7.quiz.q1.options.b": "1/784",
    "LESSON7.quiz.q1.options.c": "8",
    "LESSON7.quiz.q1.why.a": "与求和的损失相比，重构小了 784 倍：KL 的分量重了 784 倍。",
    "LESSON7.quiz.q1.why.b": "被变小的是重构项，所以 KL 的分量变重而不是变轻。",
    "LESSON7.quiz.q1.why.c": "潜变量维度数不起作用：两种写法中 KL 都是求和。",
    "LESSON7.quiz.q2.q": "怎样在一次训练中认出后验坍塌？",
    "LESSON7.quiz.q2.options.a": "KL ≈ 0，没有活跃单元，每个重构都是同一个模糊的数字",
    "LESSON7.quiz.q2.options.b": "损失变成 NaN",
    "LESSON7.quiz.q2.options.c": "KL 非常大",
    "LESSON7.quiz.q2.why.a": "编码不携带任何信息，所以解码器只能画出平均数字。",
    "LESSON7.quiz.q2.why.b": "坍塌的训练平稳地收敛到有限的损失；NaN 是发散（学习率大得离谱）。",
    "LESSON7.quiz.q2.why.c": "那是相反的失败（第 4 课中 KL 符号取反）；坍塌时 KL ≈ 0。",
    # -- LESSON8 --------------------------------------------------------------------------
    "LESSON8.teaches": "连续的潜在空间：插值，线性插值与球面线性插值，以及它的用处",
    "LESSON8.explain": "KL 项把所有编码压进原点附近的同一个区域，所以相近的 z 解码出相似的图像，"
                       "两个数字之间的空间也被填满：潜在空间是**连续的**。取两张测试图像的编码 μ，"
                       "在它们之间走一走，把每一步解码：好的路径会经过一串像数字的图像，把一个数字"
                       "渐变成另一个。**球面线性插值**（slerp）沿大圆前进，"
                       "使范数 ‖z‖ 保持在典型编码"
                       "附近；直线（线性插值，lerp）则更靠近原点，那里的编码更少。正是这种连续性让"
                       "生成、去噪和补全成为可能（见“应用”页面）。",
    "LESSON8.tasks.pair": "在上面的插值中选两张不同数字的测试图像。",
    "LESSON8.tasks.slerp": "找到一对图像，使它们之间的球面线性插值一路都是数字。",
    "LESSON8.checks.pair": "当插值的两张测试图像是不同的数字时打勾。",
    "LESSON8.checks.slerp": "当两个不同数字之间的球面线性插值的每一步，对模型来说都和它对测试数字"
                            "的重构一样典型，即 −ELBO 不超过这些重构的第 95 百分位数时打勾。",
    "LESSON8.applications": "应用：生成、去噪、补全",
    "LESSON8.quiz.q1.q": "为什么在 VAE 中，两个编码之间的点能解码成像数字的图像，而在普通自编码器"
                         "中往往不能？",
    "LESSON8.quiz.q1.options.a": "KL 项填满了编码之间的区域，所以解码器学会了在那里画图",
    "LESSON8.quiz.q1.options.b": "VAE 的解码器更大",
    "LESSON8.quiz.q1.options.c": "VAE 在像素空间中插值",
    "LESSON8.quiz.q1.why.a": "带噪声抽取的编码覆盖了均值之间的空间；自编码器的编码则留下解码器从没"
                             "见过的空隙。",
    "LESSON8.quiz.q1.why.b": "两者的解码器可以一样大；不同的是训练如何塑造编码空间。",
    "LESSON8.quiz.q1.why.c": "在像素上混合只会把两个数字叠在一起；这里的路径走在 z 中，每一步再"
                             "解码。",
    "LESSON8.quiz.q2.q": "为什么用球面线性插值而不用线性插值？",
    "LESSON8.quiz.q2.options.a": "球面线性插值让 ‖z‖ 保持在典型编码所在之处；线性插值的中点范数"
                                 "更小",
    "LESSON8.quiz.q2.options.b": "球面线性插值更快",
    "LESSON8.quiz.q2.options.c": "线性插值会离开潜在空间",
    "LESSON8.quiz.q2.why.a": "在 K 维的 N(0, I) 下，大多数编码的 ‖z‖ ≈ √K；直线的中段切进了这层"
                             "球壳的内部。",
    "LESSON8.quiz.q2.why.b": "两者解码的步数相同；区别在于路径经过哪里。",
    "LESSON8.quiz.q2.why.c": "每个 z 都在潜在空间中；线性插值的中段只是落在解码器见过的编码较少的"
                             "地方。",
}
