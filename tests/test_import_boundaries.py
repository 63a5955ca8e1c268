"""The one-way street: vae_core knows no UI; pages talk to session state via ui/;
no package has an import circle; every per-session memory has one declared, unique key."""

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


STATE_ATTRS = {"session_state", "cache_data", "cache_resource"}


def _attributes(path: Path) -> list[tuple[int, str]]:
    return [(node.lineno, node.attr) for node in ast.walk(ast.parse(path.read_text("utf-8")))
            if isinstance(node, ast.Attribute)]


def test_only_ui_touches_session_state_and_caches():
    outside = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "vae_core").rglob("*.py")]
    found = [f"{f.relative_to(ROOT)}:{line} {attr}" for f in outside
             for line, attr in _attributes(f) if attr in STATE_ATTRS]
    assert found == []


def test_each_session_key_is_declared_once_and_used_by_name():
    """A module's own session memory lives under a ``K_*`` (or ``_K*``) constant whose value
    starts with ``_vl_``: no two modules share one by accident, and no raw ``"_vl_..."`` string
    elsewhere bypasses the module that owns it (widget keys are the widgets' own)."""
    declared: dict[str, str] = {}
    raw: list[str] = []
    for f in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(f.read_text("utf-8"))
        owned = set()
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and \
                    str(node.value.value).startswith("_vl_"):
                name = node.targets[0].id
                assert name.lstrip("_").startswith(("K_", "LANG")), f"{f.name}: {name}"
                where = f"{f.relative_to(ROOT)}:{name}"
                assert node.value.value not in declared, (where, declared[node.value.value])
                declared[node.value.value] = where
                owned.add(id(node.value))
        raw += [f"{f.relative_to(ROOT)}:{n.lineno}" for n in ast.walk(tree)
                if isinstance(n, ast.Constant) and str(n.value).startswith("_vl_")
                and id(n) not in owned]
    assert len(declared) >= 20 and raw == []


def _module_graph(package: Path) -> dict[str, set[str]]:
    """Module -> the package's modules it imports: every import statement, also inside functions
    and under ``TYPE_CHECKING`` (a lazy import only hides a circle)."""
    pkg = package.name
    modules = {}
    for f in package.rglob("*.py"):
        parts = f.relative_to(package.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = f
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, f in modules.items():
        here = name.split(".") if f.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(here[:len(here) - node.level + 1] + ([base] if base else []))
                targets = [base, *(f"{base}.{a.name}" for a in node.names)]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target.startswith(pkg) and target != name:
                    graph[name].add(target)
    return graph


def _circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(component)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_vae_core_has_no_import_circle():
    # a package importing its own submodules (vae_core.data -> vae_core.data.base) is not one
    graph = {m: {t for t in ts if not m.startswith(f"{t}.")}
             for m, ts in _module_graph(ROOT / "vae_core").items()}
    assert _circles(graph) == []


def test_ui_has_no_import_circle():
    graph = {m: {t for t in ts if not m.startswith(f"{t}.")}
             for m, ts in _module_graph(ROOT / "ui").items()}
    assert _circles(graph) == []


def test_the_circle_check_finds_a_circle():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]


UI = ROOT / "ui"
SHELL = "shell"
# features that embed other features' views (the home page's walk-through, the lessons' live
# views, the conditional page's in-browser decoder); every other feature imports only the shell
# and vae_core
EMBEDDERS = {"home", "lessons", "conditional"}


def _folders(ui: Path = UI) -> set[str]:
    return {p.name for p in ui.iterdir() if (p / "__init__.py").is_file()}


def _folder_graph(ui: Path = UI) -> dict[str, set[str]]:
    """Feature folder -> the other folders of ``ui/`` its modules import."""
    folders = _folders(ui)
    graph: dict[str, set[str]] = {f: set() for f in folders}
    for module, targets in _module_graph(ui).items():
        parts = module.split(".")
        if len(parts) < 2 or parts[1] not in folders:
            continue
        for target in targets:
            tparts = target.split(".")
            if len(tparts) >= 2 and tparts[1] in folders and tparts[1] != parts[1]:
                graph[parts[1]].add(tparts[1])
    return graph


def test_ui_is_organised_by_feature():
    """Nothing but the package marker at the top of ``ui/``: every module is in a folder."""
    assert sorted(p.name for p in UI.glob("*.py")) == ["__init__.py"]
    assert {SHELL, "train", "explore", "compare", "library", "lessons", "home"} <= _folders()


def test_features_import_only_the_shell_and_the_core():
    graph = _folder_graph()
    assert graph[SHELL] == set(), "the shell imports no feature"
    strays = {f: sorted(t - {SHELL}) for f, t in graph.items()
              if f not in EMBEDDERS and t - {SHELL}}
    assert strays == {}


def test_no_circle_between_feature_folders():
    assert _circles(_folder_graph()) == []


def test_the_folder_rule_sees_a_feature_importing_another(tmp_path):
    """The rule reads real imports, lazy ones too: two features importing each other fail it."""
    fake = tmp_path / "ui"
    modules = {"__init__": "", "shell/__init__": "", "shell/state": "",
               "train/__init__": "", "train/form": "from ui.shell import state\n",
               "train/live": "def f():\n    from ui.compare import sweeps\n",
               "compare/__init__": "", "compare/sweeps": "import ui.train.form\n"}
    for name, body in modules.items():
        (fake / name).parent.mkdir(parents=True, exist_ok=True)
        (fake / name).with_suffix(".py").write_text(body)
    graph = _folder_graph(fake)
    assert graph == {"shell": set(), "train": {"compare", "shell"}, "compare": {"train"}}
    assert _circles(graph) == [{"train", "compare"}]
