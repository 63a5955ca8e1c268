"""Finds English left in a page rendered in 中文: every visible text of an AppTest run (labels,
help, options, markdown, alerts, tab and expander labels, Plotly titles and axes), with names,
symbols and units allowed."""

from __future__ import annotations

import json
import re

# proto fields that hold text a learner reads
TEXT_FIELDS = {"body", "label", "help", "options", "placeholder", "caption", "title",
               "default_text", "text", "value"}
SKIPPED = {"Code", "Latex", "Json", "Exception", "Dataframe", "Arrow", "Image", "Imgs",
           "DeckGlJsonChart", "BidiComponent", "Html", "IFrame"}
# names, abbreviations and units a 中文 text may keep
NAMES = re.compile(
    r"(?:[a-z0-9]+-)+[a-z0-9.]+(?:\.safetensors)?"              # model and file names
    r"|\b(?:VAE|β-VAE|ELBO|IWAE|KL|BCE|MSE|PCA|t-SNE|TSNE|MNIST|MIG|NLL|PSNR|PNG|AUC|ROC|MLP|"
    r"ReLU|GELU|CNN|Conv|conv|MLP|CUDA|GPU|CPU|AMP|bf16|fp16|CSV|NPZ|NPY|IDX|Adam|AdamW|PyTorch|"
    r"torch|Streamlit|Plotly|safetensors|Keras|TensorFlow|openTSNE|scikit-learn|sklearn|Kingma|"
    r"Welling|Burda|Higgins|Alemi|Chen|Bowman|Fashion|EMNIST|KMNIST|mnist|kmnist|digits|shapes|signals|dB|nats?|"
    r"bits?|px|MB|KB|GB|ms|s|epoch|lerp|slerp|log|exp|sum|mean|min|max|id|ok|OK)\b")
LANGUAGE_NAMES = {"English", "中文"}
WORD = r"[A-Za-z][a-z]+"
SENTENCE = re.compile(rf"\b{WORD}(?:[ ,'’-]+{WORD}){{2,}}\b")  # three English words in a row


def english_labels(texts: list[str]) -> list[str]:
    """Short texts with no 中文 in them and an English word left once names are removed: an
    option ("constant"), a placeholder ("Choose options"), a cell ("None"). Three words in a
    row is ``english_sentences``' job; this finds the one- and two-word leaks it lets through."""
    found = []
    for text in texts:
        if any("\u4e00" <= ch <= "\u9fff" for ch in text) or len(text) > 60 or "=" in text:
            continue  # 中文, a sentence (the finder above), or code (lesson 3's options)
        if text in LANGUAGE_NAMES:  # the language switch names each language in its own
            continue
        rest = NAMES.sub(" ", re.sub(r"\$[^$]*\$|`[^`]*`|\{[^}]*\}|\S+/\S+", " ", text))
        if re.search(r"\b[A-Za-z][a-z]{2,}\b", rest):
            found.append(text)
    return found


def visible_texts(at) -> list[str]:
    out: list[str] = []
    for node in _nodes(at._tree):
        kind = type(node).__name__
        if kind in SKIPPED:
            continue
        proto = getattr(node, "proto", None)
        if kind == "PlotlyChart" and proto is not None:
            out += _plotly_texts(json.loads(proto.spec))
        elif proto is not None and hasattr(proto, "ListFields"):
            out += _proto_texts(proto)
    return out


def english_sentences(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        text = re.sub(r"\$[^$]*\$|`[^`]*`|https?://\S+|\{[^}]*\}", " ", text)
        text = NAMES.sub(" ", text)
        found += [m.group(0) for m in SENTENCE.finditer(text)]
    return found


def _nodes(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def _proto_texts(proto) -> list[str]:
    out = []
    for field, value in proto.ListFields():
        if field.name not in TEXT_FIELDS:
            if field.message_type is not None and not field.is_repeated:
                out += _proto_texts(value)
            continue
        if isinstance(value, str):
            out.append(value)
        elif field.is_repeated:
            out += [v for v in value if isinstance(v, str)]
    return out


def _plotly_texts(spec: dict) -> list[str]:
    out = []

    def walk(obj, key=""):
        if isinstance(obj, dict):
            for k, v in obj.items():
                if k in ("data", "frames") and isinstance(v, list):
                    for trace in v:
                        walk({n: trace.get(n) for n in ("name", "text") if isinstance(trace, dict)
                              and isinstance(trace.get(n), str)})
                elif k not in ("template", "customdata", "hovertemplate"):
                    walk(v, k)
        elif isinstance(obj, list):
            for v in obj:
                walk(v, key)
        elif isinstance(obj, str) and key in ("text", "name", "title"):
            out.append(obj)

    walk(spec)
    return out
