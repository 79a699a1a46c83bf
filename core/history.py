"""Who made a change, and why: what django-simple-history records with the next save."""


def record_change(instance, *, user, reason: str) -> None:
    """Tell django-simple-history who made the next save of `instance`, and why.

    Without a user, the history records the user of the current request (its middleware).
    """
    if user is not None:
        instance._history_user = user
    instance._change_reason = reason
