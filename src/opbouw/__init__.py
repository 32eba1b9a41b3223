"""opbouw: area analysis, planning and monitoring for community development work."""

__all__ = ["__version__"]
__version__ = "0.1.0"

from opbouw._gdal import skip_unused_drivers as _skip_unused_drivers  # noqa: E402

_skip_unused_drivers()
