"""Recognise the columns users name in many ways (Dutch or English, any case)."""

from __future__ import annotations

ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("code", "gebiedscode", "areacode", "area code", "area", "nis", "niscode",
             "nis code", "nis-code", "refnis", "nis5", "statsec", "sector", "geoitem",
             "gemeente20", "fips", "id"),
    "name": ("naam", "name", "gebiedsnaam", "gebied", "area name", "gemeentenaam", "gemeente",
             "stad / gemeente", "deelgemeente naam", "wijknaam"),
    "level": ("niveau", "level", "gebiedsniveau", "area level"),
    "parent": ("ouder", "parent", "bovenliggend", "bovenliggend gebied", "parent code",
               "parent_code", "bovenliggende code"),
    "population": ("bevolking", "inwoners", "population", "pop", "aantal inwoners"),
    "geometry": ("geometry", "geometrie", "geometrie (wkt)", "wkt", "geom"),
    "year": ("jaar", "year", "referentiejaar"),
    "indicator": ("indicator", "indicatorcode", "indicator code", "variabele", "variable"),
    "value": ("waarde", "value", "val"),
}

AREA_ROLES = ("code", "name", "level", "parent", "population", "geometry")


def _norm(text: str) -> str:
    return " ".join(text.strip().casefold().replace("_", " ").split())


def find_columns(header: list[str], roles: tuple[str, ...] | None = None) -> dict[str, int]:
    """Map each role (``code``, ``name``, ...) to the index of the first matching column.

    >>> find_columns(["NIS-code", "Naam", "Jaar", "werkloosheid"])
    {'code': 0, 'name': 1, 'year': 2}
    """
    wanted = roles or tuple(ALIASES)
    found: dict[str, int] = {}
    normalised = [_norm(h) for h in header]
    for role in wanted:
        names = {_norm(a) for a in ALIASES[role]}
        for index, head in enumerate(normalised):
            if head in names and index not in found.values():
                found[role] = index
                break
    return found
