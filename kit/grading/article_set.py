"""Exercises for any article: questions made from a teacher's answer key, keys executed, student versions.

    python -m kit release --article my_article.txt --key my_article.key.json --out class-3b

writes ``class-3b/solutions/article_my_article.ipynb`` (the teacher's key, executed),
``class-3b/article_my_article.ipynb`` (the student version), and beside them the article text
and the answer key they were made from. The questions are those of the seed's exercises —
which word is the cue, who is the source, what the verb's stance is, which words are loaded and
how, who gives a figure and whether an outsider can check it — asked about the places in the new
article that the teacher's key marks. Their answers come from the key (``from_key``), resolved by
the same code as the seed's banks (:func:`kit.grading.checks.resolve`).

The bank (questions, article text and key) travels inside the notebooks: packed (zlib + base64)
in the set-up cell, which registers it with the checkers when run, and in ``metadata.kit.bank``,
where ``python -m kit grade`` reads it. Packing keeps the answers from being read at a glance; it
is not a secret (the seed's answers ship with the kit, too).
"""
from __future__ import annotations

import base64
import json
import re
import shutil
import zlib
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from ..errors import KitInputError
from . import checks

FORMAT = 1
# One letter per loaded-wording category, with the words a student reads.
CATEGORY_OPTIONS: Tuple[Tuple[str, str, str], ...] = (
    ("a", "naming", "naming: a choice of name for a place, group or event that takes a side"),
    ("b", "euphemism", "euphemism: a soft word that hides something harsh"),
    ("c", "distancing", "distancing: words that cast doubt on what others say (so-called, claimed)"),
    ("d", "presupposition", "presupposition: wording that takes a disputed point for granted"),
    ("e", "label", "label: a charged name for a person, group or act"),
    ("f", "intensifier", "intensifier: a word that heightens feeling (reckless, brutal)"),
    ("g", "motive", "motive: a claim about why someone acted, stated as fact"),
    ("h", "weasel", "weasel: a vague source or amount (some say, many experts)"),
)
STANCE_OPTIONS: Tuple[Tuple[str, str, str], ...] = (
    ("a", "neutral", "neutral: it only passes the words on"),
    ("b", "distancing", "distancing: the reporter keeps a distance from the claim and signals it is not established"),
    ("c", "endorsing", "endorsing: the reporter vouches that the claim is true"),
)
VERDICT_OPTIONS: Tuple[Tuple[str, str, str], ...] = (
    ("a", "checkable", "checkable: an outsider could check it (a public record, an independent count)"),
    ("b", "unverifiable", "unverifiable: only the source's word stands behind it, as the article gives it"),
)
# The sentence ends where . ! or ? (and a closing quote) meet a space and a capital or an opening quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(A-Z0-9])")

SETUP = '''# Set-up: run this cell first. It prints the article the questions are about.
import sys
if "google.colab" in sys.modules:  # on Colab only the notebook arrives: install the kit first
    KIT_SOURCE = "git+https://github.com/OWNER/REPO"  # your teacher's copy of the kit
    !pip install --quiet {KIT_SOURCE}

from kit.grading.article_set import load_exercise

# The questions, the article and the teacher's key, packed (do not edit this line).
BANK = "{bank}"
check, ARTICLE = load_exercise(BANK)
print(ARTICLE)'''


