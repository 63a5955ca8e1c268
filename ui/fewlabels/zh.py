"""简体中文 for the tables of ``strings.py`` beside this file; keys are
``"<TABLE>.<key>[.<subkey>]"``. Math symbols and ``{placeholders}`` stay exactly as in English;
the terms are the glossary's (``ui/shell/glossary.py``)."""

ZH = {
    "FEW.page": "从少量标签中学习",
    "FEW.title": "从少量标签中学习（半监督学习）",
    "FEW.intro": "标签很贵，图像很便宜。这里每种方法只拿到 mnist-5k 的 4,000 张训练图像中的 **n 张"
                 "带标签图像**（每个数字 n/10 张，按随机种子抽取），其余图像**没有标签**，然后在 1"
                 ",000 张测试图像上评分。VAE 也能从无标签图像中学习：这正是它能帮上忙的地方。",
    "FEW.methods_title": "方法（Kingma 等人 2014）与基线",
    "FEW.methods_text": "- **M1**：一个在全部 4,000 张图像上无标签训练的 VAE（模型库中的 `mnist-co"
                        "nv-z16`）把每张图像变成 16 个编码均值 μ(x)；一个 RBF 核支持向量机从 n 个"
                        "带标签的编码中学习识别数字。\n"
                        "- **M2**：一个同时描述图像、其数字 y 和编码 z 的模型。它的分类器 q(y|x) "
                        "从标签中学习，也从每张无标签图像中学习：对这些图像先猜 y，能把图像解释得"
                        "好的猜测会得到奖励。标签交叉熵的权重 α 为 10。\n"
                        "- **M1+M2**：把 M2 用在 M1 的编码上而不是像素上，这是论文中最好的方法。\n"
                        "- **基线**，使用相同的标签：在 784 个像素上做逻辑回归，以及在前 16 个主成"
                        "分上做逻辑回归（PCA 在全部 4,000 张图像上拟合：无标签图像对每种方法都是免"
                        "费的）。",
    "FEW.refs_title": "作为参照：已发表的结果与我们的结果",
    "FEW.refs_text": "在完整的 MNIST（60,000 张图像）上使用 100 个标签，Kingma 等人报告 M2 的错误"
                     "率为 11.97 %，M1+M2 为 3.33 %；Pyro 对 M2 的复现达到 93.2 % 的准确率，而只用"
                     "标签训练的分类器为 77.1 %。mnist-5k 的无标签图像少 15 倍，所以结果会差一些。"
                     "本机使用 100 个标签测得（3 个随机种子，见 README 的表格，训练比本页默认更久"
                     "）：像素上的逻辑回归 {pixels}，M1 {m1}，M2 {m2}，M1+M2 {m1m2}。",
    "FEW.methods": "方法",
    "FEW.methods_help": "像素上的 M2 最慢（每轮约 4 秒）；M1 只需一秒。",
    "FEW.names.m1": "M1",
    "FEW.names.m2": "M2",
    "FEW.names.m1m2": "M1+M2",
    "FEW.names.pixels": "像素 + 逻辑回归",
    "FEW.names.pca": "PCA-16 + 逻辑回归",
    "FEW.labels": "带标签图像数 n",
    "FEW.labels_help": "曲线上每个 n 一个点；每个 n 在十个数字之间均衡分配。",
    "FEW.seeds": "随机种子数",
    "FEW.seeds_help": "每个随机种子抽取不同的带标签图像（以及不同的初始权重）：种子越多，表格越能"
                      "显示结果的波动。",
    "FEW.epochs_m2": "M2 的轮数",
    "FEW.epochs_m2_help": "遍历 4,000 张图像的次数。README 的表格用了 {full} 轮；这里的默认值较短"
                          "，让页面在一分钟左右给出结果。",
    "FEW.epochs_m1m2": "M1+M2 的轮数",
    "FEW.epochs_m1m2_help": "遍历 4,000 个编码的次数（很快：每张图像只有 16 个数）。README 的表格"
                            "用了 {full} 轮。",
    "FEW.pick_something": "请至少选择一种方法和一个标签数量。",
    "FEW.too_long": "这些设置大约要训练 {minutes:.0f} 分钟，超过了这里一次比较最多 {limit} 分钟的"
                    "限制：请减少随机种子、标签数量或轮数（或在你自己的电脑上运行 bench/bench_semi"
                    ".py）。",
    "FEW.start": "训练并比较",
    "FEW.stop": "停止",
    "FEW.busy": "服务器正忙：{limit} 个训练任务名额中已有 {running} 个在运行。请稍后再试。",
    "FEW.data_error": "无法加载数据集：{error}",
    "FEW.bad_config": "无法开始：{error}",
    "FEW.idle": "点击**训练并比较**：默认设置下大约需要一分钟。",
    "FEW.progress": "{total} 次运行中已完成 {done} 次 · {elapsed:.0f} 秒",
    "FEW.now": "当前：{method}，n = {labels}（随机种子 {seed}）",
    "FEW.stopped": "已停止。已完成的运行显示在下面。",
    "FEW.failed": "比较失败：{error}",
    "FEW.done": "{total} 次运行，用时 {elapsed:.0f} 秒。",
    "FEW.chart_title": "测试准确率与标签数量的关系",
    "FEW.axis_labels": "带标签图像数 n（对数刻度）",
    "FEW.axis_accuracy": "测试准确率",
    "FEW.table_title": "具体数字",
    "FEW.col_labels": "n",
    "FEW.col_method": "方法",
    "FEW.col_accuracy": "准确率",
    "FEW.col_spread": "±（不同随机种子）",
    "FEW.col_gain": "相对像素基线",
    "FEW.col_seconds": "用时",
    "FEW.col_pixels": "像素（基线）",
    "FEW.col_pca": "PCA-16（基线）",
    "FEW.seconds": "{s:.1f} 秒",
    "FEW.points": "{p:+.1f} 个百分点",
    "FEW.worse": "使用相同标签时，不如像素上的逻辑回归：{which}。",
    "FEW.worse_m2": "这里 M2 训练了 {epochs} 轮。在像素上，它要训练很多轮，分类器才能从无标签图像"
                    "中学到东西，还需要比 mnist-5k 的 4,000 张多得多的无标签图像：即使训练 {full} "
                    "轮（README 的表格），它也仍略低于基线。",
    "FEW.worse_few": "每个数字只有一个标签时，抽到了哪些图像比方法本身更重要：支持向量机和 M2 都没"
                     "有足够的依据。增加随机种子可以看到结果的波动。",
    "FEW.worse_item": "{method}，n = {labels}（{acc:.1%}，基线 {base:.1%}）",
    "FEW.best": "n = {labels} 时最好的是 {method}：{acc:.1%}，比像素上的逻辑回归（{base:.1%}）高 {"
                "gain:.1f} 个百分点。",
    "FEW.best_below": "n = {labels} 时最好的是 {method}：{acc:.1%}，但仍比像素上的逻辑回归（{base:"
                      ".1%}）低 {gain:.1f} 个百分点。",
    "FEW.features_title": "特征：所选模型的编码与 PCA 对比",
    "FEW.features_intro": "VAE 的编码作为图像的概括有多好？把所选模型的 K 个编码均值 μ(x) 与同样在"
                          "这 4,000 张训练图像上拟合的 K 个主成分的 PCA 对比：一个**线性探针**（用"
                          "全部 4,000 个标签训练的逻辑回归，在测试图像上评分），以及**重构误差**（"
                          "对像素求和的平方误差，对测试图像取平均；VAE 解码它的均值编码）。",
    "FEW.no_model": "请在侧边栏中选择一个模型，把它的编码与 PCA 对比。",
    "FEW.probe_vae": "μ 上的线性探针（K = {k}）",
    "FEW.probe_pca": "PCA-{k} 上的线性探针",
    "FEW.recon_vae": "重构误差，VAE",
    "FEW.recon_pca": "重构误差，PCA-{k}",
    "FEW.probe_help": "在 4,000 张训练图像的编码及其标签上训练的逻辑回归的测试准确率。",
    "FEW.recon_help": "‖x − x̂‖² 对像素求和，再对 {n} 张测试图像取平均。",
    "FEW.pca_share": "PCA 的 {k} 个主成分保留了像素方差的 {share:.0%}。",
    "FEW.verdict_both": "这里 VAE 的编码两项都赢：非线性解码器用 K 个数重构得比任何线性映射都好，"
                        "而且在它的编码中用一条直线就更容易把类别分开。",
    "FEW.verdict_probe": "这里 VAE 的编码更容易分类，但 PCA 重构得更好：KL 项让编码也要贴近先验，"
                         "而不只为重构服务。",
    "FEW.verdict_recon": "这里 VAE 重构得更好，但 PCA 的主成分用线性分类一样容易甚至更容易。",
    "FEW.verdict_none": "这里 PCA 两项都赢：这个模型的编码并不比同样维数的 PCA 更好地概括图像。",
    "FEW.when_title": "VAE 的编码什么时候胜过 PCA，什么时候不能？",
    "FEW.when_text": "- **PCA 是平方误差意义下最好的 K 维线性编码**（Eckart–Young 定理）：没有任何"
                     " K 维的线性编码器和解码器能重构得更好。VAE 只能靠它的**非线性**解码器胜过 PC"
                     "A，它能从几个数画出整个数字；在维数较少时（MNIST 上 K = 2 到 16），它通常能"
                     "赢。\n"
                     "- **维数多时，PCA 会追上来**：PCA 的误差随每增加一个主成分而下降，而 VAE 的 "
                     "KL 项会关掉用不上的维度（不再是活跃单元），模糊的解码器还留有一个误差下限。"
                     "\n"
                     "- **较大的 β**（β-VAE）用重构换取更平滑的编码：它的误差可能超过 PCA。\n"
                     "- **对线性探针来说**，VAE 的编码往往更好：同一个数字的图像在编码中彼此靠近，"
                     "而 PCA 保留的是像素方差最大的方向，笔画粗细和倾斜与数字本身同样重要。这就是 "
                     "M1 有效的原因。\n"
                     "- **PCA 就够用的情况**：数据几乎是线性的，或者编码必须精确且计算快速时，PCA "
                     "完全不需要训练。",
}
