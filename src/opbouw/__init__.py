"""opbouw: area analysis, planning and monitoring for community development work."""

__all__ = ["__version__"]
__version__ = "0.1.0"
