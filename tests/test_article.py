"""Page segmentation (furniture, parts, dates, provenance notes) and load_article()."""
from __future__ import annotations

import time

import pytest
from hypothesis import given, settings, strategies as st

from kit import KitInputError, load_article
from kit.article import FURNITURE_KINDS, PART_KINDS, segment_page
from kit.resources import seed_text

SEED = seed_text()


def seg(text):
    furniture, parts, dates, notes = segment_page(text)
    return furniture, parts, dates, notes


# --- the seed ----------------------------------------------------------------------------------

SEED_FURNITURE = [
    (0, 6, "30.1 C", "weather"),
    (7, 30, "Thursday, June 20, 2024", "page_date"),
    (1412, 1421, "Read more", "read_more"),
    (1423, 1488, "FILE PHOTO. Ukrainian soldiers take part in assault unit training", "photo_caption"),
    (1489, 1536, "Ukraine lost over 35,000 troops in May \u2013 Moscow", "teaser"),
    (2534, 2557, "May 31, 2024 at 08:56PM", "timestamp"),
    (2559, 2580, "Most Popular Articles", "footer"),
]


@pytest.mark.parametrize("start,end,text,kind", SEED_FURNITURE)
def test_seed_furniture_piece(start, end, text, kind):
    furniture = seg(SEED)[0]
    assert (start, end, text, kind) in [tuple(f) for f in furniture]
    assert SEED[start:end] == text


def test_seed_furniture_is_exactly_these():
    assert [tuple(f) for f in seg(SEED)[0]] == SEED_FURNITURE


def test_seed_headline_and_standfirst():
    article = load_article()
    assert tuple(article.headline) == (32, 85, "Moscow outlines territorial gains in Ukraine conflict", "headline")
    assert article.standfirst.text == ("Russia has pushed Kiev\u2019s forces from 880 square kilometers of land this "
                                       "year, the defense minister has said")
    assert (article.standfirst.start, article.standfirst.end) == (88, 195)
    assert SEED[195] == "\u00a0"  # the span stops before the trailing no-break space, which stays in the text


def test_seed_body_paragraphs():
    paragraphs = load_article().paragraphs
    assert len(paragraphs) == 8
    assert paragraphs[0].text.startswith("Russia has pushed Ukrainian forces back")
    assert paragraphs[-1].text.endswith("a Eurasian mutual defense organization.")
    assert all(not p.text[-1].isspace() for p in paragraphs)  # no trailing NBSP inside a span


@pytest.mark.parametrize("text,role,value,region", [
    ("Thursday, June 20, 2024", "page_date", "2024-06-20", "page_date"),
    ("this year", "relative_day", None, "standfirst"),
    ("Friday", "relative_day", None, "paragraph"),
    ("earlier this month", "relative_day", None, "paragraph"),
    ("May", "event_date", None, "teaser"),
    ("Thursday", "relative_day", None, "paragraph"),
    ("February 2022", "event_date", "2022-02", "paragraph"),
    ("2014", "year", "2014", "paragraph"),
    ("May 31, 2024 at 08:56PM", "timestamp", "2024-05-31T20:56", "timestamp"),
])
def test_seed_date_roles(text, role, value, region):
    dates = seg(SEED)[2]
    assert any(d.text == text and d.role == role and d.value == value and d.region == region for d in dates), \
        [(d.text, d.role, d.value, d.region) for d in dates]


def test_seed_date_count_and_offsets():
    dates = seg(SEED)[2]
    assert len(dates) == 11
    assert all(SEED[d.start:d.end] == d.text for d in dates)


def test_seed_notes_name_the_disagreement_and_the_weekdays():
    notes = load_article().notes
    assert any(n.startswith("The page is dated Thursday, June 20, 2024 but the timestamp says May 31, 2024 at "
                            "08:56PM: which is the publication date?") for n in notes)
    joined = " ".join(notes)
    assert "'on Friday' (paragraph 1): Friday is that same day, May 31" in joined
    assert "'on Friday' (paragraph 1): the most recent Friday is June 14, 6 days before" in joined
    assert "'On Thursday' (paragraph 5): Thursday is that same day, June 20" in joined
    assert "'earlier this month' also depends on the publication date" in joined
    assert not any("'this year'" in n for n in notes)  # 2024 with either date: nothing to flag


