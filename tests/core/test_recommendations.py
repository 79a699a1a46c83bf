from core.text.recommendations import find_recommendation_sentences, sentence_spans


def detected(text):
    return [(s.text, s.cue) for s in find_recommendation_sentences(text)]


def test_modal_cues_mark_a_sentence_as_a_recommendation():
    text = "Japan should join the AIIB promptly. The bank opened in 2015."
    assert detected(text) == [("Japan should join the AIIB promptly.", "should")]


def test_editorial_wishes_count_as_recommendations():
    text = "This paper hopes for haste in dialogue. It is essential that the U.S. stay engaged."
    assert [cue for _, cue in detected(text)] == ["hopes for", "It is essential"]


def test_an_imperative_list_item_is_a_recommendation_but_a_statement_is_not():
    text = "- Increase bilateral training.\n- Tokyo hosted the meeting."
    assert detected(text) == [("- Increase bilateral training.", "Increase")]


def test_the_second_sentence_of_a_list_item_is_judged_on_its_own():
    text = "- Make weapons available to Japan. Consider adjustments to regulatory laws."
    assert [cue for _, cue in detected(text)] == ["Make", "Consider"]


def test_a_question_in_a_numbered_list_is_found():
    text = "1. How to manage base relocation? Serious politics can be expected."
    assert detected(text) == [("1. How to manage base relocation?", "question")]


def test_sentences_do_not_break_after_u_s():
    text = "The U.S. Congress should act. Then wait."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "The U.S. Congress should act.",
        "Then wait.",
    ]


def test_offsets_point_at_the_sentence_and_its_cue_in_the_whole_text():
    text = "Intro line.\n\nJapan must strengthen regional trust."
    (sentence,) = find_recommendation_sentences(text)
    assert text[sentence.start : sentence.end] == "Japan must strengthen regional trust."
    assert text[sentence.cue_start : sentence.cue_start + 4] == "must"
