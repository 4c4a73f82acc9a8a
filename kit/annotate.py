"""The teacher's annotation widget: start from the kit's findings, keep, drop, relabel or add, save a key.

    >>> from kit.annotate import Annotator
    >>> ann = Annotator("my_article.txt")            # or an Analysis, an Article, a text
    >>> ann.reject("loaded", 2)                       # the kit's 3rd loaded-wording flag is wrong
    >>> ann.relabel("attributions", 0, stance="distancing")
    >>> ann.add_loaded("regime", "label", n=2)        # the 2nd occurrence of 'regime'
    >>> ann.add_figure("3,000 jobs", claimant="the union", verdict="unverifiable")
    >>> ann.save("my_article.key.json")               # same JSON schema as the seed's key
    >>> ann                                           # in a notebook: the buttons

Every button calls one of these methods, so what a teacher clicks and what a script calls are the
same thing. Items the teacher neither accepted nor rejected are ``pending``; ``to_key()`` keeps
them (they are the kit's reading, not contradicted) unless ``pending="drop"``. The key is checked
with :func:`kit.answer_key.validate` before it is returned or written. Built only from widgets
ipywidgets 7.7 and 8 share (``Dropdown``, ``Select``, ``Text``, ``IntText``, ``Button``, ``HTML``,
``HBox``/``VBox``).
"""
from __future__ import annotations

import copy
import hashlib
import html as _html
import json
import os
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union

import ipywidgets as W

from .answer_key import BOUNDS, CATEGORIES, SOURCE_KINDS, STANCES, VERDICTS, VOICES, validate
from .errors import KitInputError

LAYERS: Tuple[str, ...] = ("attributions", "loaded", "figures", "unattributed")
STATUSES: Tuple[str, ...] = ("pending", "accepted", "rejected")
# The main label of each layer (what the Label dropdown sets) and who it belongs to (the Who box).
LABEL_FIELD: Dict[str, Optional[str]] = {"attributions": "stance", "loaded": "category", "figures": "verdict",
                                         "unattributed": None}
WHO_FIELD: Dict[str, Optional[str]] = {"attributions": "speaker", "loaded": "speaker", "figures": "claimant",
                                       "unattributed": None}
# The labels a teacher may set, per layer and field.
LABELS: Dict[str, Dict[str, Tuple[Any, ...]]] = {
    "attributions": {"stance": STANCES, "source_kind": SOURCE_KINDS},
    "loaded": {"category": CATEGORIES, "voice": VOICES},
    "figures": {"verdict": VERDICTS, "bound": BOUNDS},
    "unattributed": {},
}
# Free fields a teacher may set on each layer (no fixed vocabulary).
FREE: Dict[str, Tuple[str, ...]] = {
    "attributions": ("speaker", "cue_lemma", "annotator_note"),
    "loaded": ("speaker", "why"),
    "figures": ("claimant", "value", "unit", "what", "reasons"),
    "unattributed": ("why",),
}
# The fields each layer keeps in a key (those of the seed's key).
KEY_FIELDS: Dict[str, Tuple[str, ...]] = {
    "attributions": ("cue", "source", "content", "cue_lemma", "stance", "source_kind", "speaker", "annotator_note"),
    "loaded": ("start", "end", "text", "category", "voice", "speaker", "why"),
    "figures": ("start", "end", "text", "value", "unit", "bound", "what", "claimant", "verdict", "reasons"),
    "unattributed": ("start", "end", "text"),
}
SCOPE = ("Annotated with kit.annotate.Annotator, starting from the kit's findings: each item was accepted, "
         "relabelled or added by the teacher, or kept unreviewed (pending) from the kit.")


