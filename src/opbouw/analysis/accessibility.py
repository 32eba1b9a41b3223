"""The 5 B's of accessibility: which B's are weakest across the audited services.

Seed 000 expresses the accessibility of services as five B's (bereikbaar, beschikbaar,
begrijpbaar, betaalbaar, bruikbaar). An audit scores each service 1-5 on each B; the
weakest B's are those with the lowest mean score over the services that were scored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["BScore", "weakest_bs"]


@dataclass(frozen=True)
class BScore:
    key: str
    mean: float | None
    scored: int  # services with a score on this B
    lowest: int | None


def weakest_bs(services: Sequence[Mapping[str, int | None]],
               keys: Sequence[str]) -> list[BScore]:
    """Mean, count and minimum per B, weakest first; B's without scores come last.

    Examples
    --------
    >>> rows = [{"a": 2, "b": 5}, {"a": 3, "b": None}]
    >>> [(s.key, s.mean, s.scored) for s in weakest_bs(rows, ["a", "b"])]
    [('a', 2.5, 2), ('b', 5.0, 1)]
    """
    out = []
    for key in keys:
        values = [int(s[key]) for s in services if s.get(key) is not None]  # type: ignore[arg-type]
        mean = sum(values) / len(values) if values else None
        out.append(BScore(key, mean, len(values), min(values) if values else None))
    order = {k: i for i, k in enumerate(keys)}
    return sorted(out, key=lambda s: (s.mean is None, s.mean or 0.0, order[s.key]))
