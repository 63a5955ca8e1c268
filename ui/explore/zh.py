"""简体中文 for the tables of ``strings.py`` beside this file; keys are
``"<TABLE>.<key>[.<subkey>]"``. Math symbols and ``{placeholders}`` stay exactly as in English;
the terms are the glossary's (``ui/shell/glossary.py``)."""

ZH = {
    # -- EXPLORE -------------------------------------------------------------------------------
    "EXPLORE.group": "探索",
    "EXPLORE.page_map": "潜在空间地图",
    "EXPLORE.page_traverse": "遍历",
    # -- MAP -----------------------------------------------------------------------------------
    "MAP.title": "潜在空间地图",
    "MAP.intro": "每张测试图像都被编码为其后验 q(z|x) 的均值 μ；这里把这些均值画在二维平面上。"
                 "**点击一个点**，可以查看这张图像、它的重构以及它的 μ/σ；"
                 "**再点击第二个点**，可以沿着两者之间的潜在空间路径走一遍。",
    "MAP.settings": "地图设置",
    "MAP.subset": "要编码的测试图像数",
    "MAP.subset_help": "测试集的一个随机子集（无论取多少，都是同一个随机排列的前若干张），"
                       "最多 {cap:,} 张。",
    "MAP.subset_note": "共 {total:,} 张测试图像中的 {n:,} 张，已编码到模型的潜在空间中"
                       "（K = {k}）。",
    "MAP.projection": "投影方式",
    "MAP.proj_labels.raw": "原始坐标轴",
    "MAP.proj_labels.pca": "PCA",
    "MAP.proj_labels.tsne": "t-SNE",
    "MAP.axis_x": "x 轴",
    "MAP.axis_y": "y 轴",
    "MAP.perplexity": "困惑度",
    "MAP.perplexity_help": "大致相当于每个点要保持靠近的邻居数（必须小于点的总数）。",
    "MAP.iterations": "迭代次数",
    "MAP.tsne_running": "正在对 {n:,} 个点运行 t-SNE……",
    "MAP.tsne_done": "t-SNE 完成：{n:,} 个点，用时 {seconds:.1f} 秒（{backend}，KL {kl:.3f}）",
    "MAP.tsne_error": "在这些设置下无法运行 t-SNE：{error}",
    "MAP.tsne_note": "t-SNE 保留的是邻域关系，而不是距离：簇的大小以及簇之间的间隔几乎没有意义；"
                     "而且它没有逆变换，所以空白处无法被解码。",
    "MAP.pca_variance": "PCA：两个坐标轴解释了 μ 的方差的 {pc1:.0%} + {pc2:.0%} = {total:.0%}。",
    "MAP.two_d_note": "这个模型有 K = {k} 个潜变量维度，所以它的任何地图都只是一个切片或投影。"
                      "二维模型的平面就是它的整个潜在空间：",
    "MAP.two_d_button": "打开二维模型",
    "MAP.raw_note": "原始坐标轴 z{x} 和 z{y}；其余 {rest} 个维度未显示。",
    "MAP.color_by": "着色依据",
    "MAP.class": "类别",
    "MAP.ellipses": "在先验的等高线上显示 μ ± σ 椭圆",
    "MAP.ellipses_help": "每个点的后验 q(z|x) 都是一个高斯分布：这里画出它的 1σ 椭圆。"
                         "虚线圆是先验 N(0, I) 的 1、2、3 σ 等高线。",
    "MAP.picked_title": "点击的点",
    "MAP.pick_hint": "在地图上点击一个点，它的图像会显示在这里；再点击第二个点，可以看到两者之间"
                     "的插值。",
    "MAP.original": "测试图像 #{index}（{label}）",
    "MAP.recon": "重构（解码 μ）",
    "MAP.mu_sigma": "每个潜变量维度上的 μ ± σ",
    "MAP.pair_title": "从 #{a} 到 #{b}",
    "MAP.lerp": "线性插值（沿直线）",
    "MAP.slerp": "球面线性插值（沿大圆：保持范数，也就是先验的概率质量所在之处）",
    "MAP.clear": "清除点击的点",
    "MAP.decode_title": "解码任意位置",
    "MAP.decode_intro": "在地图空白处的点击传不到应用里，所以请在这里输入那个位置的坐标："
                        "应用会解码它在潜在空间中对应的点。",
    "MAP.decode_pca": "PCA 坐标通过逆变换映射回潜在空间（得到主平面上的那个点）。",
    "MAP.decode_raw": "其余潜变量维度保持为 0，即先验的均值。",
    "MAP.decode_intro_plane": "在上方平面上点击会把该位置填到这里（也可以直接输入）："
                              "它在潜在空间中的点由服务器解码。",
    "MAP.decode_base": "其余潜变量维度保持在平面所固定的值。",
    "MAP.decode_x": "x",
    "MAP.decode_y": "y",
    "MAP.decoded": "在 ({x:.2f}, {y:.2f}) 处解码",
    "MAP.manifold_title": "解码后的二维潜在空间平面",
    "MAP.manifold_caption": "在逆累积分布函数网格上解码整个二维潜在空间平面"
                            "（相邻格点之间的先验概率质量相等，Kingma & Welling 2014，图 4）；"
                            "z₁ 从左到右取 {lo:.2f} 到 {hi:.2f}，z₂ 从下到上。",
    "MAP.manifold_size": "网格大小",
    "MAP.aggregate_title": "聚合后验与先验",
    "MAP.aggregate_caption": "逐维比较：所有点的后验混合在一起的密度（聚合后验 q(z)）与先验 N(0, "
                             "1)。"
                             "两者不一致的地方，从先验采样的点会落在没有任何数据被编码到的区域。",
    # -- TRAVERSE ------------------------------------------------------------------------------
    "TRAVERSE.title": "遍历潜在空间",
    "TRAVERSE.intro": "一次只移动一个潜变量维度，观察解码出的图像如何变化。"
                      "各维度按其 KL 散度（即它携带的信息量）排序；**坍塌**的维度几乎不会带来"
                      "任何变化：它们不是活跃单元（它们的均值 μ 几乎不随图像变化，"
                      "Cov_x E[z] ≤ 0.01，与本应用中所有活跃单元计数使用的规则相同），"
                      "哪怕还显示出一点 KL。",
    "TRAVERSE.start": "起点",
    "TRAVERSE.start_labels.zero": "原点 z = 0（先验的均值）",
    "TRAVERSE.start_labels.prior": "一个随机的先验样本",
    "TRAVERSE.start_labels.image": "一张测试图像的 μ",
    "TRAVERSE.resample": "重新随机采样",
    "TRAVERSE.seed_note": "先验样本的随机种子 {seed}",
    "TRAVERSE.image_index": "测试图像编号",
    "TRAVERSE.sliders": "潜变量滑块",
    "TRAVERSE.slider_label": "z{dim} · KL {kl:.2f}",
    "TRAVERSE.slider_collapsed": "z{dim} · KL {kl:.2f} · 已坍塌",
    "TRAVERSE.decoded": "解码出的图像",
    "TRAVERSE.reset": "回到起点",
    "TRAVERSE.kl_unknown": "该模型每个维度的 KL 未知（没有测试数据）：维度按原顺序排列。",
    "TRAVERSE.grid_title": "遍历网格",
    "TRAVERSE.wave_caption": "每个维度一个面板，从上到下依次为：{rows}。每个面板中，该维度在滑块"
                             "所在点"
                             "附近从 −{k:g} σ（蓝）变到 +{k:g} σ（红）时解码出的序列；其他维度保"
                             "持不变。",
    "TRAVERSE.grid_caption": "从上到下各行依次为：{rows}。各列在滑块所在点附近从 −{k:g} σ 取到 "
                             "+{k:g} σ，每行只改变一个维度。",
    "TRAVERSE.k": "范围 k（σ）",
    "TRAVERSE.steps": "步数",
    "TRAVERSE.anim_title": "动画遍历",
    "TRAVERSE.anim_caption": "按 ▶ 或拖动图像下方的滑块：所有帧都已在浏览器中，"
                             "拖动时无需与服务器往返通信。",
    "TRAVERSE.anim_dim": "维度",
    "TRAVERSE.gif": "下载 GIF",
    "TRAVERSE.interp_title": "两张测试图像之间的插值",
    "TRAVERSE.from": "起始测试图像",
    "TRAVERSE.to": "目标测试图像",
    "TRAVERSE.interp_steps": "步数",
    "TRAVERSE.lerp": "线性插值",
    "TRAVERSE.slerp": "球面线性插值",
    "TRAVERSE.gif_lerp": "GIF（线性插值）",
    "TRAVERSE.gif_slerp": "GIF（球面线性插值）",
    "TRAVERSE.no_data_interp": "需要测试数据，但此处无法获得。",
    "TRAVERSE.prior_title": "从先验中采样",
    "TRAVERSE.prior_caption": "解码 z ~ N(0, T²·I)。T < 1 时以多样性为代价，换来更典型的图像。",
    "TRAVERSE.temperature": "温度 T",
    "TRAVERSE.prior_seed": "随机种子",
    # -- EXPLORE_FIGURES -----------------------------------------------------------------------
    "EXPLORE_FIGURES.ellipses": "μ ± σ",
    "EXPLORE_FIGURES.mu": "μ",
    "EXPLORE_FIGURES.density": "密度",
    "EXPLORE_FIGURES.z": "z",
    "EXPLORE_FIGURES.wave_value": "z{dim} = {value:+.2f}",
    "EXPLORE_FIGURES.wave_step": "步",
    "EXPLORE_FIGURES.frame": "z{dim} = ",
    "EXPLORE_FIGURES.posterior": "聚合后验 q(z)",
    "EXPLORE_FIGURES.prior_pdf": "先验 N(0, 1)",
    "EXPLORE_FIGURES.picked": "已点击",
    "POINTER.loading": "正在把模型载入页面…",
    "POINTER.fallback": "此模型含有浏览器内解码器无法运行的层（{layer}），因此这个视图改在服务器上"
                        "解码：松开控件后才会更新。",
    "POINTER.plane_title": "指针下的潜在空间",
    "POINTER.plane_intro": "在平面上移动指针：图像由该点的 z **在你的浏览器中**解码，"
                           "无需往返服务器；旁边的小图是最近的测试图像。圆点是测试图像的均值 μ，"
                           "按类别着色。**点击圆点**选中该图像（再选一张会显示两者之间的路径）；"
                           "**点击空白处**则在下方解码该位置。方向键移动该点（按住 Shift 更快），"
                           "回车键相当于点击。",
    "POINTER.plane_aria": "潜在空间平面：移动指针或使用方向键；回车键选中",
    "POINTER.plane_hint": "点击或轻触：选中最近的图像，或解码该位置 · 方向键移动该点，回车键点击",
    "POINTER.decoded_here": "指针处的解码结果",
    "POINTER.plane_capped": "平面上只画出已编码的 {total:,} 张图像中的前 {n:,} 张（每张都要把缩略图"
                            "送到页面上）；下方的直方图使用全部图像。",
    "POINTER.nearest": "最近的测试图像 #{index}（{label}）",
    "POINTER.base": "其余 {rest} 个维度固定为",
    "POINTER.base_labels.zero": "0（先验的均值）",
    "POINTER.base_labels.image": "选中图像的 μ",
    "POINTER.base_labels.click": "上一次点击的位置",
    "POINTER.base_none": "尚未选中或点击任何位置，其余维度暂时固定为 0。",
    "POINTER.centre_pca": "为什么中心的图像是模糊的：中心是所有编码的均值，位于各类别之间，"
                          "那里没有任何测试图像，所以解码器画出的是几个数字的混合。把指针移到"
                          "一簇点上，就能看到清晰的数字。",
    "POINTER.centre_raw": "为什么中心的图像可能是模糊的：原点 z = 0 是先验概率最大的点，却位于"
                          "各类别之间，所以解码器画出的是几个数字的混合。把指针移到一簇点上，"
                          "就能看到清晰的数字。",
    "POINTER.pca_plane": "PCA 平面：z = mean(μ) + p₁·PC₁ + p₂·PC₂，即穿过测试均值、"
                         "保留其最大散布的平面。",
    "POINTER.sliders_note": "拖动滑块时图像随之变化（在浏览器中解码）；松开后，"
                            "下方的遍历网格和动画才会更新。",
    "POINTER.decoded_live": "由滑块实时解码",
    "POINTER.scrub_title": "拖动浏览路径",
    "POINTER.scrub_caption": "拖动 t 或按“播放”：路径随之在浏览器中解码。",
    "POINTER.t": "t：从第一张图像（0）到第二张（1）",
    "POINTER.play": "▶ 播放",
    "POINTER.pause": "❚❚ 暂停",
    "POINTER.at": "t = {t}，{method}",
    "POINTER.lerp": "线性插值",
    "POINTER.slerp": "球面线性插值",
    "POINTER.draw_title": "画一个数字",
    "POINTER.draw_intro": "用鼠标或手指画。抬起时，画作会按 MNIST 数字的制作方式缩小成模型的 "
                          "{h}×{w} 输入（放入中央 20/28 的区域，并按质心居中），并在你的浏览器中"
                          "编码：你会看到每个维度的 μ 和 σ、一次抽样 z = μ + σ ⊙ ε 的解码结果，"
                          "以及由 μ 得到的重构。",
    "POINTER.draw_on_map": "上方平面上的红色星号标出你的画作的 μ 所在的位置。",
    "POINTER.draw_hint": "在这里画，然后抬起",
    "POINTER.clear": "清除",
    "POINTER.encoded": "已编码。继续画可以修改，或清除重来。",
    "POINTER.resample": "重新采样 ε",
    "POINTER.mu_sigma": "μ（蓝）± σ（橙），以及这次的 z（绿）",
    "POINTER.sample": "解码 z = μ + σ ⊙ ε",
    "POINTER.recon": "解码 μ（即重构）",
    "POINTER.click_decoded": "你在平面上点击处的解码结果：z = ({z})",
}