def find_occurrence(text: str, phrase: str, n: int = 1, *, near: Optional[int] = None) -> Tuple[int, int]:
    """``(start, end)`` of the ``n``-th occurrence (1 = first) of ``phrase`` in ``text``.

    With ``near`` (an offset), the occurrence closest to that offset is taken instead of counting.
    """
    if not isinstance(phrase, str) or not phrase.strip():
        raise KitInputError(f"give the words to mark as a non-empty text, not {phrase!r}")
    starts, at = [], text.find(phrase)
    while at >= 0:
        starts.append(at)
        at = text.find(phrase, at + 1)
    if not starts:
        raise KitInputError(f"{phrase!r} is not in the article; copy the words exactly as they are written "
                            "(same capitals, quotes and dashes)")
    if near is not None:
        best = min(starts, key=lambda s: (abs(s - near), s))
        return best, best + len(phrase)
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= len(starts):
        raise KitInputError(f"{phrase!r} occurs {len(starts)} time(s) in the article; n={n!r} should be 1 to {len(starts)}")
    return starts[n - 1], starts[n - 1] + len(phrase)


def _span(text: str, start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": text[start:end]}


def _analysis_of(source, model: Optional[str]):
    from .analysis import Analysis, analyze

    if isinstance(source, Analysis):
        return source
    return analyze(source, model=model)


class Annotator(W.VBox):
    """Review the kit's findings on one article and save the result as an answer key.

    State: ``items[layer]`` (list of dicts in the key's layout), ``status[layer]`` (list of
    ``pending``/``accepted``/``rejected``, one per item), ``origin`` (the article's name).
    Widgets: ``layer_pick``, ``item_list``, ``accept_button``, ``reject_button``, ``label_pick``,
    ``who_box``, ``relabel_button``, ``words_box``, ``occurrence_box``, ``source_box``,
    ``content_box``, ``add_button``, ``path_box``, ``save_button``, ``message`` (HTML), ``detail`` (HTML).
    """

    def __init__(self, article_or_analysis=None, *, model: Optional[str] = None, origin: Optional[str] = None):
        analysis = _analysis_of(article_or_analysis, model)
        found = analysis.to_dict()
        self.text: str = found["text"]
        self.origin: str = origin or found.get("origin") or "article"
        self.furniture = copy.deepcopy(found.get("furniture", []))
        self.parts = copy.deepcopy(found.get("parts", []))
        self.dates = copy.deepcopy(found.get("dates", []))
        self.items: Dict[str, List[dict]] = {}
        self.status: Dict[str, List[str]] = {}
        for layer in LAYERS:
            self.items[layer] = [self._trim(layer, d) for d in found.get(layer, [])]
            self.status[layer] = ["pending"] * len(self.items[layer])
        self._build()

    # ------------------------------------------------------------------ the Python API
    @staticmethod
    def _trim(layer: str, d: dict) -> dict:
        out = {k: copy.deepcopy(d.get(k)) for k in KEY_FIELDS[layer] if k in d}
        if layer == "attributions":
            out.setdefault("annotator_note", None)
            if out.get("annotator_note") is None:
                out.pop("annotator_note")
        return out

    def _check(self, layer: str, i: Optional[int] = None) -> None:
        if layer not in LAYERS:
            raise KitInputError(f"unknown layer {layer!r}; the annotator works on {', '.join(LAYERS)}")
        if i is not None and (not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < len(self.items[layer])):
            raise KitInputError(f"{layer} has {len(self.items[layer])} item(s), numbered from 0; there is no item {i!r}")

    def accept(self, layer: str, i: int) -> dict:
        """Mark item ``i`` of ``layer`` as right; returns it."""
        self._check(layer, i)
        self.status[layer][i] = "accepted"
        self._refresh(f"accepted {layer} {i}: {self._label(layer, i)}")
        return self.items[layer][i]

    def reject(self, layer: str, i: int) -> dict:
        """Mark item ``i`` of ``layer`` as wrong: it stays listed but leaves the key; returns it."""
        self._check(layer, i)
        self.status[layer][i] = "rejected"
        self._refresh(f"rejected {layer} {i}: {self._label(layer, i)}")
        return self.items[layer][i]

    def _set_fields(self, layer: str, entry: dict, fields: Dict[str, Any]) -> None:
        for name, value in fields.items():
            if name in LABELS[layer]:
                allowed = LABELS[layer][name]
                if value not in allowed:
                    words = ", ".join("None" if a is None else a for a in allowed)
                    raise KitInputError(f"{name} {value!r} is not one of: {words}")
            elif name not in FREE[layer]:
                known = ", ".join(list(LABELS[layer]) + list(FREE[layer])) or "nothing"
                raise KitInputError(f"{layer} items have no field {name!r} to set; you can set {known}")
            entry[name] = value

    def relabel(self, layer: str, i: int, **fields) -> dict:
        """Change labels of item ``i`` (e.g. ``stance="distancing"``, ``claimant="the union"``); accepts it."""
        self._check(layer, i)
        if not fields:
            raise KitInputError("say what to change, e.g. relabel('loaded', 0, category='label')")
        self._set_fields(layer, self.items[layer][i], fields)
        self.status[layer][i] = "accepted"
        self._refresh(f"relabelled {layer} {i}: {self._label(layer, i)}")
        return self.items[layer][i]

    def _append(self, layer: str, entry: dict) -> int:
        self.items[layer].append(entry)
        self.status[layer].append("accepted")
        i = len(self.items[layer]) - 1
        self._refresh(f"added {layer} {i}: {self._label(layer, i)}", select=(layer, i))
        return i

    def add_attribution(self, cue: str, *, source: Optional[str] = None, content: Optional[str] = None, n: int = 1,
                        stance: str = "neutral", source_kind: Optional[str] = None, speaker: Optional[str] = None,
                        cue_lemma: Optional[str] = None) -> int:
        """Add an attribution at the ``n``-th occurrence of ``cue``; source and content are found nearest it."""
        start, end = find_occurrence(self.text, cue, n)
        entry: Dict[str, Any] = {"cue": _span(self.text, start, end)}
        for part, words in (("source", source), ("content", content)):
            if words:
                s, e = find_occurrence(self.text, words, near=start)
                entry[part] = _span(self.text, s, e)
            else:
                entry[part] = None
        entry["cue_lemma"] = cue_lemma or cue.lower()
        if source_kind is None and source:
            source_kind = "person" if speaker and speaker == source else "role"
        self._set_fields("attributions", entry, {"stance": stance, "source_kind": source_kind})
        entry["speaker"] = speaker if speaker is not None else source
        return self._append("attributions", entry)

    def add_loaded(self, text: str, category: str, *, n: int = 1, voice: str = "reporter",
                   speaker: Optional[str] = None, why: Optional[str] = None) -> int:
        """Add loaded wording at the ``n``-th occurrence of ``text``; returns its index."""
        start, end = find_occurrence(self.text, text, n)
        entry = {**_span(self.text, start, end)}
        self._set_fields("loaded", entry, {"category": category, "voice": voice})
        entry.update(speaker=speaker, why=why)
        return self._append("loaded", entry)

    def add_figure(self, text: str, *, claimant: Optional[str] = None, verdict: str = "unverifiable", n: int = 1,
                   value: Optional[float] = None, bound: str = "=", unit: Optional[str] = None,
                   what: Optional[str] = None, reasons: Optional[List[str]] = None) -> int:
        """Add a figure at the ``n``-th occurrence of ``text`` (its number read from it unless ``value``)."""
        start, end = find_occurrence(self.text, text, n)
        entry = {**_span(self.text, start, end)}
        entry["value"] = value if value is not None else _first_number(text)
        entry["unit"] = unit
        self._set_fields("figures", entry, {"bound": bound, "verdict": verdict})
        entry.update(what=what, claimant=claimant, reasons=list(reasons or []))
        return self._append("figures", entry)

    def add_unattributed(self, text: str, *, n: int = 1) -> int:
        """Add a claim stated in the reporter's own voice with no source."""
        start, end = find_occurrence(self.text, text, n)
        return self._append("unattributed", _span(self.text, start, end))

    def to_key(self, *, pending: str = "keep") -> dict:
        """The answer key (the seed key's schema), validated; ``pending="drop"`` leaves unreviewed items out."""
        if pending not in ("keep", "drop"):
            raise KitInputError(f"pending should be 'keep' or 'drop', not {pending!r}")
        wanted = ("accepted", "pending") if pending == "keep" else ("accepted",)
        key: Dict[str, Any] = {
            "version": 1,
            "article": self.origin,
            "sha256": hashlib.sha256(self.text.encode("utf-8")).hexdigest(),
            "scope": SCOPE,
            "furniture": copy.deepcopy(self.furniture),
            "parts": copy.deepcopy(self.parts),
            "dates": copy.deepcopy(self.dates),
        }
        for layer in LAYERS:
            rows = [copy.deepcopy(d) for d, s in zip(self.items[layer], self.status[layer]) if s in wanted]
            rows.sort(key=lambda d: (d["cue"]["start"], d["cue"]["end"]) if layer == "attributions" else (d["start"], d["end"]))
            key[layer] = rows
        counts = {s: sum(x.count(s) for x in self.status.values()) for s in STATUSES}
        key["annotator_notes"] = (f"Reviewed with kit.annotate: {counts['accepted']} accepted or added, "
                                  f"{counts['rejected']} rejected, {counts['pending']} pending "
                                  f"({'kept' if pending == 'keep' else 'left out'}).")
        return validate(key, self.text)

    def save(self, path: Union[str, os.PathLike], *, pending: str = "keep") -> Path:
        """Write the key as JSON (UTF-8, the seed key's layout); returns the path."""
        key = self.to_key(pending=pending)
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(json.dumps(key, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        self._refresh(f"saved {p}")
        return p

    # ------------------------------------------------------------------ the widget
    def _label(self, layer: str, i: int) -> str:
        d = self.items[layer][i]
        words = d["cue"]["text"] if layer == "attributions" else d["text"]
        words = words if len(words) <= 50 else words[:49] + "…"
        field, who = LABEL_FIELD[layer], WHO_FIELD[layer]
        bits = [str(d.get(field)) if field else "", (d.get(who) or "") if who else ""]
        if layer == "attributions" and d.get("source"):
            bits.append("source: " + d["source"]["text"])
        mark = {"pending": "·", "accepted": "✔", "rejected": "✘"}[self.status[layer][i]]
        extra = "; ".join(b for b in bits if b)
        return f"{mark} {i}: '{words}'" + (f" ({extra})" if extra else "")

    def _build(self) -> None:
        self.layer_pick = W.Dropdown(options=list(LAYERS), value="attributions", description="Layer")
        self.item_list = W.Select(options=[], rows=10, layout=W.Layout(width="100%"))
        self.accept_button = W.Button(description="Accept", button_style="success")
        self.reject_button = W.Button(description="Reject", button_style="danger")
        self.label_pick = W.Dropdown(options=[], description="Label")
        self.who_box = W.Text(value="", description="Who", placeholder="speaker / claimant")
        self.relabel_button = W.Button(description="Relabel")
        self.words_box = W.Text(value="", description="Words", placeholder="copy the exact words")
        self.occurrence_box = W.IntText(value=1, description="Occurrence")
        self.source_box = W.Text(value="", description="Source", placeholder="attributions: who")
        self.content_box = W.Text(value="", description="Content", placeholder="attributions: what")
        self.add_button = W.Button(description="Add")
        self.path_box = W.Text(value=f"{Path(str(self.origin)).stem or 'article'}.key.json", description="Save as")
        self.save_button = W.Button(description="Save key", button_style="primary")
        self.detail = W.HTML()
        self.message = W.HTML()
        super().__init__(children=[
            W.HTML("<b>Review the kit's findings</b>: pick a layer and an item; accept, reject or relabel it; "
                   "or add what the kit missed (the words exactly as written, and which occurrence)."),
            self.layer_pick, self.item_list, self.detail,
            W.HBox([self.accept_button, self.reject_button]),
            W.HBox([self.label_pick, self.who_box, self.relabel_button]),
            W.HBox([self.words_box, self.occurrence_box]), W.HBox([self.source_box, self.content_box]),
            self.add_button, W.HBox([self.path_box, self.save_button]), self.message,
        ])
        self.add_class("kit-annotator")
        self.layer_pick.observe(self._on_layer, names="value")
        self.item_list.observe(self._on_item, names="value")
        self.accept_button.on_click(lambda _b: self._on_status("accept"))
        self.reject_button.on_click(lambda _b: self._on_status("reject"))
        self.relabel_button.on_click(self._on_relabel)
        self.add_button.on_click(self._on_add)
        self.save_button.on_click(self._on_save)
        self._on_layer()

    @property
    def layer(self) -> str:
        return self.layer_pick.value

    @property
    def selected(self) -> Optional[int]:
        v = self.item_list.value
        return v if isinstance(v, int) and v >= 0 else None

    def _refresh(self, note: Optional[str] = None, *, select: Optional[Tuple[str, int]] = None) -> None:
        if not hasattr(self, "item_list"):
            return
        if select is not None and select[0] != self.layer:
            self.layer_pick.value = select[0]
        layer = self.layer
        keep = select[1] if select is not None else self.selected
        options = [(self._label(layer, i), i) for i in range(len(self.items[layer]))] or [("(nothing here yet)", -1)]
        self.item_list.options = options
        self.item_list.value = keep if keep is not None and 0 <= keep < len(self.items[layer]) else options[0][1]
        self._show_detail()
        if note is not None:
            self.message.value = _html.escape(note)

    def _show_detail(self) -> None:
        i = self.selected
        if i is None:
            self.detail.value = ""
            return
        d = self.items[self.layer][i]
        rows = "".join(f"<tr><td>{_html.escape(k)}</td><td>{_html.escape(str(v.get('text') if isinstance(v, dict) else v))}"
                       f"</td></tr>" for k, v in d.items() if k not in ("start", "end"))
        self.detail.value = f"<i>{self.status[self.layer][i]}</i><table>{rows}</table>"

    def _on_layer(self, _change=None) -> None:
        field = LABEL_FIELD[self.layer]
        self.label_pick.options = [("(no label)", "")] + ([(str(v), v) for v in LABELS[self.layer][field]]
                                                           if field else [])
        self.label_pick.value = ""
        self._refresh()

    def _on_item(self, _change=None) -> None:
        i = self.selected
        if i is None:
            return
        d = self.items[self.layer][i]
        field, who = LABEL_FIELD[self.layer], WHO_FIELD[self.layer]
        if field and d.get(field) in LABELS[self.layer][field]:
            self.label_pick.value = d[field]
        if who:
            self.who_box.value = d.get(who) or ""
        self._show_detail()

    def _guard(self, action) -> None:
        try:
            action()
        except KitInputError as err:
            self.message.value = f"<span style='color:#b00'>{_html.escape(str(err))}</span>"

    def _on_status(self, what: str) -> None:
        i = self.selected
        if i is None:
            self.message.value = "choose an item first"
            return
        self._guard(lambda: getattr(self, what)(self.layer, i))

    def _box_fields(self) -> Dict[str, Any]:
        fields: Dict[str, Any] = {}
        field, who = LABEL_FIELD[self.layer], WHO_FIELD[self.layer]
        if field and self.label_pick.value:
            fields[field] = self.label_pick.value
        if who and self.who_box.value.strip():
            fields[who] = self.who_box.value.strip()
        return fields

    def _on_relabel(self, _button=None) -> None:
        i = self.selected
        if i is None:
            self.message.value = "choose an item first"
            return
        self._guard(lambda: self.relabel(self.layer, i, **self._box_fields()))

    def _on_add(self, _button=None) -> None:
        layer, words, n = self.layer, self.words_box.value, self.occurrence_box.value
        fields = self._box_fields()

        def add() -> None:
            if layer == "attributions":
                who = fields.get("speaker")
                self.add_attribution(words, source=self.source_box.value.strip() or None,
                                     content=self.content_box.value.strip() or None, n=n,
                                     stance=fields.get("stance", "neutral"), speaker=who)
            elif layer == "loaded":
                if "category" not in fields:
                    raise KitInputError("choose a category in Label before adding loaded wording")
                self.add_loaded(words, fields["category"], n=n, speaker=fields.get("speaker"))
            elif layer == "figures":
                self.add_figure(words, n=n, claimant=fields.get("claimant"), verdict=fields.get("verdict", "unverifiable"))
            else:
                self.add_unattributed(words, n=n)
        self._guard(add)

    def _on_save(self, _button=None) -> None:
        self._guard(lambda: self.save(self.path_box.value.strip() or "article.key.json"))


def _first_number(text: str) -> Optional[float]:
    """The first number written in ``text`` with digits ('3,000' -> 3000.0), or None."""
    import re

    m = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if not m:
        return None
    value = float(m.group(0).replace(",", ""))
    return value
