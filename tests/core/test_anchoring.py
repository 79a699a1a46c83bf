import pytest

from core.text.anchoring import QuoteAmbiguous, QuoteNotFound, anchor_quote

BODY = "First sentence here.\n\nJapan should join\nthe bank now. Then more text follows."


def test_anchor_finds_the_exact_span_of_a_quote():
    anchor = anchor_quote(BODY, "First sentence here.")
    assert (anchor.start, anchor.end) == (0, 20)
    assert BODY[anchor.start : anchor.end] == anchor.exact


def test_anchor_matches_across_a_line_break_and_returns_the_bodys_own_characters():
    anchor = anchor_quote(BODY, "Japan should join the bank now.")
    assert anchor.exact == "Japan should join\nthe bank now."
    assert BODY[anchor.start : anchor.end] == anchor.exact


def test_anchor_records_the_words_either_side():
    anchor = anchor_quote(BODY, "Japan should join the bank now.")
    assert anchor.prefix.endswith("First sentence here.\n\n")
    assert anchor.suffix.startswith(" Then more text follows.")


def test_anchor_rejects_a_reworded_quote():
    with pytest.raises(QuoteNotFound, match="does not occur"):
        anchor_quote(BODY, "Japan must join the bank now.")


def test_anchor_rejects_an_empty_quote():
    with pytest.raises(QuoteNotFound):
        anchor_quote(BODY, "   ")


def test_anchor_refuses_to_guess_between_two_occurrences():
    with pytest.raises(QuoteAmbiguous, match="2 times"):
        anchor_quote("Act now. Act now.", "Act now.")


def test_anchor_takes_the_occurrence_nearest_a_known_position():
    assert anchor_quote("Act now. Act now.", "Act now.", near=9).start == 9


def test_display_context_starts_and_ends_at_whole_words():
    from core.text.anchoring import context_for_display

    before, after = context_for_display(
        "o be written into plans. ", " Then more te", cut_before=True, cut_after=True
    )
    assert (before, after) == ("…be written into plans.", "Then more…")


def test_display_context_stays_within_the_quotes_paragraph():
    from core.text.anchoring import context_for_display

    before, after = context_for_display(
        "end of the last one.\n\nStart of this ",
        " rest.\n\nNext paragraph",
        cut_before=True,
        cut_after=True,
    )
    assert (before, after) == ("Start of this", "rest.")


def test_display_context_shows_no_ellipsis_where_the_text_ends():
    from core.text.anchoring import context_for_display

    assert context_for_display("", "", cut_before=False, cut_after=False) == ("", "")


def test_a_repeated_quote_is_found_by_its_context_before_its_old_position():
    body = "Intro. Act now. Filler text here. Later on: Act now. The end."
    # Stored context says "Later on:" came before; the old position is nearer the first one.
    anchor = anchor_quote(body, "Act now.", near=5, prefix="Later on: ", suffix=" The end.")
    assert anchor.start == body.index("Later on: Act now.") + len("Later on: ")


def test_context_alone_is_enough_to_choose_between_occurrences():
    anchor = anchor_quote("Act now. Then: Act now.", "Act now.", prefix="Then: ")
    assert anchor.start == 15
