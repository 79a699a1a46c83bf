"""Checks that hold the knowledge base honest: run against the real fixtures in fixtures/."""

import re
from collections import Counter
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count
from django.test import TestCase

from core.text.anchoring import normalise_whitespace
from editorial.coverage import load_reviewed, source_coverage, stale_reviews
from proposals.models import Actor, Framework, Proposal, Theme
from sources.models import SourceDocument

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
PAPERS = Path(settings.BASE_DIR).parent / "shared" / "papers"

PAPER_FILES = {
    "nikkei-2016-expand-security-cooperation": "000_071148b684420c4b.txt",
    "tanaka-2015-next-step": "001_49b701791c8940ab.txt",
    "tokyo-foundation-cnas-2010-renewing-old-promises": "002_ac7349e621f72ae7.txt",
    "globis-2015-action-20-alliance-power": "003_7214c1e6284ebf2b.txt",
    "easley-2007-alliance-diplomacy": "004_c21c56254cc512b0.txt",
}


def captured_text(filename: str) -> str:
    """The captured paper with its page-bottom footnote lines (¹ ... ⁴) taken out, so that the
    paragraphs they interrupted read on; whitespace folded."""
    lines = (PAPERS / filename).read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not re.match(r"^[¹²³⁴⁵⁶⁷⁸⁹]\s", line)]
    return normalise_whitespace(" ".join(kept))


# Page debris that SOURCES.md names; none of it may survive in a stored body.
DEBRIS = [
    "Check Also",
    "Leave a Reply",
    "Be the first to comment",
    "About this publication",
    "Download PDF",
    "Copyright GLOBIS",
    "Sign up for our newsletter",
    "Get monthly Insights",
    "Privacy Policy",
]


class KnowledgeBaseTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_kb", verbosity=0, stdout=open("/dev/null", "w"))

    def test_all_five_papers_are_loaded_and_published(self):
        self.assertEqual(SourceDocument.objects.published().count(), 5)

    def test_every_quote_stands_verbatim_in_its_source_at_its_offsets(self):
        for proposal in Proposal.objects.select_related("source"):
            with self.subTest(proposal=proposal.slug):
                body = proposal.source.body
                self.assertEqual(body[proposal.quote_start : proposal.quote_end], proposal.quote)
                self.assertEqual(body[: proposal.quote_start][-32:], proposal.quote_prefix)
                self.assertEqual(body[proposal.quote_end :][:32], proposal.quote_suffix)

    def test_every_paragraph_of_every_body_is_the_papers_own_words(self):
        """Cleaning removes debris and rejoins page breaks; it never rewords."""
        for source in SourceDocument.objects.all():
            raw = captured_text(PAPER_FILES[source.slug])
            for paragraph in source.body.split("\n\n"):
                with self.subTest(source=source.slug, paragraph=paragraph[:60]):
                    self.assertIn(normalise_whitespace(paragraph.replace("• ", "- ")), raw)

    def test_every_proposal_has_a_theme_and_an_actor(self):
        lacking = Proposal.objects.annotate(
            themes_count=Count("themes", distinct=True), actors_count=Count("actors", distinct=True)
        ).filter(themes_count=0) | Proposal.objects.annotate(
            actors_count=Count("actors", distinct=True)
        ).filter(actors_count=0)
        self.assertEqual(list(lacking.values_list("slug", flat=True)), [])

    def test_every_vocabulary_entry_is_used(self):
        for model in (Theme, Actor, Framework):
            with self.subTest(vocabulary=model.__name__):
                unused = model.objects.filter(proposals__isnull=True)
                self.assertEqual(list(unused.values_list("slug", flat=True)), [])

    def test_there_are_ten_to_sixteen_themes(self):
        self.assertTrue(10 <= Theme.objects.count() <= 16, Theme.objects.count())

    def test_no_two_vocabulary_entries_name_the_same_thing(self):
        for model in (Actor, Framework):
            names = Counter()
            for entry in model.objects.all():
                labels = {entry.name, *entry.alias_list, getattr(entry, "acronym", "")} - {""}
                names.update(label.casefold() for label in labels)
            with self.subTest(vocabulary=model.__name__):
                self.assertEqual([n for n, count in names.items() if count > 1], [])

    def test_no_two_proposals_of_a_source_share_a_title(self):
        duplicates = (
            Proposal.objects.values("source", "title").annotate(n=Count("id")).filter(n__gt=1)
        )
        self.assertEqual(list(duplicates), [])

    def test_every_vocabulary_entry_has_a_description(self):
        for model in (Theme, Actor, Framework):
            with self.subTest(vocabulary=model.__name__):
                self.assertFalse(model.objects.filter(description="").exists())

    def test_bodies_carry_no_page_debris(self):
        for source in SourceDocument.objects.all():
            for debris in DEBRIS:
                with self.subTest(source=source.slug, debris=debris):
                    self.assertNotIn(debris, source.body)

    def test_the_easley_footnotes_are_notes_not_body_text(self):
        easley = SourceDocument.objects.get(slug="easley-2007-alliance-diplomacy")
        self.assertNotIn("Devils in the Details", easley.body)
        self.assertIn("Devils in the Details", easley.notes)
        self.assertIn(
            "Japan is already developing a National Security Council for quickly coordinating",
            normalise_whitespace(easley.body),
        )

    def test_the_easley_paper_poses_ten_open_questions(self):
        easley = Proposal.objects.filter(source__slug="easley-2007-alliance-diplomacy")
        self.assertEqual(easley.filter(kind=Proposal.Kind.OPEN_QUESTION).count(), 10)
        self.assertGreater(easley.filter(kind=Proposal.Kind.RECOMMENDATION).count(), 30)

    def test_dates_are_stored_at_their_true_precision(self):
        shown = {s.slug: s.display_date for s in SourceDocument.objects.all()}
        self.assertEqual(shown["easley-2007-alliance-diplomacy"], "September 2007")
        self.assertEqual(shown["globis-2015-action-20-alliance-power"], "2015")
        self.assertEqual(shown["nikkei-2016-expand-security-cooperation"], "24 August 2016")

    def test_related_links_join_proposals_of_different_papers(self):
        links = [
            (p.source_id, r.source_id)
            for p in Proposal.objects.prefetch_related("related")
            for r in p.related.all()
        ]
        self.assertGreater(len(links), 50)
        self.assertTrue(all(a != b for a, b in links))

    def test_every_recommendation_like_sentence_is_captured_or_reviewed(self):
        reviewed = load_reviewed()
        reports = [
            source_coverage(source, reviewed.get(source.slug, {}))
            for source in SourceDocument.objects.all()
        ]
        uncovered = [(r.source.slug, s.text) for r in reports for s in r.uncovered]
        self.assertEqual(uncovered, [])
        self.assertEqual(stale_reviews(reports, reviewed), [])


def test_related_links_are_listed_on_both_proposals_in_the_fixtures():
    """Loading sets a symmetrical relation from each side; a one-sided entry would be undone."""
    related = {}
    for path in sorted(FIXTURES.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text()) or []:
            if entry["model"] == "proposals.proposal":
                fields = entry["fields"]
                related[fields["slug"]] = {key[0] for key in fields.get("related", [])}
    one_sided = [
        (slug, other)
        for slug, others in related.items()
        for other in others
        if slug not in related.get(other, set())
    ]
    assert one_sided == []
