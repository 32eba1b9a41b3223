"""Documents built from analysis results (the HTML area report and its maps).

Import what you need from the modules; this package re-exports nothing.
"""

__all__: list[str] = []
