"""The sentence splitter cuts where syntok's segmenter cuts (event ids are made from the sentences)."""

from __future__ import annotations

import pytest
from syntok import segmenter

from timeline.sentences import sentence_spans

CASES = [
    "Mr. Smith met Gen. Austin on Jan. 5, 2009. They spoke for an hour.",
    "The U.S. The president said so. In the U.S. Congress, nobody did.",
    "He left at 5 p.m. Obama said it cost $5.5m. He paid.",
    "She said: \"No.\" Then she left. \"We are done,\" he said.",
    "Prices rose 3.5 per cent. No. 10 said nothing. It was No. 1 again.",
    "J. R. R. Tolkien wrote it. World War II. Then peace came.",
    "Wait... Then it happened! Did it? Yes; it did. Really?! Really!!",
    "Residents complained.\n\nThe council met.\nIt voted on Tuesday .",
    "tokenised text , with spaces . The next sentence ! and a lowercase one . etc. . Done",
    "WASHINGTON (Reuters) - The minister met his counterpart (pictured. Left) on Friday. Talks went on.",
    "He works at DoD. The iPhone. Launched in 2007. The answer is still no. .",
    "endOfWord.Next sentence begins. A.B. Smith was there; He said it.",
]


def syntok_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            tokens = [token for token in sentence if token.value]
            if tokens:
                spans.append((tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)))
    return spans


@pytest.mark.parametrize("text", CASES)
def test_sentences_are_syntoks(text):
    assert sentence_spans(text) == syntok_spans(text)


def test_blank_text_has_no_sentences():
    assert sentence_spans("") == []
    assert sentence_spans(" \n\n \n") == []
