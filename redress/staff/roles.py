"""Staff roles are Django groups; these are their names."""

HANDLER = "handler"
COMPLAINTS_OFFICER = "complaints officer"
MANAGER = "manager"
ALL = (HANDLER, COMPLAINTS_OFFICER, MANAGER)


def has_role(user, role: str) -> bool:
    return bool(user and user.is_active and user.groups.filter(name=role).exists())
