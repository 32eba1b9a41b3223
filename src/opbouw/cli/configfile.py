"""Small TOML configuration files for analyses, read and written."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from opbouw.errors import ConfigError, Msgid


def read_toml(path: Path) -> dict[str, Any]:
    """Read a TOML file; a syntax error names the file and the line."""
    try:
        return tomllib.loads(Path(path).read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("{name}: not valid TOML: {exc}", name=Path(path).name,
                          exc=exc) from None
    except UnicodeDecodeError:
        raise ConfigError("{name}: not a UTF-8 text file", name=Path(path).name) from None


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v)  # a JSON string is a valid TOML basic string
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return repr(v)


def write_toml(path: Path, data: dict[str, Any]) -> None:
    """Write flat keys and one level of tables (enough for analysis configurations)."""
    lines = [f"{k} = {_value(v)}" for k, v in data.items()
             if not isinstance(v, dict) and v is not None]
    for k, v in data.items():
        if isinstance(v, dict) and v:
            lines.append(f"\n[{k}]")
            lines += [f'"{kk}" = {_value(vv)}' for kk, vv in v.items()]
    Path(path).write_text("\n".join(lines) + "\n", "utf-8")


def key_values(items: tuple[str, ...], option: str) -> dict[str, float]:
    """Parse repeated ``key=value`` options into floats."""
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError
            out[key.strip()] = float(value.replace(",", "."))
        except ValueError:
            raise ConfigError("{option} expects key=value with a number, got {item!r}",
                              option=option, item=item) from None
    return out


def read_thresholds(path: Path) -> dict[str, float]:
    """Absolute thresholds per indicator from TOML: ``[thresholds]`` with
    ``indicator = number`` (a ``source`` line says where they come from)."""
    cfg = read_toml(path)
    table = cfg.get("thresholds", cfg)
    if not isinstance(table, dict):
        raise ConfigError("{name}: [thresholds] must be a table of indicator = number",
                          name=Path(path).name)
    out = {}
    for key, value in table.items():
        if key in ("source", "description"):
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError("{name}: threshold {key!r} must be a number, got {value!r}",
                              name=Path(path).name, key=key, value=value)
        out[str(key)] = float(value)
    return out


def expect(cfg: dict[str, Any], key: str, kind: type | tuple[type, ...], what: str,
           source: str) -> Any:
    """A TOML value of the right type, or a one-line ConfigError naming key and file."""
    value = cfg.get(key)
    if value is not None and (not isinstance(value, kind) or isinstance(value, bool)
                              and kind is not bool):
        raise ConfigError("{source}: {key!r} must be {what}, got {value!r}", source=source,
                          key=key, what=Msgid(what), value=value)
    return value
