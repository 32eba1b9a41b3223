"""The pure layer stays pure; every subpackage declares what it exports."""

import subprocess
import sys


def test_analysis_imports_no_django_no_io_layers() -> None:
    code = (
        "import sys, opbouw.analysis.methods, opbouw.analysis.uncertainty, "
        "opbouw.analysis.explain, opbouw.analysis.typology\n"
        "bad = [m for m in sys.modules if m.startswith(('django', 'opbouw.web', 'opbouw.data',"
        " 'opbouw.reports', 'opbouw.cli'))]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_model_exports_match_all() -> None:
    import opbouw.model as model

    for name in model.__all__:
        assert hasattr(model, name)
