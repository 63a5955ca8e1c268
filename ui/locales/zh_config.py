"""简体中文 for ``CONFIG`` and ``ANALYSIS`` (``ui/text.py``): why a config or an analysis's input
was refused, by its code (``vae_core.messages.CONFIG_MESSAGES``, ``ANALYSIS_MESSAGES``). Field
names (``lr``, ``beta``, ``hidden[0]``), the allowed ranges and the refused values stay as the
code writes them; the sentence is Chinese."""

ZH = {
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
    "CONFIG.sweep_not_list": "{field} 必须是列表，实际为 {value}",
    "CONFIG.sweep_size": "{field}：一次扫描训练 1 到 {max} 个模型，实际为 {n}",
    "CONFIG.sweep_value": "{field}[{index}]：{reason}",
    "CONFIG.sweep_duplicate": "{field}[{index}]：取值 {value} 重复",
    "CONFIG.beta_not_number": "beta 必须是数，实际为 {value}",
    "CONFIG.bad_likelihood": "似然应为一个重构似然的名称（recon）或 (recon, sigma)，实际为 {value}",
    "CONFIG.sigma_mse_only": "sigma 只适用于重构似然 'mse'，不适用于 {recon}",
    "CONFIG.unknown_schedule": "未知的 β 调度方式 {value}；可选：{choices}",
    "CONFIG.shape_mismatch": "模型要求的图像形状是 {expected}，但 {dataset} 的图像是 {found}",
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
}
