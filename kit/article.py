"""The article as the user received it: exact text, split into page furniture and article parts.

``load_article()`` returns the seed; ``load_article(path)`` or ``load_article(text)`` any other.
The text is never changed: NBSP, curly quotes and dashes stay; every part is an offset range.

``segment_page(text)`` reads a scraped news page line by line (one compiled regular expression
per question, whole-line matches only, so body sentences are never taken for furniture):

* furniture: weather, the page date above the headline, "Read more" labels and the teaser
  headlines under them, photo captions and credits, timestamps, bylines, footers;
* parts: the headline (the first short line with no full stop; with a full stop only when set
  in Title Case or followed by a dateline or a much longer lede), the standfirst (a one-sentence
  summary set as display text: no final full stop, no quotation, no dateline; or the deck of a
  "Headline; / Deck" export), and the body paragraphs (a hard-wrapped block is one paragraph);
* dates: every date or time expression with its role (page_date, timestamp, event_date,
  relative_day, year) and an ISO value where the text alone fixes it;
* notes: provenance remarks for students (dates that disagree, weekdays that only a
  publication date can place), computed with :mod:`datetime`, never guessed.
"""
from __future__ import annotations

import datetime as _dt
import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import List, Optional, Tuple, Union

from .errors import KitInputError
from .records import DateMention, Furniture, Part
from . import resources

# Furniture kinds; "byline" is an addition to the list in records.py (author lines are not article text).
FURNITURE_KINDS = ("weather", "page_date", "teaser", "photo_caption", "timestamp", "footer", "read_more", "byline")
PART_KINDS = ("headline", "standfirst", "paragraph")
DATE_ROLES = ("page_date", "timestamp", "event_date", "relative_day", "year")

MAX_FURNITURE_CHARS = 160  # longer lines are always article text
MAX_HEADLINE_WORDS = 22
MAX_STANDFIRST_WORDS = 45
MAX_TEASER_LINES = 4  # teaser lines after one "Read more" label
MAX_LIST_LINES = 40  # headline lines after a "Most popular" list heading
MAX_NOTED_DAYS = 6  # weekday mentions spelled out in one provenance note

_WS = r"[ \t\u00a0\u2009\u202f]"  # spaces inside a line, no-break spaces included
_DASH = r"[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]"
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MON = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_TIME = rf"(?:[01]?\d|2[0-3])[:.][0-5]\d(?:[:.][0-5]\d)?{_WS}?(?:[AaPp]\.[Mm]\.|[AaPp][Mm])?(?:{_WS}?(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|MSK|[A-Z]{{2,4}}T)(?:{_WS}?[+\u2212-]{_WS}?\d{{1,2}}(?::?\d\d)?)?)?"
# A full calendar date: "Thursday, June 20, 2024", "20 June 2024", "2024-06-20", "June 20 2024".
_DATE = (rf"(?:(?:{_WDAY},?{_WS}+)?(?:{_MON}{_WS}+{_DAYNUM},?{_WS}+{_YEAR}|{_DAYNUM}{_WS}+{_MON},?{_WS}+{_YEAR})"
         rf"|{_YEAR}-[01]\d-[0-3]\d|[0-3]?\d/[01]?\d/{_YEAR})")
# A date followed by a time: "May 31, 2024 at 08:56PM", "2024-06-20T12:03", "20 June 2024, 12:03 GMT".
_DATETIME = rf"{_DATE}(?:(?:,?{_WS}+(?:at{_WS}+)?|T|{_WS}*[|\u2022\u00b7]{_WS}*){_TIME})?"
_STAMP_LABEL = r"(?:(?:First|Last)?{ws}*(?:Published|Updated|Posted|Modified|Created)(?:{ws}+on)?|Pub(?:lished)?\.?|Date)".format(ws=_WS)

