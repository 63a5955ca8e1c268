"""简体中文 for the tables of ``strings.py`` beside this file; keys are
``"<TABLE>.<key>[.<subkey>]"``. Math symbols and ``{placeholders}`` stay exactly as in English;
the terms are the glossary's (``ui/shell/glossary.py``)."""

ZH = {
    # -- MODELS --------------------------------------------------------------------------------
    "MODELS.title": "模型库",
    "MODELS.intro": "应用已知的所有模型：随应用提供的预训练模型 📦、本次会话中训练的模型、"
                    "保存在本服务器上的模型以及上传的模型。"
                    "选择一个模型来管理它，在测试集上评估它，比较多个模型，"
                    "并用它找出不寻常的图像。",
    "MODELS.tab_library": "模型库",
    "MODELS.tab_evaluate": "评估与比较",
    "MODELS.tab_anomaly": "异常检测",
    "MODELS.data_hint": "从 pytorch/examples 导入的模型是在 MNIST 上训练的。请把四个 MNIST 文件"
                        "（`train-images-idx3-ubyte`、`train-labels-idx1-ubyte`、"
                        "`t10k-images-idx3-ubyte`、`t10k-labels-idx1-ubyte`，"
                        "也可以是 `.gz` 压缩版）"
                        "放进上面提到的文件夹，或把 `$VAE_LAB_DATA_DIR` 设为一个包含 `MNIST/raw/` "
                        "的文件夹，然后重新加载页面。",
    # -- LIBRARY_PAGE --------------------------------------------------------------------------
    "LIBRARY_PAGE.columns.name": "名称",
    "LIBRARY_PAGE.columns.source": "来源",
    "LIBRARY_PAGE.columns.dataset": "数据集",
    "LIBRARY_PAGE.columns.arch": "网络结构",
    "LIBRARY_PAGE.columns.recon": "似然",
    "LIBRARY_PAGE.columns.beta": "β",
    "LIBRARY_PAGE.columns.latent_dim": "K",
    "LIBRARY_PAGE.columns.schedule": "β 调度方式",
    "LIBRARY_PAGE.columns.test_elbo": "测试集 −ELBO",
    "LIBRARY_PAGE.columns.eval_elbo": "评估所得 −ELBO",
    "LIBRARY_PAGE.columns.iwae": "IWAE NLL",
    "LIBRARY_PAGE.columns.size": "文件大小（kB）",
    "LIBRARY_PAGE.sources.session": "🧪 本次会话",
    "LIBRARY_PAGE.sources.library": "💾 模型库",
    "LIBRARY_PAGE.sources.asset": "📦 预训练",
    "LIBRARY_PAGE.manage": "要管理的模型",
    "LIBRARY_PAGE.manage_help": "选择一个模型；**在应用中使用**会在侧边栏的模型选择器中选中它，"
                       "供所有页面使用。",
    "LIBRARY_PAGE.open_conditional": "在条件变分自编码器页面打开",
    "LIBRARY_PAGE.load": "在应用中使用",
    "LIBRARY_PAGE.loaded": "{name} 现在是当前选中的模型。",
    "LIBRARY_PAGE.rename_title": "重命名或删除",
    "LIBRARY_PAGE.read_only": "{name} 属于“{source}”：只有保存在模型库中的模型才能重命名或删除。"
                     "请先把会话模型保存到模型库。",
    "LIBRARY_PAGE.yours": "由本会话保存：在关闭或重新加载这个标签页之前，"
                          "你可以在这里重命名或删除它。",
    "LIBRARY_PAGE.others": "由另一个会话保存：只有那个会话才能重命名或删除这个模型。",
    "LIBRARY_PAGE.unowned": "只有服务器管理员才能重命名或删除这个模型（它没有所有者）。",
    "LIBRARY_PAGE.new_name": "新名称",
    "LIBRARY_PAGE.rename": "重命名",
    "LIBRARY_PAGE.renamed": "已重命名为 {name}（{file}）。",
    "LIBRARY_PAGE.rename_error": "未重命名：{error}",
    "LIBRARY_PAGE.confirm_delete": "是的，永久删除 {file}",
    "LIBRARY_PAGE.delete": "删除",
    "LIBRARY_PAGE.deleted": "已删除 {file}。",
    "LIBRARY_PAGE.delete_error": "未删除：{error}",
    "LIBRARY_PAGE.limits":
        "限制：上传文件最大 {upload} MB；模型文件最大 {model} MiB，文件头最大 {header} "
        "MiB。`.pt` 文件必须是 `torch.save` 写出的未压缩 zip（最多 {members} 个成员）。"
        "压缩过的归档（可能是 zip 炸弹）、旧格式的 pickle 文件，"
        "以及张量以外的任何内容都会被拒绝；pickle 数据只经由 "
        "`torch.load(weights_only=True)` 读取，绝不以其他方式还原。",
    # -- EVAL ----------------------------------------------------------------------------------
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
    "EVAL.busy": "服务器正忙：{limit} 个训练名额中已有 {running} 个在用，"
                 "而评估和训练一样要占用一个名额。请一分钟后再试。",
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
    # -- ANOMALY_SCORES ------------------------------------------------------------------------
    "ANOMALY_SCORES.title": "异常检测",
    "ANOMALY_SCORES.intro": "训练好的 VAE 给典型图像的 −ELBO 较低。如果一张图像重构得很差，"
                  "或者只能编码到远离先验的地方，它就要花掉很多奈特；所以不需要任何标签，"
                  "−ELBO 本身就能当作异常分数。但要当心：似然模型给出的分数，既反映图像有多"
                  "*典型*，也反映它有多*简单*，所以有些分布外的数据在模型看来反而比它自己的"
                  "数据更可能出现（Nalisnick 等人 2019）。",
    "ANOMALY_SCORES.samples": "每个分数使用的后验样本数",
    "ANOMALY_SCORES.typical": "最典型的 8 张测试图像（−ELBO 最低）",
    "ANOMALY_SCORES.odd": "最不典型的 8 张测试图像（−ELBO 最高）",
    "ANOMALY_SCORES.scores": "−ELBO：{scores}",
    "ANOMALY_SCORES.hist_title": "{n:,} 张测试图像的 −ELBO",
    "ANOMALY_SCORES.ood_title": "分布外（OOD）测试",
    "ANOMALY_SCORES.ood": "第二个数据集，作为离群样本打分",
    "ANOMALY_SCORES.ood_help": "缩放到模型的输入尺寸。只提供可离线使用的数据集。",
    "ANOMALY_SCORES.ood_labels.none": "无",
    "ANOMALY_SCORES.ood_labels.mnist-5k": "mnist-5k（28×28 手写数字）",
    "ANOMALY_SCORES.ood_labels.digits": "digits（8×8 手写数字）",
    "ANOMALY_SCORES.ood_labels.shapes": "shapes（生成的图形）",
    "ANOMALY_SCORES.ood_labels.noise": "均匀噪声",
    "ANOMALY_SCORES.auc": "ROC 曲线下面积 AUC",
    "ANOMALY_SCORES.auc_help":
        "随机取一个离群样本，其分数高于随机取一张测试图像的概率：1 = 完全分开，"
        "0.5 = 随机水平，低于 0.5 = 模型认为离群样本*更*可能出现。",
    "ANOMALY_SCORES.auc_low": "AUC 低于 0.5：模型认为这些离群样本比它自己的测试图像*更*可能出现，"
                    "这正是 Nalisnick 等人所描述的失效情形。",
    "ANOMALY_SCORES.ood_typical": "模型认为最典型的 8 个离群样本",
    "ANOMALY_SCORES.in_label": "测试图像（{name}）",
    "ANOMALY_SCORES.out_label": "离群样本（{name}）",
    "ANOMALY_SCORES.same": "这是模型自己的数据集；请选择另一个。",
    "ANOMALY_SCORES.ood_error": "无法为 {name} 打分：{error}",
    # -- LIBRARY_FIGURES -----------------------------------------------------------------------
    "LIBRARY_FIGURES.kl_title": "每个潜变量维度的 KL 散度（测试集平均）",
    "LIBRARY_FIGURES.score": "−ELBO（奈特）",
    "LIBRARY_FIGURES.count": "密度",
    "LIBRARY_FIGURES.fpr": "假阳性率",
    "LIBRARY_FIGURES.tpr": "真阳性率",
    "LIBRARY_FIGURES.roc": "ROC（AUC = {auc:.3f}）",
    "LIBRARY_FIGURES.chance": "随机水平",
}
