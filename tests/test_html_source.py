"""HTML loading: body text and metadata through trafilatura, dropped page text, offsets, decoding.

The pages under tests/fixtures/pages were written for the kit (invented outlets and events).
These tests check the loader's contract, not the detectors.
"""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kit.article import Article
from kit.errors import KitInputError
from kit.html_source import (HtmlArticle, article_from_html, body_words, decode_html, dropped_blocks,
                             english_share, looks_english, looks_like_html, paywall_hint, read_html, visible_blocks)

PAGES = Path(__file__).parent / "fixtures" / "pages"
HARBOUR = PAGES / "harbour_bridge.html"
HARBOUR_PARAGRAPHS = (
    "Northfield council on Thursday approved plans for a lifting bridge across the Eastgate harbour mouth",
    "Councillors voted nine to four in favour of the £18.5 million crossing",
    "“This bridge will cut the drive to the hospital from forty minutes to twelve for thousands of families,”",
    "The Eastgate Fishing Cooperative, which represents 46 boats, claimed that the bridge",
    "According to the council’s own traffic study, about 3,200 vehicles a day",
    "“Nobody has shown us where the extra money comes from,” he said.",
    "The cooperative said it was considering a legal challenge.",
)


@pytest.fixture(scope="module")
def harbour() -> HtmlArticle:
    return read_html(HARBOUR.read_bytes(), origin=str(HARBOUR))


def _all_records(article: Article):
    return list(article.furniture) + list(article.parts) + list(article.dates)


@pytest.mark.parametrize("name", ["harbour_bridge.html", "school_meals.html", "paywall.html", "marche_fermier.html"])
def test_every_offset_points_into_the_article_text(name):
    page = read_html((PAGES / name).read_bytes(), origin=name)
    text = page.article.text
    records = _all_records(page.article)
    assert records, "the segmenter found nothing at all"
    for r in records:
        assert text[r.start:r.end] == r.text, r


def test_body_text_is_the_article_and_nothing_of_the_furniture(harbour):
    text = harbour.article.text
    for paragraph in HARBOUR_PARAGRAPHS:
        assert paragraph in text
    for furniture in ("We use cookies", "Most read", "Lifeboat crew rescue", "Ferry timetable cut",
                      "About time too", "All rights reserved", "Accept all cookies", "window.dataLayer",
                      "Photo: Courier archive", "11°C"):
        assert furniture not in text, furniture


def test_metadata_from_the_markup(harbour):
    assert harbour.metadata == {
        "title": "Council approves Eastgate harbour bridge after two-year dispute",
        "author": "Priya Castellano",
        "sitename": "The Northfield Courier",
        "date": "2025-03-14",
        "url": "https://courier.example/news/2025/03/14/eastgate-bridge-approved",
        "hostname": "courier.example",
        "description": "Councillors voted 9 to 4 for the crossing; fishermen say it will cut them off from the inner basin.",
        "language": "en-GB",
    }


def test_headline_byline_and_date_lines_head_the_text(harbour):
    article = harbour.article
    assert article.text.startswith("Council approves Eastgate harbour bridge after two-year dispute\n\n"
                                   "By Priya Castellano\nPublished 14 March 2025\n\n")
    assert article.headline is not None
    assert article.headline.text == harbour.metadata["title"]
    assert article.headline.start == 0
    # below the byline and date lines, each extracted block is one part (standfirst or paragraph)
    blocks = article.text.split("\n\n")[2:]
    assert [p.text for p in article.parts if p.kind != "headline"] == [b.strip() for b in blocks if b.strip()]
    assert blocks[0].startswith("Councillors backed the lifting crossing")
    assert blocks[-1].strip().endswith("considering a legal challenge.")
    # the byline and date lines were added from metadata: a note says so
    assert any("'By Priya Castellano'" in n and "metadata" in n for n in article.notes)


def test_dropped_blocks_are_listed_in_page_order(harbour):
    expected_in_order = ["We use cookies to improve your experience and to show you relevant advertising.",
                         "News", "Sport", "Northfield 11°C Light rain",
                         "By Priya Castellano, Local Democracy Reporter", "Friday 14 March 2025, 09:30",
                         "The Eastgate harbour at low tide. Photo: Courier archive", "Read more:",
                         "Ferry timetable cut for the winter months", "Most read", "Comments (2)",
                         "Another vanity project we will all pay for.",
                         "© 2025 The Northfield Courier. All rights reserved."]
    positions = [harbour.dropped.index(block) for block in expected_in_order]
    assert positions == sorted(positions)
    assert len(harbour.dropped) == len(set(harbour.dropped))
    for paragraph in HARBOUR_PARAGRAPHS:  # nothing of the article is reported as dropped
        assert not any(paragraph in block for block in harbour.dropped)
    # scripts, styles and the <title> are not page text a reader sees
    assert not any("dataLayer" in b or ".nav a" in b or "| The Northfield Courier" in b for b in harbour.dropped)


