"""The one pipeline: scope, defaults, dropped indicators, domain errors only."""

import pandas as pd
import pytest

from opbouw.analysis import defaults
from opbouw.analysis.methods import method_config
from opbouw.analysis.pipeline import AnalysisSpec, Scope, apply_scope, run_analysis
from opbouw.data.demo import load_demo
from opbouw.errors import ConfigError, InsufficientDataError, OpbouwError


@pytest.fixture(scope="module")
def demo():
    return load_demo()


def test_east_flanders_without_gent_is_64_municipalities(demo, catalogue) -> None:
    spec = AnalysisSpec(method="top-n", preset="demo",
                        scope=Scope(within=("40000",), exclude=("44021",)))
    run = run_analysis(demo.values, demo.areas.frame, catalogue, spec)
    assert len(run.table) == 64
    assert "44021" not in run.table.index and "41002" in run.table.index
    assert run.metadata(catalogue)["scope"]["within"] == ["40000"]
    assert run.metadata(catalogue)["scope"]["exclude"] == ["44021"]


def test_flemish_ranking_leaves_brussels_out_unless_asked(demo, catalogue) -> None:
    spec = AnalysisSpec(preset="demo")
    run = run_analysis(demo.values, demo.areas.frame, catalogue, spec)
    assert not any(c.startswith("21") for c in run.table.index)
    assert len(run.table) == 308 and run.notes == ["brussels_left_out:19"]
    asked = AnalysisSpec(preset="demo", scope=Scope(brussels=True))
    assert len(run_analysis(demo.values, demo.areas.frame, catalogue, asked).table) == 327


def test_scope_by_code_prefix_when_areas_have_no_parents() -> None:
    areas = pd.DataFrame({"name": ["a", "b", "c", "d"], "level": ["neighbourhood"] * 4,
                          "parent": [pd.NA] * 4},
                         index=["4402101", "44021A0", "4102101", "2100101"])
    table = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0]}, index=areas.index)
    kept, level, _ = apply_scope(table, areas, Scope(within=("44021",)))
    assert list(kept.index) == ["4402101", "44021A0"] and level == "neighbourhood"
    kept, _, notes = apply_scope(table, areas, Scope(within=("40000",), exclude=("44021",)))
    assert list(kept.index) == ["4102101"]


def test_sparse_indicators_are_dropped_and_reported(catalogue) -> None:
    values = pd.DataFrame({"code": ["a", "b", "c", "a"], "indicator": ["x", "x", "x", "y"],
                           "year": pd.array([pd.NA] * 4, dtype="Int64"),
                           "value": [1.0, 2.0, 3.0, 4.0]})
    run = run_analysis(values, None, catalogue, AnalysisSpec(options={"k": 1}))
    assert list(run.directions) == ["x"] and run.dropped == ["y"]
    assert run.unknown_direction == ["x"]


def test_defaults_are_defined_once(catalogue) -> None:
    cfg = method_config("atlas", {})
    assert (cfg.k, cfg.rule.p) == (defaults.K, defaults.P)
    assert method_config("top-n", {}).n == defaults.N


@pytest.mark.parametrize("cfg", [{"p": "veel"}, {"k": 0}, {"p": float("nan")}, {"k": 2.5},
                                 {"weights": "abc"}, {"rule": "magic"}])
def test_bad_settings_raise_config_errors(cfg) -> None:
    with pytest.raises(ConfigError):
        method_config("composite" if "weights" in cfg else "atlas", cfg)


def test_only_domain_errors(demo, catalogue) -> None:
    with pytest.raises(OpbouwError):
        run_analysis(demo.values, demo.areas.frame, catalogue, AnalysisSpec(method="nope"))
    with pytest.raises(InsufficientDataError):
        run_analysis(demo.values, demo.areas.frame, catalogue,
                     AnalysisSpec(preset="demo", scope=Scope(codes=("44021",))))
    with pytest.raises(ConfigError):
        run_analysis(demo.values, demo.areas.frame, catalogue,
                     AnalysisSpec(preset="demo", scope=Scope(level="planet")))


def test_most_often_reports_n_breaks_rule_and_areas_just_below(demo, catalogue) -> None:
    spec = AnalysisSpec(method="top-n", preset="demo", options={"n": 10, "break_after": 5},
                        scope=Scope(within=("40000",), exclude=("44021",)))
    details = run_analysis(demo.values, demo.areas.frame, catalogue, spec).result.details
    assert details["n"] == 10 and details["breaks"] == [5] and details["break_rule"] == "manual"
    assert len(details["just_below"]) >= 3
    spec = AnalysisSpec(method="top-n", preset="demo", options={"classes": 3},
                        scope=Scope(within=("40000",)))
    details = run_analysis(demo.values, demo.areas.frame, catalogue, spec).result.details
    assert details["break_rule"] == "fisher-jenks" and details["classes"] == 3


def test_the_analysis_layer_raises_only_domain_errors() -> None:
    import re
    from pathlib import Path

    import opbouw.analysis
    import opbouw.errors

    domain = {n for n, v in vars(opbouw.errors).items()
              if isinstance(v, type) and issubclass(v, opbouw.errors.OpbouwError)}
    domain.add("AllocationError")  # a ConfigError
    root = Path(opbouw.analysis.__file__).parent
    raised = {m.group(1) for path in root.rglob("*.py")
              for m in re.finditer(r"raise (\w+)\(", path.read_text())}
    assert raised and raised <= domain, raised - domain


def test_one_scope_for_analyses_and_reports() -> None:
    import pandas as pd

    from opbouw.analysis import pipeline
    from opbouw.errors import ConfigError
    from opbouw.reports import scope as report_scope

    assert report_scope.Scope is pipeline.Scope
    assert report_scope.scope_codes is pipeline.scope_codes
    one = pipeline.Scope("municipality", "40000", ("44021",))
    assert one.within == ("40000",) and one.parent == "40000"
    assert one == pipeline.Scope("municipality", ("40000",), ("44021",))
    assert report_scope.describe(one) == "level=municipality, within=40000, exclude=44021"
    areas = pd.DataFrame({"name": ["OV", "Gent", "Aalst", "WV", "Brugge", "Brussel"],
                          "level": ["province", "municipality", "municipality", "province",
                                    "municipality", "municipality"],
                          "parent": [None, "40000", "40000", None, "30000", None]},
                         index=["40000", "44021", "41002", "30000", "31005", "21004"])
    assert list(pipeline.scope_codes(areas, one)) == ["41002"]
    assert list(pipeline.scope_codes(areas, pipeline.Scope("municipality"))) == [
        "44021", "41002", "31005"]  # Brussels left out of a Flemish comparison
    with pytest.raises(ConfigError):
        pipeline.scope_codes(areas, pipeline.Scope("municipality", "99999"))
