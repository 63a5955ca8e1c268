"""Comments and docstrings cite only files a reader of this repository can open: a file of the
repository (by its path, or by its name where that name is unique enough to find), or one of
the few outside files named with where they live."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP = {".git", "test-artifacts", "__pycache__", ".venv", "node_modules"}
EXTENSIONS = "py|md|json|yaml|yml|txt|js|toml|sh|in|css|html|conf|template"
CITED = re.compile(rf"(?<![\w./-])((?:[\w-]+/)*[\w-]+\.(?:{EXTENSIONS}))(?![\w.])")
OUTSIDE = {  # cited file -> what the citing text must also say, so the reader knows where it is
    "vae/main.py": "pytorch/examples",
    "nginx.conf": "deploy/nginx.py",  # the file deploy/nginx.py writes
}


def _repository_files() -> list[Path]:
    return [p for p in ROOT.rglob("*") if p.is_file() and not SKIP & set(p.relative_to(ROOT).parts)]


def _prose(source: str) -> list[tuple[int, str]]:
    """(line, text) of every comment and docstring-like (triple-quoted) string."""
    out = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT or (tok.type == tokenize.STRING and
                                            tok.string.lstrip("rbuRBU")[:3] in ('"""', "'''")):
            out.append((tok.start[0], tok.string))
    return out


def _missing(files: list[Path], root: Path = ROOT) -> list[str]:
    paths = {p.relative_to(root).as_posix() for p in files}
    names = {p.name for p in files}
    missing = []
    for f in files:
        if f.suffix != ".py":
            continue
        source = f.read_text(encoding="utf-8")
        for line, text in _prose(source):
            for cited in CITED.findall(text):
                here = (f.parent / cited).resolve()
                known = cited in paths or any(p.endswith("/" + cited) for p in paths) or \
                    ("/" not in cited and cited in names) or here.is_file()
                outside = cited in OUTSIDE and OUTSIDE[cited] in source
                if not (known or outside):
                    missing.append(f"{f.relative_to(root)}:{line} cites {cited}")
    return missing


def test_comments_cite_only_files_a_reader_can_open():
    files = _repository_files()
    assert len(files) > 100
    assert _missing(files) == []


def test_a_cited_file_that_is_not_here_is_found(tmp_path):
    (tmp_path / "a.py").write_text('"""See notes/PLAN.md and b.py."""\n# and c.py\n')
    (tmp_path / "b.py").write_text("")
    assert _missing([tmp_path / "a.py", tmp_path / "b.py"], tmp_path) == [
        "a.py:1 cites notes/PLAN.md", "a.py:2 cites c.py"]
