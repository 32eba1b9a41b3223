"""Reading and writing the world: tables, area files, demo data, output files.

Import what you need from the modules; this package re-exports nothing.
"""

__all__: list[str] = []
