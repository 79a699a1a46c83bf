"""Settings for the test suite: the development settings (DEBUG on, the development key, loopback
hosts). Production is the default in settings.py, so the tests ask for development explicitly;
pytest-django still runs each test with DEBUG off."""

import os

os.environ["DJANGO_DEBUG"] = "1"

from alliance_kb.settings import *  # noqa: E402, F403
