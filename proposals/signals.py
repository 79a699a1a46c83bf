"""Signals other parts of the project listen to."""

from django.dispatch import Signal

# Sent once load_kb has saved every object, inside its transaction: receivers rebuild derived
# data (the search index) from the loaded rows.
knowledge_base_loaded = Signal()
