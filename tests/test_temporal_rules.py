"""Rules added for TimeBank's conventions (issue 3), one behaviour a row, beside the shared case table.

A row: dateline, a text with the expression marked [[...]], and the TIMEX3 value it must get
(with its exact extent); "-" in the value column means the text has no expression at all, or none
where it is marked.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from timeline.cli import main
from timeline.temporal import tag, timex3
from timeline.temporal.calendar import easter_sunday, holiday
from timeline.temporal.rules import load_rules
from timeline.temporal.tense import tense_at

ROWS = [
    # what is not a time
    ("2024-08-30", "A 44-year-old man was arrested.", "-", "an age"),
    ("2024-08-30", "The suspect, 52 years old, fled.", "-", "an age"),
    ("2024-08-30", "It costs $2 million a year to run.", "-", "a rate"),
    ("2024-08-30", "Iraq imports about three-quarters of its food.", "-", "a fraction"),
    ("2024-08-30", "The board declared a quarterly dividend.", "-", "a kind of payment"),
    ("2024-08-30", "The offer was previously announced.", "-", "aspect, not a time"),
    ("2024-08-30", "So far, nobody has claimed it.", "-", "aspect, not a time"),
    ("2024-08-30", "Prices will fall further.", "-", "fall the verb"),
    ("2024-08-30", "A man in his 70s was hurt.", "-", "an age in decades"),
    ("2024-08-30", "He quoted the words of Jan Egeland at length.", "-", "an abbreviation without its period is a name"),
    ("2024-08-30", "It is the last day of the party conference.", "-", "an ordinal inside a longer period"),
    ("2024-08-30", "He spent the last year of his term abroad.", "-", "an ordinal inside a longer period"),
    ("2011-01-30", "It is appropriate at some point in the next day or two to act.", "-", "'the next day or two' counts from now"),
    ("2010-05-30", "The rig exploded on April 20. [[Next day]], crews documented the oil.", "2010-04-21",
     "'next day' without 'the' is anaphoric too"),
    ("2009-06-15", "A vote is due on June 17. I found out on [[the same day]] that she died.", "-",
     "a day still ahead is not the one a past clause is about"),
    ("2010-04-22", "It posted a profit for [[the last year]] of US$ 2.7 billion.", "2009", "an amount after 'of' is no longer period"),
    # extents
    ("1989-10-26", "Net rose 5% in [[the nine months]] ended Sept. 30.", "P9M", "a plural span keeps its 'the'"),
    ("1990-08-15", "It was the [[two-week]] crisis.", "P2W", "an adjectival span does not"),
    ("2024-08-30", "It lasted [[nearly five months]].", "P5M", "an approximate amount"),
    ("2024-08-30", "The treaty was signed [[March 01 , 2008]] in Rome.", "2008-03-01", "a space before the comma"),
    ("2010-03-23", "At [[20:49 24th Mar 2010]], Gemma wrote: happy birthday.", "2010-03-24T20:49", "'Mar' beside a day and a year"),
    ("2011-01-31", "updated : [[Tue Mar 01 2011]] 17:03:00 Three ministers resigned.", "2011-03-01", "'Mar' before a day and a year, no comma"),
    ("2009-04-25", "MEXICO CITY | [[Sat Apr 25 , 2009 12:51 am BST]] MEXICO CITY (Reuters) - A new flu has killed 60 people.",
     "2009-04-25T00:51", "a weekday cut short, before the date it names"),
    ("2009-04-25", "He sat down with The Sun on his lap.", "-", "but not alone: 'sat', 'Sun'"),
    # year-less dates near the dateline
    ("1989-10-27", "The dividend is payable [[Dec. 7]] to holders of record.", "1989-12-07", "nearest, whatever the tense"),
    ("1998-10-25", "The Times said in an editorial on [[Monday, Oct. 26]]: the murder", "1998-10-26", "the day after the dateline"),
    ("2024-08-30", "The accord was signed [[June last year]].", "2023-06", "month with a year shift"),
    ("1999-04-19", "He was shot to death [[last Oct. 23]] at his home.", "1998-10-23", "last + month and day"),
    # earnings reports
    ("1989-10-26", "The company expects to report [[third-quarter]] results soon.", "1989-Q3", "the quarter just ended"),
    ("1989-10-26", "Third-quarter net rose to $5 million from $4 million [[a year ago]].", "1988-Q3", "a year back from the quarter"),
    ("1989-10-26", "Third-quarter profit rose. In [[the year-earlier quarter]], it fell.", "1988-Q3", "year-earlier"),
    ("1989-10-26", "Third-quarter profit rose. In the year-earlier quarter, it fell. Sales in [[the quarter]] rose.", "1989-Q3",
     "a comparison does not move the reference"),
    ("1989-10-26", "Sales in [[the latest quarter]] rose.", "1989-Q3", "with no quarter named: the last one ended"),
    ("2024-10-25", "Third-quarter sales rose 5% from [[the quarter a year ago]].", "2023-Q3", "the quarter, a year back"),
    ("2024-02-05", "Sales in January fell 9% from [[the same month a year earlier]].", "2023-01", "the same month, a year back"),
    ("2024-03-05", "Sales rose 4% in February compared to [[the same period last year]].", "2023-02",
     "a period after a month is that month"),
    ("1989-10-26", "Net fell in [[fiscal 1989]].", "1989", "fiscal year"),
    ("1989-10-26", "Results for [[the year]] ended Sept. 30 were flat.", "P1Y", "a year's span"),
    # weekdays, times, holidays, decades, spoken years
    ("2024-08-30", "Investigators say the [[June]] ransom demand was a hoax.", "2024-06", "a month as an adjective"),
    ("2024-09-02", "Stocks closed on Friday 2% below [[the previous Friday]].", "2024-08-23", "counted from the last day named"),
    ("2024-02-20", "A hearing is expected [[the week of March 6]].", "2024-W10", "the week that holds the day"),
    ("2024-03-25", "Pilgrims arrived as [[Easter week]] began.", "2024-W13", "the week that holds the holiday"),
    ("2024-08-30", "The temple dates from [[the 11th century]].", "10", "a century by its ordinal"),
    ("2024-08-30", "Output will recover in [[the second half of next year]].", "2025-H2", "a half year"),
    ("2024-08-30", "Sales rose through [[the first two quarters of 2023]].", "2023-H1", "two quarters: a half year"),
    ("2024-08-30", "Membership grew through [[the nineties]].", "199", "a decade read aloud"),
    ("2024-08-30", "By [[mid-afternoon]] the square was empty.", "2024-08-30TAF", "a part of the day with a modifier"),
    ("2024-08-30", "Shares were up 2% at [[mid-afternoon yesterday]].", "2024-08-29TAF", "and with its day"),
    ("2024-08-30", "The square was calm [[mid-morning Tuesday]] after clashes.", "2024-08-27TMO", "and with its weekday"),
    ("2024-08-30", "Crowds defied a mid-afternoon curfew.", "-", "an adjective of an undated event"),
    ("2024-08-30", "It recalled that early morning of the blast. He joked on Late Night with the host.", "-",
     "another day's morning, and a title"),
    ("2024-08-28", "The offer will expire at [[midnight Friday]].", "2024-08-30T24:00", "midnight is a time of day"),
    ("2024-08-30", "Footage of the March on Washington was shown.", "-", "a name, not a month"),
    ("2024-08-30", "The tape from [[January nineteen ninety-seven]] was played.", "1997-01", "a month and a spoken year"),
    ("2024-08-30", "Sales will rise in [[the current fiscal year]].", "2024", "two words before 'year'"),
    ("2024-08-30", "Losses for [[the entire year]] were small.", "2024", "the entire year"),
    ("2024-08-30", "Costs fell in 2023, $2 billion less than [[the year previous]].", "2022", "'previous' after the unit"),
    ("2024-08-30", "The index hit its lowest level since [['82]].", "1982", "a year without its century"),
    ("2010-08-30", "The fleet should be replaced by [['12]].", "2012", "a year without its century, a little ahead"),
    ("1989-10-30", "Nestle's share before [[Friday]]'s purchases is far below theirs.", "1989-10-27", "a possessive weekday is past"),
    ("1998-02-13", "His kidnappers struck at [[10 p.m. Wednesday]], police said.", "1998-02-11T22:00", "a time and its day"),
    ("2008-09-24", "At [[2:30 this afternoon]], McCain returned the call.", "2008-09-24T14:30",
     "a clock and a part of a day: the part says which half"),
    ("2010-06-14", "A version appeared in the Guardian on [[13.07 BST on Friday 4 June 2010]] .", "2010-06-04T13:07",
     "a 24-hour time written with a point, with its zone, and its day"),
    ("2010-06-14", "Shares rose 3.50 on [[Friday]] .", "2010-06-11", "a point without a zone is a decimal"),
    ("2010-06-15", "The rig exploded on April 20. The speech is set for [[8 p.m. EDT]].", "2010-04-20T20:00",
     "a time of day alone is on the day last mentioned"),
    ("2010-06-15", 'The spill began with the explosion on April 20. Engineers have tried one fix after another, and each has failed for reasons the company struggles to explain to the fishermen who have lost a season. Engineers have tried one fix after another, and each has failed for reasons the company struggles to explain to the fishermen who have lost a season. Engineers have tried one fix after another, and each has failed for reasons the company struggles to explain to the fishermen who have lost a season. The speech is set for [[8 p.m. EDT]].', "2010-06-15T20:00",
     "but not on one mentioned paragraphs back: the dateline's"),
    ("1999-11-30", "He returned after [[Thanksgiving Day]].", "1999-11-25", "a holiday"),
    ("2008-01-10", "Boxy cars of [[the '80s]] are back.", "198", "a decade without its century"),
    ("1998-03-01", "Prices peaked in [[nineteen ninety-six]].", "1996", "a year read aloud"),
    ("1998-03-01", "Sales resumed [[last fall]].", "1997-FA", "fall the season"),
    ("2009-02-23", "The Dow fell 3% to end [[the day]] at 7,114.", "2009-02-23", "the day being reported"),
    ("2010-03-03", "Ford said on Tuesday that sales rose in February. Its stock fell later in [[the day]].", "2010-03-02",
     "the day being reported is the last day named, not a month named since"),
    ("2008-10-27", "The Nikkei is at its lowest since 1982. For [[the day]], it lost 6%.", "2008-10-27",
     "a day is not counted from a year"),
    ("1999-02-06", "The site went up in October 1998. It was shut [[that same day]].", "1998-10",
     "some day of that month: only the month is known"),
    # the tense of the verb, without a part-of-speech tagger
    ("1990-08-15", "The ambassador to Venezuela said on [[Tuesday]] that Iraq would retaliate.", "1990-08-14",
     "'to' before a noun heads no verb group"),
    ("1989-10-30", "The offer had been scheduled to expire [[Friday]].", "1989-10-27", "a plan made before, for a day now past"),
    ("1998-08-17", "Just ahead of the trip, the State Department on [[Sunday]] issued a warning.", "1998-08-16",
     "the verb right after the expression"),
    ("2000-01-07", "Protesters were planning to drive around the airport on [[Monday]].", "2000-01-10", "a plan ahead"),
    ("1989-10-26", "The split would be paid on a still unspecified date in [[January]].", "1990-01",
     "an '-ed' adjective is no past verb"),
    ("2008-09-18", "The government has kept all stock markets closed until [[Friday]].", "2008-09-19", "a deadline still ahead"),
    ("1999-05-07", "Until [[Thursday]], they had not called him a suspect.", "1999-05-06", "'until' opening its clause"),
    ("2008-09-18", "Russian markets to remain closed until [[Friday]]\nSeptember 18, 2008", "2008-09-19",
     "a headline's weekday is not the next line's date"),
    # bare and possessive weekdays in news (Timeline17): past unless a future verb governs them
    ("2008-12-05", "PARIS , Dec. 4 -- France announced a $ 33 billion economic stimulus plan [[Thursday]] , including cash payments .",
     "2008-12-04", "a future cue that is a noun the weekday dates"),
    ("2010-06-02", "The company has a meeting on [[Friday]] .", "2010-06-04", "'has' before a determiner owns: present"),
    ("2010-06-02", "He has met the minister on [[Friday]] .", "2010-05-28", "'has' before a participle is the perfect"),
    ("2010-06-02", "The memoir wo n't be released on [[Friday]] as planned .", "2010-06-04",
     "'won't' heads a future verb group, split or not"),
    ("2010-06-02", "The memoir won't be released on [[Friday]] as planned.", "2010-06-04",
     "'won't' heads a future verb group, split or not"),
    ("2010-06-28", "Its total bill is up from [[Friday]] 's figure of $ 2.35 bn .", "2010-06-25",
     "a possessive with a tokenizer's space"),
    ("2010-06-13", "Hayward , who is expected to attend [[Wednesday]] 's White House meeting , will testify .", "2010-06-16",
     "a possessive under a future verb right beside it"),
    ("2010-06-17", "Politicians are n't likely to extend much sympathy to BP , despite the company 's commitment on [[Wednesday]] "
     "to set up a $ 20bn fund .", "2010-06-16", "'despite' opens another clause; an infinitive tells no tense"),
    ("2011-01-26", "One woman , who planned to attend the [[Tuesday]] protests , disagreed .", "2011-01-25",
     "a plan made in the past"),
    ("2009-05-07", "Six Flags said it planned to reopen its park on [[Friday]] .", "2009-05-08",
     "reported speech: a plan still ahead"),
    ("2011-01-29", "Crowds that had gathered overnight [[Friday]] ahead of Mubarak 's speech quickly left .", "2011-01-28",
     "'ahead of' after the expression is no future verb"),
    ("2011-01-30", "Eliezer says Mubarak told him `` this is not Beirut and not Tunis . '' In an interview with Israeli TV on "
     "[[Saturday]] , Eliezer said so .", "2011-01-29", "a sentence ends after a tokenized closing quote"),
    ("2010-04-22", "Hopes that the workers missing since the blast about [[10 p.m. CDT Tuesday night]] would be rescued faded .",
     "2010-04-20T22:00", "'since' puts it in the past; 'p.m.' ends no sentence; the clock says more than the part"),
    ("2011-01-29", "Airlines will allow customers with tickets [[between Friday and Monday]] to change their flights .",
     "2011-01-28/2011-01-31", "a weekday range around the dateline"),
    ("2011-02-03", "Do you know where you 're going to be watching [[Sunday]] 's Super Bowl ?", "2011-02-06",
     "a possessive under a future verb a few words back"),
    ("2008-09-24", "He is scared of what he will have to answer to at [[Friday]] 's debate .", "2008-09-26",
     "the head of the near verb's group may stand farther"),
    ("2010-04-29", "The drop is despite the company reporting better than expected results on [[Tuesday]] .", "2010-04-27",
     "'than expected' is no future verb"),
    ("2009-05-31", "Many more will turn out to greet him when he visits Northern Ireland on [[Wednesday]] .", "2009-06-03",
     "no cue in its own clause: the main clause's verb"),
    ("2011-02-11", "It was not going to be stopped , and when -- on [[the 25th]] , when I was in Tahrir Square , I knew .",
     "2011-01-25", "a future seen from the past does not carry"),
    ("2010-08-23", "BP set up the fund in [[June]] under White House pressure .", "2010-06", "'set up' is no plan ahead"),
    ("2010-10-15", "The vote is set for [[Thursday]] .", "2010-10-21", "'set for' is"),
    ("2024-02-06", "Her team broke the record set on [[Aug. 6]].", "2023-08-06", "'set' alone is a past verb"),
    ("2024-05-23", "Engineers are preparing an operation to shut the well [[Tuesday]].", "2024-05-28",
     "an infinitive before the expression heads its verb"),
    # names and phrases that look like times
    ("2024-08-30", "He spoke on CBS's 60 Minutes about the crash.", "-", "a programme: a capitalised unit"),
    ("2024-08-30", "She spoke on ABC's \"This Week\" about the plan.", "-", "a programme in quotes"),
    ("2024-08-30", "Such rules are rare in today's world.", "-", "the present age, not the dateline"),
    ("2024-08-30", "These are the leaders of tomorrow. It was high noon for the party.", "-", "the future in general; an idiom"),
    ("2024-08-30", "He criticised the now-cancelled deal.", "-", "an adjective's first half"),
    ("2024-08-30", "That is vital to the future of both nations.", "-", "a fate, not a time"),
    ("2024-08-30", "Shares were bought at the [[then current]] price.", "PAST_REF", "'then' moves 'current' to the past"),
    ("2024-08-30", "Margins will stay thin in [[the near term]].", "FUTURE_REF", "a vague future"),
    ("2024-08-30", "She hopes the city will [[one day]] host the games.", "FUTURE_REF", "'one day' after a modal"),
    ("2024-08-30", "Prices may fall in [[a year or two]].", "FUTURE_REF", "some time ahead"),
    ("2008-10-12", "The Sunday Times reported that the banks would be part-nationalised .", "-", "a newspaper"),
    ("2008-10-12", "The Mail on Sunday said the banks would be part-nationalised .", "-", "a newspaper"),
    ("2008-10-12", "The Washington Post on [[Sunday]] reported the plan .", "2008-10-12", "a newspaper, then a date"),
    ("2009-05-12", "Speaking on BBC Radio 4 's Today program , he said it would spread .", "-", "a programme"),
    ("2010-06-08", "He spoke in an interview with NBC 's `` Today '' show .", "-", "a programme in quotes"),
    ("2010-06-08", "He wrote in USA Today that he was sorry .", "-", "a newspaper after a capitalised name"),
    ("2010-06-08", "Speaking on Thought for The Day , the bishop said it .", "-", "a title in capitals"),
    ("2011-09-28", "Thought for the Day with the Chief Rabbi .", "-", "a title: a capitalised unit"),
    ("2010-06-17", "BP Shares Rebound - 21 hrs ago Management Today Magazine BP cancels dividend", "-", "a magazine"),
    ("2010-06-22", "Oil is still washed up on our shores to [[this day]] .", "PRESENT_REF", "'to this day' is up to now"),
    ("2009-06-01", "A fire at a day-care center killed 30 . He runs the day-to-day business .", "-", "compounds"),
    ("2010-05-26", "Officials from BP are scheduled to testify before congressional panels on [[Thursday]] .", "2010-05-27",
     "'before' a noun opens no clause"),
    ("2010-06-22", "He walked beside Norman Lamont on [[Black Wednesday]] in 1992 .", "XXXX-XX-XX",
     "a day of history, not last Wednesday"),
    ("2010-06-22", "Aled Jones says Good Morning Sunday to the author .", "-", "a programme before a weekday"),
    ("2009-09-02", "RTL posted the footage and received 880,000 hits in [[one day]] .", "P1D",
     "'in one day' under a past verb is a span"),
    ("2008-09-19", "You do n't do it in [[a day]] .", "P1D", "'in a day' is a span, not a day ahead"),
    ("2008-09-19", "Talks resume in [[two days]] .", "2008-09-21", "'in two days' is a day ahead"),
    ("2010-05-07", "The index losing 900 points in [[thirty minutes]] .", "PT30M", "minutes with no future verb: a span"),
    ("2010-06-01", "Over the last decade BP grew . BP leases a rig and [[a couple of weeks later]] a component fails .", "-",
     "weeks after a decade are no time to place"),
    ("2009-02-25", "Troops may leave in August 2010 , [[three months]] later than promised .", "P3M",
     "'later than' compares: no point counted from the last date"),
    ("2010-07-16", "Twenty-one years later , the BBC went back .", "-",
     "'later' with no date before it: no time to count from (and no 'one years later' either)"),
    ("2010-07-16", "On May 2 he left . [[Twenty-one days later]] he was back .", "2010-05-23", "a number in two words"),
    ("1998-01-08", "The company was founded [[thirty five years ago]] .", "1963", "a number in two words"),
    ("1998-01-08", "He was jailed for [[twenty-five years]] .", "P25Y", "a number in two words"),
    ("1998-01-08", "Stocks fell in [[the last twenty four hours]] .", "PT24H", "as 'the last 24 hours'"),
    ("2024-08-30", "It will open by [[the end of the year]] .", "2024", "the reported year, with its modifier"),
    ("2011-02-06", "McCain needs to appear [[Friday]] .", "2011-02-11", "an obligation is ahead of it"),
    ("2011-02-06", "He has to vote [[Tuesday]] .", "2011-02-08", "'has to' is no perfect"),
    ("2011-02-06", "He had to leave on [[Friday]] .", "2011-02-04", "'had to' is a past obligation"),
    ("2009-05-04", "On [[Tuesday]] the WHO will hold a meeting of doctors .", "2009-05-05",
     "an acronym spelt as a clause's 'who' ends no clause"),
    ("2010-06-16", "Over [[the last year and a half]] , we acted .", "P1Y6M", "a span, not last year"),
    ("2010-12-15", "Rules were broken in the period leading up to the disaster .", "-",
     "a period its phrase defines is no reported quarter"),
    ("2010-12-15", "Profit fell in [[the period]] .", "2010-Q3", "the reported quarter: the last one ended"),
    ("2010-08-19", "The plume looked like spring water .", "-", "a thing named after a season"),
    ("2011-01-29", "The police seemed to have vanished on [[Friday]] .", "2011-01-28", "a perfect after 'to' is past"),
    ("2011-01-29", "He would have left on [[Friday]] .", "2011-01-28", "a perfect after a modal is past"),
    ("2011-01-29", "He is expected to leave on [[Friday]] .", "2011-02-04", "an infinitive after 'to' is ahead"),
    ("2010-05-07", "WASHINGTON | Fri May 7 , 2010 . [[Two decades later]] , they agree on one thing .", "-",
     "'later' than a date on or before the dateline lands past it: some untold date was meant"),
    ("2010-05-07", "The vote is on May 10 . [[Two days later]] , results will be announced .", "2010-05-12",
     "later than a date ahead: still ahead"),
    ("2011-01-30", "Tonight we talk . So what did they spend [[the next day]] doing ?", "-",
     "the next day past the dateline, in the past tense: counted from the wrong date"),
    ("2011-01-30", "On Jan 20 he left . [[The next day]] he returned .", "2011-01-21", "the next day of a day told"),
    ("2009-05-15", "Obama unveiled proposals to raise taxes over [[the next decade]] .", "201", "a plan's span ahead, past verb or not"),
    ("2011-01-30", "The summit opens [[Monday]] .", "2011-01-31", "a schedule in the present: the nearest"),
    # a range whose one end is a day alone, of the other end's month
    ("2024-08-30", "Talks ran [[Aug. 26-29]].", "2024-08-26/2024-08-29", "a day range in one month"),
    ("2024-08-30", "Talks ran [[from 26 to 29 August]].", "2024-08-26/2024-08-29", "the month after the far day"),
    ("2024-08-30", "Talks will run [[3-5 June 2025]].", "2025-06-03/2025-06-05", "the year after both"),
    ("2024-08-30", "The bill passed by a 90-8-1 vote.", "-", "a vote count, not days"),
    ("2024-08-30", "He linked it to 9-11 .", "-", "two numbers alone are no range"),
    ("2024-08-30", "On [[Aug. 26]] - 29 people died.", "2024-08-26", "a day and a number"),
    ("2010-06-01", "On May 30 he flew . [[Two days]] after `` top kill '' began , he landed .", "P2D",
     "'after' before a quoted clause is a signal"),
    ("2011-02-02", "In August he spoke . Obama said so [[less than three hours earlier]] .", "-",
     "hours counted from a month are no time to place"),
    ("2011-11-08", "[[8 November 2011 Last updated at 14:07 GMT]]\nThe trial ended .", "2011-11-08T14:07Z",
     "a page stamp is one expression"),
    # amounts and spans
    ("2024-08-30", "The mission will last [[two more weeks]].", "P2W", "'more' between amount and unit"),
    ("2024-08-30", "Net for [[the year-earlier nine months]] included a gain.", "P9M", "a span a year back"),
    ("2024-08-30", "The deal closed in May. [[A few days later]], the chief quit.", "PXD", "a vague count from the last date"),
    ("2024-08-30", "Shares fell for [[six straight days]].", "P6D", "'straight' between amount and unit"),
    ("2024-08-30", "The loan may be extended for [[an additional year]].", "P1Y", "'additional'"),
    ("2024-08-30", "Prices will be reviewed over [[the next couple of years]].", "P2Y", "'a couple of' without its 'a'"),
    ("2024-08-30", "Profits reached their highest level in [[years]].", "PXY", "'in years': an amount left unsaid"),
    ("1998-02-27", "They lived in refugee camps for [[2 1/2 years]].", "P2Y6M", "and a half"),
    ("1998-01-14", "But [[a minute and a half]] later, the plane turned.", "PT1M30S", "and a half, after the unit"),
    ("2000-01-15", "For [[weeks]] the government has held such rallies.", "PXW", "an amount left unsaid"),
    ("2000-01-15", "It is the government's [[decades-long]] battle with the exiles.", "PXY", "decades counted in years"),
    ("2007-02-06", "It was the worst [[single-day]] decline in years.", "P1D", "one unit"),
    ("1998-03-01", "Exports fell over [[the past year]].", "1997", "the past year: the year before, as TimeBank reads it"),
    ("1989-10-27", "It expects to complete the sale by [[year-end]].", "1989", "the end of the dateline's year"),
    ("1998-02-06", "The economy will slow in [[coming months]].", "FUTURE_REF", "without its 'the'"),
    # Timeline17 readings: abbreviations, plans, deadlines, chronologies, captions
    ("2021-09-20", "Ships left port on [[Sep 8]] under escort.", "2021-09-08", "'Sep' without a stop"),
    ("2021-09-14", "ATHENS | [[Tue Sep 14 , 2021 6:10 am EDT]] ATHENS - Ferries stopped.", "2021-09-14T06:10",
     "a wire stamp with 'Sep'"),
    ("2022-03-07", "By [[Thursday]] , the mayor said crews should reopen the bridge .", "2022-03-10",
     "'by': the reported clause's verb, not the report's"),
    ("2022-03-07", "The mayor spoke , and by [[Friday]] , engineers plan to test the span .", "2022-03-11",
     "a fronted expression takes the verb after its comma"),
    ("2022-03-07", "He arrived on Sunday and Monday , and [[Tuesday]] , then drove on , tired .", "2022-03-01",
     "not a verb far after an apposition"),
    ("2022-03-09", "The envoy said the treaty was to be formally signed by [[Sunday]] .", "2022-03-13",
     "an '-ly' adverb inside a verb group"),
    ("2022-03-07", "The union has called a strike vote for [[Wednesday]] .", "2022-03-09", "'for' names the day planned"),
    ("2022-03-08", "The results , which will take days to check , were due on [[Monday]] but a fault held them up .",
     "2022-03-07", "a plan seen from the past, just passed"),
    ("2022-03-10", "Voting was due to open on [[Tuesday]] , but officials asked for a recount .", "2022-03-08",
     "a plan seen from the past, just passed, in a later article"),
    ("2022-03-10", "A payout was due on [[Monday]] , which has now been scrapped .", "2022-03-14",
     "a plan seen from the past, and no day just passed: ahead"),
    ("2022-03-09", "She did n't learn of the fire until [[Saturday]] .", "2022-03-05", "'until' after a negation is no deadline"),
    ("2022-03-09", "It was only a rumour until [[Monday]] when the mayor confirmed it .", "2022-03-07",
     "'until' after a past state is no deadline"),
    ("2008-09-24", "We ca n't send more ships there until [[April]] .", "2009-04", "'ca' of 'ca n't' is a modal"),
    ("2022-01-10", "The harbour lit up like a Christmas tree. Easter eggs sold out.", "-", "a holiday as an adjective"),
    ("2022-09-08", "The board said it would appeal .\n[[14 March]] : Factory fire halts output , injuring 3 2 April : "
     "Insurer rejects claim", "2022-03-14", "a chronology's item, after a future sentence"),
    ("2022-09-08", "Officials would not comment .\n[[May 3]] - Regulator opens a plan to review the plant", "2022-05-03",
     "a chronology's item at the start of a line"),
    ("2022-07-27", "The chief , who is to leave the job in [[October]] - said so .", "2022-10", "a dash in running text heads no item"),
    ("2008-10-17", "A trader walks past the exchange in Frankfurt on [[Tuesday]] .\n-LRB- Photo by Staff -RRB- We are "
     "watching closely .", "2008-10-14", "a stop at the end of a line ends a sentence"),
    ("2022-03-09", "The judge set a hearing , slated for 10 a.m. local time ( 1500 GMT ) on [[Friday]] .", "2022-03-11",
     "'slated', past a parenthesis"),
    ("2011-01-31", "( Update [[1:10 a.m. Tuesday]] in Cairo ) Crowds gathered .", "2011-02-01T01:10",
     "an update stamp is not before the dateline"),
    ("2022-03-10", "Readers wrote in .\nMarch 7 , 2022 14:05 UTC The minister spoke [[today]] in Rome .", "2022-03-07",
     "a blog entry's own stamp dates its 'today'"),
    ("2022-03-10", "The rig failed on March 7 , 2022 at 14:05 UTC and the crew left [[today]] .", "2022-03-10",
     "a date with its time in running text is no stamp"),
    # times of day and their zones
    ("2009-06-01", "The press conference began at [[16:15 UTC]].", "2009-06-01T16:15Z", "universal time keeps its Z"),
    ("1989-10-30", "The offer expires at [[5 p.m. EST]].", "1989-10-30T17:00", "a local zone's time stays local"),
    ("2024-08-30", "The ferry sails at [[5 in the morning]].", "2024-08-30T05:00", "an hour of the morning in words"),
    ("2024-08-30", "The shop shuts at [[10 at night]].", "2024-08-30T22:00", "and of the night"),
    # a month with no tense cue, schedules in the plain present, deadlines without a verb
    ("2024-10-20", "In [[January]], a week after the storm, a barge sank in the harbour.", "2024-01",
     "no tense cue and beyond three months: the dateline's year, not the nearest"),
    ("2024-10-20", "A photo of the flood of [[March 2]].", "2024-03-02", "a year-less day likewise"),
    ("2024-10-20", "The mayor and the governor meet [[Monday]] to sign it.", "2024-10-21",
     "a plain present with a plural subject: a schedule ahead"),
    ("2024-10-20", "The union took [[Monday]] off.", "2024-10-14", "a past verb stays past"),
    ("2024-10-20", "A plan to pay down the loan by [[June]].", "2025-06", "'by' and no verb: a deadline ahead"),
    ("2024-10-20", "The talks had been due to resume [[Friday]].", "2024-10-18",
     "an infinitive of a plain verb tells nothing; its governing verb does"),
    ("2024-10-20", "Fans saw the start [[Monday]].", "2024-10-14", "after a determiner, a noun"),
    # decades, years being reported, parts of the day
    ("2024-08-30", "Rents rose in the late 1970s and [[early 1980s]].", "198", "a four-digit decade needs no 'the'"),
    ("2024-08-30", "The music of the 60s and [[70s]] is back.", "197", "a short decade after another"),
    ("2024-08-30", "Most of the guests were in their 60s and 70s.", "-", "ages, not decades"),
    ("2006-01-30", "It lost $2 billion in the fourth quarter of 2005 and $9 billion for [[the full year]].", "2005",
     "the full year of the quarter reported"),
    ("2006-01-30", "It hopes to break even in [[the current year]].", "2006", "the current year stays the dateline's"),
    ("2024-08-30", "Demand dipped [[late yesterday]], traders said.", "2024-08-29", "a modifier of a deictic day is in its extent"),
    ("2024-08-30", "The statement he made [[day before yesterday]] was good.", "2024-08-28", "two days back without 'the'"),
    ("2011-02-06", "(Update 9 p.m. Cairo) Ghonim will be released Monday.\n(Update [[8 p.m.]] Cairo) Gunfire was heard.",
     "2011-02-06T20:00", "a live report's entry stamp is on the day of the report, not of the entry before"),
    ("2011-01-06", "Clare Spencer | [[09:55 UK time, Thursday, 6 January 2011]] Commentators discuss it.",
     "2011-01-06T09:55", "'UK time' is a zone: the stamp is one expression"),
    ("2011-01-06", "The vote is at [[1 p.m. ET]] on the day.", "2011-01-06T13:00", "'ET' is a zone, in the extent"),
    ("2010-02-20", "He won gold at the Winter Olympics in Vancouver.", "-", "a season in a name, before a capitalised word"),
    ("2009-05-06", "One Sunday evening under a full moon, we walked.", "-", "one Sunday: any Sunday, no date"),
    ("2009-05-06", "He will do any Sunday talk show.", "-", "any Sunday: no date"),
    ("2010-02-20", "The car plunged into the Spring River.", "-", "a season in a river's name"),
    ("2010-02-20", "Vaccines will not be ready before [[the Autumn]].", "2010-FA", "a capitalised season alone is a season"),
    ("2011-02-06", "Ghonim was freed Monday.\n[[10:40 a.m. ET]] - Flights were cancelled.", "2011-02-06T10:40",
     "a time of day alone opening its line is an entry's stamp"),
    ("2024-08-30", "The two sides spoke [[a month or so ago]].", "2024-07", "'or so' before 'ago'"),
    ("2024-08-30", "Stocks rose on Tuesday. Buyers were busy in [[the morning]].", "2024-08-27TMO",
     "the morning of the day being reported"),
    ("2024-08-30", "Bats fly in the night sky. Owls hunt in the morning of a storm.", "-",
     "not a night, nor another day's morning"),
    ("2024-04-02", "Orders picked up in [[the last week of March]].", "2024-W13", "the week of a month's last seven days"),
    ("2024-04-02", "Talks start in [[the first week of June]].", "2024-W23", "and of its first seven"),
    ("2024-04-02", "It will shut 300, or about a quarter, of its shops.", "-", "a fraction after a comma"),
    ("2024-04-02", "The ship was launched on [[7/8/07]] in Kiel.", "2007-07-08", "a US numeric date, month first"),
    ("2024-04-02", "He ran 9 1/2 miles.", "-", "a fraction is no date"),
    ("1989-10-30", "Net rose in [[the quarter]] ended July 31.", "1989-Q2",
     "a quarter ended on a day: the calendar quarter of its middle"),
    ("2024-10-20", "The talks did not begin [[Monday]].", "2024-10-14", "a past helper before a plain verb"),
    ("2024-02-22", "[[The day before last Monday]]'s hearing, the lawyers met.", "2024-02-18",
     "a day counted from the day named"),
    ("2024-02-22", "Shops reopened [[the day after Christmas]].", "2023-12-26", "and from a holiday"),
    ("2024-02-22", "He left the day before the vote.", "-", "the day before an event names no day"),
    ("2024-02-22", "Two new flights leave on [[Thursday nights]].", "XXXX-WXX-4TNI", "a weekday in the plural recurs"),
    ("2024-02-22", "The museum is closed on [[Mondays]].", "XXXX-WXX-1", "and without a part of the day"),
    ("2024-02-22", "The quiz is held at the village hall [[every Friday night]].", "XXXX-WXX-5TNI", "every weekday with its part of the day"),
    ("2024-02-22", "The pool opens early on [[Saturday mornings]] for swimmers.", "XXXX-WXX-6TMO", "a plural part of a weekday"),
    ("2024-02-22", "The orchard hires pickers [[each August]] .", "XXXX-08", "a month every year"),
    ("2024-02-22", "[[Every March]] the river floods the lower fields.", "XXXX-03", "a month every year, 'every'"),
    ("2024-02-22", "Crowds gather each [[July 4]] for the parade.", "2024-07-04", "a day of the month is no month every year"),
    ("2024-02-22", "The port stayed shut for [[a third straight day]].", "2024-02-22", "a day of a run: the one reported"),
    ("2024-02-22", "Shares slid on Monday, [[the fifth consecutive day]] of losses.", "2024-02-19",
     "the last day named, when one was"),
    ("2024-02-22", "She spoke on her first day in office.", "-", "not a first day"),
    ("2024-02-22", "The group ran the Summer of Hope rallies.", "-", "a season in a name"),
]


@pytest.mark.parametrize("dct, context, value, note", ROWS, ids=[row[3] for row in ROWS])
def test_row(dct, context, value, note):
    marked = re.search(r"\[\[(.*?)\]\]", context)
    text = context.replace("[[", "").replace("]]", "")
    mentions = tag(text, date.fromisoformat(dct))
    start, end = (marked.start(), marked.end() - 4) if marked else (0, len(text))
    hits = [m for m in mentions if m.start < end and start < m.end]
    if value == "-":  # no expression at all, or none where marked
        assert hits == [], note
        return
    assert [(m.text, m.value) for m in hits] == [(marked.group(1), value)], note


def test_timex3_splits_a_range_into_its_ends():
    """TIMEX3 has no value for a range: the TimeML view annotates each end on its own, and
    leaves "from" out of both; `tag` keeps the range as one interval."""
    text = "Talks ran from Aug. 26 to Aug. 29, between 1994 and 1997, and Sept. 2-4."
    assert [(m.text, m.value) for m in timex3(text, date(2024, 8, 30))] == [
        ("Aug. 26", "2024-08-26"), ("Aug. 29", "2024-08-29"), ("1994", "1994"), ("1997", "1997"),
        ("Sept. 2", "2024-09-02"), ("4", "2024-09-04")]
    assert [m.value for m in tag(text, date(2024, 8, 30))] == [
        "2024-08-26/2024-08-29", "1994/1997", "2024-09-02/2024-09-04"]


def test_timeml_output_tags_the_ends_of_a_range(tmp_path, capsys):
    """`timeline tag --format timeml` writes what the TempEval scorer can read: one TIMEX3 an end."""
    article = tmp_path / "talks.txt"
    article.write_text("Talks ran from Aug. 26 to Aug. 29.", encoding="utf-8")
    assert main(["tag", str(article), "--dct", "2024-08-30", "--format", "timeml"]) == 0
    tagged = capsys.readouterr().out
    assert 'value="2024-08-26">Aug. 26</TIMEX3> to <TIMEX3 tid="t2" type="DATE" value="2024-08-29">' in tagged


def test_tense_of_a_present_passive():
    text = "The boy stays if the case is heard in May."
    assert tense_at(text, text.index("May"), len(text) - 1, load_rules("en")) == "present"


def test_holidays():
    assert easter_sunday(2000) == date(2000, 4, 23)
    assert easter_sunday(2024) == date(2024, 3, 31)
    assert holiday(1998, 11, 2, 2, 1, None) == date(1998, 11, 3)  # US Election Day
    assert holiday(2024, 5, None, 1, -1, None) == date(2024, 5, 27)  # Memorial Day: the last Monday


def test_the_tokens_that_wake_a_look_are_trigger_words_and_numbers():
    """Recognition looks around a trigger word, or a token beginning or ending with a digit."""
    rules = load_rules("en")
    text = "On Tuesday, New Year's Day 2024 (a.m.) the 3rd quarter-ending days; Dayton's Q3 mid-1990s x1y"
    expected = [
        token
        for token in re.findall(r"\w+", text)
        if token.lower() in rules.patterns_by_word or token[0].isdigit() or token[-1].isdigit()
    ]
    assert [token for token in re.findall(r"\w+", text) if rules.looks_woken_by(token)] == expected
    assert "Dayton" not in expected and "x1y" not in expected
