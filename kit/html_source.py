"""A web page (saved HTML or a download) as an :class:`~kit.article.Article`, with its provenance.

``read_html(html, origin=...)`` runs trafilatura, the maintained open-source extractor, for the
article's body text and metadata (title, author, site name, date, URL), then builds the text a
student reads: the headline, a byline and a date line taken from the page's metadata, and the
body paragraphs, one paragraph per block. The segmenter (:func:`kit.article.segment_page`) then
finds furniture, headline, standfirst, paragraphs and dates in that text, as for the seed; every
offset is an index into ``HtmlArticle.article.text``.

trafilatura normalises spaces (a no-break space becomes a space); from there on the text is
never changed, and every offset indexes it. Nothing is dropped silently: every block of visible page text that is not in the extracted text
(menus, cookie banners, "Read more" links, captions, comments, footers) is listed in
``HtmlArticle.dropped``, counted in a note for students, and the original HTML is kept in
``HtmlArticle.html``. The same bytes always give the same result (no clock, no network).

    >>> page = read_html(open("page.html", "rb").read(), origin="page.html")  # doctest: +SKIP
    >>> page.article.headline.text, page.metadata["author"], len(page.dropped)  # doctest: +SKIP
"""
from __future__ import annotations

import codecs
import re
from dataclasses import replace
from functools import lru_cache
from typing import Dict, FrozenSet, List, NamedTuple, Optional, Tuple, Union

from . import resources
from .article import Article, segment_page
from .errors import KitInputError

# Metadata keys always present in ``HtmlArticle.metadata`` (None when the page does not give one).
METADATA_KEYS: Tuple[str, ...] = ("title", "author", "sitename", "date", "url", "hostname", "description",
                                  "language")
MAX_DROPPED_IN_NOTE = 5  # examples of dropped blocks quoted in the note for students
MAX_EXAMPLE_CHARS = 80  # an example longer than this is cut with an ellipsis
MIN_WORDS_FOR_LANGUAGE = 30  # below this, too few words to judge the language
MIN_ENGLISH_SHARE = 0.20  # measured on 263 English news texts: 0.25-0.47 (median 0.39); French or German: under 0.1
MIN_ARTICLE_WORDS = 100  # fewer words in the standfirst and paragraphs: a teaser, a paywall or not an article

# trafilatura options: <noscript> holds "enable JavaScript" prompts, never article text.
_PRUNE = "//noscript"
# Dates only from the markup (meta tags, <time>, JSON-LD, the URL), never guessed from a
# copyright year in the text; a fixed latest date keeps the result independent of the clock.
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "max_date": "2099-12-31"}

# Elements whose text a reader never sees on the page.
_INVISIBLE = frozenset("head script style noscript template svg math iframe object canvas select option datalist "
                       "button input textarea".split())
# Elements that start a new block of text (inline elements such as <a>, <em>, <span> do not).
_BLOCK = frozenset("address article aside blockquote body br caption dd details dialog div dl dt fieldset figcaption "
                   "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table "
                   "tbody td tfoot th thead tr ul time".split())
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# A charset declared in the first bytes: <meta charset="…"> or http-equiv content="text/html; charset=…".
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# The start of an HTML document or fragment: a doctype, or one of the tags a page is made of.
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|article|main|div|p|h[1-6]|meta|title|section)[\s>/]", re.I)
_WORDS = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")
_ISO_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)$")


class HtmlArticle(NamedTuple):
    """An article read from HTML, with everything needed to trace it back to the page."""

    article: Article  # the text a student reads, segmented as the seed is
    metadata: Dict[str, Optional[str]]  # METADATA_KEYS: what trafilatura read from the page's markup
    dropped: Tuple[str, ...]  # visible text blocks of the page that are not in the article text, in page order
    html: str  # the page as received (decoded), for provenance
    encoding: str  # how the bytes were decoded ("utf-8", "windows-1252", or "given as str")


