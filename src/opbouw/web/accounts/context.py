"""Template context: the user's organisations and roles, for the menu."""

from typing import Any

from opbouw.web.accounts.access import organisations
from opbouw.web.areas.models import ImportRecord


def memberships(request: Any) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    can_import = organisations(user, "import").exists()
    # the import history is in the menu of those who import or whose organisation has
    # imported; a partner who only reads what is shared has no history to look at
    sees_imports = can_import or ImportRecord.objects.filter(
        organisation__in=organisations(user)).exists()
    return {"can_import": can_import, "sees_imports": sees_imports,
            "can_analyse": organisations(user, "analyse").exists(),
            "can_audit": organisations(user, "audit").exists(),
            "my_memberships": user.memberships.select_related("organisation")}