# ----------------------------------------------------------------------------- packing
def pack(bank: dict) -> str:
    """The bank as one line of text: JSON, compressed, base64."""
    raw = json.dumps(bank, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(zlib.compress(raw, 9)).decode("ascii")


def unpack(packed: str) -> dict:
    """The bank packed by :func:`pack`."""
    try:
        bank = json.loads(zlib.decompress(base64.b64decode(packed.encode("ascii"), validate=True)).decode("utf-8"))
    except (ValueError, zlib.error, UnicodeError) as err:
        raise KitInputError(f"the packed exercise data is damaged ({err}); release the exercise again") from None
    if not isinstance(bank, dict) or not {"exercise", "questions", "text", "key"} <= set(bank):
        raise KitInputError("the packed data is not an exercise bank (exercise, questions, text, key)")
    return bank


def load_exercise(packed: str):
    """For the set-up cell: register the packed bank; ``(check, article text)``."""
    bank = checks.register(unpack(packed))
    return checks.checker(bank["exercise"]), bank["text"]


# ----------------------------------------------------------------------------- the questions
def _sentence(text: str, key: dict, offset: int) -> str:
    """The sentence of the article proper around ``offset`` (within the key's part, else its line)."""
    part = next(((p["start"], p["end"]) for p in key.get("parts", []) if p["start"] <= offset < p["end"]), None)
    if part is None:
        start = text.rfind("\n", 0, offset) + 1
        end = text.find("\n", offset)
        part = (start, len(text) if end < 0 else end)
    start, end = part
    cuts = [start] + [start + m.end() for m in _SENTENCE_END.finditer(text[start:end])] + [end]
    for a, b in zip(cuts, cuts[1:]):
        if a <= offset < b:
            return text[a:b].strip()
    return text[start:end].strip()


def _options(options: Tuple[Tuple[str, str, str], ...]) -> Tuple[Dict[str, str], Dict[str, str], str]:
    shown = {letter: words for letter, _, words in options}
    values = {letter: value for letter, value, _ in options}
    listing = "\n".join(f"- {letter}) {words}" for letter, _, words in options)
    return shown, values, listing


def _start(record: dict) -> int:
    return record["cue"]["start"] if "cue" in record else record["start"]


def _alone(items: List[dict], text: str, key: dict) -> List[dict]:
    """Items that are the only one of their layer in their sentence, in text order (else all of them)."""
    by_sentence: Dict[str, int] = {}
    for r in items:
        s = _sentence(text, key, _start(r))
        by_sentence[s] = by_sentence.get(s, 0) + 1
    alone = [r for r in items if by_sentence[_sentence(text, key, _start(r))] == 1]
    return sorted(alone or items, key=_start)


def _neighbours(item: dict, items: List[dict], text: str, key: dict, words) -> List[List[str]]:
    """``accept`` pairs: the other items of the same sentence count as right answers too."""
    here = _sentence(text, key, _start(item))
    return [[words(item), words(r)] for r in items
            if r is not item and words(r) != words(item) and _sentence(text, key, _start(r)) == here]


def _quote(sentence: str) -> str:
    return f"*“{sentence}”*"


def build_questions(text: str, key: dict) -> List[dict]:
    """Questions (the seed banks' layout, answers ``from_key``) about the places the key marks."""
    qs: List[dict] = []

    def add(points: int, kind: str, prompt: str, template: str, hint: str, learned: str, spec: dict, **extra) -> None:
        qid = f"q{len(qs) + 1}"
        qs.append({"id": qid, "points": points, "kind": kind, "prompt": prompt,
                   "template": template.replace("QID", qid), "hint": hint, "learned": learned,
                   "from_key": spec, **extra})

    attrs = [a for a in key.get("attributions", []) if a.get("source")]
    if attrs:
        a = _alone(attrs, text, key)[0]
        at = {"cue.start": a["cue"]["start"]}
        add(1, "phrase", f"{_quote(_sentence(text, key, a['cue']['start']))}\n\nWhich word (or words) tells you that "
            "this is someone's statement and not the reporter's own finding? (This is the **attribution cue**.)",
            'QID = ""  # the cue, in quotes', "Which words in the sentence tell you that somebody spoke?",
            "A cue turns a sentence into a report of someone's words: the reporter vouches that it was said, "
            "not that it is true.", {"layer": "attributions", "where": at, "select": "cue"},
            accept=_neighbours(a, key.get("attributions", []), text, key, lambda r: r["cue"]["text"]))
        who = "speaker" if a.get("speaker") else "source"
        accept = []
        if who == "speaker" and a["source"]["text"] != a["speaker"]:
            accept.append([a["speaker"], a["source"]["text"]])
        add(1, "phrase", "Who is the **source** of that statement? Give the name or description the article gives.",
            'QID = ""  # the source, in quotes', "Who stands next to the cue word, or is named just before?",
            "A named source can be looked up: what is their role, and what interest might they have?",
            {"layer": "attributions", "where": at, "select": who}, accept=accept)
    attrs_all = key.get("attributions", [])
    if attrs_all:
        marked = [a for a in attrs_all if a.get("stance") != "neutral"] or attrs_all
        a = sorted(marked, key=_start)[0]
        shown, values, listing = _options(STANCE_OPTIONS)
        add(1, "choice", f"{_quote(_sentence(text, key, a['cue']['start']))}\n\nWhat does the cue "
            f"*{a['cue']['text']}* do?\n\n{listing}", 'QID = ""  # "a", "b" or "c"',
            "Would a reporter who was sure of the fact choose this word?",
            "The verb a reporter picks for a source carries a judgement: notice which sources get which verbs.",
            {"layer": "attributions", "where": {"cue.start": a["cue"]["start"]}, "select": "stance"},
            options=shown, option_values=values)
    if len(attrs_all) >= 2 and all(a.get("speaker") for a in attrs_all):
        add(2, "phrases", "Name **every** source the article reports (each person or body once), as a list.",
            'QID = []  # the sources, e.g. ["one", "two"]', "Go through the article cue by cue: who speaks each time?",
            "Counting voices shows whose view the article is built on — and whose is missing.",
            {"layer": "attributions", "select": "speaker", "pick": "set"})
    loaded = key.get("loaded", [])
    if loaded:
        w = _alone(loaded, text, key)[0]
        at = {"start": w["start"]}
        add(1, "phrase", f"{_quote(_sentence(text, key, w['start']))}\n\nWhich word or phrase in this sentence is "
            "**loaded** — it colours the facts instead of just stating them?",
            'QID = ""  # the loaded word or phrase, in quotes',
            "Which word would you replace to make the sentence plainer, saying the same facts?",
            "Loaded wording steers the reader's feeling before the reader has weighed the facts.",
            {"layer": "loaded", "where": at, "select": "text"},
            accept=_neighbours(w, loaded, text, key, lambda r: r["text"]))
        shown, values, listing = _options(CATEGORY_OPTIONS)
        add(1, "choice", f"What kind of loaded wording is *{w['text']}*?\n\n{listing}", 'QID = ""  # one letter',
            "Does the word name, soften, doubt, assume, label, heighten, guess a motive, or hide who says so?",
            "Naming the kind of loaded wording helps you find the same move in other articles, from any side.",
            {"layer": "loaded", "where": at, "select": "category"}, options=shown, option_values=values)
    figures = [f for f in key.get("figures", []) if f.get("claimant")]
    if figures:
        f = sorted(figures, key=_start)[0]
        at = {"start": f["start"]}
        add(1, "phrase", f"{_quote(_sentence(text, key, f['start']))}\n\nWho gives the figure *{f['text']}*?",
            'QID = ""  # who gives the figure, in quotes', "Whose words carry this number: follow the cue back.",
            "A figure is only as good as the one who gives it and the way it was counted.",
            {"layer": "figures", "where": at, "select": "claimant"})
        shown, values, listing = _options(VERDICT_OPTIONS)
        add(1, "choice", f"Could an outsider check *{f['text']}*?\n\n{listing}", 'QID = ""  # "a" or "b"',
            "Is there a public record or an independent count for this, or only the source's word?",
            "Before sharing a number, ask who counted it and whether anyone else could count it too.",
            {"layer": "figures", "where": at, "select": "verdict"}, options=shown, option_values=values)
    unverifiable = [f for f in key.get("figures", []) if f.get("verdict") == "unverifiable"]
    if unverifiable and all(isinstance(f.get("value"), (int, float)) for f in unverifiable):
        add(2, "numbers", "List, as numbers, **every** figure in the article that only its source's word stands "
            "behind (an outsider could not check it as given).", 'QID = []  # numbers, e.g. [12, 3400]',
            "For each number in the article: who gives it, and could anyone else count it?",
            "Unverifiable figures are not false; they are claims, and a careful reader reports them as claims.",
            {"layer": "figures", "where": {"verdict": "unverifiable"}, "select": "value", "pick": "set"})
    if not qs:
        raise KitInputError("the answer key has no attributions, loaded wording or figures to ask about; "
                            "annotate the article first (kit.annotate.Annotator)")
    return qs


def exercise_name(article: str) -> str:
    """``article_<stem>``: letters, digits, _ and - only, at most 64 characters."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", Path(article).stem).strip("_-").lower() or "text"
    return ("article_" + stem)[:64]


def build_bank(text: str, key: dict, *, name: str, title: Optional[str] = None) -> dict:
    """The bank for ``text`` and its key: questions with their answers resolved (checked now, not in class)."""
    from ..answer_key import validate

    validate(key, text)
    headline = next((p["text"] for p in key.get("parts", []) if p.get("kind") == "headline"), None)
    bank = {
        "exercise": name, "format": FORMAT,
        "title": title or f"Reading one article: {headline or name}",
        "intro": ("Who says so, how is it said, and what can be checked? The questions are about the article "
                  "printed by the set-up cell; their answers come from your teacher's reading of it."),
        "questions": build_questions(text, key), "text": text, "key": key,
    }
    checks.resolve(bank, key=key, text=text)  # every from_key resolves, or ValueError names the question
    return bank


# ----------------------------------------------------------------------------- release
def release_article(article: str, key_path: str, out_dir: str, *, name: Optional[str] = None,
                    execute: bool = True, timeout: int = 120) -> List[Path]:
    """Write the key (``out/solutions/NAME.ipynb``), the student version, the article and its key."""
    from ..answer_key import load_key
    from ..article import load_article
    from .author import build_key, execute as run
    from .notebook import dumps
    from .release import student_version

    text = load_article(article).text
    key = load_key(key_path, text=text)
    name = name or exercise_name(str(article))
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", name) or name in checks.EXERCISES:
        raise KitInputError(f"--name {name!r}: use letters, digits, _ and - (at most 64), not a seed exercise name")
    bank = build_bank(text, key, name=name)
    packed = pack(bank)
    checks.register(bank)
    out = Path(out_dir)
    (out / "solutions").mkdir(parents=True, exist_ok=True)
    nb = build_key(name, setup=SETUP.replace("{bank}", packed), meta={"bank": packed, "article": Path(str(article)).name})
    if execute:
        nb = run(nb, cwd=str(out / "solutions"), timeout=timeout)
    written = [out / "solutions" / f"{name}.ipynb", out / f"{name}.ipynb", out / f"{name}.txt",
               out / f"{name}.key.json"]
    written[0].write_text(dumps(nb), encoding="utf-8")
    written[1].write_text(dumps(student_version(nb)), encoding="utf-8")
    written[2].write_text(text, encoding="utf-8", newline="")
    if Path(key_path).resolve() != written[3].resolve():
        shutil.copyfile(key_path, written[3])
    return written