# --- whole-line furniture patterns (tried on the stripped line, in this order) -----------------
# Weather: a temperature, optionally with a condition: "30.1 C", "12°F Cloudy", "-3 °C Snow".
_WEATHER = re.compile(rf"[+\u2212-]?\d{{1,3}}(?:[.,]\d{{1,2}})?{_WS}?°?{_WS}?[CF](?:{_WS}+[A-Za-z][a-z]+(?:{_WS}+[a-z]+)?)?")
# A timestamp: a date with a time, a labelled date, or a bare time with a zone.
_TIMESTAMP = re.compile(
    rf"(?:{_STAMP_LABEL}{_WS}*[:\u2013\u2014-]?{_WS}*)?{_DATE}(?:,?{_WS}+(?:at{_WS}+)?|T|{_WS}*[|\u2022\u00b7]{_WS}*){_TIME}"
    rf"|{_STAMP_LABEL}{_WS}*[:\u2013\u2014-]?{_WS}*(?:{_DATETIME}|{_TIME})"
    rf"|(?:{_DATE},?{_WS}+)?{_TIME}"
    rf"|(?:[01]?\d|2[0-3]){_WS}?(?:[ap]\.m\.|[AP]M|[ap]m)"
)
# A bare date line: at the top it is the page date; below the headline, a timestamp.
_DATE_LINE = re.compile(_DATE)
# Labels that introduce links to other articles.
_READ_MORE = re.compile(
    rf"(?i:read{_WS}+more|related(?:{_WS}+(?:articles?|stories|news|content|coverage|reading|topics))?|see{_WS}+also"
    rf"|read{_WS}+also|also{_WS}+read|more{_WS}+on{_WS}+this(?:{_WS}+story)?|recommended(?:{_WS}+for{_WS}+you)?"
    rf"|you{_WS}+(?:may|might){_WS}+also{_WS}+like|more{_WS}+stories|further{_WS}+reading|keep{_WS}+reading)"
    rf"{_WS}*[:\u00bb>\u203a]?"
)
# A "Read more: Headline" line: the label, then a teaser headline on the same line.
_READ_MORE_INLINE = re.compile(rf"((?i:read{_WS}+more|related|see{_WS}+also|read{_WS}+also|also{_WS}+read){_WS}*[:\u00bb>\u203a\u2013\u2014-]){_WS}*(\S.*)")
# Photo captions and credits: "FILE PHOTO. …", "Photo: …", "© Sputnik / …", "… / Reuters", "Getty Images".
_PHOTO = re.compile(
    rf"(?:(?i:file{_WS}+photo|photo(?:graph)?|image|picture|pictured|caption|illustration)s?{_WS}*[.:|/\u2013\u2014-].*"
    rf"|©(?!{_WS}*(?:\d{{4}}|[Cc]opyright)).*"
    rf"|\(?(?i:photo|image|picture)s?{_WS}+(?:by|credit)\b.*"
    rf"|.*(?:/|\u00a9|\|){_WS}*(?:Reuters|AFP|AP|Getty{_WS}+Images|EPA|Sputnik|TASS|RIA{_WS}+Novosti|Anadolu|Shutterstock|Xinhua|Bloomberg|Alamy)\)?"
    rf"|.*\bGetty{_WS}+Images\)?"
    rf"|.*\((?:AP{_WS}+Photo|Photo|Reuters|AFP|EPA|Getty)\b[^()]{{0,60}}\)[.]?)"
)
# Bylines: "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Written by …".
_BYLINE = re.compile(
    rf"(?:(?i:written{_WS}+by|reporting{_WS}+by|by)){_WS}+[A-Z][\w.'\u2019-]*(?:[ ,\u00a0]+(?:and{_WS}+)?[A-Z&][\w.'\u2019-]*){{0,7}}"
    rf"|(?i:(?:this{_WS}+(?:article|report|story|piece|post){_WS}+(?:was|is|has{_WS}+been){_WS}+)?(?:originally|first){_WS}+"
    rf"(?:published|appeared|posted){_WS}+(?:by|in|on|at)){_WS}.*"
)
# Footers: list headings, sharing and subscription prompts, copyright and legal lines.
_FOOTER = re.compile(
    rf"(?i:most{_WS}+(?:popular|read|viewed|shared)(?:{_WS}+(?:articles?|stories|news|today))?|trending(?:{_WS}+(?:now|news|stories))?"
    rf"|top{_WS}+stories|latest{_WS}+news|share(?:{_WS}+(?:this|on|via)(?:{_WS}+\w+)?)?|subscribe\b.*|sign{_WS}+up\b.*"
    rf"|follow{_WS}+us\b.*|newsletter\b.*|comments?(?:{_WS}*\(\d+\))?|leave{_WS}+a{_WS}+comment|tags?{_WS}*:.*|topics?{_WS}*:.*"
    rf"|advertisement|sponsored(?:{_WS}+content)?|(?:©|\(c\)|copyright){_WS}*(?:\d{{4}}|©).*|all{_WS}+rights{_WS}+reserved.*"
    rf"|terms{_WS}+of{_WS}+(?:use|service).*|privacy{_WS}+policy.*|cookie{_WS}+(?:policy|settings).*|back{_WS}+to{_WS}+top)"
    rf"{_WS}*[:.!]?"
)
# Footer headings after which a list of other articles' headlines follows.
_LIST_HEADING = re.compile(rf"(?i:most{_WS}+(?:popular|read|viewed|shared)|trending|top{_WS}+stories|latest{_WS}+news)\b.*")
# Ends like a sentence: full stop, "!", "?", an ellipsis, then optional closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
# A sentence break inside a line: end mark, space, then a capital letter or an opening quote.
_INNER_BREAK = re.compile(rf"[a-z0-9\u2019\"\u201d)][.!?]['\u201d\"]?{_WS}+[\"'\u201c\u2018]?[A-Z]")
# A dateline opening a news lede: "WASHINGTON (Reuters) -", "Geneva - ".
_DATELINE = re.compile(
    rf"^(?:[A-Z][A-Z .'\u2019-]{{1,30}}|[A-Z][a-z]+(?:{_WS}[A-Z][a-z]+)?)(?:,[^\n\u2013\u2014\u2015]{{1,40}}?)?"
    rf"(?:{_WS}*\([A-Za-z .]+\))?{_WS}*(?:--|{_DASH}){_WS}"
)
_QUOTES = re.compile("[\"\u201c\u201d\u00ab\u00bb]")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or over the to up with vs via".split())


