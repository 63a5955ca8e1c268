"""简体中文 for the tables of ``strings.py`` beside this file; keys are
``"<TABLE>.<key>[.<subkey>]"``. Math symbols and ``{placeholders}`` stay exactly as in English;
the terms are the glossary's (``ui/shell/glossary.py``)."""

ZH = {
    # -- TRAIN ---------------------------------------------------------------------------------
    "TRAIN.title": "训练一个 VAE",
    "TRAIN.intro": "选好设置，按下**开始**，看着模型学习。训练在后台进行：你可以切换到其他页面，"
                   "稍后再回来。",
    "TRAIN.advanced": "更多设置",
    "TRAIN.start": "开始",
    "TRAIN.stop": "停止",
    "TRAIN.running_note": "有模型正在训练；先停止它才能开始新的训练。",
    "TRAIN.queued_note": "你的训练正在排队；按“停止”可退出队列。",
    "TRAIN.closing": "服务器正在重启，暂不接受新的训练。页面重新连接后请再开始。",
    "TRAIN.busy": "服务器繁忙：所有训练名额都已占用（{running}/{limit}），"
                  "且已有 {queued} 个训练在排队，队列已满。请过几分钟再试。",
    "TRAIN.lr_too_large": "{value:g}（会发散）",
    "TRAIN.ranges": "各字段的取值范围见其帮助（?）。超出范围的值不会生效：字段会给出提示，"
                    "并保留上一个有效值。",
    "TRAIN.bad_config": "无法用这些设置训练：{error}",
    "TRAIN.budget": "本服务器每次运行最多允许 {budget:g} TFLOP 的运算：对这个数据集和网络，最多 "
                    "{max_epochs:,} 轮。",
    "TRAIN.budget_over": "轮数超出本服务器的限制：每次运行最多允许 {budget:g} TFLOP 的运算，"
                         "对这个数据集和网络最多 {max_epochs:,} 轮。"
                         "请减少轮数（或选择更小的网络）再开始。",
    "TRAIN.data_error": "无法加载数据集：{error}",
    "TRAIN.idle": "按**开始**进行训练。默认设置用 4,000 张真实的 MNIST 手写数字训练，约需六秒"
                  "（服务器上有其他训练时会更久）。",
    # -- LIVE ----------------------------------------------------------------------------------
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
    "LIVE.left_queue": "已在开始前退出队列；没有进行任何训练。",
    "LIVE.joined": "本服务器上已有人开始了完全相同的训练（相同设置、相同随机种子），所以你看到的是"
                   "同一次训练：{n} 个会话共用它，得到的权重与你单独训练完全相同。修改 β 或按“停止”"
                   "后，从那一步起它就只属于你。",
    "LIVE.cached": "本服务器之前已训练过完全相同的一次训练（相同设置、相同随机种子），所以立即显示"
                   "它的结果：与重新训练得到的权重完全相同。",
    "LIVE.no_images": "完成最初几步训练后，这里会显示图像。",
    "LIVE.seconds": "{value:.0f} 秒",
    "LIVE.progress_main": "{status}：第 {epoch}/{epochs} 轮，第 {step:,}/{total:,} 步",
    # -- LIVE_LATENT ---------------------------------------------------------------------------
    "LIVE_LATENT.title": "实时的潜在空间",
    "LIVE_LATENT.pending": "第一步训练之后，这里会显示测试图像的均值。",
    "LIVE_LATENT.at": "第 {step:,} 步（第 {epoch:.1f} 轮）",
    "LIVE_LATENT.pc1": "PC 1（已对齐）",
    "LIVE_LATENT.pc2": "PC 2（已对齐）",
    "LIVE_LATENT.replay_title": "回放：{total} 个快照中的 {n} 个，按 ▶ 或拖动滑块",
    "LIVE_LATENT.step_prefix": "步数：",
    "LIVE_LATENT.legend": "类别",
    "LIVE_LATENT.caption_raw": "{n:,} 张测试图像的均值 μ，按类别着色，训练时大约每秒记录两次："
                               "观察编码器学习时各类别如何分开，而 KL 项又如何让它们留在先验 "
                               "N(0, I) 附近。",
    "LIVE_LATENT.caption_pca": "{n:,} 张测试图像的均值 μ，按类别着色，画在每个快照自己的 PCA "
                               "平面上，并旋转到与上一个快照对齐（正交 Procrustes），这样点不会"
                               "跳动（最多保留 200 个快照：1.6 MB）。",
    "LIVE_LATENT.count_live": "目前 {snapshots} 个快照。",
    "LIVE_LATENT.count_done": "共记录了 {snapshots} 个快照；回放均匀地取其中 {shown} 个，"
                              "包括最后一个。",
}