# ---------------------------------------------------------------------------------------------
# Decoding


def _codec(name: Optional[str]) -> Optional[str]:
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return None


def decode_html(data: Union[str, bytes], *, declared: Optional[str] = None) -> Tuple[str, str]:
    """``(text, encoding)``: a byte-order mark, then the declared charset (HTTP header, then
    ``<meta charset>``), then UTF-8, then trafilatura's guess; a str is returned as it is."""
    if isinstance(data, str):
        return data, "given as str"
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise KitInputError(f"the HTML must be a str or bytes, not {type(data).__name__}")
    data = bytes(data)
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace"), name
    meta = _META_CHARSET.search(data[:4096])
    candidates = [_codec(declared), _codec(meta.group(1).decode("ascii") if meta else None), "utf-8"]
    for name in candidates:
        if name is None:
            continue
        if name == "iso8859-1":  # browsers read a declared latin-1 page as windows-1252
            name = "cp1252"
        try:
            return data.decode(name), name
        except (UnicodeDecodeError, LookupError):
            continue
    from trafilatura.utils import detect_encoding

    for name in detect_encoding(data):
        try:
            return data.decode(name), name
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace"), "utf-8 (damaged bytes replaced)"


# ---------------------------------------------------------------------------------------------
# What a reader sees on the page


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts (after spaces and a BOM) with markup and has an HTML tag early on."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    return head.startswith("<") and bool(_HTML_START.search(head))


def _parse(html: str):
    import lxml.html

    return lxml.html.fromstring(_XML_DECLARATION.sub("", html, count=1) or "<html></html>")


def _hidden(el) -> bool:
    return (el.get("hidden") is not None or el.get("aria-hidden", "").lower() == "true"
            or bool(_HIDDEN_STYLE.search(el.get("style", ""))))


def visible_blocks(html: str) -> List[str]:
    """The page's visible text as blocks (one per paragraph, heading, list item, cell…), spaces
    collapsed, in page order. Scripts, styles, hidden elements and form controls are left out."""
    from lxml import etree

    try:
        root = _parse(html)
    except (etree.ParserError, ValueError):
        return []
    blocks: List[str] = []
    current: List[str] = []

    def flush() -> None:
        line = " ".join("".join(current).split())
        if line:
            blocks.append(line)
        current.clear()

    stack = [(root, False)]  # (element, closing): a depth-first walk without recursion
    while stack:
        el, closing = stack.pop()
        if closing:
            if el.tag.lower() in _BLOCK:
                flush()
        else:
            tag = el.tag.lower() if isinstance(el.tag, str) else None
            if tag is not None and tag not in _INVISIBLE and not _hidden(el):
                if tag in _BLOCK:
                    flush()
                if el.text:
                    current.append(el.text)
                stack.append((el, True))
                stack.extend((child, False) for child in reversed(el))
                continue
            # a comment, a script, a hidden element: its own text is not shown, what follows it is
        if el.tail:
            current.append(el.tail)
    flush()
    return blocks


def _squash(text: str) -> str:
    return " ".join(text.split())


def dropped_blocks(html: str, extracted: str) -> Tuple[str, ...]:
    """Visible blocks of ``html`` that do not occur (spaces collapsed) in ``extracted``, each once."""
    kept = _squash(extracted)
    seen = set()
    out = []
    for block in visible_blocks(html):
        if block in seen or block in kept:
            continue
        seen.add(block)
        out.append(block)
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# Language


@lru_cache(maxsize=1)
def english_words() -> FrozenSet[str]:
    """The function words of ``kit/data/html/english_words.jsonl``."""
    return frozenset(w for row in resources.load_jsonl("html/english_words.jsonl") for w in row["words"])


@lru_cache(maxsize=1)
def _paywall():
    """One regular expression from ``kit/data/html/paywall.jsonl``."""
    patterns = "|".join(f"(?:{row['pattern']})" for row in resources.load_jsonl("html/paywall.jsonl"))
    return re.compile(rf"\b(?:{patterns})\b", re.I)