@dataclass(frozen=True)
class Article:
    text: str
    origin: str  # "seed", a file path, or "<text>"
    furniture: Tuple[Furniture, ...] = ()
    parts: Tuple[Part, ...] = ()
    dates: Tuple[DateMention, ...] = ()
    notes: Tuple[str, ...] = ()  # provenance remarks for students (e.g. dates that disagree)
    # for a web page: kit.html_source.HtmlArticle (metadata, the page text the extractor dropped,
    # the original HTML); None for plain text
    page: Optional[object] = field(default=None, compare=False, repr=False)

    @property
    def headline(self) -> Optional[Part]:
        return next((p for p in self.parts if p.kind == "headline"), None)

    @property
    def standfirst(self) -> Optional[Part]:
        return next((p for p in self.parts if p.kind == "standfirst"), None)

    @property
    def paragraphs(self) -> Tuple[Part, ...]:
        return tuple(p for p in self.parts if p.kind == "paragraph")

    @property
    def page_date(self) -> Optional[DateMention]:
        return next((d for d in self.dates if d.role == "page_date"), None)

    @property
    def timestamp(self) -> Optional[DateMention]:
        return next((d for d in self.dates if d.role == "timestamp"), None)

    @property
    def body(self) -> Tuple[Part, ...]:
        """Headline, standfirst and paragraphs: the article proper, without furniture."""
        return self.parts

    def region_at(self, offset: int) -> str:
        """The kind of furniture or part holding character ``offset`` ("" when none)."""
        for item in self.furniture + self.parts:
            if item.start <= offset < item.end:
                return item.kind
        return ""


# ---------------------------------------------------------------------------------------------
# Segmentation


def _lines(text: str) -> List[Tuple[int, int, str, int]]:
    """Non-empty lines as (start, end, stripped text, block number); blank lines separate blocks."""
    out = []
    block = 0
    pos = 0
    n = len(text)
    blank = True
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        line = text[pos:nl]
        stripped = line.strip()
        if stripped:
            if blank and out:
                block += 1
            blank = False
            start = pos + (len(line) - len(line.lstrip()))
            out.append((start, start + len(stripped), stripped, block))
        else:
            blank = True
        pos = nl + 1
    return out


def _words(line: str) -> int:
    return len(line.split())


def _furniture_kind(line: str, *, before_article: bool) -> Optional[str]:
    """The furniture kind of a whole stripped line, or None when it reads as article text.

    Cheap guards (length, a digit, the word count) skip the patterns a line cannot match.
    """
    size = len(line)
    if size > MAX_FURNITURE_CHARS:
        return None
    has_digit = any(c.isdigit() for c in line[:40])
    if has_digit and size <= 40 and _WEATHER.fullmatch(line):
        return "weather"
    if has_digit and size <= 90:
        if _DATE_LINE.fullmatch(line):
            return "page_date" if before_article else "timestamp"
        if _TIMESTAMP.fullmatch(line):
            return "timestamp"
    if size <= 40 and _READ_MORE.fullmatch(line):
        return "read_more"
    words = _words(line)
    if (words <= 14 or line[:1] in "©(" or line[:4].lower() == "copy") and _FOOTER.fullmatch(line):
        return "footer"  # prompts ("Sign up …") stay short; a long line is a body sentence
    if words <= 30 and _PHOTO.fullmatch(line):
        return "photo_caption"
    if words <= 12 and _BYLINE.fullmatch(line):
        return "byline"
    return None


def _teaser_like(line: str) -> bool:
    """A short line that does not end like a sentence: another article's headline."""
    return _words(line) <= MAX_HEADLINE_WORDS and not _SENTENCE_END.search(line)


