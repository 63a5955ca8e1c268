"""简体中文 for the tables of ``strings.py`` beside this file; keys are
``"<TABLE>.<key>[.<subkey>]"``. Math symbols and ``{placeholders}`` stay exactly as in English;
the terms are the glossary's (``ui/shell/glossary.py``)."""

ZH = {
    # -- APPS ----------------------------------------------------------------------------------
    "APPS.page": "应用",
    "APPS.title": "VAE 能用来做什么",
    "APPS.intro": "同一个训练好的模型，五种用途：从先验**生成**新图像；把图像编码后解码其均值来"
                  "**去噪**；**补全**一张被遮住一半的图像；把图像**压缩**成其编码所需的比特；"
                  "以及用 −ELBO 发现**异常**。这里的一切都在侧边栏所选的模型上运行。",
    "APPS.needs_data": "需要该模型的测试图像，但此处无法获得。",
    "APPS.tabs.generate": "生成",
    "APPS.tabs.denoise": "去噪",
    "APPS.tabs.complete": "补全",
    "APPS.tabs.compress": "压缩",
    "APPS.tabs.anomaly": "异常检测",
    "APPS.seed": "随机种子",
    "APPS.seed_help": "相同的种子给出相同的随机抽样；换一个种子就得到新的抽样。",
    "APPS.image_index": "测试图像",
    "APPS.image_help": "测试集中的序号（0 到 {last}）。",
    "APPS.test_label": "测试图像 #{index}（{label}）",
    "APPS.with_labels": "有了标签，还有两种用途（第 9 课）：",
    "APPS.to_conditional": "条件变分自编码器：生成你要求的数字",
    "APPS.to_few": "从少量标签中学习：用 100 个标签得到一个分类器",
    # -- GENERATE ------------------------------------------------------------------------------
    "GENERATE.intro": "VAE 是生成模型：从先验 N(0, I) 中抽取 z 并解码，就得到一张从没有人画过的"
                      "图像。用温度 T 缩放抽样，z ~ N(0, T²·I)，可以在多样性（T > 1）与"
                      "看起来更典型的图像（T < 1）之间取舍。",
    "GENERATE.temperature": "温度 T",
    "GENERATE.caption": "16 个样本 z ~ N(0, {t:.1f}²·I) 的解码结果（种子 {seed}）。",
    # -- DENOISE -------------------------------------------------------------------------------
    "DENOISE.intro": "给测试图像加上噪声，把每张含噪图像编码，再解码其后验的均值。"
                     "用两把尺子来衡量：**数字认对的比例**，即数字分类器（“为什么要变分？”页面所用的那个）给出干净图像"
                     "标签的图像所占的比例，这正是你用眼睛检查的东西；以及 PSNR = "
                     "10·log₁₀(1 / MSE)，单位 dB，以干净图像为参照，它只计算像素误差。所选模型"
                     "是在干净的数字上训练的；**去噪 VAE** 的网络层与它相同，但训练时要把含噪数字"
                     "（高斯噪声 σ = 0.5，或 20% 像素的椒盐噪声）还原成干净数字。",
    "DENOISE.kind": "噪声",
    "DENOISE.kinds.gaussian": "高斯噪声：x + σ·ε，再截断到 [0, 1]",
    "DENOISE.kinds.salt_pepper": "椒盐噪声：一部分像素被置为黑色或白色",
    "DENOISE.sigma": "噪声 σ",
    "DENOISE.fraction": "受影响像素的比例",
    "DENOISE.first": "起始图像",
    "DENOISE.running": "正在给测试图像去噪……",
    "DENOISE.rows_both": "各行依次为：干净图像；含噪图像；所选模型的重构；去噪 VAE 的重构。",
    "DENOISE.rows_picked": "各行依次为：干净图像；含噪图像；所选模型的重构。",
    "DENOISE.shown_both": "在这 {n} 张中，分类器认对了 {noisy} 张含噪图像、所选模型的 {picked} "
                          "张重构和去噪 VAE 的 {denoiser} 张重构。",
    "DENOISE.shown_picked": "在这 {n} 张中，分类器认对了 {noisy} 张含噪图像和 {picked} 张重构。",
    "DENOISE.col_images": "图像",
    "DENOISE.col_kept": "数字认对的比例",
    "DENOISE.col_psnr": "PSNR（dB）",
    "DENOISE.row_clean": "干净图像（分类器的上限）",
    "DENOISE.row_noisy": "含噪图像",
    "DENOISE.row_picked": "所选模型的重构",
    "DENOISE.row_denoiser": "去噪 VAE 的重构",
    "DENOISE.table_caption": "基于前 {n:,} 张测试图像，两个模型用的是同样的噪声。",
    "DENOISE.who_picked": "所选模型",
    "DENOISE.who_denoiser": "去噪 VAE",
    "DENOISE.verdict_cleaner": "**{who}把数字变干净了**：分类器在它 {recon:.0%} 的重构中"
                               "认对了数字，而含噪图像为 {noisy:.0%}（干净图像为 {clean:.0%}）。",
    "DENOISE.verdict_same": "**{who}既没有救回数字，也没有弄丢数字**：分类器在它 {recon:.0%} 的"
                            "重构和 {noisy:.0%} 的含噪图像中认对了数字（干净图像为 {clean:.0%}）。",
    "DENOISE.verdict_worse": "**{who}让数字变得更糟**：分类器只在它 {recon:.0%} 的重构中认对了"
                             "数字，而含噪图像为 {noisy:.0%}：许多重构变成了看起来很干净的"
                             "*另一个*数字。",
    "DENOISE.verdict": "{digits}{pixels}",
    "DENOISE.psnr_up": "PSNR 提高了 {gain:.1f} dB。",
    "DENOISE.psnr_down": "PSNR 降低了 {gain:.1f} dB。",
    "DENOISE.psnr_misleads": "PSNR 却照样提高了 {gain:.1f} dB：它只计算像素误差，而一个平滑但错误"
                             "的数字在像素上可能比一个含噪但正确的数字更接近真实图像。",
    "DENOISE.no_reader": "数字分类器只认数字：在这些图像上只能用 PSNR 来衡量模型。",
    "DENOISE.is_denoiser": "所选模型本身就是去噪 VAE：请选择一个普通模型（例如 mnist-z8-bce），"
                           "把两者放在一起比较。",
    "DENOISE.no_denoiser": "去噪 VAE（{name}）接受 mnist-5k 的数字：请选择一个在 mnist-5k 上训练的"
                           "模型来与它比较。",
    # -- COMPLETE ------------------------------------------------------------------------------
    "COMPLETE.intro": "遮住图像的一部分，让模型把它补上：先把缺失的像素设为黑色，然后重复"
                      "*编码 → 解码均值 → 只把解码出的像素写入缺失部分*。已知像素保持原样"
                      "（被固定住），所以模型的猜测必须与它们相符（Rezende 等人 2014，§5.4）。",
    "COMPLETE.region": "遮住",
    "COMPLETE.regions.top": "上半部分",
    "COMPLETE.regions.bottom": "下半部分",
    "COMPLETE.regions.left": "左半部分",
    "COMPLETE.regions.right": "右半部分",
    "COMPLETE.regions.square": "一个由你放置的正方形",
    "COMPLETE.row": "正方形：顶行",
    "COMPLETE.col": "正方形：最左列",
    "COMPLETE.size": "正方形：边长（像素）",
    "COMPLETE.moved": "{size}×{size} 的正方形放在 {h}×{w} 图像的第 {row} 行、第 {col} 列会超出"
                      "边界：已移到第 {new_row} 行、第 {new_col} 列。",
    "COMPLETE.iterations": "迭代次数",
    "COMPLETE.running": "正在补全被遮住的部分……",
    "COMPLETE.masked": "测试图像，被遮住的部分显示为蓝色",
    "COMPLETE.steps": "第 {steps} 轮之后的补全结果",
    "COMPLETE.final": "{n} 轮之后",
    "COMPLETE.error_title": "只在被遮住的像素上计算的误差",
    "COMPLETE.error_caption": "每个被遮住像素相对真实值的均方误差：开始时（黑色）为 {start:.4f}，"
                              "一轮之后为 {first:.4f}，最好时为 {best:.4f}（第 {best_at} 轮），"
                              "{n} 轮之后为 {last:.4f}。细线是同一遮罩下 {m} 张测试图像的平均值："
                              "一轮之后 {m_first:.4f}，{n} 轮之后 {m_last:.4f}。",
    "COMPLETE.axis_step": "轮次",
    "COMPLETE.axis_error": "被遮住像素上的 MSE",
    "COMPLETE.this_image": "这张图像",
    "COMPLETE.mean_images": "{m} 张测试图像的平均",
    # -- COMPRESS ------------------------------------------------------------------------------
    "COMPRESS.intro": "一张图像在模型的编码中要花多少比特？要同类相比：精确图像的**无损**编码对比"
                      "无损文件（PNG）；只能传达重构的**有损**编码对比同样好的有损文件"
                      "（WebP 或 JPEG）。比特 = 奈特 ÷ ln 2。",
    "COMPRESS.recon": "重构：PSNR {psnr:.1f} dB",
    "COMPRESS.bits": "{bits:,.0f} 比特",
    "COMPRESS.lossless_title": "**无损：精确的图像**",
    "COMPRESS.elbo": "−ELBO（模型，无损）",
    "COMPRESS.elbo_help": "KL {kl:.1f} 比特 + 重构项 −log p(x|z) {recon:.1f} 比特：编码的代价，"
                          "加上把它的重构修正成这张图像本身所需的代价。",
    "COMPRESS.png": "PNG 文件（无损）",
    "COMPRESS.png_help": "{bytes:,} 字节，使用 Pillow 的最佳压缩；仅文件的固定数据块就约占 "
                         "57 字节。",
    "COMPRESS.lossless_line": "无损对无损：模型的编码比 PNG **{times}**。",
    "COMPRESS.lossy_title": "**有损：重构，{psnr:.1f} dB**",
    "COMPRESS.kl": "KL（码率）",
    "COMPRESS.kl_help": "{nats:.2f} 奈特 = {bits:.2f} 比特（1 奈特 = 1 / ln 2 ≈ 1.443 比特）。",
    "COMPRESS.file": "{codec} 文件（有损）",
    "COMPRESS.file_help": "Pillow 质量 {quality} 下为 {bytes:,} 字节，含文件头；解码后与图像相差 "
                          "{psnr:.1f} dB。",
    "COMPRESS.lossy_matched": "在与重构相同的质量下（{codec} 质量 {quality}：{file_psnr:.1f} dB，"
                              "重构为 {psnr:.1f} dB），编码比该文件**{times}**。",
    "COMPRESS.lossy_floor": "{codec} 的最低质量（1）已经比重构更清晰（{file_psnr:.1f} dB，重构为 "
                            "{psnr:.1f} dB），同样模糊的文件还会更小：编码**最多{times}**。",
    "COMPRESS.lossy_unreached": "即使在最高质量下，{codec} 仍不如重构（{file_psnr:.1f} dB，重构为 "
                                "{psnr:.1f} dB）：编码比该文件**{times}**，而且更清晰。",
    "COMPRESS.smaller": "小 {x:.1f} 倍",
    "COMPRESS.larger": "大 {x:.1f} 倍",
    "COMPRESS.no_ratio": "无法比较（编码为 0 比特）",
    "COMPRESS.honest": "**KL 计入了什么，没有计入什么。** 它是在双方共享先验和解码器时传送 z 的"
                       "平均代价（可用 bits-back 编码或相对熵编码实现，外加几个比特的开销）；"
                       "收到的是重构，而不是图像本身。它不计入解码器的权重（{weights:,} 字节，"
                       "只需发送一次）。对于灰度像素上的伯努利解码器，−ELBO 只是近似的无损代价："
                       "它把灰度值当作黑或白的概率，而不是 256 个取值之一。",
    "COMPRESS.summing": "正在测量测试图像……",
    "COMPRESS.test_set": "在前 {n:,} 张测试图像上的平均值：无损时，−ELBO {elbo:,.0f} 比特对比 PNG "
                         "{png:,.0f} 比特（{lossless}）；有损时，KL {kl:.1f} 比特对比 WebP 或 JPEG"
                         "（取较小者）的 {lossy:,.0f} 比特，文件为 {file_psnr:.1f} dB，重构为 "
                         "{psnr:.1f} dB（{lossy_times}）。原始像素：每张图像 {raw:,} 比特。",
    # -- ANOMALY -------------------------------------------------------------------------------
    "ANOMALY.intro": "模型认为不太可能出现的图像要花很多奈特：它的 −ELBO（重构 + KL）很高。"
                     "因此 −ELBO 不需要任何标签，就能把图像从典型排到异常。下面是这个模型"
                     "评为最不典型的 {k} 张测试图像。",
    "ANOMALY.odd": "最不典型的测试图像，−ELBO：{scores}",
    "ANOMALY.summary": "测试集 −ELBO：中位数 {median:.1f} 奈特，最高的 1% 高于 {p99:.1f} 奈特。",
    "ANOMALY.link": "完整视图：最典型与最不典型的图像、作为离群数据评分的另一个数据集、"
                    "直方图与 ROC 曲线",
    "ANOMALY.scoring": "正在为测试图像评分……",
    # -- SEQ_ANOMALY ---------------------------------------------------------------------------
    "SEQ_ANOMALY.intro": "这个数据集单独留出了 **{n_odd} 条异常序列**（{defects}）：模型在训练中"
                         "从未见过它们。"
                         "{n_test:,} 条测试序列和每条异常序列都得到各自的 −ELBO；它越高，模型就越"
                         "不认为会出现这条序列。把“−ELBO 高于某个阈值”当作警报并移动阈值，"
                         "就得到下面的 ROC 曲线。",
    "SEQ_ANOMALY.sep": "、",
    "SEQ_ANOMALY.defects.spike": "尖峰",
    "SEQ_ANOMALY.defects.level shift": "电平突变",
    "SEQ_ANOMALY.defects.frequency change": "频率变化",
    "SEQ_ANOMALY.scoring": "正在为测试序列和异常序列评分……",
    "SEQ_ANOMALY.auc_all": "AUC，全部异常",
    "SEQ_ANOMALY.auc_kind": "AUC，{kind}",
    "SEQ_ANOMALY.auc_help": "随机一条异常序列的 −ELBO 高于随机一条测试序列的概率：0.5 等于随机猜"
                            "测，"
                            "1 是完美的检测器。",
    "SEQ_ANOMALY.all": "全部异常（{auc:.3f}）",
    "SEQ_ANOMALY.chance": "随机猜测",
    "SEQ_ANOMALY.fpr": "误报（被标记的测试序列比例）",
    "SEQ_ANOMALY.tpr": "检出的异常（被标记的比例）",
    "SEQ_ANOMALY.roc_caption": "−ELBO（奈特）：测试序列的中位数为 {median_in:.1f}，异常序列为 "
                               "{median_out:.1f}。模型照样能重构的缺陷，或小于模型噪声水平 σ "
                               "的缺陷，几乎不会抬高 −ELBO：它的曲线贴近对角线。−ELBO 还取决于"
                               "序列的种类：慢波容易重构，快波难，所以慢波上的尖峰仍可能比干净的"
                               "快波得分更低。",
    "SEQ_ANOMALY.input": "序列",
    "SEQ_ANOMALY.recon": "重构 decode(μ)",
    "SEQ_ANOMALY.example": "{kind}<br>−ELBO {score:.0f}",
    "SEQ_ANOMALY.examples_caption": "每种异常各一条（灰色）以及模型对它的重构（蓝色）：两者分开"
                                    "的地方，"
                                    "−ELBO 的重构项就会增大。",
}
