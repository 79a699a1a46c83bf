"""The analyst pages: thin views over browse.selectors, one template each.

Why this module is long: one short view per page (about thirty pages and downloads); the work
is in browse.selectors, so splitting the views would only scatter them."""

import csv

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse

from browse import caching, citations, datapackage, exports
from browse.selectors import (
    also_matched,
    dashboard,
    listing,
    papers_facet,
    printing,
    proposal_detail,
    querystrings,
    source_compare,
    sources,
    text_hits,
    vocabularies,
)
from browse.selectors import source_choice as source_choice_selector
from browse.selectors import source_list as source_list_selector
from browse.selectors.matrix import MEASURES
from browse.selectors.querystrings import list_url


@caching.conditional
def home(request):
    measure = request.GET.get("matrix", "count")
    notices = []
    if measure not in MEASURES:
        notices.append(f"“{measure[:20]}” is no way to shade the matrix; showing counts.")
        measure = "count"
    found = caching.block(
        "home",
        request.user,
        lambda: dashboard.dashboard(user=request.user, measure=measure),
        measure,
    )
    return render(request, "browse/home.html", {**found, "notices": notices})


@caching.conditional
def proposal_list(request):
    found = listing.proposal_listing(user=request.user, params=request.GET)
    converging = papers_facet.add_to_listing(found, user=request.user)
    return render(
        request,
        "browse/proposal_filter.html",
        {
            "listing": found,
            "page_obj": found.page,
            "proposals": found.page.object_list,
            "papers_facet": converging,
            "also_matched": also_matched.also_matched(found.search, user=request.user),
            # The filters' column, rendered, is kept like the counts it shows: its options' links
            # keep the sort, so the sort is part of the key (the page is not).
            "facets_fragment": caching.fragment_key(
                "list-facets",
                request.user,
                caching.normalised_query(found.filterset.data, leave_out=("page",)),
            ),
            "cache_seconds": settings.KB_CACHE_SECONDS,
        },
    )


def proposal_print(request):
    """The whole filtered list on one page, for printing (up to printing.PRINT_CAP)."""
    found = printing.printout(user=request.user, params=request.GET)
    back = reverse("proposals:list") + querystrings.without(request.GET, "page")
    return render(request, "browse/proposal_print.html", {"printout": found, "back": back})


@caching.conditional
def source_choice(request):
    """The source facet in full (the list shows its largest few)."""
    found = source_choice_selector.source_choice(user=request.user, params=request.GET)
    return render(request, "browse/source_choice.html", {"choice": found, "page_obj": found.page})


class _Echo:
    """A file-like object for csv.writer that hands each line back to the streaming response."""

    def write(self, value):
        return value