def _title_case(line: str) -> bool:
    words = [w for w in _WORD.findall(line) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _headline_like(line: str, following: Optional[str] = None) -> bool:
    """Short, has letters, no trailing comma, and either no full stop, or a full stop with
    Title Case, or a full stop before a dateline or a much longer lede (copies that add a full stop)."""
    n = _words(line)
    if not 1 <= n <= MAX_HEADLINE_WORDS or not _WORD.search(line) or line[-1] in ",:":
        return False
    if not _SENTENCE_END.search(line):
        return True
    if _INNER_BREAK.search(line):
        return False
    if _title_case(line):
        return True
    if following is None:
        return False
    return bool(_DATELINE.match(following)) or (n <= 16 and _words(following) >= max(20, 2 * n))


def _standfirst_like(line: str) -> bool:
    """A one-sentence summary set as display text: no final full stop, no quotation, no dateline."""
    n = _words(line)
    return (6 <= n <= MAX_STANDFIRST_WORDS and not _SENTENCE_END.search(line) and line[-1] not in ",;:"
            and not _QUOTES.search(line) and not _INNER_BREAK.search(line) and not _DATELINE.match(line))


def _hard_wrapped(lines) -> bool:
    """A block whose lines break mid-sentence (text wrapped at a fixed width): one paragraph."""
    if len(lines) < 2:
        return False
    open_ends = sum(1 for ln in lines[:-1] if not _SENTENCE_END.search(ln[2]))
    return open_ends * 2 >= len(lines) - 1


def _segment_lines(text: str):
    lines = _lines(text)
    furniture: List[Furniture] = []
    runs: List[List[Tuple[int, int, str, int]]] = []  # article text lines grouped into parts
    before_article = True
    teaser_left = 0  # lines after a "Read more" label or a list heading still read as teasers
    block_wrapped = {}
    for i, (start, end, line, block) in enumerate(lines):
        kind = _furniture_kind(line, before_article=before_article)
        if (kind is None and furniture and furniture[-1].kind == "byline" and i and lines[i - 1][0] == furniture[-1].start
                and lines[i - 1][3] == block and _words(line) <= 8 and not _SENTENCE_END.search(line)):
            kind = "byline"  # "BBC News, Leeds" under "By Jane Roe": the byline goes on
        if kind is None and teaser_left and _teaser_like(line):
            teaser_left -= 1
            furniture.append(Furniture(start, end, line, "teaser"))
            continue
        if kind == "read_more":
            teaser_left = MAX_TEASER_LINES
        elif kind == "footer" and _LIST_HEADING.fullmatch(line):
            teaser_left = MAX_LIST_LINES
        elif kind is None:
            teaser_left = 0
            inline = _READ_MORE_INLINE.fullmatch(line) if len(line) <= MAX_FURNITURE_CHARS else None
            if inline and _teaser_like(inline.group(2)):
                label_end = start + inline.end(1)
                furniture.append(Furniture(start, label_end, inline.group(1), "read_more"))
                t0 = start + inline.start(2)
                furniture.append(Furniture(t0, end, text[t0:end], "teaser"))
                continue
        if kind is not None:
            furniture.append(Furniture(start, end, line, kind))
            continue
        before_article = False
        if block not in block_wrapped:
            j = i
            while j < len(lines) and lines[j][3] == block:
                j += 1
            block_wrapped[block] = _hard_wrapped(lines[i:j])
        prev = runs[-1][-1] if runs else None
        if prev is not None and prev[3] == block and block_wrapped[block] and lines[i - 1][0] == prev[0]:
            runs[-1].append((start, end, line, block))  # continues the wrapped paragraph above
        else:
            runs.append([(start, end, line, block)])
    return furniture, runs, lines


def _parts_from_runs(text: str, runs) -> List[Part]:
    parts: List[Part] = []
    deck = False
    if runs and len(runs[0]) == 2 and runs[0][0][2][-1] == ";" and _words(runs[0][0][2]) <= MAX_HEADLINE_WORDS \
            and _words(runs[0][1][2]) <= MAX_STANDFIRST_WORDS and not _INNER_BREAK.search(runs[0][1][2]):
        runs = [[runs[0][0]], [runs[0][1]]] + list(runs[1:])  # "Headline; / Deck." (news-database exports)
        deck = True
    for k, run in enumerate(runs):
        start, end = run[0][0], run[-1][1]
        parts.append(Part(start, end, text[start:end], "paragraph"))
    if not parts:
        return parts
    first = runs[0]
    # Headline: the first article line, alone in its run, short, not a sentence (or Title Case).
    if deck:
        parts[0] = parts[0]._replace(kind="headline")
        parts[1] = parts[1]._replace(kind="standfirst")
    elif len(runs) > 1 and len(first) == 1 and _headline_like(first[0][2], parts[1].text):
        parts[0] = parts[0]._replace(kind="headline")
        # Standfirst: the next run, one line, reading as a one-sentence summary, followed by body.
        if len(runs) > 2 and len(runs[1]) == 1 and _standfirst_like(runs[1][0][2]):
            parts[1] = parts[1]._replace(kind="standfirst")
    return parts


# ---------------------------------------------------------------------------------------------
# Dates

_PREP = rf"(?:(?P<prep>\b(?:[Oo]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Bb]efore|[Aa]fter|[Ii]n|[Dd]uring|[Oo]f|[Tt]hrough|[Bb]etween|and|[Ee]arly|[Ll]ate|[Mm]id){_WS}*{_DASH}?{_WS}*)|(?P<rel>\b(?:[Ll]ast|[Nn]ext|[Tt]his){_WS}+))"
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAY_FULL = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATES = re.compile(
    rf"(?P<full>{_DATETIME})(?![\d,]*\d)"
    rf"|(?P<monthday>\b{_MON}{_WS}+{_DAYNUM}\b)(?!,?{_WS}*\d)"
    rf"|(?P<monthyear>\b{_MONTH_FULL}{_WS}+{_YEAR}\b)"
    rf"|(?P<relphrase>\b(?:(?:[Ee]arlier|[Ll]ater){_WS}+this|[Tt]his|[Ll]ast|[Nn]ext){_WS}+(?:week(?:end)?|month|year|morning|afternoon|evening|spring|summer|autumn|fall|winter)\b"
    rf"|\b(?:[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow)\b)"
    rf"|{_PREP}(?:(?P<weekday>{_WEEKDAY_FULL}(?:{_WS}+(?:morning|afternoon|evening|night))?)(?!,?{_WS}+(?:{_MON}{_WS}|\d))"
    rf"|(?P<month>{_MONTH_FULL})(?!{_WS}+\d)|(?P<year>{_YEAR}))\b(?![\d,]*\d)"
    rf"|(?P<wdayposs>\b{_WEEKDAY_FULL}(?=[\u2019']s\b|{_WS}+(?:morning|afternoon|evening|night)\b))"
)
# Cheap first scan: where a date word starts (month, weekday, relative word, number). Two scans,
# each fast in its own way (one pattern over all of them is three times slower): a pattern that
# starts with a character class (capitals and ASCII digits are rare, so the engine skips quickly;
# digits of other scripts get a scan of their own), and str.find for the few lower-case words.
# Together they find what this one pattern would find (tests/test_article.py checks it):
#   \b(?:Jan|Feb|…|Dec|Mon|…|Sun|[Tt]his|[Ll]ast|[Nn]ext|[Ee]arlier|[Ll]ater|[Yy]esterday|[Tt]oday
#       |[Tt]onight|[Tt]omorrow|ago\b|\d)
_CAPITAL_DATE_WORD = re.compile(
    r"[JFMASONDTWLEY0-9](?<=\b.)(?:(?<=J)(?:an|un|ul)|(?<=F)(?:eb|ri)|(?<=M)(?:ar|ay|on)|(?<=A)(?:pr|ug)"
    r"|(?<=S)(?:ep|at|un)|(?<=O)ct|(?<=N)(?:ov|ext)|(?<=D)ec|(?<=T)(?:ue|hu|his|oday|onight|omorrow)|(?<=W)ed"
    r"|(?<=L)(?:ast|ater)|(?<=E)arlier|(?<=Y)esterday|(?<=[0-9]))"
)
_OTHER_DIGIT = re.compile(r"[^\x00-\x7f](?<=\b\d)")  # a digit of another script ("٣") starting a word
_LOWER_DATE_WORDS = ("this", "last", "next", "earlier", "later", "yesterday", "today", "tonight", "tomorrow", "ago")


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what \w matches


def _date_word_starts(text: str) -> List[Tuple[int, bool]]:
    """(offset, is "ago") of every place a date word starts, in text order."""
    found = [(m.start(), False) for m in _CAPITAL_DATE_WORD.finditer(text)]
    if not text.isascii():
        found.extend((m.start(), False) for m in _OTHER_DIGIT.finditer(text))
    for word in _LOWER_DATE_WORDS:
        i = text.find(word)
        while i >= 0:
            end = i + len(word)
            if (i == 0 or not _word_char(text[i - 1])) and \
                    (word != "ago" or end == len(text) or not _word_char(text[end])):
                found.append((i, word == "ago"))
            i = text.find(word, i + 1)
    found.sort()
    return found


# "three days ago": found from its last word.
_AGO = re.compile(rf"(?P<relphrase>\b(?:\d{{1,2}}|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Aa]{_WS}+few|[Ss]everal){_WS}+(?:days|weeks|months|years){_WS}+ago\b)")
_NAME_BEFORE = re.compile(r"[A-Z][\w.]*[ \u00a0]$")  # "USA Today": a capitalised word right before
_TIME_IN_LINE = re.compile(rf"{_DATETIME}|{_TIME}")
_NUM = re.compile(r"\d+")
_AMPM = re.compile(r"([AaPp])\.?[Mm]")
_HM = re.compile(r"(\d{1,2})[:.](\d\d)")


_MONTH_WORD = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)
_ISO_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_SLASH_DAY = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})")


