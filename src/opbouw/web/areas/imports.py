"""The import pipeline of the web app: check an upload once, store it in the background.

The preview is computed once per upload and kept next to the files (``.preview.json``);
every later view of the preview reads it back instead of validating again. Storing runs as
a background job (:mod:`opbouw.web.jobs`) with progress, in one transaction.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from opbouw.data.dataset import Dataset as DataDataset
from opbouw.data.dataset import FileSpec, collect, import_files
from opbouw.data.geo import describe_layers, is_geo_file
from opbouw.data.problems import Problem, errors_only
from opbouw.data.rawtable import xlsx_sheet_names
from opbouw.errors import ImportValidationError
from opbouw.web.areas import store
from opbouw.web.areas.catalogue import CATALOGUE
from opbouw.web.areas.models import Area, Dataset, ImportRecord, IndicatorValue
from opbouw.web.areas.preview import preview
from opbouw.web.jobs.models import Job
from opbouw.web.jobs.runner import JobError

SIDE_CARS = (".dbf", ".shx", ".prj", ".cpg")
CACHE = ".preview.json"
OPTIONS = ".options.json"
"""The user's choices per file of an upload: ``{file name: {"layer", "id_column"}}`` for
a geometry file, ``{file name: {"sheet"}}`` for a workbook."""


def options(folder: Path) -> dict[str, dict[str, str]]:
    """The layer and code column chosen for each file of an upload."""
    path = folder / OPTIONS
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8")))


def specs(folder: Path) -> list[FileSpec]:
    """The files of an upload that are read (Shapefile side-cars come with their .shp),
    with the layer and code column the user chose."""
    chosen = options(folder)
    return [FileSpec(p, layer=chosen.get(p.name, {}).get("layer") or None,
                     id_column=chosen.get(p.name, {}).get("id_column") or None,
                     sheet=chosen.get(p.name, {}).get("sheet") or None)
            for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".")
            and p.suffix.lower() not in SIDE_CARS]


def layer_choices(folder: Path) -> list[dict[str, Any]]:
    """For each geometry file of an upload: its layers, the columns of the chosen (or
    only) layer, and what is chosen; read from the files, never from the request."""
    chosen = options(folder)
    found = []
    for spec in specs(folder):
        sheets = xlsx_sheet_names(spec.path)
        if len(sheets) > 1:  # a workbook with several sheets: the first, unless chosen
            found.append({"file": spec.path.name, "sheets": sheets,
                          "sheet": spec.sheet if spec.sheet in sheets else sheets[0]})
            continue
        if not is_geo_file(spec.path):
            continue
        layers = describe_layers(spec.path)
        if not layers:
            continue
        layer = spec.layer if spec.layer in layers else (
            next(iter(layers)) if len(layers) == 1 else None)
        found.append({"file": spec.path.name, "layers": list(layers), "layer": layer or "",
                      "columns": layers.get(layer or "", []),
                      "id_column": chosen.get(spec.path.name, {}).get("id_column", "")})
    return found


def choose(folder: Path, file: str, layer: str, id_column: str) -> bool:
    """Keep the user's layer and code column for ``file`` when the file has them; the
    upload is then checked again. Returns whether the choice was valid."""
    choice = next((c for c in layer_choices(folder) if c["file"] == file), None)
    if choice is not None and "sheets" in choice:
        if layer not in choice["sheets"]:
            return False
        chosen = options(folder)
        chosen[file] = {"sheet": layer}
        (folder / OPTIONS).write_text(json.dumps(chosen), encoding="utf-8")
        (folder / CACHE).unlink(missing_ok=True)
        return True
    if choice is None or layer not in choice["layers"]:
        return False
    columns = describe_layers(folder / file).get(layer, [])
    if id_column and id_column not in columns:
        id_column = ""
    chosen = options(folder)
    chosen[file] = {"layer": layer, "id_column": id_column}
    (folder / OPTIONS).write_text(json.dumps(chosen), encoding="utf-8")
    (folder / CACHE).unlink(missing_ok=True)
    return True


def save_upload(folder: Path, uploads: list[Any]) -> list[str]:
    """Write uploaded files into ``folder``; a repeated name gets a number, never overwrites."""
    names: list[str] = []
    for upload in uploads:
        name = Path(upload.name).name.lstrip(".") or "bestand"
        stem, suffix = Path(name).stem, Path(name).suffix
        n = 1
        while (folder / name).exists():
            n += 1
            name = f"{stem}-{n}{suffix}"
        with open(folder / name, "xb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        names.append(name)
    return names


def _field_limits() -> list[tuple[str, str, int, str]]:
    """(frame, column, max length, shown column) for every text the database limits."""
    def size(model: Any, field: str) -> int:
        return int(model._meta.get_field(field).max_length)

    return [("areas", "index", size(Area, "code"), "code"),
            ("areas", "name", size(Area, "name"), "naam"),
            ("areas", "level", size(Area, "level"), "niveau"),
            ("areas", "parent", size(Area, "parent_code"), "ouder"),
            ("values", "code", size(IndicatorValue, "area_code"), "code"),
            ("values", "indicator", size(IndicatorValue, "indicator"), "indicator")]


def length_problems(data: DataDataset) -> list[Problem]:
    """Texts longer than the database keeps (PostgreSQL refuses them at confirm time),
    each named by the file and row it was read from."""
    problems: list[Problem] = []
    for frame_name, column, limit, shown in _field_limits():
        if frame_name == "areas":
            if data.areas is None:
                continue
            frame = data.areas.frame
            texts = frame.index if column == "index" else frame.get(column)
            codes = list(frame.index)
        else:
            texts = data.values.get(column)
            codes = []
        if texts is None:
            continue
        seen: set[str] = set()
        for i, text in enumerate(texts):
            if not isinstance(text, str) or len(text) <= limit or text in seen:
                continue
            seen.add(text)
            if frame_name == "areas":
                file, row, _level = data.origin.get(str(codes[i]), ("", 0, ""))
            elif data.places is not None and i < len(data.places) \
                    and not data.places.iloc[i].isna().any():
                file, row = str(data.places["file"].iat[i]), int(data.places["row"].iat[i])
            else:
                file, row = "", 0
            problems.append(Problem("too_long", file, row or None, shown,
                                    text[:60] + "…", str(limit)))
    return problems


def _code_places(data: DataDataset) -> dict[str, list[Any]]:
    """Where each value code is first read: [file, row], for messages about codes."""
    if data.places is None or data.places.empty:
        return {}
    first = pd.concat([data.values["code"].astype(str), data.places], axis=1) \
        .dropna().drop_duplicates("code")
    return {c: [str(f), int(r)] for c, f, r in first.itertuples(index=False)}


def check_upload(folder: Path, catalogue: Any = None) -> dict[str, Any]:
    """Problems, previews and row count of an upload: computed once, then read back.
    Also kept: whether it brings areas, its value codes and (indicator, year) pairs, so
    that an addition to an existing dataset is checked without reading the files again.
    ``catalogue``: the organisation's (bundled plus its own definitions)."""
    cache = folder / CACHE
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    data, problems = collect(specs(folder), catalogue or CATALOGUE)
    if not errors_only(problems):
        problems += length_problems(data)
    by_name = {s.path.name: s for s in specs(folder)}
    previews = [preview(p, getattr(by_name.get(p.name), "layer", None),
                        getattr(by_name.get(p.name), "sheet", None))
                for p in sorted(folder.iterdir()) if not p.name.startswith(".")]
    result = {
        "problems": [{"kind": p.kind, "file": p.file, "row": p.row, "column": p.column,
                      "found": p.found, "expected": p.expected, "severity": p.severity.value,
                      "row_is_feature": p.row_is_feature} for p in problems],
        "previews": previews,
        "rows": sum(p.get("total", 0) for p in previews),
        "has_areas": data.areas is not None,
        "choices": layer_choices(folder),
        "codes": sorted(set(data.values["code"].astype(str))),
        "code_places": _code_places(data),
        "pairs": [[str(i), None if pd.isna(y) else int(y)] for i, y in
                  data.values[["indicator", "year"]].drop_duplicates()
                  .itertuples(index=False)],
    }
    cache.write_text(json.dumps(result, default=str), encoding="utf-8")
    return result


