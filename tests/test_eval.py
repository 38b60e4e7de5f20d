"""The measurement package: the TempEval-3 scorer on hand-made cases, the corpus readers on
small inline documents, and the engine on the real TempEval-3 corpus as a regression guard."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.eval.heideltime import locate
from timeline.eval.run import sample
from timeline.eval.score import Counts, align, measures, score_document
from timeline.eval.timeml import Timex, parse_meantime, parse_timeml, read_meantime_corpus, read_tempeval

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TEMPEVAL = SHARED / "corpora" / "tempeval3"
MEANTIME_DIR = SHARED / "corpora" / "meantime-en"
TIMELINE17 = SHARED / "corpora" / "timeline17"

# ---------------------------------------------------------------- scorer

TEXT = "Sunday morning, in 1998, for two weeks; May"
GOLD = [
    Timex(0, 14, "TIME", "1998-01-04TMO", "Sunday morning"),
    Timex(19, 23, "DATE", "1998", "1998"),
    Timex(29, 38, "DURATION", "P2W", "two weeks"),
]
SYSTEM = [
    Timex(0, 6, "DATE", "1998-01-04", "Sunday"),  # overlaps gold: relaxed only, wrong type and value
    Timex(19, 23, "DATE", "1998", "1998"),  # identical: strict, right type and value
    Timex(40, 43, "DATE", "1998-05", "May"),  # no gold: spurious
]


def test_strict_needs_identical_extent_relaxed_only_overlap():
    counts, _ = score_document("d", TEXT, GOLD, SYSTEM)
    assert counts == Counts(gold=3, system=3, strict=1, relaxed=2, type_ok=1, value_ok=1)
    m = measures(counts)
    assert (m.strict_precision, m.strict_recall) == pytest.approx((1 / 3, 1 / 3))
    assert (m.relaxed_precision, m.relaxed_recall, m.relaxed_f1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))


def test_value_and_type_accuracy_count_over_relaxed_matches_and_scale_relaxed_f1():
    m = measures(score_document("d", TEXT, GOLD, SYSTEM)[0])
    assert m.value_accuracy == pytest.approx(0.5)  # 1 of the 2 relaxed matches, not of the 3 gold
    assert m.type_accuracy == pytest.approx(0.5)
    assert m.value_f1 == pytest.approx(m.relaxed_f1 * 0.5)
    assert m.type_f1 == pytest.approx(m.relaxed_f1 * 0.5)


def test_errors_name_what_went_wrong():
    _, errors = score_document("d", TEXT, GOLD, SYSTEM)
    kinds = [(e.kind, (e.gold or e.system).text) for e in errors]
    assert ("extent", "Sunday morning") in kinds
    assert ("value", "Sunday morning") in kinds
    assert ("missed", "two weeks") in kinds
    assert ("spurious", "May") in kinds
    assert not any(text == "1998" for _, text in kinds)
    assert "[Sunday morning]" in errors[0].context or "[Sunday]" in errors[0].context


def test_each_gold_matches_at_most_once():
    gold = [Timex(0, 10, "DATE", "1998-01", "early 1998")]
    system = [Timex(0, 5, "DATE", "1998-01", "early"), Timex(6, 10, "DATE", "1998", "1998")]
    counts, errors = score_document("d", "early 1998", gold, system)
    assert (counts.relaxed, counts.system) == (1, 2)
    assert measures(counts).relaxed_precision == pytest.approx(0.5)
    assert measures(counts).relaxed_recall == pytest.approx(1.0)
    assert [e.kind for e in errors].count("spurious") == 1


def test_identical_extents_pair_before_mere_overlaps():
    gold = [Timex(0, 5, "DATE", "a", ""), Timex(6, 12, "DATE", "b", "")]
    system = [Timex(3, 12, "DATE", "a", ""), Timex(6, 12, "DATE", "b", "")]
    assert align(gold, system) == [(0, 0), (1, 1)]
    counts, _ = score_document("d", "x" * 12, gold, system)
    assert (counts.strict, counts.relaxed, counts.value_ok) == (1, 2, 2)


def test_corpus_measures_are_micro_averaged():
    a = Counts(gold=1, system=1, strict=1, relaxed=1, type_ok=1, value_ok=1)
    b = Counts(gold=9, system=1, strict=0, relaxed=0)
    assert measures(a + b).relaxed_recall == pytest.approx(0.1)  # a per-document mean would say 0.5


def test_no_output_scores_zero_without_dividing_by_zero():
    m = measures(Counts(gold=4))
    assert (m.relaxed_precision, m.relaxed_f1, m.value_f1) == (0.0, 0.0, 0.0)


# ---------------------------------------------------------------- readers

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST19981120.0001</DOCID>
<DCT><TIMEX3 tid="t0" type="TIME" value="1998-11-20T19:30" functionInDocument="CREATION_TIME">1998-11-20 19:30</TIMEX3></DCT>
<TITLE>A TITLE WITH 1997 IN IT</TITLE>
<TEXT>
Smith &amp; Co. <EVENT eid="e1" class="OCCURRENCE">fled</EVENT> in <TIMEX3 tid="t2" type="DATE" value="1998-10" functionInDocument="NONE">last month</TIMEX3>'s storm, the paper <EVENT eid="e2" class="REPORTING">said</EVENT> <SIGNAL sid="s1">on</SIGNAL> <TIMEX3 tid="t3" type="DATE" value="1998-11-20">Friday</TIMEX3>.
It lasted <TIMEX3 tid="t4" type="DURATION" value="P2D">two &quot;long&quot; days</TIMEX3>.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t2"/>
</TimeML>
"""


