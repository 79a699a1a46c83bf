"""The outcome pages: what each status means, and what happened since the papers, by date."""

import re

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from outcomes import selectors

YEAR = re.compile(r"[0-9]{4}")
FEED_LENGTH = 50


def statuses(request):
    return render(request, "outcomes/statuses.html", {"scale": selectors.scale()})


def chosen_year(raw: str | None, notices: list[str]) -> int | None:
    """The ?year= asked for, or None with a notice when it is no year: never an error."""
    value = (raw or "").strip()
    if not value:
        return None
    if YEAR.fullmatch(value) and 1900 <= int(value) <= 2100:
        return int(value)
    notices.append(f"“{value[:20]}” is not a year; showing every year.")
    return None


def since(request):
    notices: list[str] = []
    year = chosen_year(request.GET.get("year"), notices)
    entries = list(selectors.evidence_since(user=request.user, year=year))
    context = {
        "entries": entries,
        "year": year,
        "years": selectors.evidence_years(user=request.user),
        "notices": notices,
    }
    return render(request, "outcomes/since.html", context)


class EvidenceFeed(Feed):
    """What happened since the papers, newest event first (optionally one ?year=)."""

    feed_type = Atom1Feed
    subtitle = "Dated, cited evidence of what became of the proposals in the Alliance KB."

    def get_object(self, request):
        # Published only, whoever asks: feeds are read by aggregators, never as a preview.
        return chosen_year(request.GET.get("year"), [])

    def title(self, year):
        return "Alliance KB: what happened since" + (f" (in {year})" if year else "")

    def link(self, year):
        return reverse("outcomes:since") + (f"?year={year}" if year else "")

    def items(self, year):
        return selectors.evidence_since(user=AnonymousUser(), year=year)[:FEED_LENGTH]

    def item_title(self, item):
        return f"{item.display_date}: {item.summary}"

    def item_description(self, item):
        answers = "; ".join(
            f"{a.proposal.title} — {a.get_status_display()}" for a in item.assessments.all()
        )
        return (
            f"“{item.quote}” — {item.source_title}, {item.source_publisher}. {item.url}\n\n"
            f"Answers: {answers}"
        )

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at
