"""Trust: audit, GDPR register, consent, export and erasure, retention, two-factor login.

Practice apps call :func:`register` from their ``AppConfig.ready()``; see ``registry``.
"""

from __future__ import annotations

from typing import Any


def register(model: Any, **kwargs: Any) -> Any:
    """Lazy re-export of :func:`opbouw.web.trust.registry.register` (import-safe early)."""
    from opbouw.web.trust.registry import register as _register

    return _register(model, **kwargs)


def log_read(request: Any, obj: Any) -> Any:
    """Lazy re-export of :func:`opbouw.web.trust.audit.log_read`."""
    from opbouw.web.trust.audit import log_read as _log_read

    return _log_read(request, obj)