# --- invented layouts ------------------------------------------------------------------------

LAYOUTS = [
    pytest.param(
        "Share this\n\nPolice close city centre after flooding\n\nHeavy rain left streets under water on Tuesday "
        "night, officials said\n\nBy Jane Roe\nExample News, Leeds\n\n12\u00b0F Cloudy\n\nPolice closed the centre "
        "of Leeds on Wednesday after heavy rain flooded several streets, the council said.\n\n\u201cWe have never "
        "seen this much water,\u201d said one shop owner.\n\nPhoto: Flooded street in Leeds / Getty Images\n\n"
        "Related\nTown braces for more rain\nCouncil budget cut by 5%\n\nThe council said it would reopen roads by "
        "Friday.\n\nPublished 12:03 GMT\n\n\u00a9 2024 Example News Ltd. All rights reserved.\nMost Read\n"
        "Man bites dog\nCat elected mayor\n",
        [("Share this", "footer"), ("By Jane Roe", "byline"), ("Example News, Leeds", "byline"),
         ("12\u00b0F Cloudy", "weather"), ("Photo: Flooded street in Leeds / Getty Images", "photo_caption"),
         ("Related", "read_more"), ("Town braces for more rain", "teaser"), ("Council budget cut by 5%", "teaser"),
         ("Published 12:03 GMT", "timestamp"), ("\u00a9 2024 Example News Ltd. All rights reserved.", "footer"),
         ("Most Read", "footer"), ("Man bites dog", "teaser"), ("Cat elected mayor", "teaser")],
        ["headline", "standfirst", "paragraph", "paragraph", "paragraph"],
        id="broadcaster-page"),
    pytest.param(
        "Stealthy Council Vote Raises Eyebrows In Springfield.\n\nThe Springfield Gazette reports that the council "
        "met in private on Monday.\n\nCouncillors said the meeting was routine.\n",
        [], ["headline", "paragraph", "paragraph"], id="title-case-headline-with-full-stop"),
    pytest.param(
        "The minister said on Monday that the plan would cost more than $2 billion. Critics called it a waste.\n\n"
        "Others disagreed. The debate continues in 2025.\n",
        [], ["paragraph", "paragraph"], id="plain-paragraphs"),
    pytest.param(
        "The minister resigned on Monday.\n\nHis deputy takes over until the election.\n",
        [], ["paragraph", "paragraph"], id="sentence-first-line-is-no-headline"),
    pytest.param(
        "Storm hits coast\n\nA powerful storm hit the coast on Sunday, knocking out\npower to thousands of homes "
        "and forcing schools to close\nfor the day, officials said.\n\nRepairs began on Monday.\n",
        [], ["headline", "paragraph", "paragraph"], id="hard-wrapped-body"),
    pytest.param(
        "Prices rose.\nWages did not.\nUnions are angry.\n",
        [], ["paragraph", "paragraph", "paragraph"], id="one-paragraph-a-line"),
    pytest.param(
        "Rates rise again\n\nThe bank raised rates by 0.25 points on 20 June 2024, it said.\n\nRead more: Why rates "
        "matter to you\n\nThe next meeting is in September.\n",
        [("Read more:", "read_more"), ("Why rates matter to you", "teaser")],
        ["headline", "paragraph", "paragraph"], id="inline-read-more"),
    pytest.param(
        "Plague outbreak could return 'stronger': WHO\n\nGENEVA (Wire) - The health agency chief on Wednesday said "
        "the epidemic appeared to be under control\n\nMore text follows here.\n",
        [], ["headline", "paragraph", "paragraph"], id="dateline-lede-is-no-standfirst"),
    pytest.param(
        "Dam plan approved\n\nThe vote ends a decade of protests over the valley and its villages\n\n\u201cIt is a sad "
        "day,\u201d a farmer said.\n\n\u00a9 Sputnik / Jane Roe\n(Photo by John Doe/Getty Images)\n",
        [("\u00a9 Sputnik / Jane Roe", "photo_caption"), ("(Photo by John Doe/Getty Images)", "photo_caption")],
        ["headline", "standfirst", "paragraph"], id="standfirst-and-photo-credits"),
    pytest.param(
        "-3 \u00b0C Snow\n20 June 2024\nRiver freezes over\r\n\r\nThe river froze on Thursday.\r\n\r\nSkaters "
        "came out.\r\n\r\nUpdated: 2024-06-20T08:05\r\n",
        [("-3 \u00b0C Snow", "weather"), ("20 June 2024", "page_date"), ("Updated: 2024-06-20T08:05", "timestamp")],
        ["headline", "paragraph", "paragraph"], id="crlf-weather-and-iso-timestamp"),
    pytest.param(
        "Senator quits race after poll slump.\n\nSPRINGFIELD, Ill., Oct. 4 (Wire) \u2014 The senator ended her campaign "
        "on Tuesday.\n\n7 p.m.\n\nSupporters gathered outside.\n",
        [("7 p.m.", "timestamp")], ["headline", "paragraph", "paragraph"], id="headline-with-full-stop-before-dateline"),
    pytest.param(
        "Council backs new bridge; \nVote ends two years of argument over the crossing.\n\nThe council voted 9-2 on "
        "Monday to fund the bridge, its leader said.\n",
        [], ["headline", "standfirst", "paragraph"], id="database-export-headline-and-deck"),
    pytest.param(
        "Markets slide on rate fears\n\nInvestors sold shares across the region on Monday as the central bank signalled "
        "more increases.\n\nTraders watch screens in Frankfurt, Germany (AP Photo/Jane Roe)\n\nThis article was "
        "originally published by Jane Roe at Example Blog\n",
        [("Traders watch screens in Frankfurt, Germany (AP Photo/Jane Roe)", "photo_caption"),
         ("This article was originally published by Jane Roe at Example Blog", "byline")],
        ["headline", "paragraph"], id="agency-photo-credit-and-republication-line"),
]


