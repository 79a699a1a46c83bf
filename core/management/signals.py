"""Signals the backup commands send, so that apps above core can react without core importing
them (the search index is rebuilt by search.receivers)."""

from django.dispatch import Signal

# Sent after a portable backup has been loaded, inside its transaction: every row is new and no
# save signal ran for it (the rows were saved raw), so whatever derives from them is rebuilt.
data_restored = Signal()
