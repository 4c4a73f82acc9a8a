"""A teacher's answer key for an article, and how the kit's findings compare with it.

    >>> from kit import analyze
    >>> from kit.answer_key import load_key, compare
    >>> results = compare(analyze(), load_key())      # the seed and its key
    >>> results["attributions"].recall
    >>> for d in results["loaded"].differences: print(d.message)

A key has the field names of ``Analysis.to_dict()`` (``attributions``, ``loaded``, ``figures``,
``unattributed``, ``furniture``, ``parts``, ``dates``), each entry's offsets pointing into the
article's exact text, plus ``version`` and ``annotator_notes``. ``validate(key, text)`` checks
every offset and every vocabulary word; ``compare()`` matches items by character overlap (one
key item to at most one finding), then names what was missed, what is extra, and which
matched items disagree on a label. Pure and deterministic: no pipeline runs here.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Sequence, Tuple, Union

from . import resources
from .article import DATE_ROLES, FURNITURE_KINDS, PART_KINDS
from .errors import KitInputError

STANCES: Tuple[str, ...] = ("neutral", "distancing", "endorsing")
SOURCE_KINDS: Tuple[Optional[str], ...] = ("person", "role", "institution", "place_as_actor", "unnamed", "pronoun", None)
CATEGORIES: Tuple[str, ...] = ("naming", "euphemism", "distancing", "presupposition", "label", "intensifier",
                               "motive", "weasel")
VOICES: Tuple[str, ...] = ("reporter", "source")
BOUNDS: Tuple[str, ...] = ("=", "~", ">", "<")
VERDICTS: Tuple[str, ...] = ("unverifiable", "checkable")

# Which fields of each layer must hold one of which words.
VOCABULARY: Dict[str, Dict[str, Tuple[Any, ...]]] = {
    "furniture": {"kind": FURNITURE_KINDS},
    "parts": {"kind": PART_KINDS},
    "dates": {"role": DATE_ROLES},
    "attributions": {"stance": STANCES, "source_kind": SOURCE_KINDS},
    "loaded": {"category": CATEGORIES, "voice": VOICES},
    "figures": {"bound": BOUNDS, "verdict": VERDICTS},
    "unattributed": {},
}
SPAN_LAYERS = ("furniture", "parts", "dates", "loaded", "figures", "unattributed")
LAYERS = ("attributions", "sources", "contents", "loaded", "figures", "unattributed", "furniture", "dates")
# Findings in these layers are set aside when they lie wholly inside the key's page furniture.
ARTICLE_LAYERS = ("attributions", "sources", "contents", "loaded", "figures", "unattributed")

Span = Tuple[int, int]


class Difference(NamedTuple):
    """One way the kit's findings and the key differ, for a student to read."""

    layer: str  # attributions | sources | contents | loaded | figures | unattributed | furniture | dates
    kind: str  # missed | extra | mismatch
    text: str  # the words concerned (the key's for missed/mismatch, the kit's for extra)
    detail: str  # what differs, in plain words

    @property
    def message(self) -> str:
        thing = _THING[self.layer]
        if self.kind == "missed":
            return f"The kit missed the {thing} '{self.text}' ({self.detail})."
        if self.kind == "extra":
            return f"The kit marked '{self.text}' as a {thing}; the key has none there ({self.detail})."
        return f"For the {thing} '{self.text}', the kit and the key disagree: {self.detail}."

    def to_dict(self) -> dict:
        d = self._asdict()
        d["message"] = self.message
        return d


_THING = {
    "attributions": "cue", "sources": "source", "contents": "reported content", "loaded": "loaded wording",
    "figures": "figure", "unattributed": "unattributed claim", "furniture": "page furniture", "dates": "date",
}


