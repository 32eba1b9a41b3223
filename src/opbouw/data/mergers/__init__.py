"""The shipped table of Flemish municipal mergers (2019, 2025); provenance in README.md."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd

__all__ = ["load_mergers", "mergers_file"]


def mergers_file() -> Path:
    """Path of the bundled merger table."""
    return Path(str(resources.files("opbouw.data.mergers"))) / "municipal_mergers.csv"


def load_mergers(path: Path | None = None) -> pd.DataFrame:
    """The merger table with codes as text: ``year, old_code, old_name, new_code, new_name``."""
    frame = pd.read_csv(path or mergers_file(), dtype={"old_code": str, "new_code": str})
    return frame.astype({"year": "int64", "old_code": "string", "new_code": "string"})
