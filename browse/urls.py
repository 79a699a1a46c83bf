"""The proposal pages' addresses, under the `proposals` namespace (the sources' are in
source_urls.py): the names say what a page shows, whichever app serves it."""

from django.urls import path

from browse import feeds, views
from browse.citations import FORMATS
from browse.selectors.vocabularies import VOCABULARIES

app_name = "proposals"

urlpatterns = [
    path("", views.home, name="home"),
    path("proposals/", views.proposal_list, name="list"),
    # Not under proposals/, where the name would be read as a proposal's slug.
    path("print/proposals/", views.proposal_print, name="print"),
    path("proposals.csv", views.proposal_export_csv, name="export-csv"),
    path("proposals.json", views.proposal_export_json, name="export-json"),
    path("proposals.xlsx", views.proposal_export_xlsx, name="export-xlsx"),
    path("data/alliance-kb-data.zip", views.data_package, name="data-package"),
    path("feeds/proposals.atom", feeds.LatestProposalsFeed(), name="feed"),
    # Two segments, so that no proposal's slug can stand for it.
    path("proposals/filter/source/", views.source_choice, name="source-choice"),
    path("proposals/<slug:slug>/", views.proposal_page, name="detail"),
]
# Citations: each proposal's, and the sources of any filtered list, in each format.
for fmt in FORMATS:
    urlpatterns += [
        path(
            f"proposals/<slug:slug>/cite.{fmt}",
            views.proposal_citation,
            {"fmt": fmt},
            name=f"cite-{fmt}",
        ),
        path(f"proposals.{fmt}", views.proposal_list_citations, {"fmt": fmt}, name=f"list-{fmt}"),
    ]
urlpatterns += [
    path("compare/", views.compare_index, name="compare-index"),
    path("compare/sources/", views.compare_sources_index, name="compare-sources-index"),
    path(
        "compare/sources/<slug:left>/<slug:right>/",
        views.compare_sources,
        name="compare-sources",
    ),
    path("compare/<str:kind>/<slug:slug>/", views.compare, name="compare"),
]
for kind, (_, plural) in VOCABULARIES.items():
    urlpatterns += [
        path(f"{plural}/", views.vocabulary_list, {"kind": kind}, name=f"{kind}-list"),
        path(
            f"{plural}/<slug:slug>/",
            views.vocabulary_detail,
            {"kind": kind},
            name=f"{kind}-detail",
        ),
    ]
