"""The bundled demo dataset: Flemish and Brussels municipalities (2018 boundaries) with
income indicators from Statbel, 2005-2013. Provenance and licence: ``README.md`` here."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from opbouw.data.dataset import FileSpec, ImportedDataset, import_files
from opbouw.model.indicators import Catalogue, load_catalogue

__all__ = ["CREDITS", "DEMO_PRESET", "demo_files", "load_demo"]

DEMO_PRESET = "demo"
"""The indicator preset that the demo analysis uses."""

CREDITS = (
    "Statbel, fiscale inkomens per gemeente 2005-2013 (Licentie open data Statbel).",
    "Gemeentegrenzen: Provincies in Cijfers, gebiedsniveaus (Modellicentie Gratis "
    "Hergebruik v1.0). Wijken voor omgevingsanalyse. © gemeentebesturen, verzameld door "
    "Data & Analyse van de Vlaamse provincies.",
)
"""The credit lines the demo's sources ask for (README.md here)."""


def demo_files() -> list[Path]:
    """Paths of the demo's areas and indicator files."""
    folder = Path(str(resources.files("opbouw.data.demo")))
    return [folder / "areas.gpkg", folder / "indicators.csv"]


def load_demo(catalogue: Catalogue | None = None) -> ImportedDataset:
    """Import the demo files through the same importer users' files go through."""
    cat = catalogue or load_catalogue()
    areas, indicators = demo_files()
    return import_files([FileSpec(areas, layer="areas"), FileSpec(indicators)], cat)
