"""Spatial analysis: weights, concentration (Moran's I, LISA, Gi*) and their summaries."""

from opbouw.analysis.spatial.concentration import (
    CLUSTER_LABELS,
    ConcentrationConfig,
    LocalResult,
    cluster_groups,
    global_moran,
    local_concentration,
    numba_available,
)
from opbouw.analysis.spatial.summary import ClusterGroup, ClusterSummary, describe_clusters
from opbouw.analysis.spatial.weights import (
    SpatialWeights,
    WeightsSpec,
    build_weights,
    parse_weights_spec,
)

__all__ = ["CLUSTER_LABELS", "ConcentrationConfig", "LocalResult", "SpatialWeights",
           "WeightsSpec", "build_weights", "cluster_groups", "global_moran",
           "local_concentration", "numba_available", "parse_weights_spec",
           "describe_clusters", "ClusterGroup", "ClusterSummary"]
