"""Fetch a news article from a web address, with limits and plain-language errors.

``fetch_article(url)`` downloads one page with the standard library (``urllib``): http and https
only, a timeout, a size cap read in chunks (the download stops at the cap), and a check of the
content type before any reading. The page then goes through :func:`kit.html_source.read_html`.
Every failure is a :class:`KitInputError` that says what happened and what the reader can do:
the host cannot be reached, the request timed out, the server answered 404 or 403 (a login or a
paywall), the address gives a PDF, an image or JSON, the page is too large, the extracted text is
too short to be the article, or the text is not English (the kit's lexicons are English-only).

    >>> page = fetch_article("https://example.org/news/story.html")  # doctest: +SKIP
    >>> page.article.headline.text, page.metadata["sitename"]  # doctest: +SKIP
"""
from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from typing import Optional, Tuple

from .errors import KitInputError
from .html_source import (MIN_ARTICLE_WORDS, MIN_ENGLISH_SHARE, HtmlArticle, english_share, read_html,
                          short_text_message)

DEFAULT_TIMEOUT = 10.0  # seconds to connect, and between two chunks of the answer
TOTAL_TIMEOUTS = 6  # the whole download may take this many timeouts (a server trickling bytes stops too)
DEFAULT_MAX_BYTES = 5_000_000  # a news page with its markup is rarely over 2 MB
CHUNK_BYTES = 64 * 1024
USER_AGENT = "kit/0.1 (media-literacy teaching kit; +https://pypi.org/project/trafilatura/)"
SCHEMES = ("http", "https")
HTML_TYPES = ("text/html", "application/xhtml+xml")

# What a content type is, in words a student understands.
_KINDS = (
    ("application/pdf", "a PDF document"),
    ("image/", "an image"),
    ("video/", "a video"),
    ("audio/", "an audio file"),
    ("application/json", "JSON data"),
    ("application/ld+json", "JSON data"),
    ("text/plain", "plain text"),
    ("text/csv", "a table (CSV)"),
    ("application/xml", "XML data (perhaps a news feed)"),
    ("text/xml", "XML data (perhaps a news feed)"),
    ("application/rss+xml", "a news feed (RSS)"),
    ("application/atom+xml", "a news feed (Atom)"),
    ("application/zip", "a zip archive"),
    ("application/msword", "a Word document"),
    ("application/vnd.", "an office document"),
)
# What to do about an HTTP status, by code.
_HTTP_ADVICE = {
    400: "the server did not understand the request; check the address",
    401: "the page may be behind a paywall or login; open it in a browser where you are logged in, save it "
         "(File > Save Page As, 'Web page, HTML only') and load the saved file",
    403: "the page may be behind a paywall or login, or the site refuses programs that download pages; open it "
         "in a browser, save it (File > Save Page As, 'Web page, HTML only') and load the saved file",
    404: "there is no page at this address; check it for typing errors, or find the article again on the site",
    410: "the page has been removed; look for an archived copy (for example on web.archive.org)",
    429: "the site has had too many requests; wait a few minutes and try again, or save the page from a browser",
    451: "the page is not available in this country for legal reasons",
}


def _kind(content_type: str) -> str:
    return next((words for prefix, words in _KINDS if content_type.startswith(prefix)), f"'{content_type}'")


def is_url(source: object) -> bool:
    """True for a one-line string starting with http:// or https:// (what load_article should fetch)."""
    return (isinstance(source, str) and "\n" not in source.strip()
            and source.strip().lower().startswith(("http://", "https://")))


def check_url(url: str) -> str:
    """The URL, checked: an http(s) address with a host; raises KitInputError otherwise."""
    if not isinstance(url, str):
        raise KitInputError(f"a web address must be a str, not {type(url).__name__}")
    url = url.strip()
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    if not scheme:
        raise KitInputError(f"'{url}' has no scheme; a web address starts with https:// or http:// "
                            f"(try 'https://{url}')")
    if scheme not in SCHEMES:
        raise KitInputError(f"'{url}' is a {scheme}: address; the kit fetches only http:// and https:// pages "
                            f"(for a file on this computer, give its path)")
    if not parts.hostname:
        raise KitInputError(f"'{url}' names no host; a web address looks like https://example.org/news/story")
    return url


def _reason_text(reason) -> str:
    return str(getattr(reason, "strerror", None) or reason)


