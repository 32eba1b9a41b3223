"""Typologies: which conditions (or families of conditions) coincide in deprived areas,
and optional clustering of those areas into types with a plain-language description."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd


def combinations(flags: pd.DataFrame, among: pd.Series | None = None,
                 groups: Mapping[str, str] | None = None, top: int = 10) -> pd.DataFrame:
    """The most frequent combinations of flagged conditions.

    ``among`` restricts to some areas (e.g. the deprived ones); ``groups`` maps indicators to
    a family or group, to count combinations of families instead of single indicators.
    Returns one row per combination: ``combination`` (" + "-joined), ``areas``, ``codes``.
    """
    data = flags if among is None else flags[among.reindex(flags.index, fill_value=False)]
    if groups is not None:
        data = data.T.groupby(lambda c: groups.get(c, c)).any().T
    counts: dict[tuple[str, ...], list[str]] = {}
    cols = np.array(data.columns)
    for code, row in zip(data.index, data.to_numpy(dtype=bool), strict=True):
        if row.any():
            counts.setdefault(tuple(cols[row]), []).append(str(code))
    rows = [{"combination": " + ".join(k), "size": len(k), "areas": len(v),
             "codes": ", ".join(v)} for k, v in counts.items()]
    frame = pd.DataFrame(rows, columns=["combination", "size", "areas", "codes"])
    return frame.sort_values(["areas", "size"], ascending=[False, False]).head(top).reset_index(
        drop=True)


@dataclass(frozen=True)
class AreaType:
    """One cluster of flagged areas and what sets it apart."""

    number: int
    codes: tuple[str, ...]
    high: tuple[str, ...]
    """The indicators on which the type's mean z-score is highest (above 0.5), at most 4;
    :func:`opbouw.wording.area_type_description` puts it in words."""


def cluster_types(z: pd.DataFrame, areas: Sequence[str], n_types: int = 3,
                  seed: int = 0) -> list[AreaType]:
    """Cluster the given areas on their oriented z-scores (k-means, scikit-learn).

    Each type is described by the indicators on which its mean z-score is highest
    (above 0.5 standard deviations).
    """
    from sklearn.cluster import KMeans

    data = z.loc[list(areas)].fillna(0.0)
    n_types = max(1, min(n_types, len(data)))
    if len(data) == 0:
        return []
    model = KMeans(n_clusters=n_types, n_init=10, random_state=seed).fit(data.to_numpy())
    out = []
    centres = pd.DataFrame(model.cluster_centers_, columns=data.columns)
    order = np.argsort(-np.bincount(model.labels_, minlength=n_types), kind="stable")
    for number, cluster in enumerate(order, start=1):
        members = tuple(str(c) for c in data.index[model.labels_ == cluster])
        centre = centres.iloc[cluster].sort_values(ascending=False)
        high = tuple(str(c) for c in centre.index[centre > 0.5][:4])
        out.append(AreaType(number, members, high))
    return out
