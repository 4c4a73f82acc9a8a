"""The one exception the kit raises for input it cannot use."""
from __future__ import annotations


class KitInputError(ValueError):
    """Input the kit cannot analyse. The message says what arrived and what would work."""
