"""简体中文 for ``POINTER`` in ``ui/text_explore.py``: the views that decode in the browser.
Vocabulary: ``ui/locales/glossary.py`` (潜变量, 潜在空间, 重构, 均值 μ, 标准差 σ)."""

ZH = {
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
ZH.update({
    "LIVE_LATENT.title": "实时的潜在空间",
    "LIVE_LATENT.pending": "第一步训练之后，这里会显示测试图像的均值。",
    "LIVE_LATENT.at": "第 {step:,} 步（第 {epoch:.1f} 轮）",
    "LIVE_LATENT.pc1": "PC 1（已对齐）",
    "LIVE_LATENT.pc2": "PC 2（已对齐）",
    "LIVE_LATENT.replay_title": "回放：{n} 个快照，按 ▶ 或拖动滑块",
    "LIVE_LATENT.step_prefix": "步数：",
    "LIVE_LATENT.caption_raw": "{n:,} 张测试图像的均值 μ，按类别着色，训练时大约每秒记录两次"
                               "（目前 {snapshots} 个快照）：观察编码器学习时各类别如何分开，"
                               "而 KL 项又如何让它们留在先验 N(0, I) 附近。",
    "LIVE_LATENT.caption_pca": "{n:,} 张测试图像的均值 μ，按类别着色，画在每个快照自己的 PCA "
                               "平面上，并旋转到与上一个快照对齐（正交 Procrustes），这样点不会"
                               "跳动（目前 {snapshots} 个快照，最多保留 200 个：1.6 MB）。",
})
