"""Rich output shared by the subcommands: problem lists, result tables, progress bars."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from opbouw.data.problems import LABELS, Problem
from opbouw.data.writers import convention_of, write_result
from opbouw.i18n import current_language, gettext

console = Console()
err_console = Console(stderr=True)


def print_problems(problems: Sequence[Problem], lang: str | None = None) -> None:
    """All problems in one table (file, row, column, message), errors first."""
    lang = current_language(lang)
    table = Table(show_lines=False, expand=False, title_justify="left")
    table.add_column(gettext(LABELS["file"], lang).capitalize(), overflow="fold")
    table.add_column(gettext(LABELS["row"], lang).capitalize(), justify="right")
    table.add_column(gettext(LABELS["column"], lang).capitalize(), overflow="fold")
    table.add_column("", overflow="fold", ratio=3)
    ordered = sorted(problems, key=lambda p: (not p.is_error, p.file, p.row or 0))
    for p in ordered:
        sign = ("[red]✗[/red] " if p.is_error else "[dim]i[/dim] " if p.severity == "note"
                else "[yellow]![/yellow] ")
        row = ("#" if p.row_is_feature else "") + str(p.row) if p.row is not None else ""
        table.add_row(p.file, row, p.column or "", sign + p.message(lang))
    n_err = sum(p.is_error for p in problems)
    n_warn = sum(p.severity == "warning" for p in problems)
    err_console.print(table)
    summary = gettext("{errors} error(s), {warnings} warning(s).", lang)
    err_console.print(f"[bold]{summary.format(errors=n_err, warnings=n_warn)}[/bold]"
                      + (" " + gettext("Nothing was imported.", lang) if n_err else ""))


def print_frame(frame: pd.DataFrame, title: str = "", max_rows: int = 25) -> None:
    """A DataFrame as a rich table, numbers right-aligned and rounded for reading."""
    table = Table(title=title or None, title_justify="left")
    for col in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[col]) and frame[col].dtype != bool
        table.add_column(str(col), justify="right" if numeric else "left", overflow="fold")
    for _, row in frame.head(max_rows).iterrows():
        cells = []
        for v in row:
            if isinstance(v, float):
                cells.append("" if pd.isna(v) else f"{v:.4g}")
            else:
                cells.append("" if v is None or v is pd.NA else str(v))
        table.add_row(*cells)
    console.print(table)
    if len(frame) > max_rows:
        console.print(f"... {len(frame) - max_rows} more rows")


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr; yields a ``progress(done, total)`` callback."""
    with Progress(TextColumn(label), BarColumn(), TimeRemainingColumn(),
                  console=err_console, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def write_output(frame: pd.DataFrame, out: Path | None, meta: Mapping[str, Any],
                 inputs: Iterable[Path], lang: str | None = None,
                 keep: Iterable[str] = ("code",)) -> None:
    """Write a command's result as its inputs came (Flemish or international CSV, or a
    workbook), rounded, with headers in the user's language and its metadata beside it."""
    if out is None:
        return
    write_result(frame, out, meta, convention_of(inputs), current_language(lang), keep)
    console.print(gettext("Written: {path}", lang).format(path=out))