def english_share(text: str) -> Optional[float]:
    """Share of the words that are common English function words ("the", "of", "said"…), or None
    when there are fewer than MIN_WORDS_FOR_LANGUAGE words. English news: about 0.25-0.47."""
    words = _WORDS.findall(text)
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return None
    known = english_words()
    return sum(w.lower() in known for w in words) / len(words)


def looks_english(text: str) -> bool:
    """False only when there are enough words to judge and too few English function words."""
    share = english_share(text)
    return share is None or share >= MIN_ENGLISH_SHARE


# ---------------------------------------------------------------------------------------------
# Extraction


def _metadata(doc, url: Optional[str], root_lang: Optional[str]) -> Dict[str, Optional[str]]:
    meta = {key: (getattr(doc, key, None) or None) if doc is not None else None for key in METADATA_KEYS}
    meta["url"] = meta["url"] or url
    meta["language"] = meta["language"] or root_lang
    return {k: (" ".join(v.split()) if isinstance(v, str) else v) for k, v in meta.items()}


def _human_date(iso: str) -> str:
    m = _ISO_DATE.match(iso)
    if not m:
        return iso
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return f"{day} {_MONTH_NAMES[month - 1]} {year}" if 1 <= month <= 12 else iso


def _compose(body_lines: List[str], meta: Dict[str, Optional[str]], *, header: bool) -> Tuple[str, List[str]]:
    """The article text (headline, byline, date line, paragraphs separated by blank lines) and the
    header lines the kit added from metadata."""
    title = meta.get("title")
    lines = list(body_lines)
    added: List[str] = []
    head: List[str] = []
    if header:
        if title and lines and lines[0] == title:
            head.append(lines.pop(0))
        elif title:
            head.append(title)
            added.append(title)
        meta_lines = []
        if meta.get("author"):
            meta_lines.append(f"By {meta['author']}")
        if meta.get("date"):
            meta_lines.append(f"Published {_human_date(meta['date'])}")
        added.extend(meta_lines)
        blocks = head + (["\n".join(meta_lines)] if meta_lines else []) + lines
    else:
        blocks = lines
    return "\n\n".join(blocks) + "\n", added


def read_html(html: Union[str, bytes], *, origin: str, url: Optional[str] = None, encoding: Optional[str] = None,
              header: bool = True) -> HtmlArticle:
    """Read a web page: body text and metadata through trafilatura, dropped page text listed.

    ``origin`` names the source for students (a file path or the URL); ``url`` helps trafilatura
    resolve the page's address; ``encoding`` is a charset declared outside the bytes (an HTTP
    header). With ``header=True`` the headline, a "By …" line and a "Published …" line from the
    page's metadata head the text, so the segmenter finds them as on a scraped page.
    Raises :class:`KitInputError` when the page holds no article text.
    """
    import trafilatura

    text, used = decode_html(html, declared=encoding)
    if not text.strip():
        raise KitInputError(f"{origin} is empty: there is no page to read; save the article's page again")
    if "<" not in text:
        raise KitInputError(f"{origin} has no HTML tags; if it is plain text, save it as .txt and load that")
    doc = trafilatura.bare_extraction(text, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True, include_images=False, include_links=False,
                                      deduplicate=False, prune_xpath=_PRUNE, date_extraction_params=_DATE_PARAMS)
    try:
        root_lang = (_parse(text).get("lang") or "").strip() or None
    except Exception:  # lxml refuses some broken pages; the language attribute is optional
        root_lang = None
    meta = _metadata(doc, url, root_lang)
    body = (doc.text or "") if doc is not None else ""
    body_lines = [_squash(line) for line in body.splitlines() if line.strip()]
    if not body_lines:
        raise KitInputError(
            f"trafilatura found no article text in {origin}: the page may draw its text with JavaScript, sit "
            f"behind a login, or not be an article. Open it in a browser, copy the article's text into a .txt "
            f"file and load that file"
        )
    article_text, added = _compose(body_lines, meta, header=header)
    dropped = dropped_blocks(text, "\n".join(body_lines + [meta.get("title") or ""]))
    furniture, parts, dates, notes = segment_page(article_text)
    notes = list(notes) + _provenance_notes(origin, meta, dropped, added, used, article_text, notes)
    page = HtmlArticle(Article(article_text, origin, furniture, parts, dates, tuple(notes)), meta, dropped, text, used)
    short = short_text_message(page)
    if short:
        page = page._replace(article=replace(page.article, notes=page.article.notes + (f"{short}.",)))
    return page


