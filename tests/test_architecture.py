"""The shape of the code: SQL only in the index package, no import cycles, short modules."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "resarchive"
INDEX = PACKAGE / "index"
SQL = re.compile(r"\b(SELECT|INSERT|DELETE|CREATE|UPDATE|DROP|PRAGMA|REPLACE INTO)\s")
MAX_LINES = 500


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def string_literals(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string constant, f-string parts included, with its line."""
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_no_sql_outside_the_index_package() -> None:
    offenders = []
    for path in modules().values():
        if path.is_relative_to(INDEX):
            continue
        for line, text in string_literals(ast.parse(path.read_text("utf-8"))):
            if SQL.search(text):
                offenders.append(f"{path.relative_to(PACKAGE)}:{line}: {text[:60]!r}")
    assert offenders == []


def test_the_sql_check_sees_sql() -> None:
    tree = ast.parse('x = f"SELECT rid FROM {t}"\ny = "DELETE FROM t WHERE a = ?"\nz = "select"')
    assert sorted(line for line, text in string_literals(tree) if SQL.search(text)) == [1, 2]


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that module `name` imports, wherever (lazy imports included)."""
    base = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                parent = base
                for _ in range(node.level - 1):
                    parent = parent.rpartition(".")[0]
                target = f"{parent}.{target}" if node.module else parent
            for alias in node.names:  # `from . import schema` imports a module
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
    return {m for m in found if m in known and m != name}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle in the graph (depth first), or None."""
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> list[str] | None:
        if name in trail:
            return trail[trail.index(name) :] + [name]
        if name in done:
            return None
        for target in sorted(graph[name]):
            cycle = visit(target, [*trail, name])
            if cycle:
                return cycle
        done.add(name)
        return None

    for name in sorted(graph):
        cycle = visit(name, [])
        if cycle:
            return cycle
    return None


def test_no_import_cycle() -> None:
    known = modules()
    graph = {name: imports(name, path, known) for name, path in known.items()}
    assert find_cycle(graph) is None
    assert "resarchive.validate" not in graph["resarchive.index"]


def test_the_cycle_check_sees_a_cycle(tmp_path: Path) -> None:
    pkg = tmp_path / "resarchive"
    pkg.mkdir()
    (pkg / "a.py").write_text("def f():\n    from .b import g\n", "utf-8")
    (pkg / "b.py").write_text("from . import a\n", "utf-8")
    (pkg / "c.py").write_text("import resarchive.a\n", "utf-8")
    known = {f"resarchive.{m}": pkg / f"{m}.py" for m in "abc"}
    graph = {name: imports(name, path, known) for name, path in known.items()}
    assert graph == {
        "resarchive.a": {"resarchive.b"},
        "resarchive.b": {"resarchive.a"},
        "resarchive.c": {"resarchive.a"},
    }
    assert find_cycle(graph) == ["resarchive.a", "resarchive.b", "resarchive.a"]
    graph["resarchive.b"] = set()
    assert find_cycle(graph) is None


def test_modules_are_short() -> None:
    long = {
        str(path.relative_to(PACKAGE)): n
        for path in modules().values()
        if (n := len(path.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