@pytest.mark.parametrize("text,furniture,kinds", LAYOUTS)
def test_invented_layouts(text, furniture, kinds):
    found, parts, dates, notes = seg(text)
    assert [(f.text, f.kind) for f in found] == furniture
    assert [p.kind for p in parts] == kinds
    for item in list(found) + list(parts) + list(dates):
        assert text[item.start:item.end] == item.text


@pytest.mark.parametrize("line", [
    "Image rights are contested in court, the judge said.",
    "By Monday, the river had risen by two metres and the town was cut off from the rest of the county.",
    "Share prices fell 3% on Friday.",
    "Read more about the plan in the report published on Monday.",
    "Sign up rates fell by 4% in the last three months of the year as prices kept rising, the agency said.",
    "Related talks are planned for next week.",
    "Photography is banned inside the court.",
])
def test_body_sentences_are_not_furniture(line):
    text = "Headline about a court case\n\n" + line + "\n\nAnother paragraph follows here.\n"
    found, parts, _, _ = seg(text)
    assert found == ()
    assert [p.text for p in parts if p.kind == "paragraph"][0] == line


# --- dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,expected", [
    ("He spoke on Friday.", [("Friday", "relative_day", None)]),
    ("They met last Friday.", [("last Friday", "relative_day", None)]),
    ("In May, prices rose.", [("May", "event_date", None)]),
    ("You may go now.", []),
    ("May I ask a question?", []),
    ("The war began in February 2022.", [("February 2022", "event_date", "2022-02")]),
    ("It has been annexed since 2014.", [("2014", "year", "2014")]),
    ("About 2014 troops arrived.", []),
    ("The ban started on 3 March 2020.", [("3 March 2020", "event_date", "2020-03-03")]),
    ("Talks were held on Friday, June 20, 2024 in Paris.", [("Friday, June 20, 2024", "event_date", "2024-06-20")]),
    ("It opened earlier this month.", [("earlier this month", "relative_day", None)]),
    ("Sales fell two weeks ago.", [("two weeks ago", "relative_day", None)]),
    ("USA Today reported it.", []),
    ("The form was dated 05/06/2024.", [("05/06/2024", "event_date", None)]),
    ("The form was dated 25/06/2024.", [("25/06/2024", "event_date", "2024-06-25")]),
    ("It was dated February 30, 2024.", [("February 30, 2024", "event_date", None)]),
    ("The vote is expected by mid-May.", [("May", "event_date", None)]),
    ("Crowds gathered\u00a0on\u00a0Sunday.", [("Sunday", "relative_day", None)]),
    ("Troops lost 2,700 tanks and 1,000 drones.", []),
])
def test_dates_in_sentences(sentence, expected):
    dates = seg(sentence)[2]
    assert [(d.text, d.role, d.value) for d in dates] == expected


