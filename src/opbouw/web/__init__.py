"""The Django project: an organisation's workspace for area analysis.

One app per concept the user sees: ``accounts`` (organisations, roles, API tokens),
``areas`` (datasets, imports, areas and their indicators), ``analyses`` (saved analysis
configurations, results, maps and what-if) and ``api`` (the JSON API).
"""
