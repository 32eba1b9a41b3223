"""``opbouw manage erase_user NAME``: anonymise one account (right to erasure)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Anonymise a user; their records stay, with an anonymised author."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        from opbouw.web.trust.gdpr import erase_user

        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Onbekende gebruiker / unknown user: {options['username']}")
        pk = user.pk
        done = erase_user(user)
        self.stdout.write(f"geanonimiseerd / anonymised: id {pk}" if done else
                          "al geanonimiseerd / already anonymised")
