"""Measurement: score the temporal engine against gold corpora, with the published definitions.

`timeml` reads the gold (TempEval-3 TimeML, MEANTIME CAT XML) into Documents, `score` computes
the TempEval-3 measures, `systems` and `heideltime` are the taggers compared, `run` puts them
together, and `python -m timeline.eval` prints the table.
"""

from .score import Counts, Measures, measures, score_document
from .timeml import Document, Timex, parse_meantime, parse_timeml, read_meantime, read_timeml

__all__ = [
    "Counts", "Document", "Measures", "Timex", "measures", "parse_meantime", "parse_timeml",
    "read_meantime", "read_timeml", "score_document",
]
