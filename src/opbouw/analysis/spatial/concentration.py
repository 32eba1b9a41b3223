"""Spatial concentration: global Moran's I, local Moran (LISA) clusters and Getis-Ord Gi*.

The statistics are esda's own; this module fixes the choices esda leaves to defaults
(row-standardised weights for Moran; for Gi* the classic Getis-Ord form with binary
weights and the area itself included with weight 1; a seed), runs the conditional
permutations on all cores without keeping the simulated values, and reports two-sided
pseudo p-values. esda's ``p_sim`` is *directed* (the share of permutations at least as
extreme on the side of the observed value), and its documentation says that for a
two-sided test it must be doubled; ``lisa_p`` and ``gi_p`` are that doubled value,
capped at 1. With N permutations the smallest two-sided p is 2/(N+1), which is why the
default is 9,999 (not esda's 999) and why the false-discovery-rate option warns when N
is too small for the number of areas.
"""

from __future__ import annotations

import importlib.util
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from opbouw.analysis import defaults
from opbouw.analysis.spatial.kernels import cache_kernels
from opbouw.analysis.spatial.weights import SpatialWeights
from opbouw.errors import ConfigError, InsufficientDataError

__all__ = ["CLUSTER_LABELS", "PARALLEL_FROM", "ConcentrationConfig", "LocalResult",
           "cluster_groups", "describe_config", "global_moran", "local_concentration",
           "numba_available"]

CLUSTER_LABELS = {1: "HH", 2: "LH", 3: "LL", 4: "HL"}
"""esda's quadrant numbers: 1 high-high, 2 low-high, 3 low-low, 4 high-low."""

PARALLEL_FROM = 5000
"""From this many areas the permutations run on all cores by default. Below it one core is
faster: esda's parallel path starts worker processes that each compile the kernels again,
which costs far more than the permutations of a few thousand areas."""


@dataclass(frozen=True)
class ConcentrationConfig:
    """Permutation inference settings."""

    permutations: int = defaults.PERMUTATIONS
    seed: int = defaults.SEED
    alpha: float = defaults.ALPHA
    fdr: bool = False
    n_jobs: int | None = None
    """Processes for the permutations: ``None`` chooses (see :data:`PARALLEL_FROM`),
    ``-1`` all cores."""

    def __post_init__(self) -> None:
        if self.permutations < 99:
            raise ConfigError("use at least 99 permutations")
        if not 0 < self.alpha < 1:
            raise ConfigError("alpha must lie between 0 and 1")


def numba_available() -> bool:
    """Whether esda's permutation kernels run compiled (numba) or in plain Python."""
    return importlib.util.find_spec("numba") is not None


def _two_sided(p_directed: np.ndarray, permutations: int) -> np.ndarray:
    """2 x the directed pseudo p, capped at 1; recomputed from the count of more extreme
    permutations because esda's kernels return it as float32."""
    count = np.rint(np.asarray(p_directed, dtype=float) * (permutations + 1))
    return np.minimum(1.0, 2.0 * count / (permutations + 1))


def _fdr(p: np.ndarray) -> np.ndarray:
    from scipy.stats import false_discovery_control

    q = np.full(len(p), np.nan)
    ok = ~np.isnan(p)
    if ok.any():
        q[ok] = false_discovery_control(p[ok], method="bh")
    return q


def _values(values: pd.Series, weights: SpatialWeights) -> tuple[np.ndarray, SpatialWeights,
                                                                  list[str]]:
    vals = pd.to_numeric(values.reindex(weights.codes), errors="coerce")
    missing = [c for c, v in vals.items() if pd.isna(v)]
    if missing:
        keep = [c for c in weights.codes if c not in set(missing)]
        weights = weights.subset(keep)
        vals = vals.loc[keep]
    if len(vals) < 3:
        raise InsufficientDataError("fewer than three areas with a value")
    if float(np.nanstd(vals.to_numpy(dtype=float))) == 0.0:
        raise InsufficientDataError("all areas have the same value: "
                                    "there is no concentration to find")
    if not float(getattr(weights.w, "s0", 1.0)) > 0:
        raise InsufficientDataError("no area with a value has a neighbour with a value")
    return vals.to_numpy(dtype=float), weights, missing


def global_moran(values: pd.Series, weights: SpatialWeights,
                 config: ConcentrationConfig = ConcentrationConfig()) -> dict[str, float]:
    """Moran's I with its analytical (``p_norm``) and two-sided permutation
    (``p_two_sided``, twice esda's directed ``p_sim``) p-values."""
    import esda

    y, w, missing = _values(values, weights)
    state = np.random.get_state()
    np.random.seed(config.seed)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mi = esda.Moran(y, w.w, transformation="r", permutations=config.permutations,
                            two_tailed=True)
    finally:
        np.random.set_state(state)
    return {"I": float(mi.I), "expected": float(mi.EI), "z": float(mi.z_norm),
            "p_norm": float(mi.p_norm),
            "p_two_sided": float(_two_sided(mi.p_sim, config.permutations)),
            "areas": len(y), "missing": len(missing)}


