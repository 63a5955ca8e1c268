"""简体中文 for the tables of ``strings.py`` beside this file; keys are
``"<TABLE>.<key>[.<subkey>]"``. Math symbols and ``{placeholders}`` stay exactly as in English;
the terms are the glossary's (``ui/shell/glossary.py``)."""

ZH = {
    # -- HOME ----------------------------------------------------------------------------------
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
    "HOME.prior_instead": "改为展示一个从先验中采样的结果。",
    "HOME.prior_sample": "解码的先验样本 z ~ N(0, I)",
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
    # -- GLOSSARY ------------------------------------------------------------------------------
    "GLOSSARY.title": "术语表：英文 ⇄ 中文",
    "GLOSSARY.intro": "本应用对每个概念只用一个术语，中英文对照如下。别的资料可能用第三列中的写法"
                      "，指的是同一个概念。",
    "GLOSSARY.columns.en": "英文",
    "GLOSSARY.columns.zh": "中文",
    "GLOSSARY.columns.variants": "其他写法",
    "GLOSSARY.columns.note": "含义",
}
