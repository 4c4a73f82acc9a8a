"""The article as the user received it: exact text, split into page furniture and article parts.

``load_article()`` returns the seed; ``load_article(path)`` or ``load_article(text)`` any other.
The text is never changed: NBSP, curly quotes and dashes stay; every part is an offset range.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Tuple, Union

from .errors import KitInputError
from .records import DateMention, Furniture, Part
from . import resources


@dataclass(frozen=True)
class Article:
    text: str
    origin: str  # "seed", a file path, or "<text>"
    furniture: Tuple[Furniture, ...] = ()
    parts: Tuple[Part, ...] = ()
    dates: Tuple[DateMention, ...] = ()
    notes: Tuple[str, ...] = ()  # provenance remarks for students (e.g. dates that disagree)

    @property
    def headline(self) -> Optional[Part]:
        return next((p for p in self.parts if p.kind == "headline"), None)

    @property
    def standfirst(self) -> Optional[Part]:
        return next((p for p in self.parts if p.kind == "standfirst"), None)

    @property
    def paragraphs(self) -> Tuple[Part, ...]:
        return tuple(p for p in self.parts if p.kind == "paragraph")

    def region_at(self, offset: int) -> str:
        """The kind of furniture or part holding character ``offset`` ("" when none)."""
        for item in self.furniture + self.parts:
            if item.start <= offset < item.end:
                return item.kind
        return ""


def segment_page(text: str):
    """Split ``text`` into (furniture, parts, dates, notes). Placeholder: one part per paragraph."""
    parts = []
    pos = 0
    for block in text.split("\n\n"):
        stripped = block.strip()
        if stripped:
            start = text.index(stripped, pos)
            parts.append(Part(start, start + len(stripped), stripped, "paragraph"))
            pos = start + len(stripped)
    return (), tuple(parts), (), ()


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


def load_article(source: Union[None, str, os.PathLike, Article] = None) -> Article:
    """The seed (no argument), a file (a path) or a text (a string) as an :class:`Article`."""
    if isinstance(source, Article):
        return source
    if source is None:
        text, origin = resources.seed_text(), "seed"
    elif isinstance(source, bytes):
        text, origin = _decode(source, "the bytes given"), "<text>"
    elif isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        text, origin = read_source(source)
    elif isinstance(source, str):
        text, origin = source, "<text>"
    else:
        raise KitInputError(
            f"load_article() got a {type(source).__name__}; give nothing (the seed), a file path or the text as a string"
        )
    if not text.strip():
        raise KitInputError(f"{'the text' if origin == '<text>' else origin} is empty; there is nothing to analyse")
    furniture, parts, dates, notes = segment_page(text)
    return Article(text, origin, furniture, parts, dates, notes)
