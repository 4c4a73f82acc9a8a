"""Who says so: reporting cues, their sources and contents. (Stub: filled in by the attribution work.)"""
from __future__ import annotations

from typing import List

from spacy.tokens import Doc

from .records import Attribution


def find_attributions(doc: Doc) -> List[Attribution]:
    return []