def test_note_counts_the_dropped_blocks(harbour):
    note = next(n for n in harbour.article.notes if n.startswith("The extractor left out"))
    assert f"left out {len(harbour.dropped)} blocks" in note
    assert "'We use cookies to improve your experience and to show you relevant advertising.'" in note
    assert f"and {len(harbour.dropped) - 5} more" in note


def test_original_html_is_kept(harbour):
    assert harbour.html == HARBOUR.read_text(encoding="utf-8")
    assert harbour.encoding == "utf-8"
    assert harbour.article.origin == str(HARBOUR)


def test_same_bytes_same_result():
    data = HARBOUR.read_bytes()
    assert read_html(data, origin="a") == read_html(data, origin="a")
    assert read_html(data, origin="a").article == read_html(data.decode("utf-8"), origin="a").article


def test_article_from_html_returns_the_article():
    article = article_from_html(HARBOUR.read_bytes(), origin="page")
    assert isinstance(article, Article)
    assert article == read_html(HARBOUR.read_bytes(), origin="page").article


def test_header_false_keeps_only_the_extracted_text():
    page = read_html(HARBOUR.read_bytes(), origin="page", header=False)
    assert page.article.text.startswith("Council approves Eastgate harbour bridge after two-year dispute\n\n"
                                        "Councillors backed the lifting crossing")
    assert "By Priya Castellano" not in page.article.text


def test_windows_1252_page_decoded_from_its_meta_charset():
    page = read_html((PAGES / "school_meals.html").read_bytes(), origin="meals")
    assert page.encoding == "cp1252"
    assert "£2.60" in page.article.text
    assert "\u201crelentless\u201d" in page.article.text
    assert page.article.headline.text == "School meals price to rise by 20p from September"
    assert page.metadata["author"] is None


def test_no_date_is_guessed_from_a_copyright_year():
    page = read_html((PAGES / "school_meals.html").read_bytes(), origin="meals")
    assert page.metadata["date"] is None  # the footer's "© 2025" is not a publication date
    assert "Published" not in page.article.text
    assert any("no date" in n for n in page.article.notes)


def test_paywalled_page_gets_a_note_not_an_error():
    page = read_html((PAGES / "paywall.html").read_bytes(), origin="ledger")
    assert body_words(page.article) < 100
    assert paywall_hint(page)
    assert any("probably behind a paywall" in n for n in page.article.notes)


def test_a_page_with_one_word_of_text_says_so():
    page = read_html("<html><body><nav><a href='/'>Home</a></nav></body></html>", origin="menu")
    assert body_words(page.article) == 1
    assert any(n.startswith("menu gave only 1 word of article text (fewer than 100)") for n in page.article.notes)


def test_full_article_gets_no_paywall_note(harbour):
    assert body_words(harbour.article) >= 100
    assert not any("paywall" in n for n in harbour.article.notes)


def test_non_english_page_gets_a_note():
    page = read_html((PAGES / "marche_fermier.html").read_bytes(), origin="fr")
    assert page.metadata["language"] == "fr"
    assert any("English-only" in n for n in page.article.notes)


@pytest.mark.parametrize("html, message", [
    ((PAGES / "app_shell.html").read_bytes(), "no article text"),
    ("", "is empty"),
    (b"   \n", "is empty"),
    ("Just a line of text, no markup at all.", "no HTML tags"),
])
def test_pages_without_article_text_raise(html, message):
    with pytest.raises(KitInputError, match=message):
        read_html(html, origin="page")


def test_wrong_type_raises():
    with pytest.raises(KitInputError, match="str or bytes, not int"):
        read_html(42, origin="page")


