"""The house rules of the code, checked on every run: who may import whom, and where SQL that
writes may appear (see README, "Code layout")."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from support import REPO

DB_DRIVERS = ("psycopg", "sqlalchemy")
WRITES = re.compile(r"\b(INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|COPY\s+\w+(\s*\([^)]*\))?\s+FROM)\b", re.I)


def _modules(folder: str) -> list[Path]:
    return sorted(p for p in (REPO / folder).rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


def _strings(path: Path) -> list[str]:
    return [n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _bad(path: Path, rule) -> list[str]:
    return sorted(name for name in _imports(path) if rule(name))


def _is(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


@pytest.mark.parametrize("path", _modules("veille/cli") + _modules("veille/web"),
                         ids=lambda p: str(p.relative_to(REPO)))
def test_the_shell_is_thin(path):
    """No database driver and no importer internals: the CLI and the web view call the
    pipeline's entry points, the reports and the database layer (reads: the executor)."""
    assert _bad(path, lambda n: _is(n, *DB_DRIVERS)
                or (_is(n, "veille.importer") and not _is(n, "veille.importer.pipeline"))) == []


SQL_START = re.compile(r"\s*(SELECT|WITH|INSERT|UPDATE|DELETE|COPY)\b", re.I)


@pytest.mark.parametrize("path", _modules("veille/cli"), ids=lambda p: str(p.relative_to(REPO)))
def test_the_command_line_holds_no_sql(path):
    """The commands parse, call and print: their queries live with the reports (reads) and the
    database layer (writes). Help texts may show SQL after "Example:"."""
    assert [s[:40] for s in _strings(path) if SQL_START.match(s)] == []


# The pipeline (and its worker pool) orchestrates: it alone hands the stages' rules what the
# database layer looks up, and the database layer what to write.
IMPORTER_STAGES = [p for p in _modules("importer") if p.name not in ("pipeline.py", "workers.py")]


@pytest.mark.parametrize("path", IMPORTER_STAGES, ids=lambda p: p.name)
def test_importer_stages_do_not_touch_the_database(path):
    assert _bad(path, lambda n: _is(n, *DB_DRIVERS, "veille.schema")) == []


@pytest.mark.parametrize("path", _modules("schema"), ids=lambda p: str(p.relative_to(REPO)))
def test_the_database_layer_imports_nothing_above_it(path):
    assert _bad(path, lambda n: _is(n, "veille") and not _is(n, "veille.schema")
                and n not in ("veille", "veille.VeilleError")) == []


@pytest.mark.parametrize("path", _modules("reports"), ids=lambda p: p.name)
def test_reports_read_through_the_read_only_executor(path):
    assert _bad(path, lambda n: _is(n, *DB_DRIVERS, "veille.cli", "veille.config")
                or _is(n, "veille.schema.store")) == []


@pytest.mark.parametrize("folder", ["veille", "importer", "reports"])
def test_sql_that_writes_lives_in_the_database_layer(folder):
    writers = [f"{p.relative_to(REPO)}: {WRITES.search(s).group(0)}"
               for p in _modules(folder)
               for s in _strings(p) if WRITES.search(s)]
    assert writers == []


def test_one_list_of_actor_kinds():
    """The kinds the database accepts (schema.models, the check constraint) are the kinds the
    gazetteer may give: the importer cannot import the schema, so its copy is held to it here."""
    from veille.importer import gazetteer
    from veille.schema.models import ACTOR_KINDS

    assert gazetteer.KINDS == frozenset(ACTOR_KINDS)
