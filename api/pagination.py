"""Cursor pagination: stable pages however the knowledge base grows while a client walks them."""

from rest_framework.pagination import CursorPagination


class SlugCursorPagination(CursorPagination):
    """Pages ordered by slug, the stable natural key every object is identified by."""

    ordering = "slug"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
