"""Events: datelines, what becomes an event, merging across articles, stable ids, corrections."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.dateline import find_dateline
from timeline.eval.timeline17 import day_counts, engine_reports, explain_dates, select_dates
from timeline.events import actors, extract_events, summarize
from timeline.language import load_language
from timeline.model import Article
from timeline.temporal import tag
from timeline.timeline import build_timeline


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def article(title: str, day: str, slug: str, body: str) -> str:
    return f"Title: {title}\nDate: {day}\nSlug: {slug}\n\n{body}\n"


@pytest.mark.parametrize(
    "head",
    [
        "WASHINGTON, Aug. 30, 2024 (Reuters) - Talks went on.",
        "Aug 30 (Reuters) - Talks that began in 2024 went on.",
        "© Photographer/Agency Two ministers • Pentagon • Aug. 30, 2024 • Washington D.C.\nTalks went on.",
        "Published: 30 August 2024\nTalks went on.",
        "Friday 30 August 2024 14.05 BST\nTalks went on.",
    ],
)
def test_dateline_forms(head):
    assert find_dateline(head) == date(2024, 8, 30)


def test_no_dateline_is_read_with_a_warning(tmp_path):
    write(tmp_path, "undated.txt", "The treaty was signed on Aug. 12, 2024. On Tuesday, talks resumed.\n")
    timeline = build_timeline([tmp_path])
    assert any("undated.txt" in w and "no dateline" in w for w in timeline.warnings)
    assert [e.start for e in timeline.events] == [date(2024, 8, 12)]


def test_what_makes_an_event(tmp_path):
    body = (
        "The minister has resigned after a week of protests.\n\n"
        "The siege lasted three years.\n\n"
        "The council meets every Tuesday.\n\n"
        "Officials recently visited the front.\n\n"
        "On Monday, the army withdrew from the town."
    )
    write(tmp_path, "a.md", article("A", "2024-08-30", "a", body))
    events = build_timeline([tmp_path]).events
    assert [(e.start.isoformat(), e.expression) for e in events] == [("2024-08-26", "Monday"), ("2024-08-30", "")]
    assert events[1].text.startswith("The minister has resigned")


def test_main_clause_dates_the_event(tmp_path):
    body = "Commenting on Kirby's statement on Friday, Zakharova claimed it was a signal."
    write(tmp_path, "z.md", article("Z", "2024-08-30", "z", body))
    (event,) = build_timeline([tmp_path]).events
    assert event.start == date(2024, 8, 30) and "Zakharova" in event.actors


def _story(folder: Path) -> None:
    write(folder, "one.md", article("One", "2024-09-06", "one", "Zelensky attended the Ramstein meeting of the contact group in Germany on Friday."))
    write(folder, "two.md", article("Two", "2024-09-07", "two", "On Friday, Zelensky attended the contact group meeting at Ramstein in Germany, officials said."))
    write(folder, "three.md", article("Three", "2024-09-07", "three", "On Friday, heavy rain flooded the streets of Valencia."))


def test_same_event_from_two_articles_is_one_event(tmp_path):
    _story(tmp_path)
    events = build_timeline([tmp_path]).events
    ramstein = [e for e in events if "Ramstein" in e.text]
    assert len(ramstein) == 1
    assert [s.article for s in ramstein[0].sources] == ["one", "two"]
    assert ramstein[0].id.startswith("one-")  # the earliest source keeps its id
    assert ramstein[0].importance > next(e for e in events if "Valencia" in e.text).importance


def test_a_merged_event_tells_what_its_first_account_says(tmp_path):
    """A preview written before the day keeps its id for the event; the account written after tells it."""
    write(tmp_path, "preview.md", article("Preview", "2024-09-02", "preview",
                                          "Zelensky will attend the contact group meeting at Ramstein in Germany on Friday."))
    _story(tmp_path)
    ramstein = [e for e in build_timeline([tmp_path]).events if "Ramstein" in e.text]
    assert len(ramstein) == 1
    assert [s.article for s in ramstein[0].sources] == ["preview", "one", "two"]
    assert ramstein[0].id.startswith("preview-")
    assert ramstein[0].text.startswith("Zelensky attended") and ramstein[0].expression == "Friday"
    assert ramstein[0].text[ramstein[0].expression_start:ramstein[0].expression_end] == "Friday"
    assert not ramstein[0].future


def test_ids_never_move_when_articles_come_and_go(tmp_path):
    _story(tmp_path)
    before = {e.text: e.id for e in build_timeline([tmp_path]).events}
    write(tmp_path, "four.md", article("Four", "2024-09-10", "four", "On Monday, the ministers met again in Brussels.\n\nOn Tuesday, a new package was announced."))
    (tmp_path / "three.md").unlink()
    after = {e.text: e.id for e in build_timeline([tmp_path]).events}
    for text, event_id in before.items():
        if "Valencia" not in text:
            assert after[text] == event_id
    assert len(set(after.values())) == len(after)


def test_corrections(tmp_path):
    _story(tmp_path)
    events = {e.text: e for e in build_timeline([tmp_path]).events}
    ramstein = next(e for t, e in events.items() if "Ramstein" in t)
    valencia = next(e for t, e in events.items() if "Valencia" in t)
    write(tmp_path, "extra.md", article("Extra", "2024-09-08", "extra", "Last week, the storm season began."))
    week = next(e for e in build_timeline([tmp_path]).events if "storm" in e.text)
    (tmp_path / "corrections.yaml").write_text(
        f"{ramstein.id}:\n  date: 2024-09-05\n  summary: Zelensky goes to Ramstein\n"
        f"{valencia.id}:\n  hide: true\n"
        f"{week.id}:\n  merge_into: {ramstein.id}\n"
        "nosuch-0000000000:\n  hide: true\n",
        encoding="utf-8",
    )
    timeline = build_timeline([tmp_path])
    (fixed,) = [e for e in timeline.events if e.id == ramstein.id]
    assert (fixed.start, fixed.end, fixed.summary) == (date(2024, 9, 5), date(2024, 9, 5), "Zelensky goes to Ramstein")
    assert "extra" in [s.article for s in fixed.sources]
    assert all(e.id not in (valencia.id, week.id) for e in timeline.events)
    assert any("nosuch-0000000000" in w for w in timeline.warnings)


def test_corrections_that_do_not_parse_are_a_warning(tmp_path):
    _story(tmp_path)
    (tmp_path / "corrections.yaml").write_text("this: [is not: closed\n", encoding="utf-8")
    timeline = build_timeline([tmp_path])
    assert len(timeline.events) == 2
    assert any("corrections.yaml" in w and "does not parse" in w for w in timeline.warnings)


def test_cli_formats_and_top(tmp_path, capsys):
    _story(tmp_path)
    assert main(["events", "--format", "jsonl", str(tmp_path)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 2 and {"id", "start", "end", "granularity", "summary", "actors", "sources"} <= set(lines[0])
    assert main(["events", "--format", "csv", str(tmp_path)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["id"] for row in rows] == [line["id"] for line in lines]
    assert main(["events", "--top", "1", str(tmp_path)]) == 0
    (top,) = json.loads(capsys.readouterr().out)["events"]
    assert "Ramstein" in top["text"]


def test_timestamps_date_pages_not_events(tmp_path):
    """A wire stamp does not outrank the expression the lead hangs on, and a reader's comment
    stamped with its time is no event; a page stamp leaves its lead to the rule for leads."""
    body = (
        "HOUSTON | Thu Apr 22, 2010 7:30 pm EDT HOUSTON (Reuters) - BP agreed on Wednesday to set up a fund.\n\n"
        "At 00:45 am on 23 Apr 2010, reader42 wrote: Obama is a disgrace and should resign."
    )
    write(tmp_path, "wire.md", article("Wire", "2010-04-22", "wire", body))
    write(tmp_path, "page.md", article("Page", "2010-04-22", "page", "Page last updated at 08:14 GMT, Thursday, 22 April 2010 The rig sank after the blast."))
    events = build_timeline([tmp_path]).events
    assert [(e.sources[0].article, e.start.isoformat(), e.expression) for e in events] == [
        ("wire", "2010-04-21", "Wednesday"),
        ("page", "2010-04-22", ""),
    ]


def test_a_stamp_inside_a_sentence_parts_headline_and_caption():
    """A headline, the page's stamp and a photo caption run together are two reports: the headline
    is the lead, dated by the dateline, not by the caption's month, and the print edition's note
    ("A version appeared ... on 14.00 BST on Tuesday 15 June 2010") is a stamp, not an event."""
    text = ("BP knew of cement flaws , investigator says Friday 29 October 2010 08.38 BST "
            "The rig burned in April .\n\nA version appeared on p19 of the Guardian on 14.00 BST on Saturday 30 October 2010 .")
    report = Article("a", "a", text, date(2010, 10, 29), Path("a.txt"))
    events = extract_events(report, tag(text, report.dateline))
    assert [(e.start.isoformat(), e.expression, e.text) for e in events] == [
        ("2010-10-29", "", "BP knew of cement flaws , investigator says"),
        ("2010-04-01", "April", "The rig burned in April ."),
    ]
    assert text[events[1].sources[0].sentence_start : events[1].sources[0].sentence_end] == events[1].text


def _explained(text: str, gold: list[date]) -> str:
    """What `--explain` says of one article published 2010-04-22, against `gold`."""
    reports, named = engine_reports([Article("a", "a", text, date(2010, 4, 22), Path("a.txt"))])
    counts = day_counts(reports)
    out = io.StringIO()
    explain_dates("topic", select_dates(counts, gold), gold, counts, reports, named, out)
    return out.getvalue()


def test_timeline17_explains_its_misses_and_wrong_picks():
    said = _explained("The rig sank on Monday.\n\nThe hearing will be on Friday.", [date(2010, 4, 19), date(2010, 4, 20)])
    assert "1 of 2 gold dates picked" in said
    assert "missed 2010-04-20 Tue    0  no article names this day" in said
    assert "wrong" not in said  # Friday lies outside the gold timeline's span


def _events_of(text: str, day: str) -> list[tuple[str, str]]:
    report = Article("a", "a", text, date.fromisoformat(day), Path("a.txt"))
    return [(e.start.isoformat(), e.expression) for e in extract_events(report, tag(text, report.dateline))]


def test_a_chronology_run_into_one_sentence_dates_each_item():
    """A list of dated items that lost its line breaks still dates each item by its own date."""
    text = "20 April : Rig explodes , killing 11 people 28 April : Coastguard fears one of the worst spills 8 May : Dome fails to cap leak"
    assert _events_of(text, "2010-09-08") == [("2010-04-20", "20 April"), ("2010-04-28", "28 April"), ("2010-05-08", "8 May")]


def test_a_clock_time_does_not_outrank_the_day_it_belongs_to():
    """"3 p.m." takes its day from elsewhere; "on Thursday" names it."""
    assert _events_of("The hearing was held at 3 p.m. local time on Thursday .", "2010-07-09") == [("2010-07-08", "Thursday")]
    assert _events_of("Doors opened at 16:00 BST for Saturday 's show .", "2011-10-07") == [("2011-10-01", "Saturday")]


def test_timeline17_explain_tells_how_many_dates_tie_at_the_cut():
    """Dates with as many articles as the last pick are taken earliest first: the report says so."""
    said = _explained("The rig sank on Monday.\n\nThe well blew out on Tuesday.\n\nThe boat left on Wednesday.",
                      [date(2010, 4, 19), date(2010, 4, 21)])
    assert "as many as 3 dates (2 gold): 2 of them picked, earliest first (1 gold)" in said


def test_a_pages_call_to_its_reader_is_no_lead():
    """"Get the Morning Fix delivered to your inbox" opens many pages: the lead is the report after it."""
    text = "Get the Morning Fix delivered to your inbox . The Senate passed the rescue bill ."
    assert _events_of(text, "2008-10-01") == [("2008-10-01", "")]
    article = Article("a", "a", text, date(2008, 10, 1), Path("a.txt"))
    assert [e.text for e in extract_events(article, tag(text, article.dateline))] == ["The Senate passed the rescue bill ."]


def test_an_event_from_the_dateline_on_is_ahead():
    """"Later this week" runs from the dateline on: told before it happened, as "tomorrow" is; not "earlier this week"."""
    def future(text: str) -> list[bool]:
        article = Article("a", "a", text, date(2009, 5, 5), Path("a.txt"))
        return [event.future for event in extract_events(article, tag(text, article.dateline))]

    assert future("Later this week the watchdog will meet exam boards .") == [True]
    assert future("Earlier this week the watchdog met exam boards .") == [False]
    assert future("The watchdog met exam boards this morning .") == [False]


def test_actors_are_names_not_capitalised_time_words():
    """A capitalised weekday, month or number opening a sentence names no one."""
    sentence = "Two days later , on Monday , Ukraine 's allies met at the United Nations in September ."
    assert actors(sentence, load_language("en")) == ("Ukraine", "United Nations")


@pytest.mark.parametrize("sentence, names", [
    ("(Update 8 p.m. Cairo , 1 p.m. ET) gunfire was heard near Tahrir Square .", ("Cairo", "Tahrir Square")),
    ("Photograph : Sipa Press The well was capped at 1930 CDT -LRB- 0030 GMT -RRB- .", ("Sipa Press",)),
    ("The Seventies ended before Christmas in the Fifties , said Mark Riley .", ("Mark Riley",)),
    ("NEW CAP FOR LEAKING OIL WELL BP engineers lowered a cap .", ()),
    ("Millions of gallons leaked because O sticks to his guns , Mac said .", ("Mac",)),
])
def test_times_labels_and_headlines_are_no_actors(sentence, names):
    """Time zones, holidays, decades, a live report's labels, a letter alone and a headline in capitals name no one."""
    assert actors(sentence, load_language("en")) == names


