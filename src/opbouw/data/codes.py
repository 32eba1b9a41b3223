"""Checks on area codes: empty, duplicated, unknown, or stripped of a leading zero by Excel."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from opbouw.data.problems import Problem


def restore_leading_zero(code: str, known: set[str], lengths: Iterable[int]) -> str | None:
    """The known code that ``code`` becomes when zero-padded, if any.

    >>> restore_leading_zero("1234", {"01234"}, [5])
    '01234'
    """
    if not code.isdigit():
        return None
    for length in sorted(set(lengths)):
        if length > len(code):
            padded = code.zfill(length)
            if padded in known:
                return padded
    return None


def modal_length(codes: Sequence[str]) -> int:
    """The most common code length (0 for no codes)."""
    counts = Counter(len(c) for c in codes if c)
    return counts.most_common(1)[0][0] if counts else 0


def check_codes(
    codes: Sequence[tuple[int, str]],
    file: str,
    column: str,
    known: set[str] | None,
    example: str = "44021",
) -> list[Problem]:
    """Problems with the code of each row: missing, lost leading zero, unknown.

    ``codes`` holds ``(row, code)``; without ``known`` codes the leading-zero check uses
    the column's own most common length (all-digit codes shorter than the rest).
    """
    problems: list[Problem] = []
    typical = modal_length([c for _, c in codes])
    lengths = {len(k) for k in known} if known else {typical}
    for row, code in codes:
        if not code:
            problems.append(Problem("missing_code", file, row, column, "", example))
            continue
        if known is not None and code in known:
            continue
        if known is None and not (code.isdigit() and len(code) < typical):
            continue
        restored = restore_leading_zero(code, known if known is not None else set(), lengths)
        if restored is None and known is None:
            restored = code.zfill(typical)
        if restored is not None:
            problems.append(Problem("lost_leading_zero", file, row, column, code, restored))
        elif known is not None:
            problems.append(Problem("unknown_code", file, row, column, code, ""))
    return problems