def _month_of(text: str) -> Optional[int]:
    m = _MONTH_WORD.search(text)
    return 1 + [x[:3] for x in _MONTHS].index(m.group(1).lower()) if m else None


def _iso_date(text: str) -> Optional[_dt.date]:
    """The calendar date a full date expression fixes, or None when it is ambiguous or invalid."""
    try:
        m = _ISO_DAY.search(text)
        if m:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _SLASH_DAY.search(text)
        if m:
            a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if a > 12:
                return _dt.date(y, b, a)
            if b > 12:
                return _dt.date(y, a, b)
            return None  # 05/06/2024: day-month or month-day, the text does not say
        date_part = _HM.split(text, 1)[0]  # leave the time out of the numbers
        month = _month_of(date_part.replace("Mon", "").replace("Sat", "").replace("Sun", ""))
        nums = [int(x) for x in _NUM.findall(date_part)]
        year = next((n for n in nums if n >= 1800), None)
        day = next((n for n in nums if 1 <= n <= 31), None)
        if month and year and day:
            return _dt.date(year, month, day)
    except ValueError:
        return None
    return None


def _iso_time(text: str) -> Optional[str]:
    m = None
    for m in _HM.finditer(text):
        pass
    if m is None:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    ampm = _AMPM.search(text[m.end():])
    if ampm:
        if hour > 12:
            return None
        hour = hour % 12 + (12 if ampm.group(1).lower() == "p" else 0)
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def _value(text: str, *, with_time: bool) -> Optional[str]:
    day = _iso_date(text)
    if day is None:
        return None
    t = _iso_time(_ISO_DAY.sub("", text)) if with_time else None
    return f"{day.isoformat()}T{t}" if t else day.isoformat()


