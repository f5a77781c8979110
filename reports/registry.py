"""Reports are pairs: `<name>.sql` (named SELECTs with :named parameters and a header saying
what they show) and `templates/<name>.<fmt>.j2`. Users add their own pairs in a folder given
by --reports-dir / VEILLE_REPORTS_DIR (the `.j2` files beside the `.sql` or in `templates/`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from veille import VeilleError

PACKAGE_DIR = Path(__file__).resolve().parent
FORMATS = ("md", "html", "json")
_HEADER = re.compile(r"^--\s*(report|title|description|params)\s*:\s*(.*)$")
_NAME = re.compile(r"^--\s*name\s*:\s*([A-Za-z_][A-Za-z0-9_]*)\s*$")


@dataclass
class Query:
    name: str
    sql: str
    comment: str


@dataclass
class Report:
    name: str
    path: Path
    title: str
    description: str
    params_text: str
    queries: list[Query] = field(default_factory=list)
    template_dirs: tuple[Path, ...] = ()

    @property
    def params(self) -> list[str]:
        """Parameter names used by the queries (`:name`), in order of first use."""
        seen: list[str] = []
        for q in self.queries:
            for p in re.findall(r"(?<![:\w]):([A-Za-z_]\w*)", _strip_comments(q.sql)):
                if p not in seen:
                    seen.append(p)
        return seen

    def formats(self) -> list[str]:
        found = [f for f in ("md", "html") if any((d / f"{self.name}.{f}.j2").exists() for d in self.template_dirs)]
        return [*found, "json"]


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


def parse(path: Path, template_dirs: tuple[Path, ...]) -> Report:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    queries: list[Query] = []
    current: Query | None = None
    last_key = None
    for line in text.splitlines():
        if m := _NAME.match(line):
            current = Query(m.group(1), "", "")
            queries.append(current)
            continue
        if current is None:
            if m := _HEADER.match(line):
                last_key = m.group(1)
                meta[last_key] = m.group(2).strip()
            elif line.startswith("--   ") and last_key:  # continuation of a header value
                meta[last_key] += " " + line[2:].strip()
            continue
        if line.startswith("--") and not current.sql.strip():
            current.comment = (current.comment + " " + line[2:].strip()).strip()
        else:
            current.sql += line + "\n"
    if not queries:
        raise VeilleError(f"{path}: no query found (each SELECT needs a '-- name: <query>' line before it)")
    for q in queries:
        q.sql = q.sql.strip().rstrip(";").strip()
        if not q.sql:
            raise VeilleError(f"{path}: query {q.name!r} is empty")
    return Report(meta.get("report", path.stem), path, meta.get("title", path.stem), meta.get("description", ""),
                  meta.get("params", ""), queries, template_dirs)


def user_dir(folder: str | Path | None = None) -> Path | None:
    """The user's reports folder (the shell resolves --reports-dir / VEILLE_REPORTS_DIR)."""
    if not folder:
        return None
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise VeilleError(f"reports folder {path} does not exist (--reports-dir / VEILLE_REPORTS_DIR)")
    return path


def discover(reports_dir: str | Path | None = None) -> dict[str, Report]:
    """Built-in reports, then the user's (a user report with a built-in name replaces it)."""
    found: dict[str, Report] = {}
    folders = [(PACKAGE_DIR, (PACKAGE_DIR / "templates",))]
    extra = user_dir(reports_dir)
    if extra is not None:
        folders.append((extra, (extra, extra / "templates", PACKAGE_DIR / "templates")))
    for folder, templates in folders:
        for sql in sorted(folder.glob("*.sql")):
            found[sql.stem] = parse(sql, templates)
    return found


def get(name: str, reports_dir: str | Path | None = None) -> Report:
    reports = discover(reports_dir)
    if name not in reports:
        raise VeilleError(f"no report named {name!r}: `veille report list` shows {', '.join(sorted(reports))}")
    return reports[name]
