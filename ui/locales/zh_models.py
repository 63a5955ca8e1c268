"""简体中文 for the tables of ``ui/text_models.py`` (the Models page: library, evaluation,
comparison, anomaly detection); keys are ``"<TABLE>.<key>[.<subkey>]"``. Vocabulary:
``ui/locales/glossary.py`` (证据下界 ELBO, 重构, KL 散度, 潜变量, 近似后验, 活跃单元, 奈特),
重要性加权 IWAE, 异常检测, 分布外 OOD, ROC 曲线下面积 AUC. Math symbols and
``{placeholders}`` stay exactly as in English.
"""

ZH = {
    # -- MODELS ---------------------------------------------------------------------------
    "MODELS.title": "模型库",
    "MODELS.intro": "应用已知的所有模型：随应用提供的预训练模型 📦、本次会话中训练的模型、"
                    "保存在本服务器上的模型（文件夹 `{folder}`）以及上传的模型。"
                    "选择一个模型来管理它，在测试集上评估它，比较多个模型，"
                    "并用它找出不寻常的图像。",
    "MODELS.tab_library": "模型库",
    "MODELS.tab_evaluate": "评估与比较",
    "MODELS.tab_anomaly": "异常检测",
    "MODELS.no_model": "请先选择或训练一个模型：侧边栏列出了应用已知的所有模型。",
    "MODELS.data_error": "此处无法获得该模型的测试数据，因此无法评估：{error}",
    "MODELS.data_hint": "从 pytorch/examples 导入的模型是在 MNIST 上训练的。请把四个 MNIST 文件"
                        "（`train-images-idx3-ubyte`、`train-labels-idx1-ubyte`、"
                        "`t10k-images-idx3-ubyte`、`t10k-labels-idx1-ubyte`，"
                        "也可以是 `.gz` 压缩版）"
                        "放进上面提到的文件夹，或把 `$VAE_LAB_DATA_DIR` 设为一个包含 `MNIST/raw/` "
                        "的文件夹，然后重新加载页面。",
    "MODELS.shape_mismatch": "该模型接受尺寸为 {model} 的图像，但 {dataset} 的图像尺寸是 {data}。",
    # -- LIB ------------------------------------------------------------------------------
    "LIB.columns.name": "名称",
    "LIB.columns.source": "来源",
    "LIB.columns.dataset": "数据集",
    "LIB.columns.arch": "网络结构",
    "LIB.columns.recon": "似然",
    "LIB.columns.beta": "β",
    "LIB.columns.latent_dim": "K",
    "LIB.columns.schedule": "β 调度方式",
    "LIB.columns.test_elbo": "测试集 −ELBO",
    "LIB.columns.eval_elbo": "评估所得 −ELBO",
    "LIB.columns.iwae": "IWAE NLL",
    "LIB.columns.size": "文件大小（kB）",
    "LIB.sources.session": "🧪 本次会话",
    "LIB.sources.library": "💾 模型库",
    "LIB.sources.asset": "📦 预训练",
    "LIB.manage": "要管理的模型",
    "LIB.manage_help": "选择一个模型；**在应用中使用**会在侧边栏的模型选择器中选中它，"
                       "供所有页面使用。",
    "LIB.load": "在应用中使用",
    "LIB.loaded": "{name} 现在是当前选中的模型。",
    "LIB.rename_title": "重命名或删除",
    "LIB.read_only": "{name} 属于“{source}”：只有保存在模型库中的模型才能重命名或删除。"
                     "请先把会话模型保存到模型库。",
    "LIB.new_name": "新名称",
    "LIB.rename": "重命名",
    "LIB.renamed": "已重命名为 {name}（{file}）。",
    "LIB.rename_error": "未重命名：{error}",
    "LIB.confirm_delete": "是的，永久删除 {file}",
    "LIB.delete": "删除",
    "LIB.deleted": "已删除 {file}。",
    "LIB.delete_error": "未删除：{error}",
    "LIB.not_library": "{file} 不是模型库中的文件；只有保存在模型库中的模型才能重命名或删除"
                       "（预训练模型是只读的）",
    "LIB.assets_read_only": "预训练模型是只读的",
    "LIB.gone": "{file} 已不在模型库中",
    "LIB.odd_name": "{file}：已跳过，其文件名不是有效的 UTF-8 或含有控制字符；"
                    "请在服务器上重命名该文件",
    "LIB.not_regular": "{file}：已跳过，不是普通文件",
    "LIB.no_upload_name": "上传的文件没有名称",
    "LIB.bad_upload_name": "{file} 不是普通的文件名（不能含文件夹、“..”、“:” 或控制字符，"
                           "最多 {max} 个字符）；请重命名该文件后重新上传",
    "LIB.limits": "限制：上传文件最大 {upload} MB；模型文件最大 {model} MiB，文件头最大 {header} "
                  "MiB。`.pt` 文件必须是 `torch.save` 写出的未压缩 zip（最多 {members} 个成员）。"
                  "压缩过的归档（可能是 zip 炸弹）、旧格式的 pickle 文件，"
                  "以及张量以外的任何内容都会被拒绝；pickle 数据只经由 "
                  "`torch.load(weights_only=True)` 读取，绝不以其他方式还原。",
    # -- EVAL -----------------------------------------------------------------------------
    "EVAL.title": "在测试集上评估",
    "EVAL.intro": "−ELBO = 重构 + KL，单位为每张图像的奈特数，对整个测试集取平均（每张图像取一个"
                  "后验样本）。重要性加权界（IWAE，Burda 等人 2016）在对数内部对 k 个样本取平均："
                  "它是 log p(x) 的一个下界，且 ≥ ELBO；由它得到的负对数似然（NLL）估计因此 "
                  "≤ −ELBO，并随着 k 增大从上方逼近真实的 −log p(x)。",
    "EVAL.k": "IWAE 样本数 k",
    "EVAL.k_help": "1 … {cap:,}（文献中常用 k = 5000）。计算量随 k × n 增长，"
                   "本服务器每次评估最多允许 {budget:,} 个重要性样本。",
    "EVAL.over_budget": "k × n = {kn:,} 个重要性样本，超过了本服务器每次评估 {budget:,} 个的上限"
                        "（会占用一个 CPU 核心好几分钟）；请减小 k 或 n。",
    "EVAL.n": "用于 IWAE 的图像数",
    "EVAL.n_help": "取前 n 张测试图像（共 {total:,} 张）。ELBO、KL 和活跃单元始终使用整个测试集。",
    "EVAL.run": "评估",
    "EVAL.progress": "在 {n:,} 张图像上计算 IWAE，k = {k:,}：{done:,} / {n:,}",
    "EVAL.done": "评估用时 {seconds:.1f} 秒。",
    "EVAL.not_yet": "按下**评估**，计算这些设置下的各项数值。",
    "EVAL.elbo": "−ELBO",
    "EVAL.recon": "重构",
    "EVAL.kl": "KL",
    "EVAL.au": "活跃单元",
    "EVAL.au_help": "Burda 等人 2016：若 Cov_x(E_q[z_u]) > 0.01，则单元 u 为活跃单元。",
    "EVAL.iwae": "IWAE NLL（k = {k:,}）",
    "EVAL.iwae_gap": "在同样的 {n:,} 张图像上，−ELBO − IWAE = {gap:.2f} 奈特"
                     "（即 k 个样本所收回的下界松弛量）。",
    "EVAL.nats": "{value:.2f} 奈特",
    "EVAL.mig": "MIG（shapes 的生成因子）",
    "EVAL.mig_help": "互信息间隙（Chen 等人 2018）：对每个因子，在所有潜变量与它的互信息中，"
                     "取最大值减去第二大值，再除以该因子的熵。0 = 相互纠缠，1 = "
                     "每个因子只由一个潜变量表示。",
    "EVAL.mig_title": "各真实因子的 MIG：总体 {score:.3f}",
    "EVAL.mig_error": "无法为这个模型测量 MIG：{error}",
    "EVAL.compare": "比较模型",
    "EVAL.compare_help": "选择两个或更多模型；数值使用上面的 k 和 n。"
                         "尚未评估的模型会在按下按钮时评估。",
    "EVAL.compare_run": "评估所比较的模型",
    "EVAL.compare_missing": "其中有 {count} 个模型还没有 k = {k:,}、n = {n:,} 时的数值。",
    "EVAL.compare_skipped": "{name}：{error}",
    "EVAL.col_model": "模型",
    "EVAL.col_dataset": "数据集",
    "EVAL.col_elbo": "−ELBO",
    "EVAL.col_recon": "重构",
    "EVAL.col_kl": "KL",
    "EVAL.col_au": "活跃单元",
    "EVAL.col_iwae": "IWAE NLL",
    "EVAL.col_mig": "MIG",
    "EVAL.compare_note": "只在数据集和似然都相同的模型之间比较 −ELBO 和 NLL："
                         "高斯解码器和伯努利解码器衡量的是不同的东西。",
    # -- ANOM -----------------------------------------------------------------------------
    "ANOM.title": "异常检测",
    "ANOM.intro": "训练好的 VAE 给典型图像的 −ELBO 较低。如果一张图像重构得很差，"
                  "或者只能编码到远离先验的地方，它就要花掉很多奈特；所以不需要任何标签，"
                  "−ELBO 本身就能当作异常分数。但要当心：似然模型给出的分数，既反映图像有多"
                  "*典型*，也反映它有多*简单*，所以有些分布外的数据在模型看来反而比它自己的"
                  "数据更可能出现（Nalisnick 等人 2019）。",
    "ANOM.samples": "每个分数使用的后验样本数",
    "ANOM.typical": "最典型的 8 张测试图像（−ELBO 最低）",
    "ANOM.odd": "最不典型的 8 张测试图像（−ELBO 最高）",
    "ANOM.scores": "−ELBO：{scores}",
    "ANOM.hist_title": "{n:,} 张测试图像的 −ELBO",
    "ANOM.ood_title": "分布外（OOD）测试",
    "ANOM.ood": "第二个数据集，作为离群样本打分",
    "ANOM.ood_help": "缩放到模型的输入尺寸。只提供可离线使用的数据集。",
    "ANOM.ood_labels.none": "无",
    "ANOM.ood_labels.mnist-5k": "mnist-5k（28×28 手写数字）",
    "ANOM.ood_labels.digits": "digits（8×8 手写数字）",
    "ANOM.ood_labels.shapes": "shapes（生成的图形）",
    "ANOM.ood_labels.noise": "均匀噪声",
    "ANOM.auc": "ROC 曲线下面积 AUC",
    "ANOM.auc_help": "随机取一个离群样本，其分数高于随机取一张测试图像的概率：1 = 完全分开，"
                     "0.5 = 随机水平，低于 0.5 = 模型认为离群样本*更*可能出现。",
    "ANOM.auc_low": "AUC 低于 0.5：模型认为这些离群样本比它自己的测试图像*更*可能出现，"
                    "这正是 Nalisnick 等人所描述的失效情形。",
    "ANOM.ood_typical": "模型认为最典型的 8 个离群样本",
    "ANOM.in_label": "测试图像（{name}）",
    "ANOM.out_label": "离群样本（{name}）",
    "ANOM.same": "这是模型自己的数据集；请选择另一个。",
    "ANOM.ood_error": "无法为 {name} 打分：{error}",
    # -- FIGM -----------------------------------------------------------------------------
    "FIGM.kl_title": "每个潜变量维度的 KL 散度（测试集平均）",
    "FIGM.score": "−ELBO（奈特）",
    "FIGM.count": "密度",
    "FIGM.fpr": "假阳性率",
    "FIGM.tpr": "真阳性率",
    "FIGM.roc": "ROC（AUC = {auc:.3f}）",
    "FIGM.chance": "随机水平",
    # -- CKPT: why a model file was refused ------------------------------------------------
    "CKPT.read_failed": "无法读取 {file}：{reason}",
    "CKPT.too_large": "文件太大，不像检查点（{mib:.0f} MiB > {limit_mib:.0f} MiB）",
    "CKPT.too_short": "不是检查点：只有 {size} 字节（safetensors 文件以 8 字节的头部长度开始）",
    "CKPT.looks_like_pt": "这看起来是 PyTorch 的 .pt/.pth 文件（pickle），而不是 VAE Lab 的 "
                          "safetensors 检查点；请用 pytorch/examples 导入",
    "CKPT.header_too_long": "不是检查点：头部长度 {n:,} 字节不合理（上限 {limit:,}）",
    "CKPT.header_truncated": "文件不完整：头部声明 {n:,} 字节，之后只有 {have:,} 字节",
    "CKPT.header_not_json": "不是检查点：safetensors 头部不是 UTF-8 编码的 JSON 对象",
    "CKPT.no_metadata": "不是 VAE Lab 检查点：safetensors 头部中没有 {key!r} 元数据",
    "CKPT.metadata_not_strings": "safetensors 头部有误：元数据的值必须是字符串",
    "CKPT.metadata_not_json": "{key!r} 元数据有误：不是 JSON 对象",
    "CKPT.metadata_too_large": "检查点元数据过大（{n:,} 个字符）",
    "CKPT.unsupported_format": "不支持的检查点格式 {found!r}（此版本读取 {expected!r}）",
    "CKPT.unknown_keys": "{key!r} 元数据有误：未知的键 {keys}",
    "CKPT.bad_name": "检查点名称有误：必须是不超过 {limit} 个字符的字符串",
    "CKPT.bad_summary": "检查点摘要有误：{where} 必须是纯 JSON（数字、字符串、列表、对象）",
    "CKPT.bad_config": "检查点中的 {section} 有误：{error}",
    "CKPT.cannot_build": "无法按 model_cfg 构建模型：{error}",
    "CKPT.tensor_names": "张量与模型配置不符：缺少 {missing}；多出 {unexpected}",
    "CKPT.tensor_entry": "张量 {tensor!r} 的头部条目有误",
    "CKPT.tensor_not_dense": "张量 {tensor!r} 不是稠密张量",
    "CKPT.tensor_dtype": "张量 {tensor!r} 的数据类型是 {dtype}，应为 float32",
    "CKPT.tensor_shape": "张量 {tensor!r} 的形状是 {shape}，应为 {expected}",
    "CKPT.tensor_not_finite": "张量 {tensor!r} 含有 NaN 或无穷大的值",
    "CKPT.tensor_offsets": "张量 {tensor!r} 的数据偏移 {offsets} 有误",
    "CKPT.offsets_overlap": "数据偏移有误：张量之间重叠或留有空隙",
    "CKPT.data_truncated": "文件不完整：头部需要 {expected:,} 字节的张量数据，"
                           "文件只有 {have:,} 字节",
    "CKPT.data_trailing": "张量之后还有多余的字节：头部需要 {expected:,} 字节的张量数据，"
                          "文件有 {have:,} 字节",
    "CKPT.corrupt_data": "safetensors 数据已损坏：{error}",
    "CKPT.weights_misfit": "权重与模型不匹配：{error}",
    "CKPT.pt_unsafe_call": "已拒绝不安全的 .pt 文件：其 pickle 会调用 {name}；只导入由张量组成的"
                           "普通 state_dict",
    "CKPT.pt_unsafe": "已拒绝不安全的 .pt 文件：其 pickle 中不只有张量；只导入由张量组成的"
                      "普通 state_dict",
    "CKPT.pt_unloadable": "不是可加载的 PyTorch state_dict：{error}",
    "CKPT.pt_not_dict": "应为 state_dict（由张量组成的字典），实际是 {type}",
    "CKPT.pt_keys_not_strings": "应为 state_dict：键必须是字符串",
    "CKPT.pt_training_dict": "这是训练用的检查点字典；请只保存 model.state_dict()",
    "CKPT.pt_too_many_members": "已拒绝成员超过 {limit} 个的 .pt 压缩包（pytorch/examples 的 "
                                "state_dict 约有 15 个）",
    "CKPT.pt_not_zip": "不是可加载的 PyTorch state_dict：应为 torch.save 写出的 zip 格式"
                       "（torch ≥ 1.6）",
    "CKPT.pt_is_vae_lab": "这是 VAE Lab 检查点；请用 load_checkpoint 打开，而不是 pytorch/examples "
                          "导入",
    "CKPT.pt_compressed": "已拒绝压缩过的 .pt 压缩包：{member} 会膨胀 {ratio:,.0f} 倍，达到 "
                          "{size:,} 字节（压缩炸弹？）；torch.save 从不压缩",
    "CKPT.pt_members_oversize": "已拒绝该 .pt 压缩包：其成员声称共 {total:,} 字节，超过文件本身的 "
                                "{size:,} 字节（压缩炸弹或损坏的压缩包）",
    "CKPT.pt_not_one_folder": "不是 torch.save 压缩包：其成员不都在同一个顶层文件夹下"
                              "（嵌套的或手工制作的 zip？）",
    "CKPT.pt_no_pickle": "不是 torch.save 压缩包：里面没有 {prefix}/data.pkl",
    "CKPT.pt_pickle_too_large": "已拒绝该 .pt 压缩包：其 pickle 有 {size:,} 字节（state_dict 的 "
                                "pickle 只有几 KB；上限 {limit:,}）",
}