@dataclass
class LocalResult:
    """Per area: value, LISA cluster and p, Gi* z and p; and what was left out."""

    table: pd.DataFrame
    config: ConcentrationConfig
    weights: SpatialWeights
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def significant(self, cluster: str) -> list[str]:
        """Codes in a significant LISA cluster of this type (HH, LL, HL, LH)."""
        return [str(c) for c in self.table.index[self.table["lisa_cluster"] == cluster]]


def local_concentration(values: pd.Series, weights: SpatialWeights,
                        config: ConcentrationConfig = ConcentrationConfig(),
                        gi_star: bool = True) -> LocalResult:
    """LISA and (unless ``gi_star`` is false) Gi* for every area with a value; islands
    are never significant."""
    import esda

    cache_kernels()

    from opbouw.analysis.spatial.kernels import cached_kernels

    y, w, missing = _values(values, weights)
    n_jobs = config.n_jobs
    if n_jobs is None:
        n_jobs = -1 if len(y) >= PARALLEL_FROM else 1
    w.w.transform = "O"  # esda transforms in place; start both from the original weights
    with warnings.catch_warnings(), cached_kernels():
        # esda warns that its default alternative will change; we double p_sim explicitly
        warnings.simplefilter("ignore")
        lisa = esda.Moran_Local(y, w.w, transformation="r", permutations=config.permutations,
                                n_jobs=n_jobs, keep_simulations=False, seed=config.seed)
        if gi_star:
            w.w.transform = "O"
            gi = esda.G_Local(y, w.w, transform="B", permutations=config.permutations,
                              star=True, keep_simulations=False, n_jobs=n_jobs,
                              seed=config.seed)
    island = np.isin(np.asarray(w.codes), w.islands)
    lisa_p = _two_sided(lisa.p_sim, config.permutations)
    lisa_p[island] = np.nan
    if gi_star:
        gi_p = _two_sided(gi.p_sim, config.permutations)
        gi_p[island] = np.nan
        gi_z = np.where(island, np.nan, gi.Zs)
    else:
        gi_p = gi_z = np.full(len(y), np.nan)
    table = pd.DataFrame({"value": y, "lisa_i": lisa.Is, "lisa_quadrant": lisa.q,
                          "lisa_p": lisa_p, "gi_z": gi_z, "gi_p": gi_p},
                         index=pd.Index(w.codes, name="code"))
    notes = []
    if config.fdr:
        table["lisa_q"] = _fdr(lisa_p)
        table["gi_q"] = _fdr(gi_p)
        lisa_test, gi_test = table["lisa_q"], table["gi_q"]
        floor = 2.0 / (config.permutations + 1)
        if floor > config.alpha / len(y):
            notes.append(f"with {config.permutations} permutations the smallest p is "
                         f"{floor:.2g}; false-discovery control over {len(y)} areas "
                         f"can only reject where many areas are significant together")
    else:
        lisa_test, gi_test = table["lisa_p"], table["gi_p"]
    sig = (lisa_test < config.alpha).to_numpy()
    table["lisa_cluster"] = np.where(sig, table["lisa_quadrant"].map(CLUSTER_LABELS), "ns")
    gsig = (gi_test < config.alpha).to_numpy()
    table["hotspot"] = np.where(gsig & (table["gi_z"] > 0), "hot",
                                np.where(gsig & (table["gi_z"] < 0), "cold", "ns"))
    return LocalResult(table, config, w, missing, notes)


def cluster_groups(result: LocalResult, cluster: str) -> list[list[str]]:
    """Significant areas of one cluster type split into groups that touch each other,
    largest first (ties by first code), so a summary can speak of each concentration."""
    from scipy.sparse.csgraph import connected_components

    codes = result.significant(cluster)
    if not codes:
        return []
    order = {c: i for i, c in enumerate(result.weights.codes)}
    idx = np.array([order[c] for c in codes])
    sub = result.weights.w.sparse.tocsr()[idx][:, idx]
    _, labels = connected_components(sub, directed=False)
    groups: dict[int, list[str]] = {}
    for code, lab in zip(codes, labels, strict=True):
        groups.setdefault(int(lab), []).append(code)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def describe_config(config: ConcentrationConfig) -> dict[str, Any]:
    """The settings as plain values, for output files and reports."""
    return {"permutations": config.permutations, "seed": config.seed, "alpha": config.alpha,
            "fdr": config.fdr, "two_sided": True, "numba": numba_available()}
