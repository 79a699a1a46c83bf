"""Editor accounts: staff in the Editors group, which may edit the knowledge base and nothing
else. The group and its permissions are set up by `set_up_editors_group`, which the editorial
migrations run and which may run again at any time: it always ends at the same set."""

from django.apps import apps as project_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

EDITORS_GROUP = "Editors"

# (app label, model, actions): exactly what editing the knowledge base needs, and no user admin.
# Sources and papers' vocabularies are never deleted by editors (they unpublish); evidence neither.
EDITOR_PERMISSIONS = [
    ("sources", "sourcedocument", ("view", "add", "change")),
    ("sources", "author", ("view", "add", "change")),
    ("sources", "authorship", ("view", "add", "change", "delete")),
    ("proposals", "proposal", ("view", "add", "change", "delete")),
    ("proposals", "proposalactor", ("view", "add", "change", "delete")),
    ("proposals", "theme", ("view", "add", "change")),
    ("proposals", "actor", ("view", "add", "change")),
    ("proposals", "framework", ("view", "add", "change")),
    ("outcomes", "evidence", ("view", "add", "change")),
    ("outcomes", "assessment", ("view", "add", "change", "delete")),
    ("editorial", "dismissedsuggestion", ("view", "add", "change", "delete")),
]


def set_up_editors_group(apps=project_apps):
    """Make the Editors group hold exactly EDITOR_PERMISSIONS; running it again changes nothing.

    `apps` is the project's registry, or a migration's historical one: a model that does not
    exist yet in that state is left as it is (its permissions are granted by a later migration
    or run), never taken away — re-running an early migration once drove the evidence log's
    permissions out of the group.
    """
    # Permissions are normally created after migrations finish; create them now so that the
    # group can be given them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    granted = Q(pk__in=[])
    for app_label, model, actions in EDITOR_PERMISSIONS:
        granted |= Q(
            content_type__app_label=app_label, codename__in=[f"{a}_{model}" for a in actions]
        )
    group.permissions.remove(*group.permissions.exclude(granted))  # anything else is too much
    for app_label, model, actions in EDITOR_PERMISSIONS:
        try:
            apps.get_model(app_label, model)
        except LookupError:
            continue  # not in this (historical) state yet
        group.permissions.add(
            *[
                Permission.objects.get(content_type__app_label=app_label, codename=f"{a}_{model}")
                for a in actions
            ]
        )
    return group


@transaction.atomic
def create_editor(*, username: str, password: str, email: str = ""):
    """A staff account in the Editors group. Raises ValidationError, changing nothing, when the
    name is taken, the password is refused by the password validators, or the group is missing.
    """
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(f"There is already a user called “{username}”.")
    try:
        group = Group.objects.get(name=EDITORS_GROUP)
    except Group.DoesNotExist:
        raise ValidationError(
            f"The “{EDITORS_GROUP}” group does not exist: run `python manage.py migrate` first."
        ) from None
    user = User(username=username, email=email, is_staff=True)
    validate_password(password, user=user)
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.add(group)
    return user
