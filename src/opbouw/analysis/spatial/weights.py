"""Spatial weights from area polygons, with islands and disconnected parts reported.

libpysal builds the weights; this module asks for the kind explicitly (queen or rook,
never a library default), keeps the area codes as ids, records what the library would
only warn about (areas without neighbours, separate components), and caches the result
per area set so that several indicators on the same areas share one build.
"""

from __future__ import annotations

import hashlib
import warnings
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from libpysal import weights as lpw

from opbouw.errors import ConfigError

__all__ = ["WEIGHT_KINDS", "SpatialWeights", "WeightsSpec", "build_weights", "clear_cache",
           "parse_weights_spec"]

WEIGHT_KINDS = ("queen", "rook", "knn", "distance")


@dataclass(frozen=True)
class WeightsSpec:
    """Which neighbours count: ``queen``/``rook`` contiguity, ``knn`` with ``k``,
    or ``distance`` with a band in metres (between centroids)."""

    kind: str = "queen"
    k: int = 6
    distance: float = 0.0

    def __post_init__(self) -> None:
        if self.kind not in WEIGHT_KINDS:
            raise ConfigError("unknown weights kind {kind!r}; choose one of {choices}",
                              kind=self.kind, choices=", ".join(WEIGHT_KINDS))
        if self.kind == "knn" and self.k < 1:
            raise ConfigError("knn needs k >= 1")
        if self.kind == "distance" and not self.distance > 0:
            raise ConfigError("a distance band needs a positive distance in metres")

    def describe(self) -> str:
        """Short text such as ``queen`` or ``knn:6``, the form the CLI accepts."""
        if self.kind == "knn":
            return f"knn:{self.k}"
        if self.kind == "distance":
            return f"distance:{self.distance:g}"
        return self.kind


def parse_weights_spec(text: str) -> WeightsSpec:
    """``queen``, ``rook``, ``knn:K`` or ``distance:METRES``.

    >>> parse_weights_spec("knn:5")
    WeightsSpec(kind='knn', k=5, distance=0.0)
    """
    kind, _, arg = text.strip().lower().partition(":")
    try:
        if kind == "knn":
            return WeightsSpec("knn", k=int(arg or 6))
        if kind == "distance":
            return WeightsSpec("distance", distance=float(arg))
        return WeightsSpec(kind)
    except ValueError as exc:
        raise ConfigError("weights {text!r}: {exc}", text=text, exc=exc) from None


@dataclass
class SpatialWeights:
    """libpysal weights over area codes, with what is odd about them."""

    w: lpw.W
    spec: WeightsSpec
    codes: list[str]
    islands: list[str] = field(default_factory=list)
    component: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))

    @property
    def n_components(self) -> int:
        """Number of separate parts (1 when every area can reach every other)."""
        return int(self.component.max()) + 1 if len(self.component) else 0

    def subset(self, codes: list[str]) -> SpatialWeights:
        """The weights among a subset of the areas (for areas with missing values)."""
        if codes == self.codes:
            return self
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            w = lpw.w_subset(self.w, codes, silence_warnings=True)
        return _wrap(w, self.spec, codes)

    def summary(self) -> dict[str, Any]:
        """Numbers a report shows next to the results."""
        card = np.array([self.w.cardinalities[c] for c in self.codes])
        return {"weights": self.spec.describe(), "areas": len(self.codes),
                "islands": list(self.islands), "components": self.n_components,
                "mean_neighbours": float(card.mean()) if len(card) else 0.0,
                "max_neighbours": int(card.max()) if len(card) else 0}


def _wrap(w: lpw.W, spec: WeightsSpec, codes: list[str]) -> SpatialWeights:
    from scipy.sparse.csgraph import connected_components

    _, labels = connected_components(w.sparse, directed=False)
    islands = [str(c) for c in w.islands]
    return SpatialWeights(w, spec, codes, islands, labels)


_CACHE: OrderedDict[str, SpatialWeights] = OrderedDict()
_CACHE_SIZE = 8


def clear_cache() -> None:
    """Forget cached weights (tests use this to measure a cold build)."""
    _CACHE.clear()


def _key(geoms: Any, codes: list[str], spec: WeightsSpec) -> str:
    import shapely

    digest = hashlib.blake2b(digest_size=20)
    digest.update("\x1f".join(codes).encode())
    digest.update(str(getattr(geoms, "crs", None)).encode())
    for blob in shapely.to_wkb(np.asarray(geoms), hex=False):
        digest.update(blob)
    digest.update(spec.describe().encode())
    return digest.hexdigest()


def build_weights(frame: Any, spec: WeightsSpec | str = "queen",
                  cache: bool = True) -> SpatialWeights:
    """Weights for a GeoDataFrame indexed by area code (metric CRS for knn and distance).

    Contiguity is built from shared vertices (queen) or shared edges (rook); knn and
    distance bands use polygon centroids. Islands are kept and listed, not dropped.
    """
    if isinstance(spec, str):
        spec = parse_weights_spec(spec)
    codes = [str(c) for c in frame.index]
    if len(codes) != len(set(codes)):
        raise ConfigError("area codes must be unique to build weights")
    geoms = frame.geometry
    if spec.kind in ("knn", "distance") and geoms.crs is not None and geoms.crs.is_geographic:
        raise ConfigError("knn and distance weights need a metric CRS (project to Lambert first)")
    key = _key(geoms, codes, spec) if cache else ""
    if cache and key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    gdf = frame[[frame.geometry.name]].copy()
    gdf.index = codes
    if spec.kind == "knn" and spec.k >= len(codes):
        raise ConfigError("knn:{k} needs more than {k} areas", k=spec.k)
    try:
        w = _library_weights(gdf, spec, codes)
    except (ValueError, IndexError) as exc:  # libpysal on geometry it cannot use
        raise ConfigError("{weights} weights cannot be built from these areas: {exc}",
                          weights=spec.describe(), exc=exc) from None
    if list(map(str, w.id_order)) != codes:
        w = lpw.W({c: w.neighbors[c] for c in codes},
                  {c: w.weights[c] for c in codes}, id_order=codes, silence_warnings=True)
    result = _wrap(w, spec, codes)
    if cache:
        _CACHE[key] = result
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return result


def _library_weights(gdf: Any, spec: WeightsSpec, codes: list[str]) -> Any:
    """libpysal's weights of the asked kind, its warnings silenced."""
    with warnings.catch_warnings():
        # islands and disconnected parts are reported through SpatialWeights instead
        warnings.simplefilter("ignore")
        if spec.kind in ("queen", "rook"):
            cls = lpw.Queen if spec.kind == "queen" else lpw.Rook
            w = cls.from_dataframe(gdf, use_index=True, silence_warnings=True)
        elif spec.kind == "knn":
            points = gdf.geometry.centroid
            w = lpw.KNN.from_array(np.column_stack([points.x, points.y]), k=spec.k,
                                   ids=codes, silence_warnings=True)
        else:
            points = gdf.geometry.centroid
            w = lpw.DistanceBand.from_array(np.column_stack([points.x, points.y]),
                                            threshold=spec.distance, binary=True, ids=codes,
                                            silence_warnings=True)
    return w
