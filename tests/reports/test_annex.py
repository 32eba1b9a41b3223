"""The area-analysis annex on the real demo data, read as a reader would: PNG pages and
the PDF's text."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from opbouw.analysis.methods import MostOftenConfig, run_method
from opbouw.data.dataset import Dataset
from opbouw.errors import ConfigError
from opbouw.model.areas import AreaSet
from opbouw.model.indicators import Catalogue
from opbouw.reports.annex import AnnexConfig, build_annex
from opbouw.reports.scope import Scope

from .conftest import coloured_pixels, pdf_pages, pdf_text


def expected_top(demo: Dataset, catalogue: Catalogue, n: int = 20) -> list[str]:
    """The top-N names computed here from the analysis layer, not by the report."""
    frame = demo.areas.frame
    codes = frame.index[(frame["parent"] == "40000") & (frame["level"] == "municipality")]
    codes = codes.drop("44021")
    keys = catalogue.preset("demo").indicators
    table = demo.wide(None, keys).reindex(codes)
    directions = {k: catalogue.get(k).direction.sign for k in keys}
    res = run_method("top-n", table, directions, MostOftenConfig(n=n, show=n))
    order = res.table.sort_values("rank").index[:n]
    return [demo.areas.name_of(c) for c in order]


def test_pages_are_not_blank_and_numbered(annex_pdf: Path) -> None:
    pages = pdf_pages(annex_pdf)
    assert len(pages) >= 6
    for page in pages:
        ink = (page.min(axis=2) < 200).mean()
        assert ink > 0.005, "a page is (nearly) blank"
    text = pdf_text(annex_pdf)
    assert f"Pagina 1 / {len(pages)}" in text
    assert f"Pagina {len(pages)} / {len(pages)}" in text


def test_maps_have_coloured_areas(annex_pdf: Path) -> None:
    pages = pdf_pages(annex_pdf)
    counts = [coloured_pixels(p) for p in pages]
    # top 14/20 maps, score map and LISA map: several pages with many coloured pixels
    assert sum(c > 2000 for c in counts) >= 3, counts


def test_synthesis_table_holds_the_expected_top_areas(annex_pdf: Path, demo: Dataset,
                                                      catalogue: Catalogue) -> None:
    text = pdf_text(annex_pdf)
    synthesis = text.split("Synthese: de top 20")[2].split("Score 0 tot")[0]
    top = expected_top(demo, catalogue)
    rows = re.findall(r"^\s*(\d+) (\S.*?)\s{2,}(\d+)/6\s", synthesis, flags=re.MULTILINE)
    assert [int(r[0]) for r in rows] == list(range(1, 21))
    assert [r[1] for r in rows] == top
    # Gent is excluded from the working area, so it is in none of the tables
    assert "Gent " not in synthesis


def test_text_is_selectable_and_complete(annex_pdf: Path) -> None:
    text = pdf_text(annex_pdf)
    for heading in ("Inhoud", "Methode", "Score 0 tot 6", "Achtergestelde gebieden",
                    "weggemiddelde", "hotspots", "Vergelijking van werkgebieden",
                    "Hoe zeker is de rangschikking?", "Gegevens en bronnen"):
        assert heading in text, heading
    assert "Samenlevingsopbouw Testregio" in text
    assert "5 maart 2026" in text
    assert "Netto belastbaar inkomen per inwoner" in text
    assert "Statbel" in text and "Modellicentie Gratis Hergebruik" in text
    assert re.search(r"Tabel 1\.", text) and re.search(r"Figuur 1\.", text)


def test_html_has_alt_text_and_numbered_figures(demo: Dataset, catalogue: Catalogue,
                                                annex_config: AnnexConfig) -> None:
    html = build_annex(demo, catalogue, annex_config).render_html()
    alts = re.findall(r'<img src="data:image/png;base64,[^"]+" alt="([^"]*)"', html)
    assert len(alts) >= 4 and all(len(a) > 10 for a in alts)
    numbers = [int(n) for n in re.findall(r"<b>Figuur (\d+)\.</b>", html)]
    assert numbers == list(range(1, len(numbers) + 1))
    assert '<html lang="nl">' in html


def test_same_configuration_gives_the_same_document(demo: Dataset, catalogue: Catalogue,
                                                    annex_config: AnnexConfig) -> None:
    first = build_annex(demo, catalogue, annex_config).render_html()
    second = build_annex(demo, catalogue, annex_config).render_html()
    assert first == second


def test_english(demo: Dataset, catalogue: Catalogue, annex_config: AnnexConfig) -> None:
    from dataclasses import replace

    html = build_annex(demo, catalogue, replace(annex_config, lang="en", draws=50)).render_html()
    assert "Contents" in html and "Most often ranked highest" in html
    assert "Inhoud" not in html


def test_unknown_scope_code_is_a_config_error(demo: Dataset, catalogue: Catalogue,
                                              annex_config: AnnexConfig) -> None:
    from dataclasses import replace

    with pytest.raises(ConfigError, match="99999"):
        build_annex(demo, catalogue, replace(annex_config, scope=Scope("municipality", "99999")))


def _nested(catalogue: Catalogue) -> tuple[Dataset, list[str]]:
    """Six municipalities of three sub-municipalities each, without geometry; in
    municipality 3 one sub-area is very poor and the other two are rich."""
    rng = np.random.default_rng(7)
    rows = [("R", "Regio", "region", None, 0.0)]
    values = []
    keys = ["income_per_inhabitant", "zero_income_share", "movable_income_share"]
    for m in range(1, 7):
        rows.append((f"M{m}", f"Gemeente {m}", "municipality", "R", 0.0))
        for s in range(1, 4):
            code = f"M{m}S{s}"
            rows.append((code, f"Deelgemeente {m}.{s}", "sub_municipality", f"M{m}", 1000.0))
            poor = m == 3 and s == 1
            vals = {"income_per_inhabitant": 9000 if poor else 20000 + rng.normal(0, 1500),
                    "zero_income_share": 20 if poor else 10 + rng.normal(0, 1),
                    "movable_income_share": 10 if poor else 30 + rng.normal(0, 3)}
            if m == 3 and s > 1:
                vals = {"income_per_inhabitant": 30000, "zero_income_share": 5,
                        "movable_income_share": 45}
            values += [(code, k, 2013, float(vals[k])) for k in keys]
    subs = pd.DataFrame(values, columns=["code", "indicator", "year", "value"])
    subs["parent"] = subs["code"].str[:2]
    means = subs.groupby(["parent", "indicator"])["value"].mean()
    values += [(m, k, 2013, float(v)) for (m, k), v in means.items()]
    frame = pd.DataFrame(rows, columns=["code", "name", "level", "parent", "population"]
                         ).set_index("code")
    frame["parent"] = frame["parent"].astype("string")
    long = pd.DataFrame(values, columns=["code", "indicator", "year", "value"])
    long["year"] = long["year"].astype("Int64")
    return Dataset(AreaSet(frame), long), keys


def test_finer_level_shows_deprivation_averaged_away(catalogue: Catalogue) -> None:
    dataset, keys = _nested(catalogue)
    config = AnnexConfig(tuple(keys), Scope("municipality"), draws=20, k=3, top=5, p=10)
    html = build_annex(dataset, catalogue, config).render_html()
    finer = html.split("Een fijner niveau")[2]
    hidden = finer.split("Weggemiddelde achterstelling:")[1]
    # the poor sub-area of an average municipality is listed as averaged away
    assert "Deelgemeente 3.1" in hidden and "Gemeente 3" in hidden
    assert "Geen kaarten" in html  # no geometry: no maps, said plainly

