"""Entry points hold no SQL: routers (`api/`) and message handlers (`handlers/`) parse, call one use
case and render. `lint-imports` (make lint) keeps imports in line; this keeps SQL text out too."""

import ast
import re
from pathlib import Path

SERVICES = Path("services")
SQL = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b", re.IGNORECASE | re.DOTALL)


def _entry_point_modules() -> list[Path]:
    found = [*SERVICES.glob("*/api/*.py"), *SERVICES.glob("*/handlers/*.py")]
    assert len(found) > 15
    return found


def test_no_entry_point_imports_sqlalchemy_or_holds_sql_text() -> None:
    offenders = []
    for path in _entry_point_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                if any(name.split(".")[0] in {"sqlalchemy", "asyncpg"} for name in names):
                    offenders.append(f"{path}:{node.lineno} imports {names}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
                offenders.append(f"{path}:{node.lineno} holds SQL text")
    assert offenders == []
