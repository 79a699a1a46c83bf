"""Which recommendation-like sentences of each source are captured as proposals.

A sentence is covered when its cue (the "should", the imperative verb, ...) lies inside some
proposal's quote from the same source; it is reviewed when an editor has recorded it as not
being a recommendation, with a reason: in fixtures/review/coverage_reviewed.yaml, or from the
admin's suggestions page (a DismissedSuggestion in the database).
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings

from core.text.anchoring import normalise_whitespace
from core.text.recommendations import RecommendationSentence, find_recommendation_sentences
from editorial.models import DismissedSuggestion

REVIEWED_FILE = Path(settings.BASE_DIR) / "fixtures" / "review" / "coverage_reviewed.yaml"


@dataclass
class SourceCoverage:
    source: object
    covered: list[RecommendationSentence] = field(default_factory=list)
    reviewed: list[RecommendationSentence] = field(default_factory=list)
    uncovered: list[RecommendationSentence] = field(default_factory=list)

    @property
    def total(self):
        return len(self.covered) + len(self.reviewed) + len(self.uncovered)


def load_reviewed(path: Path = REVIEWED_FILE) -> dict[str, dict[str, str]]:
    """{source slug: {normalised sentence: reason}} from the reviewed list."""
    if not path.exists():
        return {}
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    reviewed: dict[str, dict[str, str]] = {}
    for entry in entries:
        sentence = normalise_whitespace(entry["sentence"])
        reviewed.setdefault(entry["source"], {})[sentence] = entry["reason"]
    return reviewed


def all_reviewed(path: Path = REVIEWED_FILE) -> dict[str, dict[str, str]]:
    """The reviewed list and the suggestions dismissed in the admin, together (the database's
    reason where both name a sentence)."""
    reviewed = load_reviewed(path)
    for slug, sentence, reason in DismissedSuggestion.objects.values_list(
        "source__slug", "sentence", "reason"
    ):
        reviewed.setdefault(slug, {})[sentence] = reason
    return reviewed


def uncovered_sentences(body: str, quote_spans) -> list[RecommendationSentence]:
    """The body's recommendation-like sentences whose cue no quote span contains."""
    spans = list(quote_spans)
    return [
        sentence
        for sentence in find_recommendation_sentences(body)
        if not any(start <= sentence.cue_start < end for start, end in spans)
    ]


def source_coverage(source, reviewed: dict[str, str]) -> SourceCoverage:
    spans = list(source.proposals.values_list("quote_start", "quote_end"))
    report = SourceCoverage(source=source)
    for sentence in find_recommendation_sentences(source.body):
        if any(start <= sentence.cue_start < end for start, end in spans):
            report.covered.append(sentence)
        elif normalise_whitespace(sentence.text) in reviewed:
            report.reviewed.append(sentence)
        else:
            report.uncovered.append(sentence)
    return report


def stale_reviews(reports: list[SourceCoverage], reviewed) -> list[tuple[str, str]]:
    """Reviewed entries that match no detected sentence any more (the text or detector changed)."""
    seen = {
        (report.source.slug, normalise_whitespace(sentence.text))
        for report in reports
        for sentence in report.reviewed
    }
    return [
        (slug, sentence)
        for slug, sentences in reviewed.items()
        for sentence in sentences
        if (slug, sentence) not in seen
    ]