class LayerResult(NamedTuple):
    """How one layer of the kit's findings compares with the key."""

    layer: str
    key_count: int
    found_count: int  # findings compared (after setting aside those in page furniture)
    matched: int  # key items with an overlapping finding
    precision: float  # share of findings that overlap a key item (1.0 when nothing was found)
    recall: float  # share of key items found (1.0 when the key has none)
    agreement: float  # share of matched pairs whose labels all agree (1.0 when none matched)
    set_aside: int  # findings wholly inside the key's page furniture, not counted
    differences: Tuple[Difference, ...]

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        d = self._asdict()
        d["f1"] = self.f1
        d["differences"] = [x.to_dict() for x in self.differences]
        return d


# ---------------------------------------------------------------------------------------------
# Loading and validating


def load_key(path: Union[None, str, os.PathLike] = None, *, text: Optional[str] = None) -> dict:
    """The answer key at ``path`` (default: the seed's key), validated against ``text`` when given.

    With no path the seed's key is checked against the seed text.
    """
    if path is None:
        key = resources.seed_key()
        validate(key, resources.seed_text() if text is None else text)
        return key
    p = Path(path)
    if p.is_dir():
        raise KitInputError(f"{p} is a folder; give the path of one .key.json file")
    if not p.is_file():
        raise KitInputError(f"no answer key at {p}; check the path (keys end in .key.json)")
    try:
        key = json.loads(p.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise KitInputError(f"{p} is not a readable JSON answer key ({err}); open it in an editor and fix it") from None
    if text is not None:
        validate(key, text)
    elif not isinstance(key, dict):
        raise KitInputError(f"{p} holds a {type(key).__name__}, not an answer key (a JSON object)")
    return key


def _check_span(where: str, d: Any, text: str) -> None:
    if not isinstance(d, dict):
        raise KitInputError(f"{where} should be an object with start, end and text, not {d!r}")
    start, end, said = d.get("start"), d.get("end"), d.get("text")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        raise KitInputError(f"{where} needs whole-number start and end offsets, got start={start!r}, end={end!r}")
    if not 0 <= start <= end <= len(text):
        raise KitInputError(f"{where} ({said!r}): offsets {start}:{end} lie outside the text (0:{len(text)})")
    if text[start:end] != said:
        raise KitInputError(
            f"{where}: the text at {start}:{end} is {text[start:end]!r}, not {said!r}; fix the offsets or the snippet"
        )


def _check_vocab(where: str, entry: dict, fields: Dict[str, Tuple[Any, ...]], label: str) -> None:
    for name, allowed in fields.items():
        value = entry.get(name)
        if value not in allowed:
            words = ", ".join("null" if a is None else a for a in allowed)
            raise KitInputError(f"{where} ({label!r}): {name} {value!r} is not one of: {words}")


def validate(key: dict, text: str) -> dict:
    """Check that every offset in ``key`` matches ``text`` and every label is a known word.

    Raises :class:`KitInputError` naming the first bad entry; returns the key unchanged.
    """
    if not isinstance(key, dict):
        raise KitInputError(f"an answer key is a JSON object with layers, not a {type(key).__name__}")
    if not isinstance(text, str):
        raise KitInputError(f"validate() needs the article text as a str, not {type(text).__name__}")
    digest = key.get("sha256")
    if digest is not None and digest != hashlib.sha256(text.encode("utf-8")).hexdigest():
        raise KitInputError("this key was written for a different text (its sha256 does not match); "
                            "give the article the key belongs to")
    for layer in ("attributions",) + SPAN_LAYERS:
        entries = key.get(layer, [])
        if not isinstance(entries, list):
            raise KitInputError(f"key[{layer!r}] should be a list, not {type(entries).__name__}")
        for i, entry in enumerate(entries):
            where = f"key[{layer!r}][{i}]"
            if layer == "attributions":
                if not isinstance(entry, dict):
                    raise KitInputError(f"{where} should be an object with cue, source and content")
                _check_span(f"{where}['cue']", entry.get("cue"), text)
                for part in ("source", "content"):
                    if entry.get(part) is not None:
                        _check_span(f"{where}[{part!r}]", entry[part], text)
                _check_vocab(where, entry, VOCABULARY[layer], entry["cue"].get("text"))
            else:
                _check_span(where, entry, text)
                _check_vocab(where, entry, VOCABULARY[layer], entry.get("text"))
                if layer == "figures" and entry.get("value") is not None and (
                        isinstance(entry["value"], bool) or not isinstance(entry["value"], (int, float))):
                    raise KitInputError(f"{where} ({entry.get('text')!r}): value should be a number or null")
    return key


# ---------------------------------------------------------------------------------------------
# Comparing


def _as_dict(found: Any) -> dict:
    if isinstance(found, dict):
        return found
    if hasattr(found, "to_dict"):
        return found.to_dict()
    raise KitInputError(
        f"compare() needs an Analysis (kit.analyze(...)) or its to_dict(), not a {type(found).__name__}"
    )


def _span(d: Optional[dict]) -> Optional[Span]:
    return None if not d else (d["start"], d["end"])


def _overlap(a: Span, b: Span) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _inside_any(s: Span, furniture: Sequence[Span]) -> bool:
    return any(f[0] <= s[0] and s[1] <= f[1] for f in furniture)


def _pair(key_spans: List[Span], found_spans: List[Span]) -> Dict[int, int]:
    """Key index -> finding index: largest overlaps first, each item used once, ties by position."""
    pairs = []
    for i, k in enumerate(key_spans):
        for j, f in enumerate(found_spans):
            n = _overlap(k, f)
            if n > 0:
                pairs.append((-n, i, j))
    pairs.sort()
    used_k, used_f, out = set(), set(), {}
    for _, i, j in pairs:
        if i not in used_k and j not in used_f:
            used_k.add(i)
            used_f.add(j)
            out[i] = j
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.strip().casefold() == b.strip().casefold()
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return a == b


def _show(v: Any) -> str:
    """A label or number as a student reads it: 'neutral', none, 5,000,000, 0.25."""
    if v is None:
        return "none"
    if isinstance(v, str):
        return f"'{v}'"
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return f"{int(v):,}" if float(v).is_integer() else f"{v:,}"
    return str(v)


def _compare_layer(layer: str, key_items: List[dict], found_items: List[dict], *, span_of: Callable[[dict], Span],
                   text_of: Callable[[dict], str], fields: Sequence[str], describe: Callable[[dict], str],
                   furniture: Sequence[Span]) -> LayerResult:
    kept = [f for f in found_items if not (layer in ARTICLE_LAYERS and _inside_any(span_of(f), furniture))]
    set_aside = len(found_items) - len(kept)
    key_spans = [span_of(k) for k in key_items]
    found_spans = [span_of(f) for f in kept]
    pairs = _pair(key_spans, found_spans)
    diffs: List[Tuple[int, int, Difference]] = []
    agree = 0
    for i, k in enumerate(key_items):
        if i not in pairs:
            diffs.append((key_spans[i][0], 0, Difference(layer, "missed", text_of(k), describe(k))))
            continue
        f = kept[pairs[i]]
        wrong = [f"{name}: kit {_show(f.get(name))}, key {_show(k.get(name))}"
                 for name in fields if not _same(f.get(name), k.get(name))]
        if wrong:
            diffs.append((key_spans[i][0], 1, Difference(layer, "mismatch", text_of(k), "; ".join(wrong))))
        else:
            agree += 1
    matched_found = set(pairs.values())
    for j, f in enumerate(kept):
        if j not in matched_found:
            diffs.append((found_spans[j][0], 2, Difference(layer, "extra", text_of(f), describe(f))))
    diffs.sort(key=lambda x: (x[0], x[1]))
    n_key, n_found, n_match = len(key_items), len(kept), len(pairs)
    return LayerResult(
        layer=layer, key_count=n_key, found_count=n_found, matched=n_match,
        precision=len(matched_found) / n_found if n_found else 1.0,
        recall=n_match / n_key if n_key else 1.0,
        agreement=agree / n_match if n_match else 1.0,
        set_aside=set_aside, differences=tuple(d for _, _, d in diffs),
    )


def _describe(fields: Sequence[str]) -> Callable[[dict], str]:
    def describe(d: dict) -> str:
        return ", ".join(f"{name} {_show(d.get(name))}" for name in fields if name in d) or "no labels"
    return describe


def _sub(part: str) -> Callable[[List[dict]], List[dict]]:
    """The ``source`` or ``content`` spans of a list of attributions, each span once, with its cue."""
    def pick(items: List[dict]) -> List[dict]:
        seen: Dict[Span, dict] = {}
        for a in items:
            d = a.get(part)
            if d and (d["start"], d["end"]) not in seen:
                seen[(d["start"], d["end"])] = dict(d, cue=a["cue"]["text"])
        return list(seen.values())
    return pick


def compare(analysis_or_dict: Any, key: dict, *, layers: Sequence[str] = LAYERS) -> Dict[str, LayerResult]:
    """Compare the kit's findings with ``key``: one :class:`LayerResult` per layer, in ``layers`` order.

    Items match by character overlap (largest overlap first, one to one). Attributions match by
    their cue; sources and contents are compared as spans of their own. Findings wholly inside
    the key's page furniture are set aside (the key annotates the article proper only).
    """
    found = _as_dict(analysis_or_dict)
    if not isinstance(key, dict):
        raise KitInputError(f"compare() needs the answer key as a dict (load_key()), not a {type(key).__name__}")
    unknown = [x for x in layers if x not in LAYERS]
    if unknown:
        raise KitInputError(f"unknown layer(s) {unknown}; choose from {', '.join(LAYERS)}")
    furniture = [(f["start"], f["end"]) for f in key.get("furniture", [])]
    attr_fields = ("stance", "source_kind", "speaker")
    specs = {
        "attributions": (lambda a: _span(a["cue"]), lambda a: a["cue"]["text"], attr_fields,
                         lambda a: _describe(("cue_lemma",) + attr_fields)(a) + (
                             f", source '{a['source']['text']}'" if a.get("source") else ", no source"),
                         lambda items: items),
        "sources": (_span, lambda d: d["text"], (), lambda d: f"who speaks in '{d['cue']}'", _sub("source")),
        "contents": (_span, lambda d: d["text"], (), lambda d: f"what is reported with '{d['cue']}'", _sub("content")),
        "loaded": (_span, lambda d: d["text"], ("category", "voice"), _describe(("category", "voice")), lambda x: x),
        "figures": (_span, lambda d: d["text"], ("value", "bound", "claimant", "verdict"),
                    _describe(("value", "bound", "claimant", "verdict")), lambda x: x),
        "unattributed": (_span, lambda d: d["text"], (), lambda d: "stated in the reporter's own voice with no source",
                         lambda x: x),
        "furniture": (_span, lambda d: d["text"], ("kind",), _describe(("kind",)), lambda x: x),
        "dates": (_span, lambda d: d["text"], ("role", "value"), _describe(("role", "value")), lambda x: x),
    }
    out: Dict[str, LayerResult] = {}
    for layer in layers:
        span_of, text_of, fields, describe, pick = specs[layer]
        source_layer = "attributions" if layer in ("sources", "contents") else layer
        out[layer] = _compare_layer(
            layer, pick(list(key.get(source_layer, []))), pick(list(found.get(source_layer, []))),
            span_of=span_of, text_of=text_of, fields=fields, describe=describe, furniture=furniture)
    return out


def render(results: Dict[str, LayerResult], *, limit: int = 10) -> str:
    """A short plain-text report: one line of numbers per layer, then up to ``limit`` differences each."""
    lines = []
    for r in results.values():
        lines.append(f"{r.layer:13} key {r.key_count:3}  kit {r.found_count:3}  matched {r.matched:3}  "
                     f"precision {r.precision:.2f}  recall {r.recall:.2f}  labels agree {r.agreement:.2f}"
                     + (f"  (set aside in furniture: {r.set_aside})" if r.set_aside else ""))
        for d in r.differences[:limit]:
            lines.append(f"    - {d.message}")
        if len(r.differences) > limit:
            lines.append(f"    … and {len(r.differences) - limit} more")
    return "\n".join(lines)
