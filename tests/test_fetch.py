"""Fetching articles by URL: every error path, against a local HTTP server on 127.0.0.1.

Nothing here touches the internet: the saved pages under tests/fixtures/pages (written for the
kit) are served from a ThreadingHTTPServer on a free port in a background thread.
"""
from __future__ import annotations

import socket
import ssl
import threading
import time
import urllib.error
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kit.errors import KitInputError
from kit.fetch import check_url, download, explain_network_error, fetch_article, is_url
from kit.html_source import HtmlArticle

PAGES = Path(__file__).parent / "fixtures" / "pages"
SLOW_SECONDS = 1.5
CHUNK = b"<p>" + b"x" * 65_000 + b"</p>\n"

# path -> (status, content type or None, body, extra headers)
ROUTES = {
    "/harbour.html": (200, "text/html; charset=utf-8", (PAGES / "harbour_bridge.html").read_bytes(), {}),
    "/meals.html": (200, "text/html; charset=windows-1252", (PAGES / "school_meals.html").read_bytes(), {}),
    "/meals-meta.html": (200, "text/html", (PAGES / "school_meals.html").read_bytes(), {}),
    "/xhtml": (200, "application/xhtml+xml", (PAGES / "harbour_bridge.html").read_bytes(), {}),
    "/untyped.html": (200, None, (PAGES / "harbour_bridge.html").read_bytes(), {}),
    "/untyped.bin": (200, None, b"\x89PNG\r\n\x1a\n binary", {}),
    "/paywall.html": (200, "text/html; charset=utf-8", (PAGES / "paywall.html").read_bytes(), {}),
    "/shell.html": (200, "text/html; charset=utf-8", (PAGES / "app_shell.html").read_bytes(), {}),
    "/french.html": (200, "text/html; charset=utf-8", (PAGES / "marche_fermier.html").read_bytes(), {}),
    "/report.pdf": (200, "application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", {}),
    "/photo.jpg": (200, "image/jpeg", b"\xff\xd8\xff\xe0", {}),
    "/api": (200, "application/json", b'{"headline": "x"}', {}),
    "/feed": (200, "application/rss+xml", b"<rss></rss>", {}),
    "/empty.html": (200, "text/html", b"", {}),
    "/missing": (404, "text/html", b"<h1>Not found</h1>", {}),
    "/gone": (410, "text/html", b"<h1>Gone</h1>", {}),
    "/members": (403, "text/html", b"<h1>Forbidden</h1>", {}),
    "/login": (401, "text/html", b"<h1>Log in</h1>", {"WWW-Authenticate": 'Basic realm="members"'}),
    "/busy": (429, "text/html", b"<h1>Slow down</h1>", {}),
    "/broken": (500, "text/html", b"<h1>Oops</h1>", {}),
    "/redirect": (302, "text/html", b"", {"Location": "/harbour.html"}),
    "/to-ftp": (302, "text/html", b"", {"Location": "ftp://127.0.0.1/file.txt"}),
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, "text/html", (PAGES / "harbour_bridge.html").read_bytes(), {})
        elif self.path == "/huge":  # no Content-Length: the client must count and stop
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(CHUNK)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path == "/declared-huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "50000000")
            self.end_headers()
            try:
                self.wfile.write(CHUNK)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path in ROUTES:
            self._send(*ROUTES[self.path])
        else:
            self._send(404, "text/plain", b"no route", {})

    def _send(self, status, ctype, body, extra):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra.items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """A proxy set in the environment must not catch requests to 127.0.0.1."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def test_fetches_a_saved_page(server):
    page = fetch_article(f"{server}/harbour.html")
    assert isinstance(page, HtmlArticle)
    assert page.article.origin == f"{server}/harbour.html"
    assert page.article.headline.text == "Council approves Eastgate harbour bridge after two-year dispute"
    assert page.metadata["sitename"] == "The Northfield Courier"
    assert page.html == (PAGES / "harbour_bridge.html").read_text(encoding="utf-8")
    for r in list(page.article.parts) + list(page.article.furniture) + list(page.article.dates):
        assert page.article.text[r.start:r.end] == r.text


def test_fetched_page_equals_the_saved_file_read_locally(server):
    from kit.html_source import read_html

    url = f"{server}/harbour.html"
    fetched = fetch_article(url)
    local = read_html((PAGES / "harbour_bridge.html").read_bytes(), origin=url, url=url)
    assert fetched == local


@pytest.mark.parametrize("path, encoding", [
    ("/meals.html", "cp1252"),  # charset from the HTTP header
    ("/meals-meta.html", "cp1252"),  # no charset in the header: the page's <meta> decides
])
def test_charset_from_header_or_meta(server, path, encoding):
    page = fetch_article(f"{server}{path}", min_words=50)
    assert page.encoding == encoding
    assert "£2.60" in page.article.text


@pytest.mark.parametrize("path", ["/xhtml", "/untyped.html", "/redirect"])
def test_other_acceptable_answers(server, path):
    page = fetch_article(f"{server}{path}")
    assert page.article.headline.text.startswith("Council approves Eastgate")


def test_redirect_gives_the_final_address(server):
    assert fetch_article(f"{server}/redirect").article.origin == f"{server}/harbour.html"


@pytest.mark.parametrize("path, message", [
    ("/missing", "HTTP 404 .*no page at this address"),
    ("/gone", "HTTP 410 .*removed"),
    ("/members", "HTTP 403 .*may be behind a paywall or login"),
    ("/login", "HTTP 401 .*may be behind a paywall or login"),
    ("/busy", "HTTP 429 .*too many requests"),
    ("/broken", "HTTP 500 .*try again later"),
])
def test_http_errors(server, path, message):
    with pytest.raises(KitInputError, match=message):
        fetch_article(f"{server}{path}")


@pytest.mark.parametrize("path, message", [
    ("/report.pdf", "is a PDF document, not a web page"),
    ("/photo.jpg", "is an image, not a web page"),
    ("/api", "is JSON data, not a web page"),
    ("/feed", r"is a news feed \(RSS\), not a web page"),
    ("/untyped.bin", "does not look like HTML"),
])
def test_not_html(server, path, message):
    with pytest.raises(KitInputError, match=message):
        fetch_article(f"{server}{path}")


def test_empty_body(server):
    with pytest.raises(KitInputError, match="sent an empty page"):
        fetch_article(f"{server}/empty.html")


def test_timeout(server):
    started = time.monotonic()
    with pytest.raises(KitInputError, match="did not answer within 0.3 seconds"):
        fetch_article(f"{server}/slow", timeout=0.3)
    assert time.monotonic() - started < SLOW_SECONDS


def test_streamed_body_over_the_cap_is_stopped(server):
    with pytest.raises(KitInputError, match=r"sent more than 200,000 bytes.*download was stopped"):
        download(f"{server}/huge", max_bytes=200_000)


def test_declared_length_over_the_cap_is_refused_before_reading(server):
    with pytest.raises(KitInputError, match=r"is 50,000,000 bytes, more than the 5,000,000"):
        download(f"{server}/declared-huge")


def test_under_the_cap_is_read_whole(server):
    body, charset, final = download(f"{server}/huge", max_bytes=10_000_000)
    assert len(body) == 40 * len(CHUNK)
    assert charset is None and final == f"{server}/huge"


def test_refused_connection():
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(KitInputError, match="refused the connection"):
        fetch_article(f"http://127.0.0.1:{port}/story.html", timeout=2)


def test_paywalled_page(server):
    with pytest.raises(KitInputError, match=r"gave only \d+ words of article text.*probably behind a paywall"):
        fetch_article(f"{server}/paywall.html")


def test_page_drawn_by_javascript(server):
    with pytest.raises(KitInputError, match="no article text.*JavaScript"):
        fetch_article(f"{server}/shell.html")


def test_non_english_page(server):
    with pytest.raises(KitInputError, match=r"does not look like English \(the page declares the language 'fr'\)"
                                            r".*lexicons are English-only"):
        fetch_article(f"{server}/french.html")


def test_non_english_page_allowed_on_request(server):
    page = fetch_article(f"{server}/french.html", english_only=False, min_words=50)
    assert page.article.headline.text == "Le marché fermier de Saint-Aubin rouvre ses portes"


def test_redirect_to_another_scheme_is_refused(server):
    with pytest.raises(KitInputError, match="redirects to ftp://127.0.0.1/file.txt, which is not an http"):
        fetch_article(f"{server}/to-ftp")


@pytest.mark.parametrize("url, message", [
    ("file:///etc/passwd", "is a file: address; the kit fetches only http:// and https://"),
    ("ftp://example.org/story.html", "is a ftp: address"),
    ("javascript:alert(1)", "is a javascript: address"),
    ("www.example.org/news/story", r"has no scheme.*try 'https://www.example.org/news/story'"),
    ("https:///news/story", "names no host"),
    (42, "must be a str, not int"),
])
def test_bad_addresses(url, message):
    with pytest.raises(KitInputError, match=message):
        check_url(url)


def test_check_url_accepts_web_addresses():
    assert check_url("  https://example.org/a?b=c  ") == "https://example.org/a?b=c"
    assert check_url("HTTP://example.org/") == "HTTP://example.org/"


@pytest.mark.parametrize("err, message", [
    (urllib.error.URLError(socket.gaierror(-2, "Name or service not known")),
     "cannot find the host 'news.example' .*Name or service not known"),
    (urllib.error.URLError(ssl.SSLCertVerificationError(1, "certificate verify failed")),
     "secure connection to news.example failed"),
    (urllib.error.URLError(ConnectionResetError(104, "Connection reset by peer")),
     "cannot reach news.example .*ConnectionResetError"),
    (TimeoutError("timed out"), "news.example did not answer within 10 seconds"),
    (urllib.error.URLError("something else"), "cannot fetch https://news.example/a: something else"),
])
def test_network_errors_explained(err, message):
    explained = explain_network_error("https://news.example/a", err, timeout=10)
    assert isinstance(explained, KitInputError)
    with pytest.raises(KitInputError, match=message):
        raise explained


@pytest.mark.parametrize("source, expected", [
    ("https://news.example/story", True),
    ("  HTTP://news.example/story\n", True),
    ("http://127.0.0.1:8000/a.html", True),
    ("news.example/story", False),
    ("ftp://news.example/story", False),
    ("https://a.example/x\nand a second line of text", False),
    ("The minister said https://gov.example was down.", False),
    (b"https://news.example/story", False),
    (None, False),
])
def test_is_url(source, expected):
    assert is_url(source) is expected
