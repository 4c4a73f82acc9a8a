"""Claims in the reporter's own voice with no attribution. (Stub: filled in by the attribution work.)"""
from __future__ import annotations

from typing import List

from spacy.tokens import Doc

from .records import Claim


def find_unattributed(doc: Doc) -> List[Claim]:
    return []