def _region_finder(items):
    items = sorted(items, key=lambda x: x.start)
    starts = [x.start for x in items]

    def region(offset: int) -> str:
        i = bisect_right(starts, offset) - 1
        return items[i].kind if i >= 0 and offset < items[i].end else ""

    return region


_PREP_WORDS = frozenset("on since by until from before after in during of through between and early late mid last next this".split())
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _previous_word_start(text: str, p: int) -> int:
    """Start of the word before offset ``p`` when it is a preposition-like word ("on", "mid-"), else -1."""
    k = p - 1
    while k >= 0 and p - k < 4 and text[k] in " \t\u00a0-":
        k -= 1
    end = k + 1
    while k >= 0 and end - k <= 8 and text[k] in _WORD_CHARS:
        k -= 1
    if k >= 0 and text[k] in _WORD_CHARS:
        return -1
    return k + 1 if text[k + 1:end].lower() in _PREP_WORDS else -1


def _date_matches(text: str):
    """``_DATES`` matches, tried only where a date word starts (a cheap scan, then a full match there).

    A match may begin one word before its date word ("on Friday", "mid-May"), and "N days ago" a few
    words before "ago"; a match must reach the date word.
    """
    last_end = 0
    for p, is_ago in _date_word_starts(text):
        if p < last_end:
            continue
        if is_ago:
            m = _AGO.search(text, max(last_end, p - 24), p + 3)
            if m:
                last_end = m.end()
                yield m
            continue
        q = _previous_word_start(text, p)
        m = _DATES.match(text, q) if q >= last_end else None
        if m is None or m.end() <= p:
            m = _DATES.match(text, p)
        if m:
            last_end = m.end()
            yield m


def _find_dates(text: str, furniture, parts) -> List[DateMention]:
    region = _region_finder(list(furniture) + list(parts))
    found: List[DateMention] = []
    for f in furniture:  # the page date and timestamps: one mention for the date-time they carry
        if f.kind not in ("page_date", "timestamp"):
            continue
        m = _TIME_IN_LINE.search(f.text)
        if m:
            s = f.start + m.start()
            found.append(DateMention(s, s + len(m.group(0)), m.group(0), f.kind,
                                     _value(m.group(0), with_time=f.kind == "timestamp"), f.kind))
    for m in _date_matches(text):
        s, e = m.span()
        where = region(s)
        if where in ("page_date", "timestamp"):
            continue
        groups = m.groupdict()
        if groups.get("full"):
            role, value = "event_date", _value(m.group("full"), with_time=True)
        elif groups.get("monthday"):
            role, value = "event_date", None  # no year: the text alone does not fix the date
        elif groups.get("monthyear"):
            month, year = _month_of(m.group("monthyear")), _NUM.search(m.group("monthyear")).group(0)
            role, value = "event_date", f"{year}-{month:02d}"
        elif groups.get("relphrase") or groups.get("wdayposs"):
            role, value = "relative_day", None
            if m.group(0)[0] == "T" and _NAME_BEFORE.search(text, max(0, s - 30), s):
                continue  # "USA Today", "Russia Today": a name, not a day
        elif groups.get("rel"):  # "last Friday", "next May": counted from the publication date
            role, value = "relative_day", None
        elif groups.get("weekday"):  # "on Friday": the preposition is context, not part of the date
            s, role, value = m.start("weekday"), "relative_day", None
        elif groups.get("month"):  # "in May": a month with no year
            s, role, value = m.start("month"), "event_date", None
        else:  # "in 2014"
            s, role, value = m.start("year"), "year", m.group("year")
        found.append(DateMention(s, e, text[s:e], role, value, region(s)))
    found.sort(key=lambda d: (d.start, d.end))
    return found


