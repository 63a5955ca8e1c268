"""The one-way street of DESIGN.md §1: vae_core knows no UI; pages talk to session state via ui/."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI_LIBS = {"streamlit", "plotly"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_imports_no_ui_library():
    files = sorted((ROOT / "vae_core").rglob("*.py"))
    assert files
    offenders = {str(f.relative_to(ROOT)): _imports(f) & UI_LIBS for f in files}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_core_never_imports_app_layers():
    for f in (ROOT / "vae_core").rglob("*.py"):
        assert not _imports(f) & {"ui", "pages", "app"}, f


def test_pages_do_not_touch_session_state_directly():
    for f in sorted((ROOT / "pages").glob("*.py")):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                assert node.attr != "session_state", f"{f.name}:{node.lineno} uses session_state"
