"""Every default of the analyses, defined once: the CLI, the web app and the reports read
them from here (seed 004 and the Atlas of deprived neighbourhoods give the values)."""

from __future__ import annotations

P = 20.0
"""Worst ``p`` percent per indicator (the rule ``percentile``)."""

K = 4
"""Deprived from ``k`` coinciding negative conditions (Atlas: "vier of meer")."""

N = 20
"""Top ``N`` per indicator, and the length of the synthesis table (seed 004's top 20)."""

CLASSES = 3
"""Fisher-Jenks classes within the top-n synthesis table (red, orange, yellow)."""

FACTOR = 1.5
"""Factor against a reference value (the rule ``ratio``)."""

PERMUTATIONS = 9999
"""Conditional permutations for hot spots (the smallest two-sided p is 2/(N+1))."""

SEED = 12345
"""Seed of every random draw unless the user gives one."""

ALPHA = 0.05
"""Significance level of the hot-spot tests."""

SVI_FLAG = 0.9
"""CDC SVI: an area is flagged from the 90th percentile of the overall ranking."""

DRAWS = 0
"""Monte-Carlo draws for rank uncertainty (0 = none)."""

__all__ = ["ALPHA", "CLASSES", "DRAWS", "FACTOR", "K", "N", "P", "PERMUTATIONS", "SEED",
           "SVI_FLAG"]