def test_timeml_reader_gives_plain_text_offsets():
    doc = parse_timeml(TIMEML)
    assert doc.id == "TEST19981120.0001"
    assert doc.dct == date(1998, 11, 20)
    assert "<" not in doc.text and "Smith & Co. fled in last month's storm" in doc.text
    assert [(doc.text[t.start : t.end], t.type, t.value) for t in doc.gold] == [
        ("last month", "DATE", "1998-10"),
        ("Friday", "DATE", "1998-11-20"),
        ('two "long" days', "DURATION", "P2D"),
    ]
    assert all(t.text == doc.text[t.start : t.end] for t in doc.gold)
    assert "1997" not in doc.text  # only <TEXT> is the text; the title and the DCT are not


MEANTIME = """<?xml version="1.0" ?><Document doc_id="1" doc_name="1_Test" lang="en">
<token number="0" sentence="0" t_id="1">Title</token>
<token number="1" sentence="1" t_id="2">March</token>
<token number="2" sentence="1" t_id="3">01</token>
<token number="3" sentence="1" t_id="4">,</token>
<token number="4" sentence="1" t_id="5">2008</token>
<token number="5" sentence="2" t_id="6">It</token>
<token number="6" sentence="2" t_id="7">rose</token>
<token number="7" sentence="2" t_id="8">last</token>
<token number="8" sentence="2" t_id="9">year</token>
<token number="9" sentence="2" t_id="10">.</token>
<token number="10" sentence="6" t_id="11">Tomorrow</token>
<Markables>
<TIMEX3 m_id="20" type="DATE" value="2007" functionInDocument="NONE"><token_anchor t_id="8"/><token_anchor t_id="9"/></TIMEX3>
<TIMEX3 m_id="21" type="DATE" value="2008-03-01" functionInDocument="CREATION_TIME">
<token_anchor t_id="2"/><token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/></TIMEX3>
<TIMEX3 m_id="22" type="DATE" value="2058" TAG_DESCRIPTOR="x"/>
</Markables>
</Document>
"""


def test_meantime_reader_rebuilds_text_from_tokens():
    doc = parse_meantime(MEANTIME)
    assert doc.id == "1_Test" and doc.dct == date(2008, 3, 1)
    # Sentence 6 is past the annotated head of the article, so it is not part of the text.
    assert doc.text == "Title\nMarch 01 , 2008\nIt rose last year ."
    assert [(doc.text[t.start : t.end], t.value) for t in doc.gold] == [
        ("March 01 , 2008", "2008-03-01"),  # the dateline is in the text, so it stays gold
        ("last year", "2007"),
    ]  # the empty TIMEX3 has no words and is not scored


def test_meantime_cross_document_marks_do_not_extend_the_text(tmp_path):
    """The cross-document release marks entities all through the article but times only in its
    head; an article in both releases is read once."""
    cross = MEANTIME.replace(
        "<Markables>", '<Markables>\n<ENTITY_MENTION m_id="30"><token_anchor t_id="11"/></ENTITY_MENTION>')
    assert parse_meantime(cross).text == parse_meantime(MEANTIME).text
    for release, xml in (("intra-doc_annotation", MEANTIME), ("intra_cross-doc_annotation", cross)):
        (tmp_path / release).mkdir()
        (tmp_path / release / "1_Test.xml").write_text(xml, encoding="utf-8")
    assert [d.id for d in read_meantime_corpus([tmp_path])] == ["1_Test"]


