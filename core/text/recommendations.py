"""Find the sentences of a text that read as recommendations.

Used by `kb_coverage` (is every recommendation in the papers captured?) and by the admin's
"Suggest proposals" view (which sentences of a new paper are not captured yet). It is a
deliberately simple, explainable detector: a sentence is recommendation-like when it holds a cue
phrase ("should", "must", "it is essential that", "this paper hopes for", ...), opens a list
item with an imperative verb ("- Increase bilateral training ..."), or is a question posed as an
item of a numbered list. Each hit records the cue and where it stands.
"""

import re
from dataclasses import dataclass

CUE_PATTERN = re.compile(
    r"\b("
    r"should|must|ought to|needs? to|need for|has to|have to"
    r"|it is (?:essential|important|vital|imperative|necessary|crucial|critical|desirable|time)"
    r"|wants? (?:to see|the|to)|hopes? (?:for|that|to)|calls? (?:for|on)"
    r"|urges?|recommends?|proposes?|can (?:do more|increase|cooperate|play|contribute)"
    r"|may (?:also )?consider|(?:is|are) (?:needed|required|necessary)|would be wise"
    r")\b",
    re.IGNORECASE,
)

# Verbs that open imperative list items in policy papers ("- Increase ...", "• Establish ...").
IMPERATIVE_VERBS = frozenset(
    """
    accelerate address adopt advance advocate allow assist avoid broaden build clarify
    conclude conduct consider continue contribute convene cooperate coordinate create deepen
    develop encourage engage enhance ensure establish expand explore facilitate foster
    formalize formalise help hold implement improve include increase institutionalize
    institutionalise integrate invest invite join launch lead legalize legalise maintain make
    offer open participate prepare prevent prioritize prioritise promote provide pursue raise
    reaffirm reduce reform reinforce resolve restructure review revise seek set share
    strengthen support take train transform upgrade use work
    """.split()
)

LIST_MARKER = re.compile(r"^\s*(?:[-•*–]|\d+[.)])\s+")
NUMBERED_ITEM = re.compile(r"^\s*\d+[.)]\s+")
# A sentence ends at . ! or ? (perhaps followed by closing quotes, brackets or footnote marks)
# and white space, before something that can start a sentence.
SENTENCE_END = re.compile(r"[.!?][”\"’)\]¹²³⁴⁵⁶⁷⁸⁹⁰]*\s+(?=[A-Z“\"‘(\-•0-9])")
ABBREVIATIONS = ("U.S.", "U.N.", "e.g.", "i.e.", "Mr.", "Dr.", "No.", "Vol.", "pp.", "St.")


@dataclass(frozen=True)
class RecommendationSentence:
    start: int
    end: int
    text: str
    cue: str
    cue_start: int


def _paragraph_spans(text: str):
    """(start, end) of each non-empty line: list items and paragraphs each stand on a line."""
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            yield match.start(), match.end()


def sentence_spans(text: str):
    """(start, end) of each sentence, never crossing a line break."""
    for line_start, line_end in _paragraph_spans(text):
        line = text[line_start:line_end]
        start = len(line) - len(line.lstrip())
        for boundary in SENTENCE_END.finditer(line):
            before = line[: boundary.start() + 1]
            if before.endswith(ABBREVIATIONS) or NUMBERED_ITEM.fullmatch(line[: boundary.end()]):
                continue
            end = boundary.end() - (len(boundary.group()) - len(boundary.group().rstrip()))
            yield line_start + start, line_start + end
            start = boundary.end()
        if line[start:].strip():
            yield line_start + start, line_start + len(line.rstrip())


def _imperative_cue(sentence: str) -> re.Match | None:
    match = re.match(r"^\s*(?:[-•*–]\s+)?([A-Z][a-z]+)\b", sentence)
    if match and match.group(1).lower() in IMPERATIVE_VERBS:
        return match
    return None


def find_recommendation_sentences(text: str) -> list[RecommendationSentence]:
    found = []
    for line_start, line_end in _paragraph_spans(text):
        line = text[line_start:line_end]
        in_list = bool(LIST_MARKER.match(line))
        numbered = bool(NUMBERED_ITEM.match(line))
        for start, end in sentence_spans(line):
            sentence = line[start:end]
            cue = CUE_PATTERN.search(sentence)
            cue_text, cue_offset = (cue.group(), cue.start()) if cue else (None, None)
            if cue is None and in_list and not numbered:
                imperative = _imperative_cue(sentence)
                if imperative:
                    cue_text, cue_offset = imperative.group(1), imperative.start(1)
            if cue is None and numbered and sentence.rstrip().endswith("?"):
                marker = LIST_MARKER.match(sentence)
                cue_text, cue_offset = "question", marker.end() if marker else 0
            if cue_text is None:
                continue
            found.append(
                RecommendationSentence(
                    start=line_start + start,
                    end=line_start + end,
                    text=sentence,
                    cue=cue_text,
                    cue_start=line_start + start + cue_offset,
                )
            )
    return found