def proposal_export_csv(request):
    """The list's proposals for these filters, all pages, as CSV (one row per proposal)."""
    proposals, _ = listing.proposal_export(user=request.user, params=request.GET)
    cap = exports.row_cap(request.user)
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff"  # a byte-order mark, so that spreadsheets read the text as UTF-8
        yield writer.writerow(exports.SPREADSHEET_COLUMNS)
        for proposal in proposals[:cap].iterator(chunk_size=exports.CHUNK):
            record = exports.proposal_record(proposal, request.build_absolute_uri)
            yield writer.writerow(exports.spreadsheet_row(proposal, record))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    if cap:
        response[exports.CAP_HEADER] = str(cap)
    name = exports.file_name(request.GET, "csv")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def proposal_export_xlsx(request):
    """The same rows as the CSV, as an Excel workbook, for those who open files by double-click."""
    proposals, _ = listing.proposal_export(user=request.user, params=request.GET)
    cap = exports.row_cap(request.user)
    rows = (
        exports.spreadsheet_row(p, exports.proposal_record(p, request.build_absolute_uri))
        for p in proposals[:cap].iterator(chunk_size=exports.CHUNK)
    )
    response = HttpResponse(
        exports.xlsx_bytes(rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    if cap:
        response[exports.CAP_HEADER] = str(cap)
    name = exports.file_name(request.GET, "xlsx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def proposal_export_json(request):
    """The list's proposals for these filters, all pages, as JSON, with W3C quote selectors."""
    proposals, notices = listing.proposal_export(user=request.user, params=request.GET)
    cap = exports.row_cap(request.user)
    # One row past the cap says whether the list was cut, without counting it first.
    rows = proposals[: cap + 1] if cap else proposals
    records = [
        exports.proposal_record(p, request.build_absolute_uri)
        for p in rows.iterator(chunk_size=exports.CHUNK)
    ]
    truncated = bool(cap) and len(records) > cap
    if truncated:
        records = records[:cap]
        notices.append(exports.cap_notice(cap))
    response = JsonResponse(
        {
            "count": len(records),
            "truncated": truncated,
            "filters": {key: request.GET.getlist(key) for key in request.GET if key != "page"},
            "notices": notices,
            "proposals": records,
        },
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    if cap:
        response[exports.CAP_HEADER] = str(cap)
    return response


@caching.conditional
def proposal_page(request, slug):
    found = proposal_detail.proposal_detail(user=request.user, slug=slug)
    if found is None:
        raise Http404("No such proposal.")
    proposal = found["proposal"]
    page = request.build_absolute_uri(proposal.get_absolute_url())
    reference = citations.proposal_reference(
        proposal, page, request.build_absolute_uri(proposal.source.get_absolute_url())
    )
    found["citation_tags"] = citations.highwire_tags(reference, page)
    return render(request, "browse/proposal_detail.html", found)


@caching.conditional
def vocabulary_list(request, kind):
    entries = vocabularies.vocabulary_listing(user=request.user, kind=kind)
    return render(request, f"browse/{kind}_list.html", {"entries": entries, "kind": kind})


@caching.conditional
def vocabulary_detail(request, kind, slug):
    found = vocabularies.vocabulary_detail(
        user=request.user, kind=kind, slug=slug, page=request.GET.get("page")
    )
    if found is None:
        raise Http404(f"No such {kind}.")
    found["kind"] = kind
    found["list_url"] = reverse("proposals:list") + list_url(**{kind: slug})
    return render(request, "browse/vocabulary_detail.html", found)


def _subjects(user):
    """What the compare picker offers."""
    return {
        "themes": vocabularies.vocabulary_listing(user=user, kind="theme"),
        "actors": vocabularies.vocabulary_listing(user=user, kind="actor"),
        "frameworks": vocabularies.vocabulary_listing(user=user, kind="framework"),
    }


@caching.conditional
def compare_index(request):
    """Pick a theme, actor or framework; the form sends `subject=kind:slug`, no JavaScript."""
    subject = request.GET.get("subject", "")
    found = vocabularies.compare_subject(subject)
    if found:
        kind, slug = found
        return redirect("proposals:compare", kind=kind, slug=slug)
    context = {
        **_subjects(request.user),
        "notice": f"Choose a theme, actor or framework to compare (“{subject[:40]}” is none)."
        if subject
        else "",
    }
    return render(request, "browse/compare_index.html", context)


@caching.conditional
def compare(request, kind, slug):
    if kind not in vocabularies.VOCABULARIES:
        raise Http404("Compare a theme, an actor or a framework.")
    found = vocabularies.compare(user=request.user, kind=kind, slug=slug)
    if found is None:
        raise Http404(f"No such {kind}.")
    found["kind"] = kind
    found.update(_subjects(request.user))
    return render(request, "browse/compare.html", found)


@caching.conditional
def compare_sources_index(request):
    """Pick two papers; the form sends `a` and `b`, no JavaScript needed."""
    left, right = request.GET.get("a", ""), request.GET.get("b", "")
    choices = source_compare.pickable_sources(user=request.user)
    slugs = {source.slug for source in choices}
    notice = ""
    if left or right:
        if left in slugs and right in slugs and left != right:
            return redirect("proposals:compare-sources", left=left, right=right)
        notice = (
            "Choose two different papers to compare."
            if left == right and left in slugs
            else "Choose two papers from the lists (one of those is no paper here)."
        )
    context = {"choices": choices, "notice": notice, "left_slug": left, "right_slug": right}
    return render(request, "browse/compare_sources.html", context)


@caching.conditional
def compare_sources(request, left, right):
    if left == right:
        return redirect(reverse("proposals:compare-sources-index") + f"?a={left}&b={right}")
    found = source_compare.compare_sources(user=request.user, left=left, right=right)
    if found is None:
        raise Http404("No such paper.")
    context = {
        "cmp": found,
        "choices": source_compare.pickable_sources(user=request.user),
        "left_slug": left,
        "right_slug": right,
    }
    return render(request, "browse/compare_sources.html", context)


@caching.conditional
def source_list(request):
    found = source_list_selector.source_listing(
        user=request.user, page=request.GET.get("page"), find=request.GET.get("q", "")
    )
    context = {
        "sources": found.sources,
        "page_obj": found.page,
        "find": found.find,
        "notices": found.notices,
    }
    return render(request, "browse/source_list.html", context)


@caching.conditional
def source_page(request, slug):
    found = sources.source_detail(user=request.user, slug=slug)
    if found is None:
        raise Http404("No such source.")
    # ?passage=<proposal slug> (from "Read in the source") marks that passage as the current one,
    # so it stands out without JavaScript.
    current = request.GET.get("passage")
    found["current"] = next((p for p in found["proposals"] if p.slug == current), None)
    found["body_html"] = sources.source_body_html(found["source"], found["proposals"], current)
    # ?q= (from a full-text hit in the list): the passages it matches, each linked to its place.
    found["text_hits"] = text_hits.text_hits(found["source"].body, request.GET.get("q"))
    page = request.build_absolute_uri(found["source"].get_absolute_url())
    reference = citations.source_reference(found["source"], page)
    found["citation_tags"] = citations.highwire_tags(reference, page)
    return render(request, "browse/source_detail.html", found)


def _citations(references, fmt: str, filename: str) -> HttpResponse:
    content_type, write = citations.FORMATS[fmt]
    response = HttpResponse(write(references), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def source_citation(request, slug, fmt):
    """The source as BibTeX, RIS or CSL-JSON."""
    source = sources.cited_source(user=request.user, slug=slug)
    if source is None:
        raise Http404("No such source.")
    page = request.build_absolute_uri(source.get_absolute_url())
    return _citations([citations.source_reference(source, page)], fmt, source.slug)


def proposal_citation(request, slug, fmt):
    """The proposal's source, at the proposal's place in it, as BibTeX, RIS or CSL-JSON."""
    found = proposal_detail.proposal_detail(user=request.user, slug=slug)
    if found is None:
        raise Http404("No such proposal.")
    proposal = found["proposal"]
    reference = citations.proposal_reference(
        proposal,
        request.build_absolute_uri(proposal.get_absolute_url()),
        request.build_absolute_uri(proposal.source.get_absolute_url()),
    )
    return _citations([reference], fmt, proposal.slug)


def proposal_list_citations(request, fmt):
    """The sources of the list's proposals for these filters, in publication order."""
    references = [
        citations.source_reference(source, request.build_absolute_uri(source.get_absolute_url()))
        for source in sources.sources_of_listing(user=request.user, params=request.GET)
    ]
    return _citations(references, fmt, "alliance-kb-sources")


def data_package(request):
    """The whole published knowledge base as a zipped Frictionless Data Package."""
    base_url = request.build_absolute_uri("/").rstrip("/")
    response = HttpResponse(datapackage.zip_bytes(base_url), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="alliance-kb-data.zip"'
    return response


def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return render(
        request, "site/robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain"
    )


def favicon(request):
    # Read at request time: the static file's hashed name is known only once collected.
    return redirect(static("favicon.svg"), permanent=True)