@pytest.mark.parametrize("line,value", [
    ("May 31, 2024 at 08:56PM", "2024-05-31T20:56"),
    ("May 31, 2024 at 12:15AM", "2024-05-31T00:15"),
    ("Published: 20 June 2024, 14:05 GMT", "2024-06-20T14:05"),
    ("Published 12:03 GMT", None),
])
def test_timestamp_lines(line, value):
    text = "A headline about a thing\n\nThe body says something here, a spokesman said.\n\n" + line
    found, _, dates, _ = seg(text)
    assert found[-1].kind == "timestamp" and found[-1].text == line
    assert [(d.role, d.value) for d in dates if d.role == "timestamp"] == [("timestamp", value)]


# --- provenance notes ------------------------------------------------------------------------

def test_note_when_no_date_anchors_a_weekday():
    notes = seg("Talks resume\n\nNegotiators met again on Friday, a spokesman said.\n")[3]
    assert notes == ("The page shows no date, so 'Friday' cannot be placed in time: find when the article was "
                     "first published.",)


def test_note_when_page_date_weekday_is_wrong():
    notes = seg("Friday, June 20, 2024\n\nA headline here\n\nSomething happened, he said.\n")[3]
    assert any("'Friday, June 20, 2024', but that date was a Thursday" in n for n in notes)


def test_one_anchor_resolves_weekdays_without_disagreement():
    text = "Talks resume\n\nNegotiators met on Monday, a spokesman said.\n\nMay 31, 2024 at 08:56PM"
    notes = seg(text)[3]
    assert not any("which is the publication date" in n for n in notes)
    assert any("Counted back from the timestamp (Friday, May 31, 2024): 'on Monday' (paragraph 1): the most "
               "recent Monday is May 27, 4 days before" in n for n in notes)


def test_agreeing_dates_give_no_disagreement_note():
    text = "Thursday, June 20, 2024\n\nA headline here\n\nIt happened on Tuesday, he said.\n\nJune 20, 2024 at 10:00AM"
    notes = seg(text)[3]
    assert not any("which is the publication date" in n for n in notes)


# --- load_article ----------------------------------------------------------------------------

def test_load_article_default_is_the_seed():
    article = load_article()
    assert article.origin == "seed" and article.text == SEED
    assert article.text.count("\u00a0") == SEED.count("\u00a0") > 0
    assert "\u2013" in article.text and "\u2019" in article.text


@pytest.mark.parametrize("kind", ["str", "path", "bytes", "bytearray", "memoryview", "text"])
def test_load_article_accepts(tmp_path, kind):
    path = tmp_path / "a.txt"
    path.write_bytes(SEED.encode("utf-8"))
    source = {"str": str(path), "path": path, "bytes": SEED.encode("utf-8"),
              "bytearray": bytearray(SEED.encode("utf-8")), "memoryview": memoryview(SEED.encode("utf-8")),
              "text": SEED}[kind]
    article = load_article(source)
    assert article.text == SEED
    assert article.furniture == load_article().furniture
    assert article.origin == (str(path) if kind in ("str", "path") else "<text>")


