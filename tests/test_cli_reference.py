"""The README's command table is what scripts/cli_reference.py generates from the code."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from opbouw.cli import cli

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "cli_reference.py"


def _script():  # the script is not a package module; load it from its file
    spec = importlib.util.spec_from_file_location("cli_reference", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_command_table_is_generated_from_the_commands() -> None:
    script = _script()
    readme = script.README.read_text(encoding="utf-8")
    assert script.updated(readme, script.reference()) == readme, (
        "README.md is out of date: run python scripts/cli_reference.py --write")


def test_every_command_and_option_is_in_the_table() -> None:
    script = _script()
    table = script.reference()
    listed = script.commands()
    assert {name.split()[0] for name, _, _ in listed} == set(cli.commands)
    for name, command, _ in listed:
        row = next(line for line in table.splitlines()
                   if line.startswith((f"| `opbouw {name}`", f"| `opbouw {name} ")))
        for param in command.params:
            if param.param_type_name == "option":
                assert max(param.opts, key=len) in row, (name, param.opts)


def test_a_renamed_option_makes_the_readme_stale() -> None:
    script = _script()
    readme = script.README.read_text(encoding="utf-8")
    stale = readme.replace("`--permutations`", "`--perms`", 1)
    assert stale != readme
    assert script.updated(stale, script.reference()) != stale
