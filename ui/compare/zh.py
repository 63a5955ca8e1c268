"""简体中文 for the tables of ``strings.py`` beside this file; keys are
``"<TABLE>.<key>[.<subkey>]"``. Math symbols and ``{placeholders}`` stay exactly as in English;
the terms are the glossary's (``ui/shell/glossary.py``)."""

ZH = {
    # -- PAGES ---------------------------------------------------------------------------------
    "PAGES.group": "对比",
    "PAGES.beta_lab": "β 实验室",
    "PAGES.bce_vs_mse": "BCE 与 MSE",
    # -- SWEEP ---------------------------------------------------------------------------------
    "SWEEP.dataset": "数据集",
    "SWEEP.network": "这里的每个模型都是 {arch}，潜变量维数 K = {latent}"
                     "（训练页面和课程使用 MLP 256-128）。",
    "SWEEP.network_lessons": "这里的每个模型都是 {arch}，潜变量维数 K = {latent}，"
                             "也就是训练页面和课程使用的网络。",
    "SWEEP.epochs": "每个模型的训练轮数",
    "SWEEP.epochs_help": "每个模型 1 … {max} 轮；一次扫描最多训练 {models} 个模型，"
                         "在一个训练名额里逐个训练，这样一次扫描不会占用服务器好几个小时。",
    "SWEEP.err_epochs": "扫描中每个模型训练 1 到 {max} 轮，而不是 {n} 轮",
    "SWEEP.start": "开始",
    "SWEEP.stop": "停止",
    "SWEEP.busy": "服务器正忙：{limit} 个训练任务名额中已有 {running} 个在运行。请稍后再试。",
    "SWEEP.data_error": "无法加载数据集：{error}",
    "SWEEP.bad_config": "无法开始：{error}",
    "SWEEP.other_running": "本次会话中的另一组对比实验仍在训练（{what}）；请先停止它或等它结束。",
    "SWEEP.progress": "{status} · {done}/{total} 个模型 · {elapsed:.0f} 秒",
    "SWEEP.model_progress": "{label}：{status}，第 {epoch}/{epochs} 轮",
    "SWEEP.status.pending": "等待中",
    "SWEEP.status.loading": "正在加载数据",
    "SWEEP.status.running": "训练中",
    "SWEEP.status.finished": "已完成",
    "SWEEP.status.stopped": "已停止",
    "SWEEP.status.failed": "失败",
    "SWEEP.status.diverged": "已发散",
    "SWEEP.finished": "完成：{message}。",
    "SWEEP.stopped": "已停止：{message}。",
    "SWEEP.failed": "这组实验失败了：{message}",
    "SWEEP.failures": "有些模型训练失败：{failures}",
    "SWEEP.idle": "选好设置后按**开始**：每个取值训练一个模型，依次进行，"
                  "使用相同的随机种子和网络结构。",
    "SWEEP.save_title": "保留一个模型",
    "SWEEP.save_which": "模型",
    "SWEEP.save_name": "在模型库中的名称",
    "SWEEP.save": "保存到模型库",
    "SWEEP.saved": "已保存为 {file}：现在可以在侧边栏的模型选择器中找到它。",
    "SWEEP.save_error": "无法保存：{error}",
    "SWEEP.save_os_error": "无法保存 {file}：{reason}",
    "SWEEP.not_saveable": "这个模型没有可保存的权重。",
    "SWEEP.msg_trained": "共训练了 {n} 个模型",
    "SWEEP.msg_failed": "；其中 {failed} 个失败",
    "SWEEP.msg_stopped": "{total} 个模型中已训练完 {done} 个",
    "SWEEP.msg_loading": "正在加载 {dataset}",
    # -- BETA ----------------------------------------------------------------------------------
    "BETA.title": "β 实验室",
    "BETA.intro": "β 是损失中 KL 项的权重：−ELBO_β = 重构 + β·KL（只有在 β = 1 时它才是 −ELBO）。"
                  "对每个 β 在相同的数据、随机种子和网络结构下各训练一个模型，"
                  "看看它们分别落在**率失真平面**（Alemi 等人 2018）"
                  "的什么位置：β 小则保留信息（码率高、重构清晰），β 大则把信息挤掉（码率低、"
                  "图像模糊、活跃的维度更少；在 *shapes* 数据集上编码往往也更加解耦）。",
    "BETA.tab_sweep": "β 扫描",
    "BETA.tab_schedules": "调度方式",
    "BETA.betas": "β 取值（用逗号分隔，最多 {max} 个）",
    "BETA.betas_help": "≥ 0 的数，例如 0.1, 0.5, 1, 2, 4, 8",
    "BETA.arch_help": "扫描中每个模型的网络结构：默认是 MLP 256-128，也就是训练页面和课程使用的"
                      "网络，所以这里的一次训练就是课程中的训练，数值也相同。MLP 128-64 训练长扫描"
                      "更快，但数值不同（β = 8 时它保留更多活跃单元）。",
    "BETA.lessons_note": "在 mnist-5k 上使用 {arch}、训练 {epochs} 轮时，这些就是课程自己的训练："
                         "它们计入第 6 课和第 7 课的任务。",
    "BETA.bad_betas": "无法读取 β 取值：{error}",
    "BETA.err_empty": "请至少输入一个数",
    "BETA.err_not_number": "{value} 不是一个数",
    "BETA.err_negative": "β 必须是 ≥ 0 的有限数",
    "BETA.err_repeated": "每个 β 只能出现一次",
    "BETA.err_too_many": "最多 {max} 个取值，实际输入了 {n} 个",
    "BETA.rd_title": "率失真平面",
    "BETA.rd_caption": "每个点是一个模型：码率 R = KL，失真 D = 重构项，单位都是每张测试图像的奈"
                       "特数。"
                       "灰色点线上 −ELBO = D + R 为常数（越靠左下越好）；穿过每个点的彩色短线段"
                       "斜率为 −β，β-VAE 的最优解正是在这里与前沿相切。**点击一个点**即可查看该模"
                       "型。",
    "BETA.selected": "已选中：**{label}** · −ELBO {elbo} · 重构 {recon} · KL {kl} 奈特 · "
                     "{k} 个单元中 {active} 个活跃",
    "BETA.recons": "测试图像（上）及由 μ 得到的重构（下）",
    "BETA.samples": "从先验中采样，z ~ N(0, I)",
    "BETA.traversal": "遍历 KL 最大的几个维度（各行：z{dims}；−3 … +3）",
    "BETA.no_traversal": "所有维度都已坍塌（后验坍塌，KL < 0.01 奈特）：没有可遍历的维度。",
    "BETA.kl_title": "每个维度的 KL",
    "BETA.mig_title": "每个因子的 MIG",
    "BETA.mig_caption": "MIG {score:.3f}。对每个因子：在所有潜变量与它的互信息中，"
                        "最大值减去第二大值，再除以该因子的熵（Chen 等人 2018）。"
                        "MIG 随随机种子波动很大：请比较它随 β 变化的趋势，而不是单个数值。",
    "BETA.no_mig": "MIG 需要真实的生成因子：选择 *shapes* 数据集才能测量它。",
    "BETA.not_measured": "这个模型的像素误差和 MIG 无法测量：{error}",
    "BETA.table": "全部模型",
    "BETA.not_plotted": "未画在平面上（没有有限的测试指标）：{labels}",
    "BETA.schedules": "调度方式",
    "BETA.schedules_intro": "用不同方式达到同一个 β：从一开始就**恒定**；**预热**（β 从 0 逐渐增"
                            "大，"
                            "Bowman 等人 2016）；**周期退火**（重复多次预热，Fu 等人 2019）；"
                            "**容量**（γ·|KL − C|，C 逐渐增大，Burgess 等人 2018）；"
                            "**自由比特**（每个潜变量维度低于 λ = {free_bits:g} 奈特时"
                            "不受 KL 压力，Kingma 等人 2016）。"
                            "观察 β 如何驱动 KL 散度。容量方式画在它自己的坐标轴上：它的 γ 不是 β，"
                            "它的目标 C(t) 以奈特为单位。β 很大时（试试 32，第 7 课），恒定方式会让"
                            "后验坍塌，自由比特则能挽救它。",
    "BETA.schedule_names.constant": "恒定",
    "BETA.schedule_names.warmup": "预热",
    "BETA.schedule_names.cyclical": "周期退火",
    "BETA.schedule_names.capacity": "容量",
    "BETA.schedule_names.free_bits": "自由比特",
    "BETA.schedule_beta": "β（容量方式下为 γ）",
    # -- LIKELIHOOD ----------------------------------------------------------------------------
    "LIKELIHOOD.title": "BCE 与 MSE",
    "LIKELIHOOD.intro": "重构项是所选解码器分布下的 −log p(x|z)。训练一组**只**在似然上不同的模型"
                        "（相同的随机种子、网络结构和数据），比较它们生成的结果。",
    "LIKELIHOOD.tab_compare": "似然",
    "LIKELIHOOD.tab_pitfalls": "陷阱",
    "LIKELIHOOD.tab_mistakes": "教程中的常见错误",
    "LIKELIHOOD.choose": "似然",
    "LIKELIHOOD.sigma": "固定 σ 高斯分布（MSE）的 σ",
    "LIKELIHOOD.sigma_help": "σ² = ½（σ ≈ 0.707）在相差一个常数的意义下对应求和的 MSE。σ 越小，"
                             "重构项的权重越大，效果类似于更小的 β。",
    "LIKELIHOOD.need_one": "请至少选择一种似然。",
    "LIKELIHOOD.curves": "可比较的数值（共用坐标轴）",
    "LIKELIHOOD.curves_caption": "像素 MSE 和像素 BCE 用同一把尺子衡量每个模型对测试图像"
                                 "的重构均值 decode(μ)（越低越好），而每轮的测试集 KL 对每种"
                                 "似然都是潜变量编码的奈特数：这些量可以共用一个坐标轴。",
    "LIKELIHOOD.own_nats": "每种似然自己的重构项，各占一个面板",
    "LIKELIHOOD.own_nats_caption": "每轮的 −log p(x|z)。每个面板都有自己的坐标轴：伯努利分布的奈特"
                                   "和高斯分布的奈特衡量的是不同的东西，不能相互比较。",
    "LIKELIHOOD.recon_panel": "{label}：−log p(x|z)（奈特）",
    "LIKELIHOOD.blur_note": "为什么高斯（MSE）模型看起来模糊？σ = {sigma:.2f} 时，它的损失"
                            "在相差一个常数的意义下是 ‖x − x̂‖² + 2σ²·KL：β = 2σ² = {beta:.2f}，"
                            "而每个像素的平方误差至多为 1，远小于 BCE 的奈特数。KL 的权重很大，"
                            "所以编码保留的细节很少：σ 的作用就像 β，σ 越小，重构的权重越大。",
    "LIKELIHOOD.try_sigma": "试试 σ = 0.1",
    "LIKELIHOOD.try_sigma_done": "σ 现在是 0.1（β ≡ 2σ² = 0.02）：按**开始**重新训练这些模型。",
    "LIKELIHOOD.cb_title": "连续伯努利分布，以及为什么灰度像素上的 BCE 不是似然",
    "LIKELIHOOD.cb_text": "伯努利（BCE）似然是 0 和 1 这两个取值上的分布。MNIST 的像素是 [0, 1] "
                          "中的灰度值：BCE 照样能训练，但此时 −x log x̂ − (1 − x) log(1 − x̂) "
                          "不是一个在 [0, 1] 上积分为 1 的密度的负对数，所以它的奈特数不是数据的"
                          "似然（对灰度像素，即使 x̂ = x 完全正确，得分也大于 0）。"
                          "**连续伯努利分布**（Loaiza-Ganem 与 Cunningham 2019）是同一条曲线乘上"
                          "归一化常数 C(λ) 后得到的 [0, 1] 上的真正密度：",
    "LIKELIHOOD.cb_text2": "C(λ) = 2 artanh(1 − 2λ) / (1 − 2λ)（λ = ½ 时为 2）。它的 −log p 在 BCE "
                           "的基础上每个像素再加上 −log C(λ)，所以它的奈特数是真正的似然（可以为"
                           "负：密度可以大于 1）。除 0、½ 和 1 之外，它的均值不等于 λ。在上方选择"
                           "*连续伯努利*即可比较。",
    "LIKELIHOOD.side_by_side": "并排比较",
    "LIKELIHOOD.recons": "重构",
    "LIKELIHOOD.errors": "每个像素的平方误差（测试集平均）",
    "LIKELIHOOD.samples": "先验样本",
    "LIKELIHOOD.numbers": "数值",
    "LIKELIHOOD.not_comparable": "对于不同的似然，−ELBO 和重构项的单位不同（伯努利分布给出"
                                 "离散取值的概率，高斯分布给出连续取值的密度，而且高斯的还取决于 "
                                 "σ）：**不要**在模型之间比较它们。重构均值的像素 MSE 和像素二元"
                                 "交叉熵、样本以及 KL 散度是可以比较的。",
    "LIKELIHOOD.sigma_title": "为什么 σ 的作用和 β 一样",
    "LIKELIHOOD.sigma_text": "固定 σ 的高斯解码器给出",
    "LIKELIHOOD.sigma_text2": "所以求和的 MSE 在相差一个常数的意义下就是 σ² = ½ 的高斯负对数似然。"
                              "把损失乘以 2σ²（这不改变最小值的位置）得到 ‖x − x̂‖² + 2σ²·KL：σ "
                              "在重构与 KL 之间的权衡作用与 β 完全相同，即 β ≡ 2σ²。可学习的 σ（"
                              "σ-VAE）则让数据自己来决定这个平衡。",
    "LIKELIHOOD.pitfalls_intro": "流行的教程里有两个错误，训练时不会报错。"
                                 "在 MNIST 手写数字（mnist-5k）上故意复现它们，"
                                 "并与正确的损失放在一起比较：",
    "LIKELIHOOD.pitfall_names.correct": "正确（对像素求和，KL 公式带前面的 −½）",
    "LIKELIHOOD.pitfall_names.mean_reduction": "重构对像素取平均（等效 β × 像素数）",
    "LIKELIHOOD.pitfall_names.kl_sign_bug": "KL 漏掉了负号",
    "LIKELIHOOD.pitfall_text.correct": "重构项对所有像素求和，KL = −½ Σ(1 + log σ² − μ² − σ²)。",
    "LIKELIHOOD.pitfall_text.mean_reduction": "重构项对 D 个像素**取平均**，而 KL 却对各维度求和："
                                              "等效 β 被乘以了 D（这里是 {pixels}）。KL "
                                              "项占了上风，每个维度都坍塌到先验上。后验坍塌："
                                              "对每个 x，q(z|x) 都等于先验。"
                                              "解码器对任何输入都输出平均图像："
                                              "重构模糊且千篇一律，活跃单元为 0。",
    "LIKELIHOOD.pitfall_text.kl_sign_bug": "KL 写成了**没有负号**的形式：损失反而*奖励* KL，"
                                           "于是优化器把 |μ| 推向极大的值，并把 σ² 从 1 "
                                           "往两个方向推开（趋向 0 或趋向 ∞）。KL 爆炸（出现 1e22 "
                                           "奈特这样的数），而训练照样“完成”；先验样本毫无意义，"
                                           "因为编码离 N(0, I) 十万八千里。",
    "LIKELIHOOD.what_you_see": "你会看到什么",
    "LIKELIHOOD.big_number": "这么大的数说明 KL 项发散了，而不是模型很好。",
    # -- COMPARE_TABLE -------------------------------------------------------------------------
    "COMPARE_TABLE.model": "模型",
    "COMPARE_TABLE.status": "状态",
    "COMPARE_TABLE.elbo": "−ELBO（奈特）",
    "COMPARE_TABLE.elbo_nc": "−ELBO（奈特，不可比较）",
    "COMPARE_TABLE.recon": "重构（奈特）",
    "COMPARE_TABLE.recon_nc": "重构（奈特，不可比较）",
    "COMPARE_TABLE.kl": "KL（奈特）",
    "COMPARE_TABLE.active": "活跃单元",
    "COMPARE_TABLE.active_kl": "每个活跃单元的 KL（奈特）",
    "COMPARE_TABLE.pixel_mse": "像素 MSE",
    "COMPARE_TABLE.pixel_bce": "像素二元交叉熵",
    "COMPARE_TABLE.eff_beta": "等效 β",
    "COMPARE_TABLE.mig": "MIG",
    "COMPARE_TABLE.not_measured": "未测量",
    # -- COMPARE_FIGURES -----------------------------------------------------------------------
    "COMPARE_FIGURES.rate": "码率 R = KL（奈特）",
    "COMPARE_FIGURES.distortion": "失真 D = 重构（奈特）",
    "COMPARE_FIGURES.models": "模型",
    "COMPARE_FIGURES.elbo_line": "−ELBO = {value:.4g}",
    "COMPARE_FIGURES.slope": "斜率 −β",
    "COMPARE_FIGURES.active": "活跃",
    "COMPARE_FIGURES.inactive": "已坍塌",
    "COMPARE_FIGURES.step": "步数",
    "COMPARE_FIGURES.epoch": "轮次",
    "COMPARE_FIGURES.beta": "β",
    "COMPARE_FIGURES.kl": "KL（奈特）",
    "COMPARE_FIGURES.mse": "平方误差",
    "COMPARE_FIGURES.hover_rd":
        "%{hovertext}<br>R = %{x:.2f} 奈特<br>D = %{y:.2f} 奈特<extra></extra>",
    "COMPARE_FIGURES.collapsed_label": "{labels}：已坍塌",
    "COMPARE_FIGURES.beta_rows": "每步的 β（恒定、预热、周期退火、自由比特）",
    "COMPARE_FIGURES.capacity_row": "容量方式：目标 C(t) 与它的 KL（奈特），γ 在右侧坐标轴",
    "COMPARE_FIGURES.kl_row": "每步的 KL（奈特），所有调度方式",
    "COMPARE_FIGURES.capacity_c": "容量方式：目标 C(t)",
    "COMPARE_FIGURES.capacity_kl": "容量方式：它的 KL",
    "COMPARE_FIGURES.gamma": "容量方式：γ",
    "COMPARE_FIGURES.gamma_axis": "γ",
    "COMPARE_FIGURES.nats": "奈特",
    "COMPARE_FIGURES.pixel_mse": "像素 MSE",
    "COMPARE_FIGURES.pixel_bce": "像素 BCE",
    "COMPARE_FIGURES.test_kl": "测试集 KL（奈特）",
    # -- MISTAKES ------------------------------------------------------------------------------
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
}
