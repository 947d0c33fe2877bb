import pytest

from newsdiff.analysis.ecbplus import detokenize


@pytest.mark.parametrize(
    "tokens, text",
    [
        ("`` We said , '' he told AP .", "“We said,” he told AP."),
        ("About 5 , 000 people fled .", "About 5,000 people fled."),
        ("more than 1 , 400 , 000 , officials said", "more than 1,400,000, officials said"),
        ("the 170 , 000-square-foot plant", "the 170,000-square-foot plant"),
        ("on May 3 , 2013 , police said", "on May 3, 2013, police said"),
        ("in 2005 , 300 families left", "in 2005, 300 families left"),
        ("it rose 3 . 5 % at 5 : 03pm", "it rose 3.5% at 5:03pm"),
    ],
)
def test_the_corpus_tokens_read_as_written_text(tokens, text):
    assert detokenize(tokens) == text
