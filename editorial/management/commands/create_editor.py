"""Create an editor: a staff account in the Editors group, with a validated password."""

import getpass
import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from editorial.accounts import EDITORS_GROUP, create_editor

PASSWORD_VARIABLE = "KB_EDITOR_PASSWORD"


class Command(BaseCommand):
    help = (
        f"Create an editor account (staff, in the {EDITORS_GROUP} group). The password is read "
        f"from ${PASSWORD_VARIABLE} when it is set, and otherwise asked for twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The editor's login name.")
        parser.add_argument("--email", default="", help="The editor's e-mail address.")

    def handle(self, *args, username, email, **options):
        password = os.environ.get(PASSWORD_VARIABLE) or self.prompt_for_password()
        try:
            user = create_editor(username=username, password=password, email=email)
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the editor “{user.username}”: they can log in at /admin/ and edit "
                "sources, proposals and vocabularies."
            )
        )

    def prompt_for_password(self) -> str:
        if not sys.stdin.isatty():
            raise CommandError(
                f"No password: set {PASSWORD_VARIABLE}, or run the command in a terminal to be "
                "asked for one."
            )
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ; nothing was created.")
        if not password:
            raise CommandError("The password is empty; nothing was created.")
        return password