def test_a_lone_word_the_article_writes_in_lower_case_is_no_actor():
    """"Oil" opening a caption is the word oil; "WHO" is an acronym, not "who"."""
    article = Article("a", "a", "Oil floats off the Gulf of Mexico , WHO said .\n\nThe oil , who knows .", date(2010, 6, 2), Path("a.txt"))
    assert extract_events(article, tag(article.text, article.dateline))[0].actors == ("Gulf of Mexico", "WHO")


def test_a_title_of_several_words_is_no_part_of_a_name():
    """"Secretary of State" heads Antony Blinken's name; its "State" starts no name of its own."""
    sentence = "US Secretary of State Antony Blinken and UN Secretary-General Ban Ki-moon met at the State Department ."
    assert actors(sentence, load_language("en")) == ("US", "Antony Blinken", "UN", "Ban Ki-moon", "State Department")


@pytest.mark.parametrize("sentence, names", [
    ("Defense Secretary Lloyd Austin met press secretary Major General Pat Ryder .", ("Lloyd Austin", "Pat Ryder")),
    ("White House Press Secretary , Jay Carney , spoke .", ("White House", "Jay Carney")),
    ("Russian Foreign Ministry spokeswoman Maria Zakharova spoke .", ("Russian Foreign Ministry", "Maria Zakharova")),
    ("It returns at the United Nations General Assembly .", ("United Nations General Assembly",)),
    ("They met as the Ukraine Defense Contact Group .", ("Ukraine Defense Contact Group",)),
    ("The Ministry of Defence told the Associated Press .", ("Ministry of Defence", "Associated Press")),
    ("University of Miami President Donna Shalala spoke .", ("University of Miami", "Donna Shalala")),
])
def test_a_title_ends_a_name_but_not_an_organisation_s(sentence, names):
    """Titles are no part of a person's name, but "Foreign" and "General" are part of an organisation's."""
    assert actors(sentence, load_language("en")) == names