def problems_of(checked: dict[str, Any]) -> list[Problem]:
    """The kept problems as :class:`Problem` objects, to render in the user's language."""
    from opbouw.data.problems import Severity

    return [Problem(p["kind"], p["file"], p["row"], p["column"], p["found"], p["expected"],
                    Severity(p["severity"]), p["row_is_feature"])
            for p in checked["problems"]]


def run_import(job: Job) -> None:
    """Background job: read the upload, store it in one transaction, record the import."""
    from django.contrib.auth import get_user_model

    params = job.params
    folder = Path(params["folder"])
    if not folder.is_dir():
        raise JobError(_("The uploaded files are no longer there; upload them again."))
    job.report(0.05, _("reading the files"))

    def progress(done: int, total: int) -> None:
        if total:
            job.report(0.05 + 0.45 * done / total, _("reading the files"))

    from opbouw.web.areas.catalogue import catalogue_for

    try:
        data = import_files(specs(folder), catalogue_for(job.organisation), progress=progress)
    except ImportValidationError as exc:
        raise JobError(_("The files have errors; nothing was imported.")) from exc
    too_long = length_problems(data)
    if too_long:
        raise JobError(too_long[0].render(web=True))
    job.report(0.5, _("storing areas and values"))
    user = get_user_model().objects.filter(pk=params.get("user")).first()
    target = params.get("dataset")
    with transaction.atomic():
        # an addition of new years or indicators goes into the existing dataset
        dataset = Dataset.objects.filter(pk=target, organisation=job.organisation).first() \
            if target else None
        if target and dataset is None:
            raise JobError(_("The dataset to add to no longer exists."))
        dataset = dataset or Dataset.objects.create(organisation=job.organisation,
                                                    name=params["name"], created_by=user)
        n_areas, n_values = store.store(dataset, data, replace=bool(target))
        ImportRecord.objects.create(organisation=job.organisation, dataset=dataset, user=user,
                                    files=params["files"], rows=int(params.get("rows", 0)),
                                    areas=n_areas, values=n_values,
                                    status=ImportRecord.Status.IMPORTED)
    shutil.rmtree(folder, ignore_errors=True)
    job.finish({"dataset": dataset.pk, "areas": n_areas, "values": n_values},
               reverse("dataset_detail", args=[dataset.pk]))
