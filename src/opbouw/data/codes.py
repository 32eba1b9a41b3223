"""Checks on area codes: empty, unknown, or stripped of a leading zero by Excel.

Belgian codes come in many shapes and levels side by side: NIS5 municipalities (``41002``),
sub-municipalities (``41002A``, ``11002-Y``), statistical sectors (``41002A00-``) and
neighbourhood codes of other schemes (the ``geoitem`` codes of the ``ggw7`` wijken, 5 to 11
characters). A code is therefore never judged by the length of its neighbours. The
leading-zero rule fires only where Excel can have done it (the cell was a number) and the
shape proves it: a 4-digit code cannot be Belgian (the shortest codes have 5 digits), or
the zero-padded code is a known one. It is a warning that names the fix, and the restored
code is used.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from opbouw.data.problems import Problem, Severity, number

SHORT_NUMERIC = 4
"""A code of this many digits is a 5-digit code that lost its leading zero."""
MAX_CODE_LENGTH = 40
"""The longest area code kept (the longest Belgian codes have 11 characters); a longer
one is a wrong column, e.g. names or a description."""


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


def proven_lost_zero(code: str, known: set[str] | None) -> str | None:
    """The code with its leading zero restored when the shape proves the loss, else None.

    >>> proven_lost_zero("4000", None), proven_lost_zero("41002", None)
    ('04000', None)
    >>> proven_lost_zero("1100104", None) is None  # a 7-digit wijk code is fine as it is
    True
    """
    if not code.isdigit() or code.startswith("0"):
        return None
    if known is not None:
        restored = restore_leading_zero(code, known, {len(k) for k in known})
        if restored is not None:
            return restored
    if len(code) == SHORT_NUMERIC:
        return code.zfill(SHORT_NUMERIC + 1)
    return None


def check_codes(
    codes: Sequence[tuple[int, str]],
    file: str,
    column: str,
    known: set[str] | None,
    example: str = "44021",
    text_source: bool | set[int] = False,
) -> list[Problem]:
    """Problems with the code of each row: missing, lost leading zero, unknown.

    ``codes`` holds ``(row, code)``. ``text_source`` says the cells were stored as text
    (GeoPackage/GeoJSON strings), or holds the rows whose cell was (XLSX text cells):
    such codes are taken as they are. A
    lost leading zero is a *warning* whose ``expected`` is the restored code; callers use
    :func:`restored_codes` to take it.
    """
    problems: list[Problem] = []
    for row, code in codes:
        if not code:
            problems.append(Problem("missing_code", file, row, column, "", example))
            continue
        if len(code) > MAX_CODE_LENGTH:
            problems.append(Problem("code_too_long", file, row, column,
                                    code[:MAX_CODE_LENGTH] + "…", number(MAX_CODE_LENGTH)))
            continue
        if known is not None and code in known:
            continue
        odd = odd_character(code)
        if odd is not None:
            problems.append(Problem(odd[0], file, row, column, code, odd[1]))
            continue
        as_text = row in text_source if isinstance(text_source, set) else text_source
        restored = None if as_text else proven_lost_zero(code, known)
        if restored is not None:
            problems.append(Problem("lost_leading_zero", file, row, column, code, restored,
                                    Severity.WARNING))
            if known is None or restored in known:
                continue
        if known is not None:
            problems.append(Problem("unknown_code", file, row, column, code, ""))
    return problems


def odd_character(code: str) -> tuple[str, str] | None:
    """The first invisible character (a zero-width space, a non-breaking space, a control
    character) or non-ASCII digit (full-width ``４``) in a code, as a problem kind and
    the character's code point and name; such a code never matches the one typed.

    >>> odd_character("43005\u200b")
    ('code_invisible_char', 'U+200B ZERO WIDTH SPACE')
    >>> odd_character("4300\uff15"), odd_character("44021A")
    (('code_non_ascii_digit', 'U+FF15 FULLWIDTH DIGIT FIVE'), None)
    """
    import unicodedata

    for char in code:
        if char.isascii() and char.isprintable():
            continue
        name = f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()
        category = unicodedata.category(char)
        if category in ("Cf", "Cc", "Co", "Cn", "Zs", "Zl", "Zp") or char == " ":
            return "code_invisible_char", name
        if char.isdigit():
            return "code_non_ascii_digit", name
    return None


def restored_codes(codes: list[str], rows: Sequence[int], problems: Sequence[Problem],
                   file: str) -> list[str]:
    """``codes`` with the restorations of ``lost_leading_zero`` warnings applied."""
    fix = {p.row: p.expected for p in problems
           if p.kind == "lost_leading_zero" and p.file == file}
    if not fix:
        return codes
    return [fix.get(r, c) for r, c in zip(rows, codes, strict=True)]
