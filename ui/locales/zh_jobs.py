"""简体中文 for ``JOBMSG`` (``ui/text.py``): how a training job ended, by its code."""

ZH = {
    "JOBMSG.finished": "已完成 {epochs} 轮，共 {steps} 步",
    "JOBMSG.stopped_after": "已按请求在第 {steps} 步后停止",
    "JOBMSG.diverged_at": "训练在第 {step} 步发散（损失 = {loss}）；已保留第 {good_step} 步的权重，"
                          "即最后一组损失仍为有限值的权重。请尝试更小的学习率（当前为 {lr:g}）。",
    "JOBMSG.diverged_test": "第 {epoch} 轮后测试集 −ELBO 不是有限值；"
                            "已保留第 {good_step} 步的权重。请尝试更小的学习率。",
    "JOBMSG.loading": "正在载入 {dataset}",
    "JOBMSG.stopped_before": "在第一步之前就已停止",
    "JOBMSG.not_started": "尚未开始",
    "JOBMSG.failed": "训练出错而失败：{error}",
    "JOBMSG.interrupted_saved": "服务器正在重启，训练已在第 {steps} 步后停止；权重已保存到模型库，"
                                "名为“{name}”",
    "JOBMSG.interrupted_unsaved": "服务器正在重启，训练已在第 {steps} 步后停止；"
                                  "权重未能保存（{error}）",
    "JOBMSG.not_started_restart": "尚未开始：服务器正在重启。页面重新连接后请再开始一次",
}
