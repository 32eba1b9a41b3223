"""Django's number and date formats per language (``FORMAT_MODULE_PATH``), over Django's
own: one rule per language for the whole site.

Numbers: :func:`opbouw.i18n.format_number` (Dutch ``15 226,58``, English ``15,226.58``).
Dates: ``SHORT_DATE_FORMAT`` / ``SHORT_DATETIME_FORMAT`` everywhere (templates use
``|date:"SHORT_DATE_FORMAT"``): Dutch ``1-12-2026`` and ``1-12-2026 21:57`` (Django's),
English ``1 Dec 2026`` and ``1 Dec 2026 21:57`` (day first, unambiguous next to Dutch).
"""
