"""简体中文 for the tables of ``strings.py`` beside this file; keys are
``"<TABLE>.<key>[.<subkey>]"``. Math symbols and ``{placeholders}`` stay exactly as in English;
the terms are the glossary's (``ui/shell/glossary.py``)."""

ZH = {
    "COND.page": "条件变分自编码器",
    "COND.title": "条件变分自编码器：指定要生成的数字",
    "COND.intro": "**条件变分自编码器**除了图像之外还会拿到标签：标签的独热向量同时接入编码器"
                  "的输入和解码器的 z，于是编码器是 q(z|x, y)，解码器是 p(x|z, y)。解码器已经"
                  "知道要画*哪个*数字，z 就不必再记住它：z 保存的是其余的部分，即**风格**（倾"
                  "斜、笔画粗细、大小）。你自己选定数字，再从先验中抽取 z 或者拖动它。",
    "COND.model": "条件模型",
    "COND.model_help": "这里只列出条件模型（其他模型在侧边栏）。可以在“训练”页打开“条件”训练"
                       "自己的模型，或在命令行运行 python -m vae_core train --conditional。",
    "COND.none": "这里还没有条件模型。请在“训练”页打开“条件”训练一个，或运行 python -m "
                 "vae_core train --conditional。",
    "COND.facts": "在 {dataset} 上训练：{labels} 个标签，{k} 维风格 z，测试集 −ELBO 为每张图像 "
                  "{elbo} 奈特。",
    "COND.drag_title": "选一个数字，拖动风格",
    "COND.drag_intro": "先选数字，再把指针移到风格 z 的平面上：指针下的图像**在你的浏览器里**"
                       "解码，不经过服务器。圆点是测试图像的风格（q(z|x, y) 的均值 μ，每张都用"
                       "自己的标签编码），按数字着色。与无条件 VAE 的潜在空间图不同，各种颜色混"
                       "在一起：风格并不透露它是哪个数字。",
    "COND.digit": "数字 y",
    "COND.decoded": "在指针处解码，画成你选的数字",
    "COND.nearest": "最近的测试风格：#{index}（一个 {label}）",
    "COND.hint": "移动指针或使用方向键：图像随之变化，在你的浏览器里解码",
    "COND.aria": "风格平面：移动指针或使用方向键",
    "COND.loading": "正在把模型载入页面…",
    "COND.sliders_note": "这个模型的风格 z 有 {k} 维：拖动滑块，图像会随之变化（在你的浏览器里"
                         "解码），画成你选的数字。",
    "COND.fallback": "这个模型含有浏览器内解码器无法运行的层（{layer}），所以只有下面几节对它"
                     "可用。",
    "COND.grid_title": "类比网格",
    "COND.grid_intro": "每一行取一张测试图像（最左边）的风格，把它写成 0 到 9 的每一个数字：一"
                       "个 z，十个标签。这就是 Kingma 等人 2014 年论文（用深度生成模型做半监督"
                       "学习）的图 1。",
    "COND.grid_rows": "行数（测试图像）",
    "COND.grid_seed": "选哪些测试图像（种子）",
    "COND.grid_caption": "最左边：测试图像。随后是它的风格 z = μ(x, y)，依次用标签 {labels} "
                         "解码。",
    "COND.draw_title": "画一个数字：把它的风格写成全部十个数字",
    "COND.draw_intro": "用鼠标或手指画。抬起时，画好的图会被缩小成模型的 {h}×{w} 输入（像 "
                       "MNIST 的数字那样放进中央 20/28 的区域并居中），然后发送给页面。编码器还"
                       "需要标签：由本应用的数字分类器识别，或者由你来选。然后你的风格会被写成每"
                       "一个数字。",
    "COND.draw_clear": "清除",
    "COND.draw_hint": "在这里画一个数字",
    "COND.draw_sent": "已发送；结果在下方。",
    "COND.draw_label": "把这幅画编码为",
    "COND.draw_auto": "分类器识别出的数字",
    "COND.draw_read": "分类器把你的画识别为 {label}（p = {p:.2f}）；按 {used} 编码。",
    "COND.draw_waiting": "你的画的风格会显示在这里。",
    "COND.draw_caption": "你的画的风格 z，依次用标签 {labels} 解码。",
    "COND.shares_title": "样本有多大比例正是所要求的数字？",
    "COND.shares_intro": "从先验 N(0, I) 中抽取 z，用标签 d 解码；然后由本应用的数字分类器（即"
                         "“为什么要变分？”页所用的那个，在本数据集的训练图像上拟合）判断：只有当"
                         "它至少有 90% 的把握（p ≥ 0.9）时，才把图像算作某个数字。无条件 VAE "
                         "无法指定数字：在它的先验样本中，分类器判为某个数字 d 的比例最多约为十"
                         "分之一。",
    "COND.shares_n": "条件模型每个标签 {n:,} 个样本，{baseline} 共 {m:,} 个先验样本。",
    "COND.no_baseline": "没有找到同一数据集上的无条件模型来对比。",
    "COND.col_label": "标签 d",
    "COND.col_cond": "条件模型：要求 d，判为 d",
    "COND.col_uncond": "无条件模型：判为 d",
    "COND.row_all": "全部标签",
    "COND.shares_summary": "指定一个数字时，条件模型平均有 {cond:.0%} 的样本正是这个数字。无条"
                           "件模型的先验样本中，有 {any:.0%} 以 p ≥ 0.9 被判为某个数字，而被判为"
                           "某一个指定数字的只有 {low:.0%} 到 {high:.0%}：想得到某个特定数字，"
                           "大约要抽取 {ratio:.0f} 倍的样本，再丢掉其余的。",
    "COND.no_classifier": "这个数据集只有一个标签：没有可用来测量的分类器。",
    "COND.figure_x": "标签 d",
    "COND.figure_y": "被判为 d 的样本比例（p ≥ 0.9）",
    "COND.legend_cond": "条件模型",
    "COND.legend_uncond": "无条件模型",
}
