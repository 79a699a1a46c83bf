"""Source pages: the papers, and each paper's text with its proposals' passages marked."""

from django.http import Http404
from django.shortcuts import render

from proposals import selectors


def source_list(request):
    return render(
        request,
        "sources/source_list.html",
        {"sources": selectors.source_listing(user=request.user)},
    )


def source_detail(request, slug):
    found = selectors.source_detail(user=request.user, slug=slug)
    if found is None:
        raise Http404("No such source.")
    # ?passage=<proposal slug> (from "Read in the source") marks that passage as the current one,
    # so it stands out without JavaScript.
    current = request.GET.get("passage")
    found["current"] = next((p for p in found["proposals"] if p.slug == current), None)
    found["body_html"] = selectors.source_body_html(found["source"], found["proposals"], current)
    return render(request, "sources/source_detail.html", found)
