"""``kit.analyze()``: run the pipeline over an article and hold every layer as plain records."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple, Union
import os

from spacy.tokens import Doc

from . import store
from .article import Article, load_article
from .errors import KitInputError
from .pipeline import DEFAULT_MODEL, get_nlp
from .records import Attribution, Claim, DateMention, Figure, Furniture, Loaded, Part

SCHEMA_VERSION = 1


@dataclass
class Analysis:
    """Everything the kit found in one text. ``to_dict()`` is the JSON contract."""

    article: Article
    furniture: List[Furniture]
    parts: List[Part]
    dates: List[DateMention]
    notes: List[str]
    attributions: List[Attribution]
    loaded: List[Loaded]
    figures: List[Figure]
    unattributed: List[Claim]
    model: str
    doc: Doc = field(repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.article.text

    def summary(self) -> dict:
        """Who speaks, how many words each source gets, which verbs each source gets."""
        words: Counter = Counter()
        verbs: Dict[str, Counter] = defaultdict(Counter)
        stances: Dict[str, Counter] = defaultdict(Counter)
        unnamed = 0
        for a in self.attributions:
            who = a.speaker or (a.source.text if a.source else "(no source given)")
            if a.content is not None:
                words[who] += len(a.content.text.split())
            else:
                words[who] += 0
            verbs[who][a.cue_lemma] += 1
            stances[who][a.stance] += 1
            unnamed += a.source_kind in ("unnamed", None)
        return {
            "voices": [{"speaker": s, "words": n, "attributions": sum(verbs[s].values())}
                       for s, n in sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))],
            "verbs_by_speaker": {s: dict(sorted(c.items())) for s, c in sorted(verbs.items())},
            "stance_by_speaker": {s: dict(sorted(c.items())) for s, c in sorted(stances.items())},
            "attributions_without_named_source": unnamed,
            "counts": {
                "attributions": len(self.attributions),
                "loaded": len(self.loaded),
                "figures": len(self.figures),
                "unattributed": len(self.unattributed),
            },
            "loaded_by_category": dict(sorted(Counter(x.category for x in self.loaded).items())),
            "figures_by_verdict": dict(sorted(Counter(x.verdict for x in self.figures).items())),
        }

    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA_VERSION,
            "model": self.model,
            "origin": self.article.origin,
            "text": self.text,
            "furniture": [x.to_dict() for x in self.furniture],
            "parts": [x.to_dict() for x in self.parts],
            "dates": [x.to_dict() for x in self.dates],
            "notes": list(self.notes),
            "attributions": [x.to_dict() for x in self.attributions],
            "loaded": [x.to_dict() for x in self.loaded],
            "figures": [x.to_dict() for x in self.figures],
            "unattributed": [x.to_dict() for x in self.unattributed],
            "summary": self.summary(),
        }

    def report(self, *, width: int = 100) -> str:
        from .report import render_report

        return render_report(self, width=width)


def _analysis_from_doc(article: Article, doc: Doc, model: str) -> Analysis:
    return Analysis(
        article=article,
        furniture=store.layer(doc, "furniture"),
        parts=store.layer(doc, "parts"),
        dates=store.layer(doc, "dates"),
        notes=store.layer(doc, "notes"),
        attributions=store.layer(doc, "attributions"),
        loaded=store.layer(doc, "loaded"),
        figures=store.layer(doc, "figures"),
        unattributed=store.layer(doc, "unattributed"),
        model=model,
        doc=doc,
    )


# spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters) to spare the memory a parser
# or NER needs; the default pipeline has neither, so it takes long texts (a 5 MB paste runs).
BLANK_MAX_LENGTH = 100_000_000


def _fit_length(nlp, text: str, model: Optional[str]) -> None:
    """Let the parser-free pipeline take ``text``; say what to do when a trained one cannot."""
    if len(text) <= nlp.max_length:
        return
    if not any(nlp.has_pipe(name) for name in ("parser", "ner")) and len(text) <= BLANK_MAX_LENGTH:
        nlp.max_length = BLANK_MAX_LENGTH
        return
    raise KitInputError(
        f"the text has {len(text):,} characters, more than the {nlp.max_length:,} the pipeline "
        f"{model or DEFAULT_MODEL!r} takes at once; split it into articles"
        + (", or leave out the trained model" if model not in (None, "", DEFAULT_MODEL) else "")
    )


def analyze(source: Union[None, str, os.PathLike, Article] = None, *, model: Optional[str] = None) -> Analysis:
    """Analyse an article (default: the seed), a file path or a text.

    ``model=None`` uses the deterministic rules on ``spacy.blank("en")``; a package name such as
    ``"en_core_web_sm"`` uses that trained pipeline (if installed) under the same rules.
    """
    article = load_article(source)
    nlp = get_nlp(model)
    _fit_length(nlp, article.text, model)
    doc = nlp(_doc_for(nlp, article))
    return _analysis_from_doc(article, doc, model or DEFAULT_MODEL)


def _doc_for(nlp, article: Article) -> Doc:
    """A tokenized Doc carrying the Article's page split, so the pipeline does not split it again."""
    doc = nlp.make_doc(article.text)
    doc.user_data["kit_text"] = article.text  # the exact text, so no component has to rebuild Doc.text
    for name in ("furniture", "parts", "dates", "notes"):
        store.put(doc, name, getattr(article, name))
    return doc


def analyze_many(articles, *, model: Optional[str] = None, batch_size: int = 64):
    """Analyse many loaded articles in one pipeline pass (``nlp.pipe``), in input order."""
    nlp = get_nlp(model)
    articles = list(articles)
    for article in articles:
        _fit_length(nlp, article.text, model)
    docs = nlp.pipe((_doc_for(nlp, a) for a in articles), batch_size=batch_size)
    for article, doc in zip(articles, docs):
        yield _analysis_from_doc(article, doc, model or DEFAULT_MODEL)
