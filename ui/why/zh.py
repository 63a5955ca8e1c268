"""简体中文 for the tables of ``strings.py`` beside this file; keys are
``"<TABLE>.<key>[.<subkey>]"``. Math symbols and ``{placeholders}`` stay exactly as in English;
the terms are the glossary's (``ui/shell/glossary.py``)."""

ZH = {
    "WHY.page": "为什么要变分？",
    "WHY.title": "为什么要变分？自编码器与 VAE 对照",
    "WHY.intro": "两个模型：层结构相同、随机种子相同、数据相同。一个是**普通自编码器**：编码器只"
                 "给出一个点 z = μ(x)，损失只有重构项。另一个是 **VAE**：编码器给出一个分布 N(μ,"
                 " σ²)，z 从中抽取，损失再加上 KL 项，把每个这样的分布拉向先验 N(0, I)。把两个都"
                 "训练好，再从先验中抽取 z：只有其中一个能把这些抽样解码成数字。",
    "WHY.why_title": "为什么 KL 项能做到这一点",
    "WHY.why_text": "- **自编码器的潜在空间有空洞。** 没有任何东西告诉编码器该把编码放在哪里：只"
                    "要重构得好，放在哪里都行。训练图像的编码最后成了一个个分散的小岛，尺度取决"
                    "于权重漂移到了哪里，而解码器只见过这些小岛。从 N(0, I) 抽取的 z 落在小岛之"
                    "间，或者离所有小岛都很远，解码器在那里只能画出一团模糊的污迹。\n- **KL 项填"
                    "满了空洞。** 当均值 μ 离开原点、或者 σ 变小时，KL(q(z|x) ‖ N(0, I)) 都会变"
                    "大。于是 VAE 把编码留在原点附近、先验之内，并给每个编码一个宽度：每张图像都"
                    "是在其 μ 周围的一整团 z 上训练的，相邻的团彼此重叠。解码器学会了在先验有概"
                    "率质量的每个地方都画出合理的图像，而我们正是从那里采样。\n- **代价**是更模"
                    "糊的重构：自编码器把全部能力都用在重构上，VAE 还要为潜在空间的秩序付出代价"
                    "。",
    "WHY.price": "在这里，VAE 为每张测试图像付出 {kl:.1f} 奈特的 KL，它的重构代价是 {vae:.1f} 奈"
                 "特，而自编码器是 {ae:.1f} 奈特。",
    "WHY.epochs": "每个模型的轮数",
    "WHY.epochs_help": "两个模型都在 mnist-5k（4,000 张训练图像）上训练这么多轮；1 … {max}。",
    "WHY.latent": "潜变量维数 K",
    "WHY.latent_help": "两个模型的 z 的维数。在 2 维中，自编码器的编码更能铺满平面，差别较小；从"
                       " 8 维起差别就非常明显。",
    "WHY.seed": "随机种子",
    "WHY.seed_help": "初始权重、批次顺序和 ε：两个模型用同一个种子，所以它们从相同的权重开始。",
    "WHY.start": "训练两个模型",
    "WHY.stop": "停止",
    "WHY.busy": "服务器正忙：{limit} 个训练任务名额中已有 {running} 个在运行。请稍后再试。",
    "WHY.data_error": "无法加载数据集：{error}",
    "WHY.bad_config": "无法开始：{error}",
    "WHY.idle": "点击**训练两个模型**：先训练 VAE，再训练自编码器，然后测量两者：默认设置下，"
                "空闲的服务器上约 10 秒；其他训练同时进行时约为两倍。",
    "WHY.progress": "{status} · {elapsed:.0f} 秒",
    "WHY.model_progress": "{name}：{status}，第 {epoch}/{epochs} 轮",
    "WHY.status.pending": "等待中",
    "WHY.status.loading": "正在加载数据",
    "WHY.status.training": "训练中",
    "WHY.status.measuring": "正在测量两个模型",
    "WHY.status.finished": "已完成",
    "WHY.status.stopped": "已停止",
    "WHY.status.failed": "失败",
    "WHY.status.running": "训练中",
    "WHY.status.diverged": "已发散",
    "WHY.stopped": "在两个模型训练完之前停止了：点击**训练两个模型**重新开始。",
    "WHY.failed": "对照失败：{error}",
    "WHY.done": "两个模型共训练了 {total:.1f} 秒（VAE {vae:.1f} 秒，自编码器 {ae:.1f} 秒）。",
    "WHY.names.vae": "VAE",
    "WHY.names.ae": "自编码器",
    "WHY.loss.vae": "损失：重构 + KL",
    "WHY.loss.ae": "损失：只有重构",
    "WHY.share_title": "先验中有多少能解码成数字？",
    "WHY.share_text": "从 N(0, I) 抽取 {n} 个 z（两个模型用同一批），解码后交给一个数字分类器（s"
                      "cikit-learn：在训练图像的前 50 个主成分上做逻辑回归）。比例指的是它以≥ {t"
                      "hreshold:.0%} 的概率认出数字的那一部分。测试图像本身给出上限：这么简单的"
                      "分类器对真实的数字也并非每个都有把握。",
    "WHY.share_help": "是数字的先验样本：{n} 个解码后的抽样中，以 ≥ {threshold:.0%} 的概率被分类"
                      "的比例。",
    "WHY.of_ceiling": "上限的 {ratio:.0%}",
    "WHY.ceiling": "测试图像（上限）",
    "WHY.ceiling_help": "同一个分类器在 {n} 张真实测试图像上的结果。",
    "WHY.verdict": "VAE 的先验样本有 {vae:.0%} 是数字，自编码器的只有 {ae:.0%}：多了 {times}，上"
                   "限为 {ceiling:.0%}。",
    "WHY.verdict_none": "VAE 的先验样本有 {vae:.0%} 是数字，自编码器的只有 {ae:.1%}，上限为 {cei"
                        "ling:.0%}。",
    "WHY.verdict_reversed": "在这些设置下，自编码器的先验样本反而更常是数字（自编码器 "
                            "{ae:.0%}，VAE {vae:.0%}）：VAE 画出的数字还很模糊，分类器拿不准。"
                            "训练更久（默认 30 轮）：VAE 的比例会上升，而自编码器的编码离先验越来"
                            "越远，它的比例会下降。",
    "WHY.verdict_weak": "在这些设置下差别很小（VAE {vae:.0%}，自编码器 {ae:.0%}）。训练更久（默"
                        "认 30 轮）就能看清楚；潜变量少于 8 维时差别也会变小。",
    "WHY.maps_title": "1,000 张测试图像的潜变量编码",
    "WHY.maps_text": "每张图显示一个模型的编码 μ(x)，沿着它们变化最大的两个方向（对该模型编码做 "
                     "PCA），从原点 z = 0 起量。先验 N(0, I) 在任何这样的视图里都一样：虚线圆的"
                     "半径为 1、2、3，先验的样本就落在那里。坐标轴上的百分比是该方向占编码方差的"
                     "比例。",
    "WHY.same_scale": "两张图用相同的尺度",
    "WHY.same_scale_help": "打开：两张图坐标轴相同，大小可以直接比较。关闭：每张图缩放到自己的编"
                           "码。",
    "WHY.radius": "‖μ(x)‖ 的中位数 = {radius:.1f}（先验样本约为 {prior:.1f}）",
    "WHY.axis_1": "μ 的第 1 主成分（{share:.0%}）",
    "WHY.axis_2": "μ 的第 2 主成分（{share:.0%}）",
    "WHY.samples_title": "从先验抽取 16 个样本并解码",
    "WHY.samples_caption": "两个模型用同样的 16 个抽样 z ~ N(0, I)（种子 {seed}）。",
    "WHY.interp_title": "两张测试图像之间的插值",
    "WHY.interp_caption": "从测试图像 #{a}（{la}）到 #{b}（{lb}）：对 t 从 0 到 1 的 {n} 个取值"
                          "，解码 (1 − t)·μ(x₁) + t·μ(x₂)。",
    "WHY.numbers": "测试集上的数值",
    "WHY.model": "模型",
    "WHY.share_short": "是数字的先验样本",
    "WHY.radius_short": "‖μ(x)‖ 的中位数",
    "WHY.recon": "重构（奈特）",
    "WHY.kl": "KL（奈特）",
    "WHY.train_s": "训练时间",
    "WHY.seconds": "{s:.1f} 秒",
}
