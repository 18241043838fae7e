"""The rules package stays plain Python: nothing in redress/code imports Django.

Walks every module's source with ast (importing them would prove nothing, since
Django may be installed). Also refuses imports of the rest of redress, which
would pull Django in indirectly.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> list[tuple[str, int]]:
    """(module, relative level) for every import statement, however deeply nested."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, 0) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.append((node.module or "", node.level))
    return found


def sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_walk_sees_the_modules():
    names = {p.name for p in sources()}
    assert {"calendars.py", "timescales.py", "stages.py", "tsm.py", "bulk.py"} <= names
    # ...and its imports: the walk would otherwise pass vacuously.
    assert ("holidays", 0) in imported_modules(PACKAGE / "calendars.py")


def test_no_module_imports_django():
    offenders = [
        f"{path.relative_to(PACKAGE)}: {module}"
        for path in sources()
        for module, level in imported_modules(path)
        if level == 0 and (module == "django" or module.startswith("django."))
    ]
    assert offenders == []


def test_no_module_imports_the_rest_of_redress():
    offenders = []
    for path in sources():
        depth = len(path.relative_to(PACKAGE).parts) - 1  # 0 for redress/code/x.py
        for module, level in imported_modules(path):
            absolute_outside = level == 0 and (
                module == "redress"
                or (module.startswith("redress.") and not module.startswith("redress.code"))
            )
            relative_outside = level > depth + 1  # climbs above redress/code
            if absolute_outside or relative_outside:
                offenders.append(f"{path.relative_to(PACKAGE)}: {'.' * level}{module}")
    assert offenders == []
