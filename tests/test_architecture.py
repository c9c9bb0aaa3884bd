"""The package's layers import only downward, and no module imports itself in a circle.

Imports made inside functions count: they are deferred, not absent.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, Set

PACKAGE = Path(__file__).resolve().parent.parent / "pledge_office"

# lowest first; a module may import its own layer or any layer below it
LAYERS = ["base", "office", "model", "inputs", "documents", "steps", "commands", "top"]


def layer_of(module: str) -> str:
    parts = module.split(".")
    if module in ("pledge_office.errors", "pledge_office.findings", "pledge_office._version"):
        return "base"
    if len(parts) > 2 and parts[1] in LAYERS:
        return parts[1]
    return "top"  # pledge_office, cli, __main__


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> Set[str]:
    """Every pledge_office module this file imports, at the top or inside a function."""
    found: Set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pledge_office"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if (PACKAGE.parent / (candidate.replace(".", "/") + ".py")).exists()
                          else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("pledge_office"))
    return found


def import_graph() -> Dict[str, Set[str]]:
    return {module_name(p): imports_of(p) for p in PACKAGE.rglob("*.py")}


def test_every_import_goes_down_or_sideways():
    upward = [f"{module} ({layer_of(module)}) imports {target} ({layer_of(target)})"
              for module, targets in import_graph().items() for target in targets
              if LAYERS.index(layer_of(target)) > LAYERS.index(layer_of(module))]
    assert upward == []


def test_no_import_cycle():
    graph = import_graph()
    cycles = []
    state: Dict[str, int] = {}

    def visit(module: str, trail: list) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            target = target if target in graph else target.rsplit(".", 1)[0]
            if state.get(target) == 1:
                cycles.append(" -> ".join(trail[trail.index(target):] + [target]) if target in trail else target)
            elif target not in state:
                visit(target, trail + [target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_checker_sees_imports_inside_functions(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text("def f():\n    from pledge_office.steps.demo import run_demo\n")
    assert "pledge_office.steps.demo" in imports_of(sample)


def test_the_layers_are_the_folders():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == {"office", "model", "inputs", "documents", "steps", "commands", "data"} - {"data"} | (
        {"data"} if (PACKAGE / "data" / "__init__.py").exists() else set())