@pytest.mark.parametrize("sentence, dated", [
    ("Airlines let customers change their tickets for free until Monday .", None),
    ("Officials will fund repairs to protect the grid before the winter .", None),
    ("The test will continue until Wednesday afternoon .", None),
    ("Light winds are expected through the weekend .", None),
    ("The relief well is not expected to be ready until August .", "August"),
    ("The release of the results has been delayed until next week .", "next week"),
    ("The spill ran until July 15 , when the well was capped .", "July 15"),
    ("Ambulances left the square shortly before 4 a.m. Thursday .", "4 a.m. Thursday"),
])
def test_a_bound_dates_no_event(sentence, dated):
    """"Until Monday" and "before the winter" say until or before when, not when; but "not until
    August", "delayed until next week" and "until July 15, when ..." do say when."""
    text = "Officials met . " + sentence
    found = Article("a", "a", text, date(2010, 7, 10), Path("a.txt"))
    events = [e for e in extract_events(found, tag(found.text, found.dateline)) if e.text == sentence]
    assert [e.expression for e in events] == ([dated] if dated else [])


def test_a_stamp_s_label_goes_with_the_stamp():
    """"Page last updated at" heads the page's stamp: it is no lead of its own."""
    text = "Page last updated at 13:13 GMT, Wednesday, 24 August 2011 The organisers said the concert sold out ."
    report = Article("a", "a", text, date(2011, 8, 24), Path("a.txt"))
    assert [e.text for e in extract_events(report, tag(text, report.dateline))] == ["The organisers said the concert sold out ."]


