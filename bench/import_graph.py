"""How well the code keeps its layers: import cycles, function-level imports, long files.

    python -m bench.import_graph            # the summary table
    python -m bench.import_graph --detail   # also each cycle, each cross-app edge and each file

- Import cycles: strongly connected components of more than one module in grimp's graph of the
  `lantoa` package (every import, at module level or inside a function, outside tests and
  migrations). A cycle dodged with a function-level import is still a cycle.
- Function-level imports: `import`/`from` statements inside a function or method, outside tests and
  migrations; the `from lantoa…` ones are counted apart. `if TYPE_CHECKING:` blocks do not count.
- Files over 400 lines (STYLE.md: a module grows into a package past ~400 lines).
- App edges: which app imports which (module level and function level alike).

Static analysis only: nothing is imported or run, so no database or settings are needed.
"""

import ast
import sys
from collections import Counter
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "lantoa"
LONG_FILE = 400


def _excluded(module: str) -> bool:
    parts = module.split(".")
    return "tests" in parts or "migrations" in parts


def _source_files() -> list[Path]:
    return sorted(
        path
        for path in (ROOT / PACKAGE).rglob("*.py")
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts)
    )


def strongly_connected(graph: grimp.ImportGraph) -> list[list[str]]:
    """Tarjan's algorithm over the package's modules; components of more than one module."""
    modules = sorted(m for m in graph.modules if m.startswith(PACKAGE) and not _excluded(m))
    wanted = set(modules)
    edges = {
        m: sorted(n for n in graph.find_modules_directly_imported_by(m) if n in wanted)
        for m in modules
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in modules:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return sorted(found)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def function_level_imports(path: Path) -> list[tuple[int, str]]:
    """(line, statement) of every import inside a function of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                continue
            if isinstance(child, ast.Import | ast.ImportFrom) and in_function:
                found.append((child.lineno, ast.unparse(child)))
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            visit(child, inner)

    visit(tree, False)
    return found


def _app(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def app_edges(graph: grimp.ImportGraph) -> Counter:
    edges: Counter = Counter()
    for module in graph.modules:
        if not module.startswith(PACKAGE) or _excluded(module):
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            if _excluded(imported):
                continue
            source, target = _app(module), _app(imported)
            if source != target and target != PACKAGE:
                edges[(source, target)] += 1
    return edges


def main(argv: list[str]) -> None:
    detail = "--detail" in argv
    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph(PACKAGE, cache_dir=None, exclude_type_checking_imports=True)
    cycles = strongly_connected(graph)
    files = _source_files()
    imports = {path: function_level_imports(path) for path in files}
    all_imports = [(path, line, text) for path, rows in imports.items() for line, text in rows]
    lantoa_imports = [row for row in all_imports if row[2].startswith(f"from {PACKAGE}")] + [
        row for row in all_imports if row[2].startswith("from .")
    ]
    long_files = [
        (path, n) for path in files if (n := len(path.read_text().splitlines())) > LONG_FILE
    ]

    print("| measure (outside tests and migrations) | value |")
    print("|---|---:|")
    print(f"| import cycles (strongly connected components) | {len(cycles)} |")
    print(f"| modules in a cycle | {sum(len(c) for c in cycles)} |")
    print(f"| function-level imports | {len(all_imports)} |")
    print(f"| … of Lantoa modules (`from lantoa…`, `from .…`) | {len(lantoa_imports)} |")
    print(f"| files over {LONG_FILE} lines | {len(long_files)} |")
    if not detail:
        return
    print("\n## Cycles")
    for cycle in cycles:
        print(f"- {', '.join(cycle)}")
    print("\n## App edges (importer → imported: number of module imports)")
    for (source, target), n in sorted(app_edges(graph).items()):
        print(f"- {source} → {target}: {n}")
    print(f"\n## Files over {LONG_FILE} lines")
    for path, n in sorted(long_files, key=lambda row: -row[1]):
        print(f"- {path.relative_to(ROOT)}: {n}")
    print("\n## Function-level imports of Lantoa modules")
    for path, line, text in sorted(lantoa_imports):
        print(f"- {path.relative_to(ROOT)}:{line}: {text}")


if __name__ == "__main__":
    main(sys.argv[1:])
