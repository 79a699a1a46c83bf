"""Reads for the analyst pages, one module a page, each in a fixed number of queries whatever the
number of rows.

Every read starts from visible_to(user): drafts never reach a count, a facet or a list of anyone
but staff.
"""
