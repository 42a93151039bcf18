"""The structure the code promises: one door to the engine, no import cycle, every setting documented."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Iterator

from fabrique import reglages

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ROOT / "hooks"
ENGINE = ("mkdocs", "material", "mkdocs_macros")
DOOR = "fabrique.moteur"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(HOOKS).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(HOOKS.rglob("*.py"))}


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return getattr(test, "id", None) == "TYPE_CHECKING" or getattr(test, "attr", None) == "TYPE_CHECKING"


def imports(name: str) -> list[tuple[str, int]]:
    """Every module ``name`` imports, at any depth (inside functions too), but type-only imports."""
    path = MODULES[name]
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                for other in child.orelse:
                    visit(other)
            elif isinstance(child, ast.Import):
                found.extend((alias.name, child.lineno) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package[: len(package) - (child.level - 1)]
                    module = ".".join(base + ([child.module] if child.module else []))
                else:
                    module = child.module or ""
                found.append((module, child.lineno))
                found.extend((f"{module}.{alias.name}", child.lineno) for alias in child.names if f"{module}.{alias.name}" in MODULES)
            else:
                visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for name in MODULES:
        targets = set()
        for module, _ in imports(name):
            while module not in MODULES and "." in module:
                module = module.rsplit(".", 1)[0]
            if module in MODULES and module not in (name, "fabrique"):
                targets.add(module)
        edges[name] = targets
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            strong(v)
    return found


def test_only_the_engine_package_imports_the_engine():
    outside = [f"{MODULES[name].relative_to(ROOT)}:{line}: {module}"
               for name in MODULES if name != "fabrique_hooks" and not (name == DOOR or name.startswith(DOOR + "."))
               for module, line in imports(name) if module.split(".")[0] in ENGINE]
    assert outside == []


def test_the_import_test_sees_an_engine_import():
    assert any(module.startswith("mkdocs") for module, _ in imports("fabrique.moteur.evenements"))


def test_no_import_cycle_among_fabrique_modules():
    assert cycles(graph()) == []


def test_a_cycle_is_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_hook_file_only_forwards_to_the_engine_package():
    tree = ast.parse((HOOKS / "fabrique_hooks.py").read_text(encoding="utf-8"))
    assert not [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    assert {module for module, _ in imports("fabrique_hooks")} == {"fabrique.moteur.evenements"}


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Réglages\n", 1)[1].split("\n## ", 1)[0]
    first_column = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    documented = {name for cell in first_column for name in re.findall(r"`([A-Z_]+)[=`]", cell)}
    assert set(reglages.variables().values()) <= documented, "variables absentes du tableau « Réglages » du README"


def test_settings_are_read_once_from_the_environment():
    lu = reglages.Reglages.lire({"FABRIQUE_BROUILLONS": "0", "FABRIQUE_PDF": "1", "FABRIQUE_HTML_DANGEREUX": "avertir"})
    assert (lu.brouillons, lu.pdf, lu.html_dangereux_avertir, lu.hors_ligne) == (False, True, True, False)
    assert reglages.Reglages.lire(reglages.environnement(pdf=True, brouillons=False)) == reglages.Reglages(pdf=True, brouillons=False)
    readers = [f"{MODULES[name].relative_to(ROOT)}" for name in MODULES if name.startswith("fabrique")
               and name != "fabrique.reglages" and not name.startswith("fabrique.maintenance")
               and re.search(r"os\.environ\.get|os\.getenv|environ\[", MODULES[name].read_text(encoding="utf-8"))]
    assert readers == []


#: What presents the domain: the renderer, the pages (``pages/``, each noun's ``page.py``), the
#: engine's door and the tools around the build. Everything else is the domain.
PRESENTATION = ("fabrique.render", "fabrique.build", "fabrique.benchmark", "fabrique.carte.mesure", "fabrique.cli", "fabrique.pages",
                "fabrique_hooks")


def presents(module: str) -> bool:
    return (module in PRESENTATION or module.endswith(".page")
            or module.startswith(("fabrique.pages.", "fabrique.moteur", "fabrique.maintenance")))


def domain_imports_of_presentation(edges: dict[str, set[str]]) -> list[str]:
    return [f"{module} -> {target}" for module, targets in sorted(edges.items()) if not presents(module)
            for target in sorted(targets) if presents(target)]


def test_no_domain_module_imports_the_renderer_or_a_page():
    assert domain_imports_of_presentation(graph()) == []


def test_the_layer_test_sees_a_domain_module_that_renders():
    edges = {"fabrique.carte": {"fabrique.render"}, "fabrique.carte.page": {"fabrique.carte", "fabrique.render"}}
    assert domain_imports_of_presentation(edges) == ["fabrique.carte -> fabrique.render"]


NOUNS = ("accueil", "carte", "chiffres", "citations", "donnees", "facettes", "guide", "proches", "sources")


def test_each_domain_noun_is_one_package_with_its_page():
    for noun in NOUNS:
        assert f"fabrique.{noun}" in MODULES and MODULES[f"fabrique.{noun}"].name == "__init__.py", noun
        assert f"fabrique.{noun}.page" in MODULES, noun
        assert not (HOOKS / "fabrique" / "pages" / f"{noun}.py").exists(), noun


def _strings(tree: ast.AST) -> Iterator[tuple[str, int]]:
    """Every string constant of a module but its docstrings (module, classes, functions)."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.value, node.lineno


def test_only_the_routes_module_spells_a_page_path_of_a_territory_or_a_programme():
    spelled = [f"{MODULES[name].relative_to(ROOT)}:{line}" for name in MODULES if name != "fabrique.adresses"
               for value, line in _strings(ast.parse(MODULES[name].read_text(encoding="utf-8")))
               if re.search(r"/(territoires|programmes)(/|$)|^(territoires|programmes)/", value)]
    assert spelled == []
