"""A media-literacy teaching kit: who says so, how it is said, and what can be checked.

    >>> import kit
    >>> article = kit.load_article()        # the seed article, exactly as received
    >>> result = kit.analyze(article)        # deterministic rules on spacy.blank("en")
    >>> result.attributions[0].stance
"""
from .article import Article, load_article
from .analysis import Analysis, analyze
from .errors import KitInputError

__all__ = ["Article", "Analysis", "KitInputError", "analyze", "load_article"]
__version__ = "0.1.0"
