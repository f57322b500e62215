"""Imports flow one way (docs/architecture.md, "Layers"): the foundation apps never import cases or
anything above it, cases never imports the apps above it, no two apps import each other (directly
or around a longer loop), and no module imports another app's module inside a function to get
around a cycle. The diagram in docs/architecture.md is drawn from ``TIERS`` and compared here, so
the picture and the check cannot drift apart.

Upper apps that need to plug into a lower one use the extension points of
``yangguang.core.extensions`` (workflow guards, effects and step kinds, home panels, menu entries,
worker jobs) instead of being imported by it.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "yangguang"

# Bottom first. An app may import apps of its own tier (without a cycle) and of the tiers below.
TIERS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (
        "foundation",
        ("core", "access", "jobs", "ledger", "workdays", "roster", "accounts", "documents"),
        "errors, layout, extension points; permission policy; tasks; ledger; working days; master data; accounts; documents",
    ),
    ("cases", ("cases",), "the case and its declared workflows (the engine)"),
    (
        "procedures",
        ("evidence", "publicity", "discretion", "review", "inspections", "supervision"),
        "contribute guards, effects, step kinds, panels and menu entries through the extension points",
    ),
    ("demo", ("demo",), "demo data made through every app's services"),
)
# Project modules: ``env`` is read by settings and apps alike; the others are the top (they mount
# every app) and no app imports them.
PROJECT_BOTTOM = {"env"}
PROJECT_TOP = {"settings", "urls", "api", "wsgi", "asgi"}

# Edges left out of the cycle check, each with the reason and the plan (keep this list short).
KNOWN_EDGES: dict[tuple[str, str], str] = {}
# Function-level imports of the project's own modules allowed outside ``apps.py``, with the reason.
KNOWN_FUNCTION_IMPORTS: dict[str, str] = {
    "yangguang/evidence/storage.py": "get_storage ↔ encryption (EncryptedStorage wraps the storage base); uploads work in flight",
}

TIER_OF = {app: rank for rank, (_, apps, _) in enumerate(TIERS) for app in apps}


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "yangguang" or len(parts) < 2:
        return None
    return parts[1]


def _modules() -> list[Path]:
    return [
        p
        for p in sorted(PACKAGE.rglob("*.py"))
        if "tests" not in p.relative_to(PACKAGE).parts and "migrations" not in p.parts
    ]


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, inside a function) of every import of a ``yangguang`` module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = list(path.relative_to(ROOT).with_suffix("").parts)
    package.pop()  # the module's own name; an __init__ module is its package
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package[: len(package) - child.level + 1]
                    module = ".".join([*base, *([child.module] if child.module else [])])
                else:
                    module = child.module or ""
                if module.startswith("yangguang"):
                    found.append((module, child.lineno, in_function))
            elif isinstance(child, ast.Import):
                found.extend((a.name, child.lineno, in_function) for a in child.names if a.name.startswith("yangguang"))
            visit(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))

    visit(tree, False)
    return found


def _edges() -> dict[tuple[str, str], list[str]]:
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in _modules():
        source = _app_of(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for module, line, _ in _imports(path):
            target = _app_of(module)
            if source and target and source != target:
                edges[(source, target)].append(f"{path.relative_to(ROOT)}:{line}")
    return edges


def test_every_app_has_a_tier() -> None:
    apps = {p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists()}
    assert apps <= set(TIER_OF), f"add {sorted(apps - set(TIER_OF))} to TIERS (and the diagram)"


def test_imports_go_down_the_tiers() -> None:
    wrong = []
    for (source, target), places in sorted(_edges().items()):
        if source in PROJECT_TOP or target in PROJECT_BOTTOM:
            continue
        assert source in TIER_OF and target in TIER_OF, f"{source} → {target}: give both a tier"
        if target in PROJECT_TOP:
            wrong.append(f"{source} imports the project module {target}: {places[0]}")
        elif TIER_OF[target] > TIER_OF[source]:
            wrong.append(
                f"{source} ({TIERS[TIER_OF[source]][0]}) imports {target} ({TIERS[TIER_OF[target]][0]}): {places}"
            )
    assert wrong == []


def test_no_two_apps_import_each_other() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for source, target in _edges():
        if (source, target) not in KNOWN_EDGES and source in TIER_OF and target in TIER_OF:
            graph[source].add(target)
    cycles = []

    def walk(node: str, path: list[str]) -> None:
        for nxt in sorted(graph[node]):
            if nxt in path:
                cycles.append(" → ".join([*path[path.index(nxt) :], nxt]))
            elif len(path) < len(TIER_OF):
                walk(nxt, [*path, nxt])

    for app in sorted(graph):
        walk(app, [app])
    assert cycles == []


def test_no_function_level_import_of_the_project() -> None:
    """Imports of the project's modules sit at the top of the module; only ``AppConfig.ready()``
    (in ``apps.py``) imports inside a function, since models are not loaded before it runs."""
    found = []
    for path in _modules():
        rel = str(path.relative_to(ROOT))
        if path.name == "apps.py" or any(rel.startswith(known) for known in KNOWN_FUNCTION_IMPORTS):
            continue
        found.extend(f"{rel}:{line} {module}" for module, line, inside in _imports(path) if inside)
    assert found == []


def test_known_exceptions_are_still_needed() -> None:
    edges = _edges()
    assert [e for e in KNOWN_EDGES if e not in edges] == []
    for known in KNOWN_FUNCTION_IMPORTS:
        paths = [p for p in _modules() if str(p.relative_to(ROOT)).startswith(known)]
        assert any(inside for p in paths for _, _, inside in _imports(p)), known
    assert len(KNOWN_EDGES) + len(KNOWN_FUNCTION_IMPORTS) <= 4


def render_diagram() -> str:
    width = max(len(" · ".join(apps)) for _, apps, _ in TIERS)
    lines = ["project: settings · urls · api (mount every app)"]
    for name, apps, note in reversed(TIERS):
        lines.append("─" * (width + 4))
        lines.append(f"{name:<11}│ {' · '.join(apps)}")
        lines.append(f"{'':<11}│   {note}")
    lines.append("─" * (width + 4))
    lines.append("imports point down only; within a tier, no two apps import each other")
    return "\n".join(lines)


def test_the_diagram_in_the_docs_is_drawn_from_the_tiers() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- layers: drawn by tests/test_import_layers.py -->\n```\n(.*?)\n```", text, re.S)
    assert match is not None, "docs/architecture.md lost its layer diagram"
    assert match.group(1) == render_diagram(), "redraw the diagram: python tests/test_import_layers.py"


if __name__ == "__main__":
    print(render_diagram())