def explain_network_error(url: str, err: BaseException, *, timeout: float) -> KitInputError:
    """A KitInputError saying in words what went wrong with the download of ``url``."""
    host = urllib.parse.urlsplit(url).hostname or url
    if isinstance(err, urllib.error.HTTPError):
        advice = _HTTP_ADVICE.get(err.code) or (
            "the site has a problem; try again later" if err.code >= 500 else "the site refused the request")
        return KitInputError(f"{url} answered HTTP {err.code} ({err.reason}): {advice}")
    reason = err.reason if isinstance(err, urllib.error.URLError) else err
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return KitInputError(f"{host} did not answer within {timeout:g} seconds; the site may be down or slow: try "
                             f"again later, or save the page from a browser and load the file")
    if isinstance(reason, socket.gaierror):
        return KitInputError(f"cannot find the host '{host}' ({_reason_text(reason)}): check the address for typing "
                             f"errors and that this computer is online")
    if isinstance(reason, ConnectionRefusedError):
        return KitInputError(f"{host} refused the connection: nothing answers at this address and port; check the "
                             f"address, or try again later")
    if isinstance(reason, ssl.SSLError):
        return KitInputError(f"the secure connection to {host} failed ({_reason_text(reason)}); the site's "
                             f"certificate may be wrong: open the page in a browser and save it instead")
    if isinstance(reason, (ConnectionError, OSError, http.client.HTTPException)):
        return KitInputError(f"cannot reach {host} ({type(reason).__name__}: {_reason_text(reason)}); check the "
                             f"address and the connection, or save the page from a browser and load the file")
    return KitInputError(f"cannot fetch {url}: {reason}")


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) addresses only (urllib would also follow one to ftp://)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        target = urllib.parse.urljoin(req.full_url, newurl)
        if urllib.parse.urlsplit(target).scheme.lower() not in SCHEMES:
            raise KitInputError(f"{req.full_url} redirects to {target}, which is not an http(s) page; the kit "
                                f"follows only redirects to web pages")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _content_type(headers: Message) -> Tuple[str, Optional[str]]:
    """(media type in lower case, charset or None) from the Content-Type header."""
    media = (headers.get_content_type() or "").lower() if headers.get("Content-Type") else ""
    return media, headers.get_content_charset()


def _read_capped(response, url: str, max_bytes: int, deadline: float, timeout: float) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise KitInputError(f"{url} is {int(declared):,} bytes, more than the {max_bytes:,} the kit reads "
                            f"(max_bytes); a news page is rarely that large: check the address")
    chunks = []
    size = 0
    while True:
        chunk = response.read(CHUNK_BYTES)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise KitInputError(f"{url} sent more than {max_bytes:,} bytes, the most the kit reads (max_bytes); "
                                f"the download was stopped: a news page is rarely that large, check the address")
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise KitInputError(f"{url} took more than {timeout * TOTAL_TIMEOUTS:g} seconds to send the page; the site "
                                f"is too slow: try again later, or save the page from a browser and load the file")
    return b"".join(chunks)


def download(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES
             ) -> Tuple[bytes, Optional[str], str]:
    """``(body, charset, final_url)`` of an HTML page; KitInputError for anything else."""
    url = check_url(url)
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"})
    deadline = time.monotonic() + timeout * TOTAL_TIMEOUTS
    opener = urllib.request.build_opener(_WebOnlyRedirects())  # proxies from the environment, redirects followed
    try:
        with opener.open(request, timeout=timeout) as response:
            final = response.geturl() or url
            if urllib.parse.urlsplit(final).scheme.lower() not in SCHEMES:
                raise KitInputError(f"{url} redirects to {final}, which is not an http(s) page")
            media, charset = _content_type(response.headers)
            if media and media not in HTML_TYPES:
                raise KitInputError(
                    f"{url} is {_kind(media)}, not a web page; the kit reads HTML pages and plain text. "
                    f"Copy the article's text into a .txt file and load that file")
            body = _read_capped(response, url, max_bytes, deadline, timeout)
    except KitInputError:
        raise
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as err:
        raise explain_network_error(url, err, timeout=timeout) from None
    if not body.strip():
        raise KitInputError(f"{url} sent an empty page; try again, or save the page from a browser")
    if not media and not body.lstrip()[:1] == b"<":
        raise KitInputError(f"{url} did not say what it sent, and it does not look like HTML; save the page from a "
                            f"browser and load the file")
    return body, charset, final


def fetch_article(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
                  min_words: int = MIN_ARTICLE_WORDS, english_only: bool = True) -> HtmlArticle:
    """Download ``url`` and read it as an article (see :func:`kit.html_source.read_html`).

    Raises :class:`KitInputError` when the page cannot be fetched, is not HTML, is over
    ``max_bytes``, yields fewer than ``min_words`` words of article text (paywall, JavaScript,
    teaser), or is not in English (``english_only=False`` lets other languages through).
    """
    body, charset, final = download(url, timeout=timeout, max_bytes=max_bytes)
    page = read_html(body, origin=final, url=final, encoding=charset)
    if english_only:
        share = english_share("\n".join(p.text for p in page.article.parts))
        if share is not None and share < MIN_ENGLISH_SHARE:
            lang = page.metadata.get("language")
            said = f" (the page declares the language '{lang}')" if lang else ""
            raise KitInputError(
                f"{final} does not look like English{said}: only {share:.0%} of its words are common English words "
                f"such as 'the', 'of', 'said' (English news: 25-50%). The kit's lexicons are English-only, so its "
                f"findings would mean nothing here; use an English article")
    short = short_text_message(page, min_words=min_words)
    if short:
        raise KitInputError(short)
    return page
