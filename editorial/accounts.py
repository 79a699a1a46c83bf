"""Editor accounts: staff in the Editors group, which may edit the knowledge base and nothing
else (the group and its permissions are made by editorial/migrations/0001_editors_group)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

EDITORS_GROUP = "Editors"


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