# ---------------------------------------------------------------------------------------------
# Provenance notes


_MONTH_NAMES = tuple(m.title() for m in _MONTHS)
_DAY_NAMES = tuple(w.title() for w in _WEEKDAYS)


def _long(day: _dt.date) -> str:
    return f"{_DAY_NAMES[day.weekday()]}, {_MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"


def _count_back(name: str, anchor: _dt.date) -> Tuple[int, _dt.date]:
    """Days back from ``anchor`` to the most recent weekday ``name`` (0 when it is that day), and that date."""
    back = (anchor.weekday() - _WEEKDAYS.index(name)) % 7
    return back, anchor - _dt.timedelta(days=back)


def _where(d: DateMention, paragraph_starts: List[int]) -> str:
    if d.region == "paragraph":
        return f"paragraph {bisect_right(paragraph_starts, d.start)}"
    return f"the {d.region}" if d.region else "the page"


def _weekday_reading(name: str, anchor: _dt.date) -> str:
    back, target = _count_back(name, anchor)
    when = f"{_MONTH_NAMES[target.month - 1]} {target.day}"
    if back == 0:
        return f"{name.title()} is that same day, {when}"
    return f"the most recent {name.title()} is {when}, {back} day{'s' * (back > 1)} before"


_PREP_BEFORE = re.compile(r"\b(?:[Oo]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom)[ \u00a0]$")


def _with_prep(text: str, d: DateMention) -> str:
    """'on Friday' rather than 'Friday' when the text has the preposition (for readable notes)."""
    m = _PREP_BEFORE.search(text, max(0, d.start - 7), d.start)
    return text[m.start():d.end] if m else d.text


_UNIT_WORD = {unit: re.compile(rf"\b{unit}\b") for unit in ("month", "year", "week")}


def _notes(text: str, dates: List[DateMention], parts) -> List[str]:
    notes: List[str] = []
    if not dates:
        return notes
    anchors = []  # (label, date, mention)
    for role, label in (("page_date", "the page date"), ("timestamp", "the timestamp")):
        d = next((x for x in dates if x.role == role and x.value), None)
        if d is not None:
            anchors.append((label, _dt.date.fromisoformat(d.value[:10]), d))
    # A weekday printed with a date that does not fall on it.
    for d in dates:
        named = next((w for w in _WEEKDAYS if w in d.text.lower()), None)
        if d.value and named and len(d.value) >= 10:
            actual = _DAY_NAMES[_dt.date.fromisoformat(d.value[:10]).weekday()]
            if actual.lower() != named:
                notes.append(f"The page says '{d.text}', but that date was a {actual}: one of the two is wrong; check the original.")
    if len(anchors) == 2 and anchors[0][1] != anchors[1][1]:
        (_, pd, pdm), (_, ts, tsm) = anchors
        notes.append(
            f"The page is dated {pdm.text} but the timestamp says {tsm.text}: which is the publication date? "
            f"The page does not say. A date at the top of a saved page can be the day it was viewed or saved, and a "
            f"timestamp can belong to the article, to an update or to the copy; {_long(pd)} and {_long(ts)} are "
            f"{abs((pd - ts).days)} days apart. Find the original article before you rely on either date."
        )
    relative = [d for d in dates if d.role == "relative_day" and d.region in PART_KINDS]
    paragraph_starts = [p.start for p in parts if p.kind == "paragraph"]
    weekdays = [(d, next(w for w in _WEEKDAYS if d.text.lower().split()[-1].startswith(w) or w in d.text.lower()))
                for d in relative if any(w in d.text.lower() for w in _WEEKDAYS)]
    if relative and not anchors:
        said = ", ".join(f"'{d.text}'" for d in relative[:4])
        notes.append(f"The page shows no date, so {said} cannot be placed in time: find when the article was first published.")
    if weekdays and anchors:
        for label, anchor, mention in anchors:
            readings = "; ".join(f"'{_with_prep(text, d)}' ({_where(d, paragraph_starts)}): {_weekday_reading(w, anchor)}"
                                 for d, w in weekdays[:MAX_NOTED_DAYS])
            notes.append(f"Counted back from {label} ({_long(anchor)}): {readings}.")
        if len(anchors) == 2 and any(_count_back(w, anchors[0][1])[1] != _count_back(w, anchors[1][1])[1]
                                     for _, w in weekdays):
            notes.append(
                "Days named without a date ('on Friday') only mean something against the publication date. Counted "
                "back from the two dates on this page (as for events already reported), they fall on different days; "
                "news style names a weekday only within a week of publication, so both readings are possible. The "
                "text alone does not settle which one is meant."
            )
    if len(anchors) == 2 and relative:
        (_, pd, _m1), (_, ts, _m2) = anchors
        for unit, differs, name_of in (
                ("month", (pd.year, pd.month) != (ts.year, ts.month), lambda d: f"{_MONTH_NAMES[d.month - 1]} {d.year}"),
                ("year", pd.year != ts.year, lambda d: str(d.year)),
                ("week", pd.isocalendar()[:2] != ts.isocalendar()[:2], lambda d: f"the week of {_long(d)}")):
            said = sorted({d.text for d in relative if _UNIT_WORD[unit].search(d.text)})
            if said and differs:
                shown = ", ".join(f"'{x}'" for x in said)
                notes.append(f"{shown} also depend{'s' * (len(said) == 1)} on the publication date: 'this {unit}' is "
                             f"{name_of(ts)} with the timestamp and {name_of(pd)} with the page date.")
    return notes


