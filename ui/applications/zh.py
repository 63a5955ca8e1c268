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
    # -- GENERATE ------------------------------------------------------------------------------
    "GENERATE.intro": "VAE 是生成模型：从先验 N(0, I) 中抽取 z 并解码，就得到一张从没有人画过的"
                      "图像。用温度 T 缩放抽样，z ~ N(0, T²·I)，可以在多样性（T > 1）与"
                      "看起来更典型的图像（T < 1）之间取舍。",
    "GENERATE.temperature": "温度 T",
    "GENERATE.caption": "16 个样本 z ~ N(0, {t:.1f}²·I) 的解码结果（种子 {seed}）。",
    # -- DENOISE -------------------------------------------------------------------------------
    "DENOISE.intro": "给测试图像加上噪声，把每张含噪图像编码，再解码其后验的均值：解码器只能画出"
                     "它学过的东西，所以大部分噪声无处容身。PSNR = 10·log₁₀(1 / MSE)，单位 dB，"
                     "以干净图像为参照；越高越接近。",
    "DENOISE.kind": "噪声",
    "DENOISE.kinds.gaussian": "高斯噪声：x + σ·ε，再截断到 [0, 1]",
    "DENOISE.kinds.salt_pepper": "椒盐噪声：一部分像素被置为黑色或白色",
    "DENOISE.sigma": "噪声 σ",
    "DENOISE.fraction": "受影响像素的比例",
    "DENOISE.first": "第一张测试图像",
    "DENOISE.rows": "各行依次为：干净图像、含噪图像（PSNR {noisy}）、由含噪图像得到的重构"
                    "（PSNR {recon}），单位 dB。",
    "DENOISE.psnr_noisy": "含噪图像的 PSNR",
    "DENOISE.psnr_recon": "重构的 PSNR",
    "DENOISE.psnr_clean": "干净图像重构的 PSNR",
    "DENOISE.psnr_help": "所示 {n} 张图像的平均值，单位 dB，以干净图像为参照。",
    "DENOISE.ceiling_help": "重构干净图像已是这个模型的最好水平：任何去噪结果都不会比它自己的"
                            "重构更接近真实图像。",
    "DENOISE.better": "模型去掉了噪声：比含噪图像高 {gain:+.1f} dB。",
    "DENOISE.worse": "这里的重构比含噪图像*低* {gain:.1f} dB：在这个噪声水平下，噪声比模型自身的"
                     "模糊还弱（它对干净图像的重构达到 {ceiling:.1f} dB），而且含噪图像是编码器"
                     "在训练中从未见过的输入。调高噪声水平，就能看到模型胜出。",
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
    "COMPRESS.intro": "一张图像的 KL，即 KL(q(z|x) ‖ p(z))，是它的*码率*：它的编码 z 所携带的信息，"
                      "单位奈特（除以 ln 2 得到比特）。这里把它与同一张图像的 PNG 文件大小和"
                      "原始 8 位像素大小相比较。",
    "COMPRESS.original": "测试图像",
    "COMPRESS.recon": "在该码率下解码的重构",
    "COMPRESS.kl": "KL（码率）",
    "COMPRESS.kl_value": "{bits:.1f} 比特",
    "COMPRESS.kl_help": "{nats:.2f} 奈特 = {bits:.2f} 比特（1 奈特 = 1 / ln 2 ≈ 1.443 比特）。",
    "COMPRESS.png": "PNG 文件",
    "COMPRESS.png_value": "{bits:,} 比特",
    "COMPRESS.png_help": "{bytes:,} 字节，无损，使用 Pillow 的最佳压缩；仅文件的固定数据块就约占"
                         " 57 字节。",
    "COMPRESS.raw": "原始 8 位",
    "COMPRESS.raw_help": "{bytes:,} 字节：每个像素值一个字节。",
    "COMPRESS.lossless": "KL + 重构项",
    "COMPRESS.lossless_help": "z = μ 处的 −log p(x|z)：要把重构变成这张图像本身，还需要多"
                              " {bits:.1f} 比特。",
    "COMPRESS.ratio": "这个编码比 PNG 小 {png:.0f} 倍，比原始像素小 {raw:.0f} 倍。",
    "COMPRESS.honest": "**KL 计入了什么，没有计入什么。** 它是在双方共享先验和解码器时传送 z 的"
                       "平均代价（可以用比特回收编码或相对熵编码实现，再加上几比特的开销）；"
                       "收到的是右边的重构，而不是原图像。它没有计入解码器的权重（{weights:,}"
                       " 字节，只需传送一次），也没有计入无损副本还需要的重构项比特（KL + 重构项"
                       "就是以比特计的 −ELBO；对灰度像素上的伯努利解码器，连这个也只是近似）。"
                       "PNG 是无损的，所以公平的比较是 PNG 对 −ELBO，而不是对 KL。",
    "COMPRESS.test_set": "在 {n:,} 张测试图像上：KL 平均 {kl:.1f} 比特，PNG 平均 {png:,.0f} 字节"
                         "（{png_bits:,.0f} 比特），原始大小 {raw:,} 字节。",
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
