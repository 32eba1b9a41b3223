"""WSGI entry point for gunicorn: ``gunicorn opbouw.web.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

from opbouw.caches import use_numba_cache

use_numba_cache()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opbouw.web.settings")
application = get_wsgi_application()

# refuse to start when the database is unreachable or not migrated (a clear message)
from opbouw.web.trust.startup import refuse_unless_ready  # noqa: E402

refuse_unless_ready()
