"""``opbouw backup`` / ``opbouw restore`` round-trip exactly (run on SQLite and, by
scripts/test.sh, on PostgreSQL); a broken backup changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner

from opbouw.cli import cli


def _counts() -> dict[str, int]:
    from opbouw.cli.backup import _counts as counts

    return counts()


# live_world: committed rows, as in real use (PostgreSQL cannot TRUNCATE inside the test's
# own transaction, which has pending constraint checks)
def test_backup_restore_round_trip(live_world: dict, tmp_path: Path) -> None:
    world = live_world
    from opbouw.web.accounts.models import Organisation
    from opbouw.web.analyses.models import Analysis
    from opbouw.web.areas.models import IndicatorValue

    runner = CliRunner()
    first = tmp_path / "backup.json.gz"
    result = runner.invoke(cli, ["backup", str(first)])
    assert result.exit_code == 0, result.output
    assert "areas.IndicatorValue" in result.output
    before = _counts()
    assert before["areas.IndicatorValue"] > 0 and before["trust.AuditEntry"] > 0
    # afterwards, everything changes
    Analysis.objects.filter(pk=world["a_east"].pk).delete()
    Organisation.objects.create(name="Nieuw")
    IndicatorValue.objects.filter(dataset=world["ds_west"]).update(value=-1)
    assert _counts() != before
    result = runner.invoke(cli, ["restore", "--yes", str(first)])
    assert result.exit_code == 0, result.output
    assert _counts() == before
    assert not IndicatorValue.objects.filter(value=-1).exists()
    assert Analysis.objects.filter(pk=world["a_east"].pk, name="Oost analyse").exists()
    # a backup of the restored database is the same file, byte for byte
    second = tmp_path / "again.json.gz"
    assert runner.invoke(cli, ["backup", str(second)]).exit_code == 0
    import gzip

    assert gzip.decompress(first.read_bytes()) == gzip.decompress(second.read_bytes())
    # and new rows get fresh ids after a restore (sequences follow the restored rows)
    new = Organisation.objects.create(name="Na herstel")
    assert new.pk > max(Organisation.objects.exclude(pk=new.pk).values_list("pk", flat=True))


def test_a_broken_backup_changes_nothing(live_world: dict, tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    runner = CliRunner()
    assert runner.invoke(cli, ["backup", str(good)]).exit_code == 0
    before = _counts()
    broken = tmp_path / "broken.json"
    broken.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    result = runner.invoke(cli, ["restore", "--yes", str(broken)])
    assert result.exit_code == 1
    assert "geen bruikbare back-up" in result.output and "nothing was changed" in result.output
    assert "Traceback" not in result.output
    assert _counts() == before


def test_backup_into_a_missing_folder(db: Any, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["backup", str(tmp_path / "nope" / "b.json")])
    assert result.exit_code == 1 and "bestaat niet" in result.output