@pytest.mark.parametrize("html, expected", [
    ("<p>One <b>bold</b> line.</p><p>Two</p>", ["One bold line.", "Two"]),
    ("<div>Before<script>var x = 1;</script> after</div>", ["Before after"]),
    ("<div>A<style>p{}</style>B</div>", ["AB"]),
    ("<ul><li>first</li><li>second</li></ul>", ["first", "second"]),
    ("<p>line one<br>line two</p>", ["line one", "line two"]),
    ("<p hidden>secret</p><p style='display: none'>gone</p><p aria-hidden='true'>x</p><p>shown</p>", ["shown"]),
    ("<p>text<!-- a comment --> more</p>", ["text more"]),
    ("<p>  spaced \n\t out  </p>", ["spaced out"]),
    ("<html><head><title>Title only</title></head><body></body></html>", []),
    ("<button>Accept</button><p>kept</p>", ["kept"]),
    ("", []),
])
def test_visible_blocks(html, expected):
    assert visible_blocks(html) == expected


@pytest.mark.parametrize("html, extracted, expected", [
    ("<nav>Home</nav><p>The story.</p>", "The story.", ("Home",)),
    ("<p>The   story.</p>", "The\nstory.", ()),
    ("<p>Menu</p><p>Menu</p><p>Body</p>", "Body", ("Menu",)),
    ("<p>Body</p>", "Body", ()),
])
def test_dropped_blocks(html, extracted, expected):
    assert dropped_blocks(html, extracted) == expected


ENGLISH = ("The minister said on Tuesday that the plan would be published in the spring, and that the cost of "
           "the scheme had not been agreed with the regional council, which has asked for more time to study it.")
FRENCH = ("Le ministre a déclaré mardi que le plan serait publié au printemps, et que le coût du projet n'avait "
          "pas encore été fixé avec le conseil régional, qui a demandé plus de temps pour l'étudier.")
GERMAN = ("Der Minister sagte am Dienstag, dass der Plan im Frühjahr veröffentlicht werde und dass die Kosten des "
          "Projekts noch nicht mit dem Regionalrat vereinbart seien, der mehr Zeit für die Prüfung verlangt hat.")


@pytest.mark.parametrize("text, english", [
    (ENGLISH, True),
    (FRENCH, False),
    (GERMAN, False),
    ("Short text.", True),  # too few words to judge: let it through
    ("", True),
])
def test_looks_english(text, english):
    assert looks_english(text) is english


def test_english_share_values():
    assert english_share("Short text.") is None
    assert english_share(ENGLISH) >= 0.35
    assert english_share(FRENCH) < 0.1


@pytest.mark.parametrize("data, declared, text, encoding", [
    ("<p>é</p>", None, "<p>é</p>", "given as str"),
    ("<p>é</p>".encode("utf-8"), None, "<p>é</p>", "utf-8"),
    (codecs.BOM_UTF8 + "<p>é</p>".encode("utf-8"), None, "<p>é</p>", "utf-8"),
    ('<meta charset="windows-1252"><p>\u201cé\u201d</p>'.encode("cp1252"), None,
     '<meta charset="windows-1252"><p>\u201cé\u201d</p>', "cp1252"),
    ('<meta charset="iso-8859-1"><p>\u2019</p>'.encode("cp1252"), None,  # read as windows-1252, as browsers do
     '<meta charset="iso-8859-1"><p>\u2019</p>', "cp1252"),
    ("<p>é</p>".encode("latin-1"), "latin-1", "<p>é</p>", "cp1252"),  # declared in an HTTP header
    ("<p>é</p>".encode("utf-8"), "no-such-charset", "<p>é</p>", "utf-8"),
])
def test_decode_html(data, declared, text, encoding):
    assert decode_html(data, declared=declared) == (text, encoding)


@pytest.mark.parametrize("text, expected", [
    (HARBOUR.read_text(encoding="utf-8"), True),
    ("\ufeff<!DOCTYPE html><html><body><p>x</p></body></html>", True),
    ("  <p>A pasted paragraph.</p>", True),
    ("<div class='story'>text</div>", True),
    ("<3 this story. Ministers said on Tuesday…", False),
    ("The minister said <b> is bold.", False),
    ("<unknown>tag soup</unknown>", False),
    ("", False),
])
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


@pytest.mark.parametrize("name, key", [("html/english_words.jsonl", "words"), ("html/paywall.jsonl", "pattern")])
def test_data_rows_explain_themselves(name, key):
    from kit.resources import load_jsonl

    rows = load_jsonl(name)
    assert rows
    for row in rows:
        assert row[key] and row["why"].strip(), row
