"""A media-literacy teaching kit: who says so, how it is said, and what can be checked.

    >>> import kit
    >>> article = kit.load_article()        # the seed article, exactly as received
    >>> result = kit.analyze(article)        # deterministic rules on spacy.blank("en")
    >>> result.attributions[0].stance
    'neutral'

The names below are imported on first use, so ``import kit.grading`` (which every graded
exercise runs) does not pay for importing spaCy.
"""
from importlib import import_module

from .errors import KitInputError

__all__ = ["Article", "Analysis", "KitInputError", "analyze", "load_article"]
__version__ = "0.1.0"

_LAZY = {"Article": ".article", "load_article": ".article", "Analysis": ".analysis", "analyze": ".analysis"}


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kit' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
