"""Split a text into sentences, as character spans (syntok knows news abbreviations)."""

from __future__ import annotations

from syntok import segmenter


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence of `text`, in order."""
    spans = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            tokens = [token for token in sentence if token.value]
            if tokens:
                last = tokens[-1]
                spans.append((tokens[0].offset, last.offset + len(last.value)))
    return spans
