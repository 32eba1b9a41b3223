"""Build ``src/opbouw/data/mergers/municipal_mergers.csv`` from the Provincies in Cijfers
sector lookup (``flanders-areas/statsec2024_als_basis.csv``).

Usage: python scripts/build_mergers.py SHARED_DATA_DIR
Every statistical sector names its municipality before 2019, in 2019-2024 and from 2025;
a municipality whose code changes is a merger. The script checks that no municipality is
split over two successors (true for both rounds in Flanders).
"""

import sys
from pathlib import Path

import pandas as pd

src = Path(sys.argv[1]) / "flanders-areas" / "statsec2024_als_basis.csv"
d = pd.read_csv(src, dtype=str)
d = d[d["gewest"].isin(["2000", "4000"])]
rows = []
for old, new, year in (("gemeente2018", "gemeente2024", 2019), ("gemeente2024", "gemeente", 2025)):
    pairs = d[[old, f"{old}_naam", new, f"{new}_naam"]].drop_duplicates()
    assert not pairs[old].duplicated().any(), f"{old}: a municipality split over successors"
    for o, on, n, nn in pairs.itertuples(index=False):
        if o != n:
            rows.append((year, o, on, n, nn))
out = pd.DataFrame(rows, columns=["year", "old_code", "old_name", "new_code", "new_name"])
target = Path(__file__).resolve().parent.parent / "src/opbouw/data/mergers/municipal_mergers.csv"
out.sort_values(["year", "new_code", "old_code"]).to_csv(target, index=False)
print(f"{len(out)} rows written to {target}")
