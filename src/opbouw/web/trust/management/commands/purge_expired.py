"""``opbouw manage purge_expired``: apply the retention periods of the register (cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Anonymise what is older than its retention period (safe to run every night)."

    def handle(self, *args: Any, **options: Any) -> None:
        from opbouw.web.trust.gdpr import purge_expired

        for label, n in purge_expired().items():
            self.stdout.write(f"{label}: {n}")
