"""Pure computation on tables: no Django, no files (tests/test_architecture.py checks it).

Import what you need from the modules and subpackages; this package re-exports nothing.
"""

__all__: list[str] = []