def test_heideltime_output_is_placed_in_the_original_text():
    text = "Sales & profits rose on Tuesday, and Tuesday again."
    timeml = ('<?xml version="1.0"?>\n<TimeML>\nSales & profits rose on <TIMEX3 tid="t1" type="DATE" '
              'value="1998-01-06">Tuesday</TIMEX3>, and <TIMEX3 tid="t2" type="DATE" value="1998-01-06">'
              "Tuesday</TIMEX3> again.\n</TimeML>\n")
    found = locate(text, timeml)
    assert [(t.start, t.end) for t in found] == [(24, 31), (37, 44)]
    assert all(text[t.start : t.end] == "Tuesday" for t in found)


def test_sample_spreads_over_the_corpus():
    assert sample(list(range(10)), 3) == [0, 3, 6]
    assert sample(list(range(4)), None) == [0, 1, 2, 3]


# ---------------------------------------------------------------- the real corpus

# Measured on TBAQ-cleaned (256 documents, 1822 gold): relaxed F1 94.94, value F1 83.12
# (HeidelTime 2.2.1 on the same documents: 91.96 and 77.20). The floors sit a little below,
# so a rule change that loses ground fails here.
RELAXED_F1_FLOOR = 0.946
VALUE_F1_FLOOR = 0.828
# MEANTIME (120 Wikinews articles, 488 gold), the held-out check that rules written while
# reading TimeBank's errors do not only fit TimeBank: relaxed F1 93.43, value F1 86.44.
MEANTIME_RELAXED_F1_FLOOR = 0.931
MEANTIME_VALUE_F1_FLOOR = 0.861
# Timeline17 (9 topics, 1,997 articles), the events: mean date F1 0.699, mean coverage 0.907
# (HeidelTime, as the issue gives it: 0.690 and 0.886).
TIMELINE17_F1_FLOOR = 0.69
TIMELINE17_COVERAGE_FLOOR = 0.90


@pytest.mark.skipif(not TEMPEVAL.is_dir(), reason=f"TempEval-3 corpus not present at {TEMPEVAL}")
def test_engine_on_tempeval3_stays_above_its_floors():
    from timeline.eval.run import evaluate
    from timeline.eval.systems import ours

    documents = list(read_tempeval([TEMPEVAL]))
    assert len(documents) == 256 and sum(len(d.gold) for d in documents) == 1822
    result = evaluate("ours", ours, documents, quiet=True)
    assert not result.failures, result.failures[:3]
    m = measures(result.counts)
    assert m.relaxed_f1 >= RELAXED_F1_FLOOR, f"relaxed F1 fell to {m.relaxed_f1:.4f}"
    assert m.value_f1 >= VALUE_F1_FLOOR, f"value F1 fell to {m.value_f1:.4f}"


@pytest.mark.skipif(not MEANTIME_DIR.is_dir(), reason=f"MEANTIME corpus not present at {MEANTIME_DIR}")
def test_engine_on_meantime_stays_above_its_floors():
    from timeline.eval.run import evaluate
    from timeline.eval.systems import ours

    documents = list(read_meantime_corpus([MEANTIME_DIR]))
    assert len(documents) == 120 and sum(len(d.gold) for d in documents) == 488
    m = measures(evaluate("ours", ours, documents, quiet=True).counts)
    assert m.relaxed_f1 >= MEANTIME_RELAXED_F1_FLOOR, f"relaxed F1 fell to {m.relaxed_f1:.4f}"
    assert m.value_f1 >= MEANTIME_VALUE_F1_FLOOR, f"value F1 fell to {m.value_f1:.4f}"


@pytest.mark.skipif(not TIMELINE17.is_dir(), reason=f"Timeline17 corpus not present at {TIMELINE17}")
def test_events_on_timeline17_stay_above_their_floors():
    from timeline.eval.timeline17 import score_topic, topic_dirs

    scores = [score_topic(topic) for topic in topic_dirs([TIMELINE17])]
    assert len(scores) == 9
    f1 = sum(score.f1 for score in scores) / len(scores)
    coverage = sum(score.coverage for score in scores) / len(scores)
    assert f1 >= TIMELINE17_F1_FLOOR, f"mean date F1 fell to {f1:.4f}"
    assert coverage >= TIMELINE17_COVERAGE_FLOOR, f"mean coverage fell to {coverage:.4f}"
    # What no timeline of the articles can exceed: every covered gold date is named or a publication day.
    for score in scores:
        assert score.coverage <= score.reach <= 1.0, score