def body_words(article: Article) -> int:
    """Words in the standfirst and paragraphs (the headline and furniture left out)."""
    return sum(len(p.text.split()) for p in article.parts if p.kind != "headline")


def paywall_hint(page: HtmlArticle) -> bool:
    """True when the extracted text or the dropped blocks ask the reader to subscribe or log in."""
    prompt = _paywall()
    return bool(prompt.search(page.article.text) or any(prompt.search(b) for b in page.dropped))


def short_text_message(page: HtmlArticle, *, min_words: int = MIN_ARTICLE_WORDS) -> Optional[str]:
    """What to tell the reader when the page gave fewer than ``min_words`` words of article text."""
    words = body_words(page.article)
    if words >= min_words:
        return None
    why = ("it asks the reader to subscribe or log in, so the article is probably behind a paywall"
           if paywall_hint(page) else "it may be behind a paywall, need JavaScript, or be a teaser rather than an article")
    return (f"{page.article.origin} gave only {words} word{'s' * (words != 1)} of article text (fewer than {min_words}): "
            f"{why}. Open it in a browser, copy the whole article into a .txt file and load that file")


def article_from_html(html: Union[str, bytes], *, origin: str, url: Optional[str] = None,
                      encoding: Optional[str] = None) -> Article:
    """The :class:`Article` alone (see :func:`read_html` for metadata, dropped text and the HTML)."""
    return read_html(html, origin=origin, url=url, encoding=encoding).article


def _short(block: str) -> str:
    return block if len(block) <= MAX_EXAMPLE_CHARS else block[:MAX_EXAMPLE_CHARS - 1].rstrip() + "\u2026"


def _provenance_notes(origin: str, meta, dropped, added, used: str, text: str, notes_before=()) -> List[str]:
    notes = []
    if added:
        shown = "; ".join(f"'{line}'" for line in added)
        notes.append(f"The kit read this article from a web page ({origin}) with trafilatura. The lines {shown} "
                     f"come from the page's metadata (title, author and date tags), not from its body text.")
    else:
        notes.append(f"The kit read this article from a web page ({origin}) with trafilatura.")
    if dropped:
        examples = "; ".join(f"'{_short(b)}'" for b in dropped[:MAX_DROPPED_IN_NOTE])
        more = f" and {len(dropped) - MAX_DROPPED_IN_NOTE} more" if len(dropped) > MAX_DROPPED_IN_NOTE else ""
        notes.append(f"The extractor left out {len(dropped)} block{'s' * (len(dropped) != 1)} of text shown on the "
                     f"page (menus, captions, 'Read more' links, comments, footers…): {examples}{more}. Check that "
                     f"no part of the article is among them.")
    if not meta.get("date") and not any("shows no date" in n for n in notes_before):
        notes.append("The page's markup gives no publication date: find when the article was first published.")
    if used.startswith("utf-8 (damaged"):
        notes.append("Some bytes of the page could not be decoded and were replaced with '\ufffd'.")
    if not looks_english(text):
        notes.append("This text does not look like English; the kit's lexicons are English-only, so its "
                     "findings here mean little.")
    return notes
