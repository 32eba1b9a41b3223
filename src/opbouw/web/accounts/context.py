"""Template context: the user's organisations and roles, for the menu."""

from typing import Any

from opbouw.web.accounts.access import organisations


def memberships(request: Any) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"can_import": organisations(user, "import").exists(),
            "can_analyse": organisations(user, "analyse").exists(),
            "can_audit": organisations(user, "audit").exists(),
            "my_memberships": user.memberships.select_related("organisation")}
