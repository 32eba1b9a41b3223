"""The pure layer stays pure; every package declares what it exports (STYLE.md 1 and 14)."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import subprocess
import sys
import types

import pytest

import opbouw

FORBIDDEN = ("django", "opbouw.web", "opbouw.data", "opbouw.reports", "opbouw.cli",
             "pyogrio", "openpyxl", "fiona", "weasyprint", "matplotlib")
"""Nothing of the web, I/O or document layers, and no file-format library."""

WALK = """
import json, pkgutil, sys
import opbouw.analysis
names = ["opbouw.analysis"]
for info in pkgutil.walk_packages(opbouw.analysis.__path__, "opbouw.analysis."):
    __import__(info.name)
    names.append(info.name)
forbidden = tuple(sys.argv[1].split(","))
print(json.dumps({"modules": names,
                  "loaded": sorted(m for m in sys.modules if m.startswith(forbidden))}))
"""


def test_every_analysis_module_imports_no_django_and_no_io_layers() -> None:
    out = subprocess.run([sys.executable, "-c", WALK, ",".join(FORBIDDEN)],
                         capture_output=True, text=True, check=True)
    found = json.loads(out.stdout)
    # the walk really covers the package, subpackages included
    assert {"opbouw.analysis.spatial.concentration", "opbouw.analysis.hierarchy",
            "opbouw.analysis.allocation", "opbouw.analysis.trends",
            "opbouw.analysis.methods.svi"} <= set(found["modules"])
    assert found["loaded"] == []


def _packages() -> list[str]:
    """Every package of opbouw outside the Django project (whose apps Django loads)."""
    names = ["opbouw"]
    for info in pkgutil.walk_packages(opbouw.__path__, "opbouw."):
        if info.ispkg and not info.name.startswith("opbouw.web"):
            names.append(info.name)
    return names


@pytest.mark.parametrize("name", _packages())
def test_package_all_matches_what_it_exports(name: str) -> None:
    package = importlib.import_module(name)
    assert hasattr(package, "__all__"), f"{name} declares no __all__"
    exported = list(package.__all__)
    assert len(exported) == len(set(exported)), f"{name}.__all__ repeats a name"
    missing = [n for n in exported if not hasattr(package, n)]
    assert missing == [], f"{name}.__all__ names what it does not have: {missing}"
    # what the package itself defines in public is exported; imported helpers are not
    defined = {n for n, obj in vars(package).items()
               if not n.startswith("_") and not isinstance(obj, types.ModuleType)
               and (inspect.isclass(obj) or inspect.isfunction(obj))
               and obj.__module__ == name}
    assert defined - set(exported) == set(), f"{name} defines but does not export these"


def test_analysis_raises_only_domain_errors_and_the_cli_has_no_catch_all() -> None:
    """``opbouw.analysis`` raises the errors of ``opbouw.errors`` (never a bare
    ``ValueError``/``KeyError``), and the command line translates those at one edge: no
    subcommand catches ``Exception`` or a bare ``ValueError`` around library calls."""
    import re
    from pathlib import Path

    src = Path(opbouw.__file__).parent
    bare = re.compile(r"raise (ValueError|KeyError|TypeError|RuntimeError|IndexError|"
                      r"Exception)\b")
    raised = [f"{p.relative_to(src)}:{i}" for p in (src / "analysis").rglob("*.py")
              for i, line in enumerate(p.read_text("utf-8").splitlines(), 1)
              if bare.search(line)]
    assert raised == []
    catch_all = re.compile(r"except (Exception|BaseException)\b|except:|"
                           r"except ValueError as exc:\s*$")
    caught = [f"{p.relative_to(src)}:{i}" for p in (src / "cli").rglob("*.py")
              for i, line in enumerate(p.read_text("utf-8").splitlines(), 1)
              if catch_all.search(line)]
    assert caught == []


REPORTS_WALK = """
import json, pkgutil, sys
import opbouw.reports
names = ["opbouw.reports"]
for info in pkgutil.walk_packages(opbouw.reports.__path__, "opbouw.reports."):
    __import__(info.name)
    names.append(info.name)
print(json.dumps({"modules": names,
                  "loaded": sorted(m for m in sys.modules
                                   if m.startswith(("django", "opbouw.web")))}))
"""


def test_reports_take_plain_data_and_import_no_django() -> None:
    """The web application and the command line pass plain data into the documents."""
    out = subprocess.run([sys.executable, "-c", REPORTS_WALK], capture_output=True, text=True,
                         check=True)
    found = json.loads(out.stdout)
    assert {"opbouw.reports.plan", "opbouw.reports.dossier",
            "opbouw.reports.annex"} <= set(found["modules"])
    assert found["loaded"] == []
