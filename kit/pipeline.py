"""The kit's spaCy components, all registered here, and the pipelines that use them.

Default: ``spacy.blank("en")`` plus rule and lexicon components, the same result on every
machine. Opt-in: a trained English pipeline (``model="en_core_web_sm"``) with the same
components after it; the schema of the results is the same.

Each component is a small class doing the work by calling its module's ``find_*`` function,
and writes its records to ``doc.user_data["kit"]`` (see :mod:`kit.store`) and its spans to
``doc.spans["kit_*"]`` so ``displacy.render(doc, style="span", options={"spans_key": ...})``
can show them.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator, Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from . import store
from .article import segment_page
from .attribution import find_attributions
from .claims import find_unattributed
from .errors import KitInputError
from .figures import find_figures
from .loaded import find_loaded
from .sentences import set_sentence_starts

# The order matters: later components read the layers earlier ones wrote.
COMPONENTS = ("kit_page", "kit_attribution", "kit_figures", "kit_loaded", "kit_unattributed")


class _Component:
    """What the kit's components share: ``__call__`` does one doc, ``pipe`` a stream of them."""

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Run over ``docs`` a batch at a time (``nlp.pipe`` calls this).

        Each rule then runs on many docs in a row instead of every rule on one doc before the
        next: measured about 10% faster on a corpus (benchmarks/bench_analyze.py), same output.
        """
        for batch in minibatch(docs, size=batch_size):
            yield from [self(doc) for doc in batch]


class PageSegmenter(_Component):
    """Splits the page into furniture (weather, page date, teaser, footer) and article parts."""

    def __call__(self, doc: Doc) -> Doc:
        if "parts" not in doc.user_data.get("kit", {}):  # kit.analyze() hands over the Article's own split
            furniture, parts, dates, notes = segment_page(store.text(doc))
            store.put(doc, "furniture", furniture)
            store.put(doc, "parts", parts)
            store.put(doc, "dates", dates)
            store.put(doc, "notes", notes)
        furniture = store.layer(doc, "furniture")
        store.set_spans(doc, "furniture", [(f.start, f.end, f.kind) for f in furniture])
        return doc


class SentenceSplitter(_Component):
    """Sentence starts for pipelines without a parser (see :mod:`kit.sentences`)."""

    def __call__(self, doc: Doc) -> Doc:
        return set_sentence_starts(doc)


class AttributionFinder(_Component):
    """Reporting cues with their sources, contents, stances and speakers."""

    def __call__(self, doc: Doc) -> Doc:
        found = find_attributions(doc)
        store.put(doc, "attributions", found)
        triples = []
        for a in found:
            triples.append((a.cue.start, a.cue.end, f"CUE ({a.stance})"))
            if a.source is not None:
                triples.append((a.source.start, a.source.end, "SOURCE"))
            if a.content is not None:
                triples.append((a.content.start, a.content.end, "CONTENT"))
        store.set_spans(doc, "attributions", triples)
        return doc


class FigureFinder(_Component):
    """Quantities with value, unit, bound, claimant and a verdict on whether they can be checked."""

    def __call__(self, doc: Doc) -> Doc:
        found = find_figures(doc)
        store.put(doc, "figures", found)
        store.set_spans(doc, "figures", [(f.start, f.end, f.verdict.upper()) for f in found])
        return doc


class LoadedFinder(_Component):
    """Loaded wording from the kit's lexicons, each flag with its explanation."""

    def __call__(self, doc: Doc) -> Doc:
        found = find_loaded(doc)
        store.put(doc, "loaded", found)
        store.set_spans(doc, "loaded", [(f.start, f.end, f.category.upper()) for f in found])
        return doc


class UnattributedFinder(_Component):
    """Sentences in the reporter's own voice that state facts with no source."""

    def __call__(self, doc: Doc) -> Doc:
        found = find_unattributed(doc)
        store.put(doc, "unattributed", found)
        store.set_spans(doc, "unattributed", [(c.start, c.end, "UNATTRIBUTED") for c in found])
        return doc


@Language.factory("kit_page", assigns=["doc.spans"])
def make_page(nlp: Language, name: str) -> PageSegmenter:
    return PageSegmenter()


@Language.factory("kit_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()


@Language.factory("kit_attribution", assigns=["doc.spans"], requires=["token.is_sent_start"])
def make_attribution(nlp: Language, name: str) -> AttributionFinder:
    return AttributionFinder()


@Language.factory("kit_figures", assigns=["doc.spans"])
def make_figures(nlp: Language, name: str) -> FigureFinder:
    return FigureFinder()


@Language.factory("kit_loaded", assigns=["doc.spans"])
def make_loaded(nlp: Language, name: str) -> LoadedFinder:
    return LoadedFinder()


@Language.factory("kit_unattributed", assigns=["doc.spans"])
def make_unattributed(nlp: Language, name: str) -> UnattributedFinder:
    return UnattributedFinder()


DEFAULT_MODEL = "blank"


def get_nlp(model: Optional[str] = None) -> Language:
    """The analysis pipeline: blank English by default, or a trained pipeline by package name.

    Built once per model and reused (building is the slow part; running is fast).
    """
    return _build_nlp(model or DEFAULT_MODEL)


@lru_cache(maxsize=4)
def _build_nlp(model: str) -> Language:
    if model == DEFAULT_MODEL:
        nlp = spacy.blank("en")
        nlp.add_pipe("kit_sentences")
    else:
        try:
            nlp = spacy.load(model)
        except OSError:
            raise KitInputError(
                f"the spaCy pipeline {model!r} is not installed here; leave out --model to use the "
                f"kit's default rules, or install the pipeline (e.g. python -m spacy download {model})"
            ) from None
        if not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
            nlp.add_pipe("kit_sentences", first=True)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def clear_text_caches() -> None:
    """Forget what the rules cached from texts already seen (page splits, names, kinds of source).

    The lexicons and matchers stay loaded. Benchmarks call this before each timed pass, so a pass
    over texts seen before costs what a first pass over new texts would.
    """
    from .article import _segment_cached
    from .speakers import _capital_run, source_kind

    for cached in (_segment_cached, _capital_run, source_kind):
        cached.cache_clear()
