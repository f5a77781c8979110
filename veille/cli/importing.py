"""`veille import` and `veille reprocess`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from veille import config
from veille.cli.common import console, err_console, friendly_errors, state

IMPORT_EXAMPLE = "Example: veille import ~/veille/inbox/2026-W47 extra/page.html --batch 2026-W47"
REPROCESS_EXAMPLE = "Example: veille reprocess --batch 2026-W47   (or: veille reprocess, for everything)"


def _progress() -> Progress:
    return Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err_console, transient=True)


def import_(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="Files or folders (read recursively)."),
    batch: str = typer.Option(None, "--batch", help="Batch name (default: import-<UTC time>); re-using a name resumes it."),
    max_file_size: float = typer.Option(None, "--max-file-size", help="Reject files larger than this many MB "
                                        "(default: 20)."),
    workers: int = typer.Option(None, "--workers", help="Processes for reading and NLP (default: the cores, max 8)."),
) -> None:
    """Import saved pages (.txt, .html, .xml/.rss/.atom) as documents and articles."""
    from veille.importer.pipeline import DEFAULT_MAX_BYTES, import_paths

    max_bytes = DEFAULT_MAX_BYTES if max_file_size is None else int(max_file_size * 1e6)

    with friendly_errors():
        db = state(ctx).db
        with _progress() as progress:
            task = progress.add_task("Importing", total=None)
            result = import_paths(
                db, [str(p) for p in paths], batch, max_bytes=max_bytes, workers=workers,
                on_total=lambda n: progress.update(task, total=n),
                on_analysed=lambda files: progress.update(task, advance=len(files),
                                                          description=f"Importing {Path(files[-1]).name[:40]}"))
    table = Table(title=f"Batch {result.name}")
    for column in ("files seen", "imported", "duplicate", "rejected", "articles", "time"):
        table.add_column(column, justify="right")
    per = f" ({result.seconds / result.articles * 1000:.0f} ms/article)" if result.articles else ""
    table.add_row(str(len(result.outcomes)), str(result.count("imported")), str(result.count("duplicate")),
                  str(result.count("rejected")), str(result.articles), f"{result.seconds:.1f} s{per}")
    console.print(table)
    if result.outcomes and result.count("imported") == 0 and not result.rejected:
        console.print("Nothing new: every file was already imported.")
    for outcome in result.rejected:
        err_console.print(f"rejected: {outcome.path}: {outcome.reason}", markup=False, soft_wrap=True)
        if outcome.traceback and config.debug():
            err_console.print(outcome.traceback, markup=False, soft_wrap=True)
    if result.rejected:
        raise typer.Exit(1)


def reprocess(
    ctx: typer.Context,
    batch: str = typer.Option(None, "--batch", help="Only the documents of this batch (default: all)."),
) -> None:
    """Re-run extraction from the stored raw text (after an upgrade); raw documents are never changed."""
    from veille.importer.pipeline import reprocess as run

    with friendly_errors():
        db = state(ctx).db
        with _progress() as progress:
            task = progress.add_task("Reprocessing", total=None)
            result = run(db, batch, on_total=lambda n: progress.update(task, total=n),
                         on_document=lambda: progress.advance(task))
    console.print(f"Reprocessed {result.documents} documents into {result.articles} articles "
                  f"in {result.seconds:.1f} s.")
    for path, reason in result.failed:
        err_console.print(f"failed: {path}: {reason}", markup=False, soft_wrap=True)
    if result.failed:
        raise typer.Exit(1)
