"""简体中文 for the tables of ``strings.py`` beside this file; keys are
``"<TABLE>.<key>[.<subkey>]"``. Math symbols and ``{placeholders}`` stay exactly as in English;
the terms are the glossary's (``ui/shell/glossary.py``)."""

ZH = {
    # -- LESSONS -------------------------------------------------------------------------------
    "LESSONS.group": "课程",
    "LESSONS.title": "课程：VAE 入门导学",
    "LESSONS.intro": "九节短课，用的是 28×28 的 MNIST 手写数字（应用的 **mnist-5k** 数据集）。"
                     "每节课有一屏讲解、一个在真实模型上运行的实时视图、几个**动手试试**任务"
                     "（应用会检查你在这里的训练和点击，做到了就自动打勾），以及一个以首次作答"
                     "计分的小测验。这个浏览器会替你保存打勾、答案和语言（无需账号）：刷新页面"
                     "或服务器重启后都还在；在另一台设备上用你的继续码（见下方）也能接着学。",
    "LESSONS.page_1": "第 1 课 · 从自编码器到 VAE",
    "LESSONS.page_2": "第 2 课 · 证据下界（ELBO）",
    "LESSONS.page_3": "第 3 课 · 重参数化技巧",
    "LESSONS.page_4": "第 4 课 · KL 项：逐维的闭式解",
    "LESSONS.page_5": "第 5 课 · BCE 与 MSE",
    "LESSONS.page_6": "第 6 课 · β 与率失真平面",
    "LESSONS.page_7": "第 7 课 · 后验坍塌",
    "LESSONS.page_8": "第 8 课 · 连续的潜在空间",
    "LESSONS.page_9": "第 9 课 · 条件生成与少量标签",
    "LESSONS.nav.1": "第 1 课 · 从自编码器到 VAE",
    "LESSONS.nav.2": "第 2 课 · 证据下界（ELBO）",
    "LESSONS.nav.3": "第 3 课 · 重参数化技巧",
    "LESSONS.nav.4": "第 4 课 · KL 项",
    "LESSONS.nav.5": "第 5 课 · BCE 与 MSE",
    "LESSONS.nav.6": "第 6 课 · β 与率失真",
    "LESSONS.nav.7": "第 7 课 · 后验坍塌",
    "LESSONS.nav.8": "第 8 课 · 连续性",
    "LESSONS.nav.9": "第 9 课 · 标签",
    "LESSONS.overview_cols.lesson": "课程",
    "LESSONS.overview_cols.teaches": "讲什么",
    "LESSONS.overview_cols.tasks": "已完成任务",
    "LESSONS.overview_cols.quiz": "测验",
    "LESSONS.quiz_score": "首次作答：答对 {right} / {total}（已答 {answered}）",
    "LESSONS.total": "已完成 {done} / {total} 个任务",
    "LESSONS.share": "分享某一课：在应用地址后加上 `?lesson=N`，再加上 `&lang=zh` 或 `&lang=en` "
                     "指定语言，例如中文版第 5 课是 `/?lesson=5&lang=zh`。",
    "LESSONS.bad_lesson": "没有“{value}”这一课：课程编号是 1 到 {last}。",
    "LESSONS.live": "实时视图",
    "LESSONS.try": "动手试试",
    "LESSONS.quiz": "测验",
    "LESSONS.done": "已完成",
    "LESSONS.not_yet": "未完成",
    "LESSONS.checked": "检查方式：{how}",
    "LESSONS.back": "全部课程",
    "LESSONS.right": "答对了。{why}",
    "LESSONS.wrong": "不对。{why}",
    "LESSONS.first_wrong": "你第一次选的是“{option}”，这个答案不对；计分只看第一次作答，"
                           "所以这道题在你的成绩里仍算错。之后的作答照样会给出解释。",
    "LESSONS.first_right": "你第一次选的“{option}”是对的；计分只看第一次作答，"
                           "所以这道题在你的成绩里仍算对。",
    "LESSONS.ws_title": "练习单",
    "LESSONS.ws_intro": "在应用里完成每个任务，写下你看到了什么。每道题圈出一个答案，"
                        "并用一句话说明理由。",
    "LESSONS.ws_name": "姓名",
    "LESSONS.ws_date": "日期",
    "LESSONS.ws_tasks": "任务",
    "LESSONS.ws_questions": "题目",
    "LESSONS.run_help": "在后台用 mnist-5k 训练一个小模型 {epochs} 轮（几秒钟；服务器忙时会排队"
                        "等候）。训练结果会成为本次会话的一个模型。",
    "LESSONS.busy": "服务器正忙：{limit} 个训练名额中有 {running} 个在运行，还有 {queued} 个在"
                    "排队。请稍后再试。",
    "LESSONS.run_error": "这次训练无法开始：{error}",
    "LESSONS.closing": "服务器正在重启，暂不接受新的训练。页面重新连接后请再开始。",
    "LESSONS.data_error": "这次训练无法开始：无法加载数据集。{error}",
    "LESSONS.running": "你的模型正在训练；训练结束时任务列表会自动更新。",
    "LESSONS.no_runs": "你还没有在 mnist-5k 上完成过一次训练：用上面的按钮（或训练页面）开始一次。",
    "LESSONS.runs_caption": "本次会话中你在 mnist-5k 上的训练（任务据此检查）：",
    "LESSONS.columns.source": "来自",
    "LESSONS.columns.recon": "似然",
    "LESSONS.columns.beta": "β",
    "LESSONS.columns.loss": "损失",
    "LESSONS.columns.elbo": "测试 −ELBO",
    "LESSONS.columns.kl": "KL（奈特）",
    "LESSONS.columns.active": "活跃单元",
    "LESSONS.columns.active_kl": "每个活跃单元的 KL（奈特）",
    "LESSONS.schedule_kinds.warmup": "预热",
    "LESSONS.schedule_kinds.cyclical": "周期退火",
    "LESSONS.schedule_kinds.free_bits": "自由比特",
    "LESSONS.schedule_kinds.capacity": "容量",
    "LESSONS.sources.train": "训练",
    "LESSONS.sources.beta": "β 实验室",
    "LESSONS.sources.likelihood": "BCE 与 MSE",
    "LESSONS.sources.pitfall": "常见陷阱",
    "LESSONS.sources.schedule": "β 调度",
    "LESSONS.loss_kinds.sum": "对像素求和",
    "LESSONS.loss_kinds.mean": "对像素取平均",
    "LESSONS.loss_kinds.sign": "KL 符号取反",
    "LESSONS.conditional_run": "条件变分自编码器（仅用于第 9 课）",
    "LESSONS.no_model": "请在侧边栏选择一个模型（默认的 MNIST 模型即可），或用**动手试试**下的"
                        "按钮训练一个。",
    "LESSONS.idle": "还没有训练：在**动手试试**下开始一次；训练时，这里会显示它的损失、每个"
                    "维度的 KL 和潜在空间。",
    "LESSONS.no_plane": "你用伯努利似然训练的模型结束后，会作为点出现在这里。",
    "LESSONS.needs_mnist": "请在侧边栏选择一个 mnist-5k 模型：任务是在 mnist-5k 上检查的。",
    "LESSONS.interp_pick": "请在上面选择两张测试图像（**起始测试图像**、**目标测试图像**）："
                           "任务只认你自己选的一对，"
                           "不认最初显示的那一对。",
    "LESSONS.interp_score": "从 #{a}（数字 {label_a}）到 #{b}（数字 {label_b}）的球面线性插值："
                            "最不典型的一步 −ELBO 为 {worst:.1f} 奈特；该模型对测试数字的重构中"
                            "有 95% 低于 {threshold:.1f}。",
    # -- LESSON1 -------------------------------------------------------------------------------
    "LESSON1.teaches": "自编码器为什么不能生成，VAE 改变了什么",
    "LESSON1.explain": "**自编码器**把一张 28×28 的数字图像（784 个像素）压缩成一个简短的编码 z，"
                       "再由它重构出图像。它的编码落在训练恰好把它们放到的地方，所以随便取一个"
                       " z 解码出来往往什么也不像：它不能*生成*。**变分**自编码器改了两处：编码器"
                       "输出的是一个分布，即近似后验 q(z|x) = N(μ, σ²)，而不是一个点；另有一个 KL "
                       "项把每个 q(z|x) 拉向先验 p(z) = N(0, I)。于是所有编码都落在同一个已知的"
                       "区域里，从 N(0, I) 抽取的 z 解码出来就是数字。β = 0 时这股拉力就没有了："
                       "剩下的只是一个在编码上加了噪声的自编码器。",
    "LESSON1.tasks.ae": "用 β = 0 训练：没有拉向先验的力。",
    "LESSON1.tasks.vae": "再用 β = 1 训练，在表格里比较两次训练的 KL。",
    "LESSON1.tasks.why": "在上面的视图中并排训练自编码器和 VAE，比较它们的先验样本中有多少是"
                         "数字。",
    "LESSON1.checks.ae": "在 mnist-5k 上以 β = 0（正确的损失）训练结束、并在测试集上完成评估后"
                         "打勾。",
    "LESSON1.checks.vae": "当一次 β = 1 的训练结束时的测试 KL 小于一次 β = 0 的训练时打勾："
                          "先验把编码拉了回来。",
    "LESSON1.checks.why": "当这次比较结束，且 VAE 的先验样本中数字所占的比例大于自编码器时打勾。",
    "LESSON1.runs.ae": "训练 β = 0",
    "LESSON1.runs.vae": "训练 β = 1",
    "LESSON1.quiz.q1.q": "为什么普通自编码器不能从随机的 z 生成新数字？",
    "LESSON1.quiz.q1.options.a": "它的编码落在训练放置的地方：大多数随机的 z 所在之处从没有图像"
                                 "被编码过。",
    "LESSON1.quiz.q1.options.b": "它的解码器除了 z 还需要输入图像本身，所以单凭一个编码画不出任何东"
                                 "西。",
    "LESSON1.quiz.q1.options.c": "它的编码是精确的点，而不加噪声地解码一个点，"
                                 "只会得到模糊的平均数字。",
    "LESSON1.quiz.q1.why.a": "没有任何东西来组织编码空间，所以解码器从没学过在大多数随机点上"
                             "该画什么。",
    "LESSON1.quiz.q1.why.b": "解码器只接收 z：它仅凭编码就能重构一张测试数字，别的什么都不需要。"
                             "问题在于随机的 z 落在哪里，而不在于解码器需要什么。",
    "LESSON1.quiz.q1.why.c": "自编码器能把它自己的编码解码成清晰的重构，加不加噪声都一样；"
                             "问题在于随机的 z 落在了从没有图像被编码过的地方。",
    "LESSON1.quiz.q2.q": "对一张图像，VAE 的编码器输出什么？",
    "LESSON1.quiz.q2.options.a": "单独一个编码 z，也就是解码器用来画出这张图像的那个点",
    "LESSON1.quiz.q2.options.b": "q(z|x) 的 μ 和 log σ²，每个潜变量维度一对",
    "LESSON1.quiz.q2.options.c": "这张图像分别属于十个数字类别的概率，每类一个",
    "LESSON1.quiz.q2.why.a": "那是自编码器。VAE 的编码器输出一个分布，z 是从中抽取的。",
    "LESSON1.quiz.q2.why.b": "每张图像对应一个高斯分布 q(z|x)；z = μ + σ⊙ε 从中抽取（第 3 课）。",
    "LESSON1.quiz.q2.why.c": "VAE 的训练不用标签；类别不是输出，尽管它常常在潜在空间中显现出来。",
    "LESSON1.quiz.q3.q": "用 β = 0 训练，得到的是什么模型？",
    "LESSON1.quiz.q3.options.a": "一个在编码上加了噪声的自编码器：没有什么把 q(z|x) 拉向先验",
    "LESSON1.quiz.q3.options.b": "一个先验样本更清晰的 VAE，因为没有 KL 项让重构变模糊",
    "LESSON1.quiz.q3.options.c": "一个所有编码都落在原点的模型，因为 KL 为零意味着 q(z|x) = p(z)",
    "LESSON1.quiz.q3.why.a": "β 是 KL 的权重，而 KL 是唯一把 q(z|x) 拉向 N(0, I) 的项；β = 0 时，"
                             "编码会去重构想让它们去的任何地方，KL 随之变大（表格里 β = 0 的训练就"
                             "说明了这一点）。",
    "LESSON1.quiz.q3.why.b": "它的重构也许更清晰，但先验样本会变差：没有这股拉力，从 N(0, I)"
                             " 抽取的 z 常常落在从没有图像被编码过的地方。",
    "LESSON1.quiz.q3.why.c": "β = 0 让 KL 的权重变成零，而不是让 KL 本身为零：没有什么约束它，"
                             "KL 会变得很大，正如表格里 β = 0 的训练所示。",
    # -- LESSON2 -------------------------------------------------------------------------------
    "LESSON2.teaches": "证据下界，以及为什么损失是 −ELBO",
    "LESSON2.explain": "我们想要的是 log p(x)，即模型给一个数字的概率，但它需要对所有 z 积分。"
                       "**证据下界**是我们能算出来的量："
                       "ELBO = E_q[log p(x|z)] − KL(q(z|x) ‖ p(z))。"
                       "它与 log p(x) 之差是 KL(q(z|x) ‖ p(z|x))，即近似后验到真实后验的距离；KL "
                       "从不为负，所以 ELBO 在 log p(x) 之下。训练*最小化* −ELBO = 重构 + KL，单位"
                       "是每张图像的奈特数（对 784 个像素求和，对批次取平均）。给 KL 加上权重 β "
                       "后，损失是 重构 + β·KL，只有 β = 1 时它才是 −ELBO。",
    "LESSON2.tasks.elbo": "用 β = 1 训练，在表格里读出测试 −ELBO = 重构 + KL。",
    "LESSON2.tasks.live_beta": "开始那次较长的训练，并在训练进行时修改实时面板里的"
                               "**当前 β（立即生效）**。",
    "LESSON2.checks.elbo": "当一次 β = 1、损失正确的训练结束，并且它的测试 −ELBO 等于重构 + KL"
                           "（误差在 0.5 奈特以内）时打勾。",
    "LESSON2.checks.live_beta": "当一次训练结束时的 β 与开始时的 β 不同时打勾（应用会记录两者）。",
    "LESSON2.runs.vae": "训练 β = 1",
    "LESSON2.runs.long": "训练 β = 1，共 60 轮（留出时间修改 β）",
    "LESSON2.steps.title": "推导，一次一步（准备好了再打开下一步）：",
    "LESSON2.steps.1.title": "引入 q(z|x)",
    "LESSON2.steps.1.text": "log p(x) 是对所有 z 的积分。在积分里同时乘以并除以 q(z|x)：值不变，"
                            "但积分变成了对 z ~ q(z|x) 的期望，我们可以通过抽取 z 来估计它。",
    "LESSON2.steps.2.title": "詹森不等式",
    "LESSON2.steps.2.text": "对数是凹函数，所以均值的对数不小于对数的均值。"
                            "取 w = p(x, z) / q(z|x)，就得到 log p(x) 的一个下界："
                            "**证据下界**（ELBO）。",
    "LESSON2.steps.3.title": "损失的两项",
    "LESSON2.steps.3.text": "写 p(x, z) = p(x|z) p(z)。第一部分是图像的期望对数似然"
                            "（即重构项的相反数），第二部分是 KL(q(z|x) ‖ p(z))，"
                            "也就是把编码拉向先验的那一项。",
    "LESSON2.steps.4.title": "精确的间隙",
    "LESSON2.steps.4.text": "改写 p(x, z) = p(z|x) p(x)。log p(x) 与 ELBO 之间剩下的恰好是 "
                            "KL(q(z|x) ‖ p(z|x))，即近似后验到真实后验的距离。KL 从不为负，"
                            "只有当 q(z|x) 就是真实后验时才为 0：这时下界是紧的。",
    "LESSON2.steps.5.title": "训练如何利用它",
    "LESSON2.steps.5.text": "损失是 −ELBO = 重构 + KL。最小化它同时做两件事：提高 log p(x)"
                            "（更好的数字模型），并缩小间隙（编码器更接近真实后验）。",
    "LESSON2.quiz.q1.q": "训练最小化的是什么？",
    "LESSON2.quiz.q1.options.a": "−ELBO = 重构 + KL",
    "LESSON2.quiz.q1.options.b": "ELBO，即 log p(x) 下方的那个界",
    "LESSON2.quiz.q1.options.c": "精确算出来的 −log p(x) 本身",
    "LESSON2.quiz.q1.why.a": "梯度下降做的是最小化，而 ELBO 应当被最大化，所以损失取它的相反数。",
    "LESSON2.quiz.q1.why.b": "ELBO 应当被*最大化*；最小化它会让模型变差。损失是 −ELBO。",
    "LESSON2.quiz.q1.why.c": "−log p(x) 需要对所有 z 积分，我们算不出来；−ELBO 是它上方一个可以计算"
                             "的界。",
    "LESSON2.quiz.q2.q": "为什么 ELBO 是 log p(x) 的下界？",
    "LESSON2.quiz.q2.options.a": "两者之差是 KL(q(z|x) ‖ p(z|x))，而 KL 从不为负",
    "LESSON2.quiz.q2.options.b": "log p(x|z) 从不为正，而 KL 只会让它再低一些",
    "LESSON2.quiz.q2.options.c": "只有 β = 1 时它才是下界；β 取其他值时，它是 log p(x) 的上界",
    "LESSON2.quiz.q2.why.a": "log p(x) = ELBO + KL(q(z|x) ‖ p(z|x)) ≥ ELBO，只有当 q(z|x) 就是真实"
                             "后验时才取等号。",
    "LESSON2.quiz.q2.why.b": "对伯努利解码器 log p(x|z) ≤ 0（高斯解码器的可以为正），"
                             "但这不是下界的来由：下界来自两者之差是一个 KL。",
    "LESSON2.quiz.q2.why.c": "这个下界对任何 q 都成立，其中根本没有 β；β 是训练时加上的权重，"
                             "β ≠ 1 时损失只是不再等于 −ELBO。",
    "LESSON2.quiz.q3.q": "一次 β = 1 的训练报告：每张测试图像的重构为 110 奈特，KL 为 25 奈特。"
                         "它的测试 −ELBO 是多少？",
    "LESSON2.quiz.q3.options.a": "135 奈特：重构 + KL",
    "LESSON2.quiz.q3.options.b": "85 奈特：重构 − KL",
    "LESSON2.quiz.q3.options.c": "110 奈特：KL 不算在内",
    "LESSON2.quiz.q3.why.a": "ELBO = E_q[log p(x|z)] − KL，所以 −ELBO = 重构 + KL = 110 + 25 = 135 "
                             "奈特/图像：表格里的测试 −ELBO 就是这个和。",
    "LESSON2.quiz.q3.why.b": "负号属于 ELBO；给 ELBO 取相反数会把两项的符号都翻过来，"
                             "所以 −ELBO 是两者相加：110 + 25 = 135。",
    "LESSON2.quiz.q3.why.c": "KL 是 ELBO 的两项之一；只有重构（110）并不是这个界。",
    # -- LESSON3 -------------------------------------------------------------------------------
    "LESSON3.teaches": "z = μ + σ⊙ε：梯度如何穿过一次随机抽样到达编码器",
    "LESSON3.explain": "重构项是对 z ~ q(z|x) 的期望。训练编码器需要这个期望对 μ 和 σ 的梯度，"
                       "但从 N(μ, σ²) 直接抽出的 z 不是 μ 和 σ 的可微函数：反向传播无法穿过这次"
                       "抽样。**得分函数**（REINFORCE）只用损失值就能绕过它，但噪声非常大（见下文）。"
                       "这个技巧改为把随机性移到输入里：先抽取 ε ~ N(0, I)，"
                       "再令 z = μ + σ⊙ε，其中 σ = exp(½ log σ²)。这样 z 就是 μ 和 σ 的可微函数，"
                       "ε 只是数据。下面的演示在一张测试图像上运行这一步：条形是每个潜变量维度的"
                       " μ 和 σ，z 是 μ 加上 σ 乘以抽到的 ε，解码器再由 z 画出 x̂。β = 0 时，没有"
                       "什么让 σ 保持在 1 附近、让 μ 靠近先验的均值：编码四散开来，KL 随之变大。",
    "LESSON3.tasks.walk": "用**换一张图像**看三张测试图像，并为每张点**重新采样 ε**。",
    "LESSON3.tasks.sigma": "用 β = 0 训练，在表格里看 KL 变大。",
    "LESSON3.tasks.grad": "用至少 1000 次抽样比较两种梯度估计量，并填入得分函数的方差是多少倍。",
    "LESSON3.checks.grad": "当抽样次数至少为 1000，且你填入的倍数与实测的两个方差之比相差不超过 "
                           "20% 时打勾。",
    "LESSON3.grad_title": "用两种方法估计梯度",
    "LESSON3.grad_intro": "与上面是同一张测试图像。每抽一次 ε，就得到重构项 −log p(x|z) 对 μ 和 "
                          "log σ² 的梯度的一个估计：**重参数化**估计对 z = μ + σ⊙ε 求导，"
                          "**得分函数**估计则把损失值乘以 ∂ log q(z|x) / ∂(μ, log σ²)。两者平均"
                          "而言都是对的；方差说明一次估计会偏离多远。"
                          "对 n 次抽样取平均，方差除以 n。",
    "LESSON3.grad_samples": "ε 的抽样次数",
    "LESSON3.grad_again": "重新抽样",
    "LESSON3.grad_kinds.reparam": "重参数化",
    "LESSON3.grad_kinds.score": "得分函数",
    "LESSON3.grad_var_label": "一次抽样的方差（对 2K 个坐标求和）：",
    "LESSON3.grad_running_title": "由前 m 次抽样估计的 ∂/∂μ₁",
    "LESSON3.grad_variance_title": "由 n 次抽样得到的估计的方差",
    "LESSON3.grad_estimate": "估计值",
    "LESSON3.grad_variance": "方差（全部 2K 个坐标）",
    "LESSON3.grad_caption": "上图：重参数化的估计已经稳定时，得分函数的估计仍在游走（虚线：用全部"
                            "抽样得到的重参数化估计）。下图：两个方差都按 1/n 下降，但得分函数的线"
                            "高出很多；两线之间的距离就是两者之比。",
    "LESSON3.grad_answer": "得分函数的方差是重参数化的多少倍？",
    "LESSON3.grad_answer_help": "把上面两个方差相除（或读下图两条线之间的距离：10 的每一次幂"
                                "就是 10 倍）。",
    "LESSON3.grad_how": "把抽样次数设为至少 {enough}，再填入两个方差之比。",
    "LESSON3.grad_more": "请至少抽样 {enough} 次：次数更少时，方差本身的噪声太大，无法比较。",
    "LESSON3.grad_wrong": "{answer:,.0f} 与这个比值相差超过 20%：用得分函数的方差除以重参数化的"
                          "方差。",
    "LESSON3.grad_right": "对：得分函数的方差是重参数化的 {ratio:,.0f} 倍。要达到一次重参数化抽样"
                          "的精度，它大约需要 {ratio:,.0f} 次抽样：这就是 VAE 使用这个技巧的原因。",
    "LESSON3.checks.walk": "当演示在第一张之后又显示了 3 张测试图像时打勾（应用会统计**换一张"
                           "图像**的点击次数）。",
    "LESSON3.checks.sigma": "当一次 β = 0 的训练结束时测试 KL 超过 50 奈特时打勾"
                            "（β = 1 远低于此）。",
    "LESSON3.runs.ae": "训练 β = 0",
    "LESSON3.quiz.q1.q": "为什么不在前向传播中直接抽取 z ~ N(μ, σ²)？",
    "LESSON3.quiz.q1.options.a": "抽样对 μ 和 σ 没有梯度；z = μ + σ⊙ε 把随机性放进一个输入里",
    "LESSON3.quiz.q1.options.b": "直接抽样时每次前向传播都得到不同的 z，损失因此永远稳定不下来",
    "LESSON3.quiz.q1.options.c": "程序只能从 N(0, 1) 抽样，其他任何高斯分布都必须由它构造出来",
    "LESSON3.quiz.q1.why.a": "ε 承载随机性；z 于是成为 μ 和 σ 的普通函数，反向传播就能到达编码器。",
    "LESSON3.quiz.q1.why.b": "z = μ + σ⊙ε 同样是随机的（每次前向都抽一个新的 ε），"
                             "训练也能应付这种噪声；问题在于抽样没有梯度。",
    "LESSON3.quiz.q1.why.c": "任何高斯分布都可以直接抽样，在什么设备上都行；问题在于对抽样求导，"
                             "而不在于抽样本身。",
    "LESSON3.quiz.q2.q": "编码器输出的是 log σ²。哪一行是对的？",
    "LESSON3.quiz.q2.options.a": "z = mu + exp(0.5 * logvar) * eps",
    "LESSON3.quiz.q2.options.b": "z = mu + 0.5 * exp(logvar) * eps",
    "LESSON3.quiz.q2.options.c": "z = mu + sqrt(logvar) * eps",
    "LESSON3.quiz.q2.why.a": "exp(½ log σ²) = σ，即标准差。",
    "LESSON3.quiz.q2.why.b": "0.5 · exp(log σ²) = σ²/2，是方差的一半：噪声会按 σ²/2 而不是 σ 缩"
                             "放。",
    "LESSON3.quiz.q2.why.c": "log σ² 的平方根不是 σ，而且只要 log σ² < 0（即 σ < 1）它就没有定义。",
    "LESSON3.quiz.q3.q": "在 z = μ + σ⊙ε 中，反向传播把梯度送到哪里？",
    "LESSON3.quiz.q3.options.a": "送到 μ 和 σ，再经由它们送到编码器；ε 是输入，得不到梯度",
    "LESSON3.quiz.q3.options.b": "只送到 ε：它是公式里唯一在每次前向传播时都会变化的部分",
    "LESSON3.quiz.q3.options.c": "只送到 μ：σ 乘的是随机的噪声，所以它的梯度平均下来正好为零",
    "LESSON3.quiz.q3.why.a": "z 是 μ 和 σ 的普通函数：∂z/∂μ = 1，∂z/∂σ = ε。ε 每次重新抽取，"
                             "被当作数据。",
    "LESSON3.quiz.q3.why.b": "ε 是抽出来的，不是由任何权重算出来的，它背后没有可训练的东西；"
                             "梯度送往 μ 和 σ。",
    "LESSON3.quiz.q3.why.c": "∂z/∂σ = ε 是随机的，但乘上重构项的梯度后，平均下来并不为零："
                             "σ 同样在学习（演示中每个维度都有一个 σ）。",
    # -- LESSON4 -------------------------------------------------------------------------------
    "LESSON4.teaches": "KL(N(μ, σ²) ‖ N(0, 1)) 的闭式解：每个维度一项，以及它的符号",
    "LESSON4.explain": "当 q(z|x) 是高斯分布、先验是标准正态分布时，KL 有闭式解，每个潜变量维度 k "
                       "一项（Kingma 与 Welling，附录 B）。只有当 μ_k = 0 且 σ_k = 1，"
                       "即维度 k 对 x "
                       "什么也没说时，KL_k 才为 0；总的 KL 是对 k 求和。模型训练时，实时面板的热图"
                       "显示每个维度的 KL_k：KL 一直接近 0 的维度没有被使用，它不是活跃单元"
                       "（Burda 等人：当 Cov_x(E_q[z_u]) > 0.01 时单元 u 是活跃的）。博客中常见的"
                       "一个公式漏掉了前面的负号：它算的是 −KL，于是训练会*最大化* KL，KL 随之"
                       "爆炸。",
    "LESSON4.tasks.sign": "把 KL 的符号取反（去掉前面负号的公式）再训练。",
    "LESSON4.tasks.per_dim": "用 β = 4 训练，在热图里找出它留在先验上的维度。",
    "LESSON4.checks.sign": "当一次 KL 符号取反的训练结束时测试 KL 超过 1,000 奈特时打勾。",
    "LESSON4.checks.per_dim": "当一次 β = 4 的训练结束时活跃单元少于潜变量维度数时打勾。",
    "LESSON4.runs.sign": "KL 符号取反后训练",
    "LESSON4.runs.beta4": "训练 β = 4",
    "LESSON4.quiz.q1.q": "μ_k 和 σ_k 取什么值时 KL_k = 0？",
    "LESSON4.quiz.q1.options.a": "μ_k = 0，σ_k = 1",
    "LESSON4.quiz.q1.options.b": "μ_k = 0，σ_k → 0",
    "LESSON4.quiz.q1.options.c": "μ_k = 1，σ_k = 1",
    "LESSON4.quiz.q1.why.a": "这时 q(z_k|x) 就是先验 N(0, 1) 本身。",
    "LESSON4.quiz.q1.why.b": "当 σ_k → 0 时，−log σ_k² 无限增大：一个非常确定的编码离先验很远，"
                             "KL_k → ∞。",
    "LESSON4.quiz.q1.why.c": "这时 KL_k = ½ μ_k² = 0.5 奈特：均值偏移要付出 KL。",
    "LESSON4.quiz.q2.q": "如果代码算的是 +½ Σ(1 + log σ² − μ² − σ²)，会怎样？",
    "LESSON4.quiz.q2.options.a": "最小化损失就是最大化 KL：|μ| 无限增大",
    "LESSON4.quiz.q2.options.b": "没什么变化：常数项的符号不会移动最优点",
    "LESSON4.quiz.q2.options.c": "一两步之内训练就会停下，因为损失立刻变成 NaN",
    "LESSON4.quiz.q2.why.a": "这一项是 −KL，所以梯度下降把编码推离先验；你那次训练的 KL 就说明"
                             "了这一点。",
    "LESSON4.quiz.q2.why.b": "它不是常数：它是整个 KL 项，它的符号决定训练是让它变小还是变大。",
    "LESSON4.quiz.q2.why.c": "起初什么也不会停止：KL 涨到荒谬的大小，而损失看起来还在下降。",
    "LESSON4.quiz.q3.q": "对某张图像，一个维度的 μ_k = 2，σ_k = 1。它的 KL_k 是多少？",
    "LESSON4.quiz.q3.options.a": "2 奈特：只有均值偏了，代价是 ½ μ_k²",
    "LESSON4.quiz.q3.options.b": "4 奈特：均值偏移的代价是 μ_k²，即距离的平方",
    "LESSON4.quiz.q3.options.c": "0 奈特：σ_k = 1，这个维度与先验一致",
    "LESSON4.quiz.q3.why.a": "KL_k = ½(μ_k² + σ_k² − 1 − log σ_k²) = ½(4 + 1 − 1 − 0) = 2 奈特。",
    "LESSON4.quiz.q3.why.b": "闭式解里有一个 ½：½ μ_k² = ½ · 4 = 2 奈特，而不是 4。",
    "LESSON4.quiz.q3.why.c": "分布的宽度与先验一致，但均值偏离了 2 个标准差："
                             "这要付出 ½ μ_k² = 2 奈特。",
    # -- LESSON5 -------------------------------------------------------------------------------
    "LESSON5.teaches": "似然是一种选择：BCE、带 σ 的 MSE（σ 的作用如同 β）、连续伯努利",
    "LESSON5.explain": "重构项是我们所选似然的 −log p(x|z)。**伯努利**似然（对 784 个像素求和的"
                       "二元交叉熵，BCE）把每个像素当作一次抛硬币；在灰度图上它不是归一化的似然，"
                       "**连续伯努利**（Loaiza-Ganem 与 Cunningham，2019）补上了缺失的归一化常数，"
                       "使它的 −ELBO 处在另一个尺度上（可以为负）。σ 固定的**高斯**似然给出下面第"
                       "一个公式：对像素求和的 MSE 就是 σ² = ½ 的这个高斯，相差一个常数。把平方误差"
                       "除以 2σ²，等同于把 KL 乘以 2σ²（第二个公式）：**σ 的作用如同 β**。σ 越大，"
                       "重构项越弱，KL 越小。",
    "LESSON5.tasks.both": "用二元交叉熵（BCE）训练一个模型，再用 MSE（σ² = ½）训练一个。",
    "LESSON5.tasks.sigma": "用 σ = 1 的 MSE 训练（2σ² = 2，如同 β = 2），把它的 KL 与 σ² = ½ 的"
                           "那次比较。",
    "LESSON5.tasks.cb": "用连续伯努利训练，看看它的 −ELBO。",
    "LESSON5.checks.both": "当一次 BCE 训练和一次 σ² = ½ 的 MSE 训练（都是 β = 1）都结束时打勾。",
    "LESSON5.checks.sigma": "当一次 σ ≥ 1 的 MSE 训练结束时的测试 KL 小于一次 σ² = ½ 的 MSE 训练"
                            "时打勾。",
    "LESSON5.checks.cb": "当一次连续伯努利训练结束时打勾。",
    "LESSON5.runs.bce": "训练 BCE",
    "LESSON5.runs.mse": "训练 MSE（σ² = ½）",
    "LESSON5.runs.mse_wide": "训练 MSE（σ = 1）",
    "LESSON5.runs.cb": "训练连续伯努利",
    "LESSON5.quiz.q1.q": "对像素求和的 MSE ‖x − x̂‖² 在相差一个常数的意义下，是哪个 σ 的高斯的 "
                         "−log p(x|z)？",
    "LESSON5.quiz.q1.options.a": "σ² = ½",
    "LESSON5.quiz.q1.options.b": "σ = 1",
    "LESSON5.quiz.q1.options.c": "都不是：MSE 不是似然",
    "LESSON5.quiz.q1.why.a": "当 2σ² = 1 时，‖x − x̂‖² / (2σ²) = ‖x − x̂‖²。",
    "LESSON5.quiz.q1.why.b": "σ = 1 给出 ‖x − x̂‖² / 2，是求和 MSE 的一半：KL 的分量因此加倍。",
    "LESSON5.quiz.q1.why.c": "它就是 σ² = ½ 的高斯的负对数似然，只差常数 (D/2)·log(2πσ²)。",
    "LESSON5.quiz.q2.q": "把高斯解码器的 σ 从 0.71 提高到 1，KL 会怎样？",
    "LESSON5.quiz.q2.options.a": "变小：重构的分量变轻，就像 β 变大",
    "LESSON5.quiz.q2.options.b": "变大：重构的约束放松了，编码能携带更多细节",
    "LESSON5.quiz.q2.options.c": "不变：σ 只给损失加上一个常数",
    "LESSON5.quiz.q2.why.a": "平方误差要除以 2σ²；σ 越大它越弱，KL 的相对分量越重，模型就在 KL "
                             "上花得越少。",
    "LESSON5.quiz.q2.why.b": "恰好相反：σ 越大，重构项被除得越多，KL 的相对分量上升，KL 下降。",
    "LESSON5.quiz.q2.why.c": "(D/2)·log(2πσ²) 是常数，但 σ 还除着 ‖x − x̂‖²，这改变了两者的取舍。",
    "LESSON5.quiz.q3.q": "为什么连续伯努利模型的 −ELBO 可以是负数？",
    "LESSON5.quiz.q3.options.a": "它的似然是 [0, 1] 上的概率密度，可以大于 1",
    "LESSON5.quiz.q3.options.b": "它的训练发散了，损失一路跌到了零以下，变成负数",
    "LESSON5.quiz.q3.options.c": "它的 KL 项变成了负数，并且在数值上完全压过了重构项",
    "LESSON5.quiz.q3.why.a": "大于 1 的密度取对数为正，所以 −log p(x|z) 可以小于 0。请在相同的"
                             "似然之间比较模型，不要跨似然比较。",
    "LESSON5.quiz.q3.why.b": "对概率密度来说，负的 −ELBO 很正常；发散的训练会出现 NaN 或巨大的"
                             "损失。",
    "LESSON5.quiz.q3.why.c": "KL 从不为负；负号来自重构项。",
    # -- LESSON6 -------------------------------------------------------------------------------
    "LESSON6.teaches": "β 在码率（KL）与失真（重构）之间取舍；β 很大时维度被关闭",
    "LESSON6.explain": "把损失写成 D + β·R：失真 D 是重构项，码率 R 是 KL，单位都是每张图像的"
                       "奈特数（Alemi 等人，2018）。每个模型都是率失真平面上的一个点。−ELBO 等于"
                       " D + R，所以 ELBO 相等的线斜率为 −1，而 β-VAE 的最优点位于前沿斜率为 −β "
                       "之处。β 小，就把码率花在清晰的重构上；β 大，就省下码率、图像变模糊。β 大到"
                       "一定程度，KL 的代价高到模型会关闭一些潜变量维度：它们的均值不再随图像变化，"
                       "于是不再算作**活跃单元**（Cov_x(E_q[z_u]) > 0.01，Burda 等人 2016，每个页面"
                       "都用这条规则），它们的 KL 也降到 0 左右。只看个数可能会高估：下面的表格还"
                       "给出每个活跃单元的 KL。这些训练和 β 实验室的训练使用同一个网络（MLP "
                       "256-128，K = 8，10 轮），得到相同的数值：β = 1 结束时 −ELBO 为 131.9 奈特，"
                       "8 个单元全部活跃；β = 8 结束时为 180.8 奈特，8 个中 3 个活跃，它们的 KL "
                       "分别是 1.02、0.67 和 0.01 奈特：第三个几乎没有开启。",
    "LESSON6.tasks.beta8": "用 β = 8 训练，数一数它的活跃单元。",
    "LESSON6.tasks.plane": "在上面的平面上放上三个不同的 β。",
    "LESSON6.checks.beta8": "当一次 β = 8（BCE）的训练结束时，活跃的潜变量维度不超过一半时打勾"
                            "（10 轮：8 个中剩 3 个）；β 实验室的训练也算数。",
    "LESSON6.checks.plane": "当三个不同 β 的 BCE 训练（损失正确）都结束时打勾。",
    "LESSON6.runs.b05": "训练 β = 0.5",
    "LESSON6.runs.b1": "训练 β = 1",
    "LESSON6.runs.b8": "训练 β = 8",
    "LESSON6.plane": "你的模型在率失真平面上的位置",
    "LESSON6.quiz.q1.q": "在率失真平面上，更大的 β 会把模型放在哪里？",
    "LESSON6.quiz.q1.options.a": "码率更低，失真更高",
    "LESSON6.quiz.q1.options.b": "码率更高，失真更低",
    "LESSON6.quiz.q1.options.c": "在同一条 ELBO 相等的线上",
    "LESSON6.quiz.q1.why.a": "KL 更贵，编码携带的信息更少，重构变得模糊。",
    "LESSON6.quiz.q1.why.b": "那是更小的 β：KL 便宜，编码就能携带更多信息。",
    "LESSON6.quiz.q1.why.c": "ELBO 相等的线斜率为 −1；β-VAE 的最优点在前沿斜率为 −β 处，所以不同"
                             "的 β 落在不同的线上。",
    "LESSON6.quiz.q2.q": "你 β = 8 的模型 8 个单元中有 3 个活跃单元。另外 5 个怎么了？",
    "LESSON6.quiz.q2.options.a": "它们的 q(z|x) 总是先验：KL ≈ 0，不携带信息",
    "LESSON6.quiz.q2.options.b": "训练过程把它们剪掉了：这几个维度的权重已经从模型中彻底删除",
    "LESSON6.quiz.q2.options.c": "它们存储着数字的类别，这种编码很便宜，只需要花几个奈特",
    "LESSON6.quiz.q2.why.a": "与先验一致不花 KL，而 β = 8 时 KL 很贵：只有最有用的维度保持开启。",
    "LESSON6.quiz.q2.why.b": "它们还在；无论 x 是什么，每个都从 N(0, 1) 中抽取，"
                             "解码器学会了忽略它。",
    "LESSON6.quiz.q2.why.c": "不活跃的单元的均值不随 x 变化（Cov_x(E_q[z_u]) ≤ 0.01），所以它什么"
                             "也存不了。",
    "LESSON6.quiz.q3.q": "训练 A 的失真 D = 100、码率 R = 30 奈特；训练 B 的 D = 120、R = 5。"
                         "哪一个的 ELBO 更高？",
    "LESSON6.quiz.q3.options.a": "B：D + R 为 125 奈特，比 A 的 130 低",
    "LESSON6.quiz.q3.options.b": "A：它的失真比 B 低，所以它重构出的数字更加清晰",
    "LESSON6.quiz.q3.options.c": "无法判断：β 不同的训练，ELBO 不能放在一起比较",
    "LESSON6.quiz.q3.why.a": "−ELBO = D + R：A 是 100 + 30 = 130，B 是 120 + 5 = 125，"
                             "所以 B 的 ELBO（−125）更高，尽管 B 的重构更差。",
    "LESSON6.quiz.q3.why.b": "A 的重构更好，但它多花了 25 奈特的码率，只省下 20 奈特的失真："
                             "它的 D + R 更大。",
    "LESSON6.quiz.q3.why.c": "无论训练时用的 β 是多少，ELBO 都是 −(D + R)；"
                             "β 改变的是模型落在平面上的位置，而不是 ELBO 的算法。",
    # -- LESSON7 -------------------------------------------------------------------------------
    "LESSON7.teaches": "后验坍塌：它的成因（很大的 β、不需要编码的解码器、“对像素取平均”错误）"
                       "和补救办法（预热、周期退火、自由比特）",
    "LESSON7.explain": "**后验坍塌**：对每个 x，q(z|x) 都变成了先验，KL 为 0，解码器不管输入是"
                       "什么都画出同一个平均数字。当编码花掉的 KL 多于它在重构上省下的，就会发生"
                       "坍塌。经典的成因有两个：解码器强到不需要 z 也能对 x 建模（自回归的 LSTM 或 "
                       "PixelCNN 解码器，Bowman 等人 2016）；以及很大的 β，尤其是在训练初期：编码"
                       "还是噪声时，KL 就把每个单元关掉了，而关掉的单元得不到来自重构的梯度，再也"
                       "回不来。在本课的模型上（MLP 256-128，K = 8，10 轮），β = 32 关掉全部 8 个"
                       "单元（KL 0.00 奈特，−ELBO 207.2）。\n\n"
                       "补救办法就是 β 实验室里的各种方式。**预热**（β 从 0 逐渐增大，Bowman 等人 "
                       "2016）和**周期退火**（重复多次预热，Fu 等人 2019）让编码先成形，KL 再"
                       "起作用；模型承受得起最终的 β 时它们有效，但 β 一回到 32，KL 照样占上风"
                       "（实测：0 个和 1 个活跃单元）。**自由比特**（Kingma 等人 2016）对每个维度"
                       "低于 λ 奈特的 KL 不收代价：λ = 1 时，β = 32 结束时 8 个单元全部活跃，每个"
                       "约 1 奈特，−ELBO 为 151.6 奈特。\n\n"
                       "一个常见的错误同样会让后验坍塌。许多教程（Keras 的 `binary_crossentropy`、"
                       "使用默认设置的 PyTorch `F.mse_loss`）把重构对 784 个像素*取平均*，却把 KL "
                       "对潜变量维度*求和*：等效 β 为 784（见下式）。这样的训练实际最小化的是"
                       "重构 ÷ 784 + β·KL，不到 1 奈特：它的损失图把这一项画在单独的坐标轴上，"
                       "旁边的重构约为每张图像 200 奈特。\n\n"
                       "**活跃单元**是均值随图像变化的单元：Cov_x(E_q[z_u]) > 0.01（Burda 等人 "
                       "2016），本课和每个页面都用这条规则。一个单元可能通过这条检验却几乎不携带"
                       "信息：β = 16 加预热结束时 8 个单元中有 5 个活跃，但 KL 总共只有 0.55 奈特"
                       "（0.42、0.07、0.04、0.01 和 0.01）。所以每个个数旁边都给出这些单元的 KL："
                       "KL 图的标题，以及下面的表格。",
    "LESSON7.tasks.mean": "用对像素取平均的重构训练。",
    "LESSON7.tasks.fix": "修正它：用对像素求和的方式训练同一个模型。",
    "LESSON7.tasks.rescue": "用 β = 32 让模型坍塌，再在同一个 β 下挽救它：先试预热，再试自由比特。",
    "LESSON7.checks.mean": "当一次 β = 1、对像素取平均的训练结束时至多有 1 个活跃单元时打勾："
                           "后验已经坍塌。",
    "LESSON7.checks.fix": "复现坍塌之后，当一次 β = 1、对像素求和的训练结束时至少有 4 个活跃单元"
                          "时打勾。",
    "LESSON7.checks.rescue": "当一次恒定 β 不小于 16 的训练（损失正确）结束时至多有 1 个活跃单元，"
                             "并且同一个 β 下使用预热、周期退火或自由比特的训练结束时至少有 4 个"
                             "活跃单元时打勾；β 实验室“调度方式”标签页的训练也算数。",
    "LESSON7.runs.mean": "训练：对像素取平均",
    "LESSON7.runs.sum": "训练：对像素求和",
    "LESSON7.runs.b32": "训练：β = 32",
    "LESSON7.runs.warmup": "β = 32 加预热",
    "LESSON7.runs.free_bits": "β = 32 加自由比特",
    "LESSON7.quiz.q1.q": "重构是对 784 个像素的平均，KL 是对 8 个维度的求和。等效 β 是多少？",
    "LESSON7.quiz.q1.options.a": "784",
    "LESSON7.quiz.q1.options.b": "1/784",
    "LESSON7.quiz.q1.options.c": "8",
    "LESSON7.quiz.q1.why.a": "与求和的损失相比，重构小了 784 倍：KL 的分量重了 784 倍。",
    "LESSON7.quiz.q1.why.b": "被变小的是重构项，所以 KL 的分量变重而不是变轻。",
    "LESSON7.quiz.q1.why.c": "潜变量维度数不起作用：两种写法中 KL 都是求和。",
    "LESSON7.quiz.q2.q": "怎样在一次训练中认出后验坍塌？",
    "LESSON7.quiz.q2.options.a": "KL ≈ 0，没有活跃单元，每个重构都是同一个模糊的数字",
    "LESSON7.quiz.q2.options.b": "跑了几轮之后，损失就变成了 NaN，训练也因此被提前中止了",
    "LESSON7.quiz.q2.options.c": "KL 非常大，而且在重构不断变好的同时还在持续增长",
    "LESSON7.quiz.q2.why.a": "编码不携带任何信息，所以解码器只能画出平均数字。",
    "LESSON7.quiz.q2.why.b": "坍塌的训练平稳地收敛到有限的损失；NaN 是发散（学习率大得离谱）。",
    "LESSON7.quiz.q2.why.c": "那是相反的失败（第 4 课中 KL 符号取反）；坍塌时 KL ≈ 0。",
    "LESSON7.quiz.q3.q": "你那次对像素取平均的训练已经坍塌。哪个改动能修正它？",
    "LESSON7.quiz.q3.options.a": "把重构对 784 个像素求和，就像 KL 对各维度求和一样",
    "LESSON7.quiz.q3.options.b": "把 KL 也对各个潜变量维度取平均，让两项都变成平均值",
    "LESSON7.quiz.q3.options.c": "训练更久一些：KL 会先稳定下来，编码随后自然就会赶上来",
    "LESSON7.quiz.q3.why.a": "两项都求和，损失就又是 −ELBO（等效 β 为 1）：重构值得花费 KL，"
                             "各个单元重新开启。",
    "LESSON7.quiz.q3.why.b": "这把 KL 也除以了 8，但重构仍然小了 784 倍：等效 β 是 784 / 8 = 98，"
                             "后验照样坍塌。",
    "LESSON7.quiz.q3.why.c": "等效 β 为 784 时，KL 会一直占上风：训练再多轮，每个单元也仍然关闭。",
    "LESSON7.quiz.q4.q": "β = 32 让本课的模型坍塌，预热到 β = 32 也救不了它。为什么自由比特可以？",
    "LESSON7.quiz.q4.options.a": "每维低于 λ 奈特的 KL 不收代价：每个单元都留住 λ",
    "LESSON7.quiz.q4.options.b": "它在整个训练中降低 β，所以最后 KL 的分量更轻",
    "LESSON7.quiz.q4.options.c": "它让 β 从 0 开始，编码先成形，KL 再起作用",
    "LESSON7.quiz.q4.why.a": "损失中是 β·Σ max(KL_j, λ)：低于 λ 时单元的 KL 没有梯度，重构可以"
                             "放心使用它。λ = 1 时，β = 32 下 8 个单元都保持活跃。",
    "LESSON7.quiz.q4.why.b": "整个训练中 β 都是 32；自由比特改变的是 KL 项的形状，而不是它的权重。",
    "LESSON7.quiz.q4.why.c": "那是预热：它在第 5 轮达到 β = 32，之后模型照样坍塌。",
    # -- LESSON8 -------------------------------------------------------------------------------
    "LESSON8.teaches": "连续的潜在空间：插值，线性插值与球面线性插值，以及它的用处",
    "LESSON8.explain": "KL 项把所有编码压进原点附近的同一个区域，所以相近的 z 解码出相似的图像，"
                       "两个数字之间的空间也被填满：潜在空间是**连续的**。取两张测试图像的编码 μ，"
                       "在它们之间走一走，把每一步解码：好的路径会经过一串像数字的图像，把一个数字"
                       "渐变成另一个。**球面线性插值**（slerp）沿大圆前进，"
                       "使范数 ‖z‖ 保持在典型编码"
                       "附近；直线（线性插值，lerp）则更靠近原点，那里的编码更少。正是这种连续性让"
                       "生成、去噪和补全成为可能（见“应用”页面）。",
    "LESSON8.tasks.pair": "在上面的插值中选两张不同数字的测试图像。",
    "LESSON8.tasks.slerp": "找到一对图像，使它们之间的球面线性插值一路都是数字。",
    "LESSON8.checks.pair": "当插值的两张测试图像是不同的数字时打勾。",
    "LESSON8.checks.slerp": "当两个不同数字之间的球面线性插值的每一步，对模型来说都和它对测试数字"
                            "的重构一样典型，即 −ELBO 不超过这些重构的第 95 百分位数时打勾。",
    "LESSON8.applications": "应用：生成、去噪、补全",
    "LESSON8.quiz.q1.q": "为什么在 VAE 中，两个编码之间的点能解码成像数字的图像，而在普通自编码器"
                         "中往往不能？",
    "LESSON8.quiz.q1.options.a": "KL 项填满了编码之间的区域，所以解码器学会了在那里画图",
    "LESSON8.quiz.q1.options.b": "VAE 的解码器更大，所以它学会了从任何一个 z 画出数字",
    "LESSON8.quiz.q1.options.c": "VAE 逐像素地混合两张图像，而不是混合它们的编码",
    "LESSON8.quiz.q1.why.a": "带噪声抽取的编码覆盖了均值之间的空间；自编码器的编码则留下解码器从没"
                             "见过的空隙。",
    "LESSON8.quiz.q1.why.b": "两者的解码器可以一样大；不同的是训练如何塑造编码空间。",
    "LESSON8.quiz.q1.why.c": "在像素上混合只会把两个数字叠在一起；这里的路径走在 z 中，每一步再"
                             "解码。",
    "LESSON8.quiz.q2.q": "为什么用球面线性插值而不用线性插值？",
    "LESSON8.quiz.q2.options.a": "球面线性插值让 ‖z‖ 保持在典型编码所在之处；线性插值的中点范数"
                                 "更小",
    "LESSON8.quiz.q2.options.b": "球面线性插值需要的步数更少，因为沿大圆走是两点之间最短的路径",
    "LESSON8.quiz.q2.options.c": "线性插值的中点落在了潜在空间之外，解码器无法解码那里的点",
    "LESSON8.quiz.q2.why.a": "在 K 维的 N(0, I) 下，大多数编码的 ‖z‖ ≈ √K；直线的中段切进了这层"
                             "球壳的内部。",
    "LESSON8.quiz.q2.why.b": "两者解码的步数相同，而且直线才是更短的路径；区别在于路径经过哪里。",
    "LESSON8.quiz.q2.why.c": "每个 z 都在潜在空间中，都能解码；线性插值的中段只是落在解码器见过的编"
                             "码较少的地方。",
    "LESSON8.quiz.q3.q": "在 K = 8 个潜变量维度的先验 N(0, I) 下，大多数编码 z 落在哪里？",
    "LESSON8.quiz.q3.options.a": "在 ‖z‖ ≈ √8 ≈ 2.8 的球壳附近，原点附近很少",
    "LESSON8.quiz.q3.options.b": "在原点附近，因为那里是先验概率密度最高的地方",
    "LESSON8.quiz.q3.options.c": "在单位球 ‖z‖ ≤ 1 之内，也就是一个标准差的范围以内",
    "LESSON8.quiz.q3.why.a": "‖z‖² 是 8 个 N(0, 1) 抽样的平方和，均值为 8，"
                             "所以大多数编码落在 ‖z‖ ≈ √8 附近。线性插值的中段切进了这层球壳的内"
                             "部，那里解码器见过的编码很少。",
    "LESSON8.quiz.q3.why.b": "原点处的密度确实最高，但它附近的体积很小：在 8 维中，"
                             "很少有抽样落在中心附近。",
    "LESSON8.quiz.q3.why.c": "每个坐标落在 0 附近 1 以内的概率约为 68%，但 8 个坐标同时如此就很少见"
                             "了；典型的 ‖z‖ 约为 √8 ≈ 2.8。",
    # -- LESSON9 -------------------------------------------------------------------------------
    "LESSON9.teaches": "VAE 中的标签：条件变分自编码器画出所要求的数字，半监督的 M1+M2 只用 100 个"
                       "标签就能学会分类",
    "LESSON9.explain": "到目前为止，VAE 从没见过标签。**条件变分自编码器**（CVAE）还"
                       "会拿到数字的标签 y：标签的独热向量同时接入编码器的输入和解码器的 z，"
                       "所以它学的是 q(z|x, y) 和 p(x|z, y)。标签已经说明了"
                       "是*哪个*数字，z 只需保存**风格**（倾斜、粗细、大小）：选一个数字"
                       "，从先验中抽一个 z，解码器就用这种风格写出这个数字。标签很贵，图像很便"
                       "宜。**半监督学习**把少量有标签的图像和大量无标签的图像放在一起用：*"
                       "*M1** 在全部图像上训练一个 VAE，再对它的编码做分类；**M2*"
                       "* 是一个条件变分自编码器，对无标签的图像把 y 当作潜变量，同时训练一"
                       "个分类器 q(y|x)；**M1+M2** 把 M2 用在 M1 的编码"
                       "上（Kingma 等人，2014）。",
    "LESSON9.tasks.cvae": "训练一个条件变分自编码器：用下面的按钮，或者在训练页面打开"
                          "**更多设置 → 条件**。",
    "LESSON9.tasks.shares": "在“条件变分自编码器”页面上，让它测量样本中有多大比例"
                            "正是所要求的数字：用模型库中的 mnist-cvae-z2，或者用你自己"
                            "已经学得足够好的模型。",
    "LESSON9.tasks.few": "在“从少量标签中学习”页面上，用 n = 100 个标签运行一次包含 M1+M2 的比较。",
    "LESSON9.checks.cvae": "当一个条件变分自编码器在 mnist-5k 上的训练结束并给出测试指标时打勾。",
    "LESSON9.checks.shares": "当该页面测出了比例，并且条件模型画出所要求数字的比例，高于"
                             "无条件模型的先验样本是任一有把握数字的比例时打勾。",
    "LESSON9.checks.few": "当 M1+M2 用 n = 100 个标签在测试图像上的准确率，高于用同样 100 个标签在"
                          "像素上做逻辑回归的准确率时打勾。",
    "LESSON9.runs.cvae": "训练一个条件变分自编码器",
    "LESSON9.to_conditional": "条件变分自编码器：选一个数字，拖动风格",
    "LESSON9.to_few": "从少量标签中学习：M1、M2、M1+M2 与基线的比较",
    "LESSON9.your_shares": "你在“条件变分自编码器”页面上的结果：要求一个数字时，条件模型有 "
                           "**{cond:.0%}** 的样本画出了它；无条件模型的先验样本中，有 "
                           "**{uncond:.0%}** 是有把握的数字。",
    "LESSON9.your_shares_alone": "你在“条件变分自编码器”页面上的结果：要求一个数字时，条件模型有 "
                                "**{cond:.0%}** 的样本画出了它（没有可比较的无条件模型）。",
    "LESSON9.your_few": "你用 n = {n} 个标签的比较：M1+M2 为 **{acc:.1%}**，在像素上做逻辑回归为 "
                        "**{base:.1%}**。",
    "LESSON9.quiz.q1.q": "条件变分自编码器在拿到图像的同时还拿到标签 y。它的 z 保存的是什么？",
    "LESSON9.quiz.q1.options.a": "风格（倾斜、粗细、大小），因为标签已经说明了是哪个数字",
    "LESSON9.quiz.q1.options.b": "数字本身是哪个，y 只是用来核对它的第二份副本",
    "LESSON9.quiz.q1.options.c": "几乎什么都不保存：有了标签，解码器不用 z 也能画出数字",
    "LESSON9.quiz.q1.why.a": "解码器已经知道 y，把数字再编码进 z 只会增加 KL 而毫无收益；z 留下的是"
                             "标签没有说明的部分。",
    "LESSON9.quiz.q1.why.b": "y 直接送进解码器；z 不必携带它，KL 项还会推动 z 不去携带它。",
    "LESSON9.quiz.q1.why.c": "一个标签画不出所有的 3：解码器需要 z 来决定风格，拖动 z 就会"
                             "改变画出的图像。",
    "LESSON9.quiz.q2.q": "要求一个数字时，CVAE 约有 89 % 的样本画出了它；而无条件模型的先验样本中，"
                         "只有不到一半是有把握的数字。为什么？",
    "LESSON9.quiz.q2.options.a": "没有标签时十个数字挤在同一个平面上，随机的 z 常落在它们之间",
    "LESSON9.quiz.q2.options.b": "CVAE 训练的轮数更多，所以它的解码器画出的数字更清晰",
    "LESSON9.quiz.q2.options.c": "数字分类器是在 CVAE 自己的样本上训练的，所以更认得它们",
    "LESSON9.quiz.q2.why.a": "在两个数字的区域之间，解码器画出的是分类器拿不准的混合体；CVAE 的平面"
                             "只保存风格，每个点都会按所要求的数字解码。",
    "LESSON9.quiz.q2.why.b": "模型库中的这两个模型层数相同，都训练了 30 轮；不同的只是标签。",
    "LESSON9.quiz.q2.why.c": "分类器来自“为什么要变分？”页面，是在真实的测试数字上训练的，它用"
                             "同样的方式给两个模型打分。",
    "LESSON9.quiz.q3.q": "只有 100 个标签时，为什么 M1+M2 能胜过在像素上做的逻辑回归？",
    "LESSON9.quiz.q3.options.a": "无标签图像塑造了编码，所以少量标签就足以把数字分开",
    "LESSON9.quiz.q3.options.b": "无标签图像会先由人来标注，所以 M1+M2 其实见到了几千个标签",
    "LESSON9.quiz.q3.options.c": "VAE 也在测试图像上训练过，所以它事先见过答案",
    "LESSON9.quiz.q3.why.a": "在全部图像上训练的 VAE 把相似的数字放在一起；这样分类器需要的样本就比"
                             "直接用像素少得多。",
    "LESSON9.quiz.q3.why.b": "没有人标注它们：M2 把它们的标签当作未知。",
    "LESSON9.quiz.q3.why.c": "每种方法都在 1,000 张没有任何模型训练过的测试图像上评分。",
    "LESSON9.quiz.q4.q": "M2 如何从一张没有标签的图像中学习？",
    "LESSON9.quiz.q4.options.a": "把 y 当作未知：各个标签的下界按 q(y|x) 加权，再加上熵",
    "LESSON9.quiz.q4.options.b": "跳过这张图像：只有带标签的图像才训练编码器、解码器和分类器",
    "LESSON9.quiz.q4.options.c": "给这张图像一个随机标签，再把这个标签当作真的标签来训练",
    "LESSON9.quiz.q4.why.a": "这样无标签图像也能训练编码器、解码器，并通过 q(y|x) 训练分类器。",
    "LESSON9.quiz.q4.why.b": "那样它就只是一个用 100 张图像训练的分类器；它的收益"
                             "正来自无标签图像。",
    "LESSON9.quiz.q4.why.c": "随机标签会教它错误的数字；M2 按分类器认为每个标签的可能性来加权。",
}
