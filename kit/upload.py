"""Files from an ipywidgets ``FileUpload``, the same way in ipywidgets 7.7 (Colab) and 8 (JupyterLab).

    >>> from kit.upload import uploaded_files, article_from_upload
    >>> article = article_from_upload(upload.value)     # upload = ipywidgets.FileUpload(...)

``FileUpload.value`` is a dict keyed by file name in ipywidgets 7 (``{name: {"metadata": {...},
"content": bytes}}``) and a tuple of dicts in 8 (``({"name": ..., "type": ..., "size": ...,
"content": memoryview, ...}, ...)``). :func:`uploaded_files` turns either into a list of
``(name, bytes)``; :func:`article_from_upload` loads the first (or only) file as an Article,
HTML pages through the HTML extractor like any ``.html`` file.
"""
from __future__ import annotations

from typing import Any, List, Tuple

from .errors import KitInputError

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _content(name: str, content: Any) -> bytes:
    if isinstance(content, (bytes, bytearray, memoryview)):
        return bytes(content)
    raise KitInputError(f"the upload {name!r} has content of type {type(content).__name__}, not bytes")


def uploaded_files(value: Any) -> List[Tuple[str, bytes]]:
    """``[(file name, bytes), ...]`` from a FileUpload value of ipywidgets 7 (dict) or 8 (tuple of dicts)."""
    if value is None:
        return []
    if isinstance(value, dict):  # ipywidgets 7: {name: {"metadata": {...}, "content": bytes}}
        out = []
        for name, item in value.items():
            if not isinstance(item, dict) or "content" not in item:
                raise KitInputError(f"the upload {name!r} has no content; upload the file again")
            out.append((str(name), _content(str(name), item["content"])))
        return out
    if isinstance(value, (tuple, list)):  # ipywidgets 8: ({"name": ..., "content": memoryview, ...}, ...)
        out = []
        for item in value:
            if not isinstance(item, dict) or "content" not in item:
                raise KitInputError(f"an uploaded file arrived as {type(item).__name__} without content; "
                                    "upload the file again")
            name = str(item.get("name") or "upload")
            out.append((name, _content(name, item["content"])))
        return out
    raise KitInputError(f"a FileUpload value is a dict (ipywidgets 7) or a tuple (ipywidgets 8), "
                        f"not a {type(value).__name__}")


def article_from_upload(value: Any):
    """The Article in the (first) uploaded file: .html/.htm through the HTML extractor, else UTF-8 text."""
    from .article import load_article

    files = uploaded_files(value)
    if not files:
        raise KitInputError("no file uploaded yet: click Upload and choose a .txt, .md or .html file")
    name, data = files[0]
    is_html = name.lower().endswith((".html", ".htm")) or data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html"))
    return load_article(data, html=True) if is_html else load_article(data)


def choose_article(*, text: str = "", upload: Any = None, url: str = "", default: Any = None):
    """The article a student chose: pasted ``text`` first, else the ``upload``, else ``url``, else ``default``.

    Returns ``(Article, where it came from)``; ``default`` is what :func:`kit.load_article` takes
    (None = the seed). Only a non-empty ``url`` is fetched.
    """
    from .article import load_article

    if isinstance(text, str) and text.strip():
        return load_article(text), "the pasted text"
    files = uploaded_files(upload)
    if files:
        return article_from_upload(upload), f"the uploaded file {files[0][0]}"
    if isinstance(url, str) and url.strip():
        return load_article(url.strip()), url.strip()
    if default is None:
        return load_article(), "the seed article (nothing pasted, uploaded or given)"
    return load_article(default), "the notebook's ARTICLE parameter"