# ---------------------------------------------------------------------------------------------
# The entry point


@lru_cache(maxsize=16)
def _segment_cached(text: str):
    furniture, runs, _lines_ = _segment_lines(text)
    parts = _parts_from_runs(text, runs)
    furniture.sort(key=lambda f: f.start)
    dates = _find_dates(text, furniture, parts)
    notes = _notes(text, dates, parts)
    return tuple(furniture), tuple(parts), tuple(dates), tuple(notes)


def segment_page(text: str) -> Tuple[Tuple[Furniture, ...], Tuple[Part, ...], Tuple[DateMention, ...], Tuple[str, ...]]:
    """Split a page's ``text`` into (furniture, parts, dates, notes), all as offsets into ``text``."""
    if not isinstance(text, str):
        raise KitInputError(f"segment_page() needs the text as a str, not {type(text).__name__}")
    return _segment_cached(text)


# ---------------------------------------------------------------------------------------------
# Loading


def _decode(data: bytes, where: str) -> str:
    if b"\x00" in data[:8192]:
        raise KitInputError(f"{where} looks like a binary file, not text; give a .txt, .md or .html file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise KitInputError(
            f"{where} is not UTF-8 text (byte {err.start} cannot be read); save it as UTF-8 and try again"
        ) from None


def read_source(source: Union[str, os.PathLike]) -> Tuple[str, str]:
    """(text, origin) for a path; raises KitInputError with what to do."""
    path = Path(source)
    if path.is_dir():
        raise KitInputError(f"{path} is a folder; give the path of one article file inside it")
    if not path.exists():
        raise KitInputError(f"no file at {path}; check the path, or pass the article's text itself")
    return _decode(path.read_bytes(), str(path)), str(path)


def _looks_like_path(source: str) -> bool:
    return "\n" not in source and len(source) < 1024 and (
        os.path.exists(source) or source.lower().endswith((".txt", ".md", ".html", ".htm"))
    )


HTML_SUFFIXES = (".html", ".htm")


def _from_html(html: Union[str, bytes], origin: str, url: Optional[str] = None) -> Article:
    from dataclasses import replace

    from .html_source import read_html  # imports this module: import it only when a page arrives

    page = read_html(html, origin=origin, url=url)
    return replace(page.article, page=page)


def load_article(source: Union[None, str, os.PathLike, bytes, Article] = None, *,
                 html: Optional[bool] = None) -> Article:
    """The seed (no argument), a file (a path), a web page (a URL), a text (a string) or UTF-8 bytes.

    A string or bytes is analysed exactly as given. A web page (a URL, a ``.html``/``.htm`` file,
    or any source with ``html=True``) goes through an HTML extractor first: its body text is what
    is analysed, and ``Article.page`` keeps the metadata, the page text the extractor dropped and
    the original HTML.
    """
    if isinstance(source, Article):
        return source
    if isinstance(source, str) and "\n" not in source:
        from .fetch import fetch_article, is_url

        if is_url(source):
            page = fetch_article(source)
            from dataclasses import replace

            return replace(page.article, page=page)
    path_given = isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source))
    if path_given and html is not False and str(source).lower().endswith(HTML_SUFFIXES):
        if Path(source).is_file():
            return _from_html(Path(source).read_bytes(), str(source))
    if html and source is not None and not path_given:
        return _from_html(source if isinstance(source, (str, bytes)) else bytes(source), "<html>")
    if source is None:
        text, origin = resources.seed_text(), "seed"
    elif isinstance(source, (bytes, bytearray, memoryview)):
        text, origin = _decode(bytes(source), "the bytes given"), "<text>"
    elif isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        text, origin = read_source(source)
    elif isinstance(source, str):
        text, origin = source, "<text>"
    else:
        raise KitInputError(
            f"load_article() got a {type(source).__name__}; give nothing (the seed), a file path, the text as a "
            f"string or its UTF-8 bytes"
        )
    if not text.strip():
        raise KitInputError(
            f"{'the text' if origin == '<text>' else origin} is empty (or only spaces); there is nothing to analyse: "
            f"give a file or a string with the article in it"
        )
    if html:
        return _from_html(text, origin)
    furniture, parts, dates, notes = segment_page(text)
    return Article(text, origin, furniture, parts, dates, notes)