def test_what_a_site_repeats_on_its_pages_is_no_report(tmp_path):
    """A sidebar headline opening pages of three days, and a footer dated after them all, make no
    event; a factbox that several days' articles repeat still does, as one event."""
    for day in ("2011-01-26", "2011-01-28", "2011-02-01"):
        write(tmp_path, f"{day}.txt", article(
            f"Cairo {day}", day, f"cairo-{day}",
            "Two men charged in death of Chicago teen .\n\n"
            f"Protesters marched in Cairo on the day numbered {day[-2:]} , witnesses said .\n\n"
            "Jan. 25 - Protesters fill Tahrir Square .\n\n"
            "FactSet Research Systems Inc. 2013 .\n"))
    events = build_timeline([tmp_path]).events
    texts = [event.text for event in events]
    assert not any("Chicago teen" in text or "FactSet" in text for text in texts), texts
    factbox = [event for event in events if event.text.startswith("Jan. 25")]
    assert len(factbox) == 1 and len(factbox[0].sources) == 3


@pytest.mark.parametrize("sentence, summary", [
    ("On Friday, the ministers met in Paris.", "The ministers met in Paris."),
    ("(Updated 6:40 p.m. (0140 in Egypt)) Obama called on the authorities to hold back.",
     "Obama called on the authorities to hold back."),
    ("-LRB- Update 8 p.m. Cairo -RRB- Gunfire was heard near the museum .", "Gunfire was heard near the museum ."),
    ("(AP) Talks ended.", "(AP) Talks ended."),
    ("Talks (in Paris) went on until late.", "Talks (in Paris) went on until late."),
])
def test_a_summary_leaves_out_a_fronted_time_and_an_opening_aside(sentence, summary):
    dated = sentence.find("Friday")
    assert summarize(sentence, dated - 3 if dated > 0 else -1, dated + 6 if dated > 0 else -1) == summary


def test_a_question_reports_nothing():
    """"Will Mubarak step down on Friday?" asks; "He asked on Tuesday: 'Why now?'" reports the asking."""
    text = ("Talks went on .\n\nWill Mubarak step down on Friday ?\n\n"
            "COOPER : Did you go to the square last night ? -RRB-\n\n"
            "He asked on Tuesday : \"Why now?\"\n")
    found = Article("a", "a", text, date(2011, 2, 9), Path("a.txt"))
    events = extract_events(found, tag(found.text, found.dateline))
    assert [event.expression for event in events] == ["", "Tuesday"]