@pytest.mark.parametrize("make,message", [
    (lambda p: "", "empty"),
    (lambda p: " \n\u00a0\t\n", "empty"),
    (lambda p: p, "folder"),
    (lambda p: (p / "bin.txt").write_bytes(b"\x89PNG\x00\x00\x01") and p / "bin.txt", "binary"),
    (lambda p: (p / "latin.txt").write_bytes("Caf\u00e9 news".encode("latin-1")) and p / "latin.txt", "save it as UTF-8"),
    (lambda p: p / "missing.txt", "no file"),
    (lambda p: (p / "blank.txt").write_text("   \n\n") and p / "blank.txt", "empty"),
    (lambda p: 42, "give nothing (the seed), a file path"),
])
def test_load_article_bad_inputs_say_what_to_do(tmp_path, make, message):
    with pytest.raises(KitInputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_article(make(tmp_path))


def test_crlf_text_keeps_its_bytes_and_parts_exclude_carriage_returns():
    text = "A headline about rates\r\n\r\nThe bank raised rates on Thursday, its governor said.\r\n\r\nMarkets fell.\r\n"
    article = load_article(text)
    assert article.text == text
    assert [p.kind for p in article.parts] == ["headline", "paragraph", "paragraph"]
    assert all("\r" not in p.text for p in article.parts)
    assert [d.text for d in article.dates] == ["Thursday"]


# --- invariants on any text --------------------------------------------------------------------

_LINES = st.sampled_from([
    "", "", "30.1 C", "Thursday, June 20, 2024", "Read more", "Most Popular Articles", "Short headline here",
    "A body sentence that ends with a full stop, the minister said on Friday.", "\u00a0", "\u201cQuoted,\u201d he said.",
    "FILE PHOTO. Soldiers", "May 31, 2024 at 08:56PM", "Ukraine lost over 35,000 troops in May \u2013 Moscow",
    "By Jane Roe", "In May 2023 and since 2014, earlier this month.", "  indented line\u00a0 ", "\r",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, max_size=25), st.sampled_from(["\n", "\r\n"]))
def test_offsets_are_valid_and_regions_do_not_overlap(lines, newline):
    text = newline.join(lines)
    furniture, parts, dates, notes = segment_page(text)
    regions = sorted(list(furniture) + list(parts))
    for item in regions + list(dates):
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start:item.end] == item.text
        assert item.text == item.text.strip()
    for a, b in zip(regions, regions[1:]):
        assert a.end <= b.start
    assert all(f.kind in FURNITURE_KINDS for f in furniture)
    assert all(p.kind in PART_KINDS for p in parts)
    assert sum(p.kind == "headline" for p in parts) <= 1


def test_large_text_segments_in_linear_time():
    text = (SEED + "\n\n") * 400  # about 1 MB, thousands of paragraphs, dates and furniture lines
    t0 = time.perf_counter()
    furniture, parts, dates, notes = segment_page(text)
    assert time.perf_counter() - t0 < 10  # the linear version takes well under a second here
    assert len(dates) == 11 * 400
    assert all(len(n) < 2000 for n in notes)


def test_segment_page_rejects_non_text():
    with pytest.raises(KitInputError, match="needs the text as a str"):
        segment_page(b"bytes")


def test_weekday_note_only_when_the_two_dates_give_different_days():
    text = ("Monday, June 3, 2024\n\nA headline here\n\nThe council met on Monday, its leader said.\n\n"
            "June 5, 2024 at 09:00AM")
    notes = seg(text)[3]
    assert any("which is the publication date" in n for n in notes)  # the dates still disagree
    assert sum("'on Monday' (paragraph 1): Monday is that same day, June 3" in n
               or "'on Monday' (paragraph 1): the most recent Monday is June 3, 2 days before" in n for n in notes) == 2
    assert not any(n.startswith("Days named without a date") for n in notes)  # June 3 either way


# The date-word scan is two fast scans standing in for this one pattern; they must agree.
_DATE_WORD_SPEC = __import__("re").compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
    r"|[Tt]his|[Ll]ast|[Nn]ext|[Ee]arlier|[Ll]ater|[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|ago\b|\d)")
_DATE_PIECES = ["ago", "Chicago", "This", "this", "thistle", "Thursday", "May", "Mon", "today", "Tomorrow",
                "later", "Later", "Lat", "x", "_", "2019", "\u0663\u0660", "é", "-", ".", "\n", " ", "’s", "1st"]


@settings(max_examples=300)
@given(st.lists(st.tuples(st.sampled_from(_DATE_PIECES), st.sampled_from(["", " ", "-", "_", ", "])), max_size=30))
def test_date_word_scan_agrees_with_the_single_pattern(pieces):
    from kit.article import _date_word_starts

    text = "".join(a + b for a, b in pieces)
    expected = [(m.start(), m.group(0) == "ago") for m in _DATE_WORD_SPEC.finditer(text)]
    assert _date_word_starts(text) == expected


@pytest.mark.parametrize("text, starts", [
    ("It happened three days ago in Chicago.", [(23, True)]),
    ("On Thursday, 5 May 2024, this thistle grew.", [(3, False), (13, False), (15, False), (19, False), (25, False), (30, False)]),
    ("Nothing here at all.", []),
    ("in \u0663\u0660 days", [(3, False)]),  # a digit of another script starts a word too
])
def test_date_word_starts(text, starts):
    from kit.article import _date_word_starts

    assert _date_word_starts(text) == starts
