"""The readable terminal report printed by ``python -m kit analyze``."""
from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, List

if TYPE_CHECKING:  # pragma: no cover
    from .analysis import Analysis


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _section(lines: List[str], title: str) -> None:
    lines.append("")
    lines.append(title)
    lines.append("-" * len(title))


def render_report(analysis: "Analysis", *, width: int = 100) -> str:
    a = analysis
    lines: List[str] = [f"Analysis of {a.article.origin} ({len(a.text.split())} words, pipeline: {a.model})"]

    _section(lines, "The page")
    for f in a.furniture:
        lines.append(f"  furniture  {f.kind:<14} {_short(f.text)!r}")
    for p in a.parts:
        if p.kind != "paragraph":
            lines.append(f"  {p.kind:<10} {_short(p.text)!r}")
    paragraphs = [p for p in a.parts if p.kind == "paragraph"]
    lines.append(f"  {len(paragraphs)} body paragraph(s)")
    for d in a.dates:
        lines.append(f"  date       {d.role:<14} {d.text!r} ({d.region}){' = ' + d.value if d.value else ''}")
    for note in a.notes:
        lines.extend(textwrap.wrap(f"NOTE: {note}", width, initial_indent="  ", subsequent_indent="        "))

    _section(lines, f"Who says so: {len(a.attributions)} attribution(s)")
    for i, at in enumerate(a.attributions, 1):
        source = at.source.text if at.source else "(no source)"
        speaker = f" -> {at.speaker}" if at.speaker and (not at.source or at.speaker != at.source.text) else ""
        lines.append(f"  {i:>2}. {source}{speaker} [{at.source_kind or 'none'}] {at.cue.text!r} ({at.stance})")
        if at.content is not None:
            lines.extend(textwrap.wrap(f"content: {_short(at.content.text, 200)}", width,
                                       initial_indent="      ", subsequent_indent="        "))
        if at.stance != "neutral":
            lines.extend(textwrap.wrap(f"why: {at.stance_why}", width, initial_indent="      ",
                                       subsequent_indent="        "))

    _section(lines, f"How it is said: {len(a.loaded)} loaded wording flag(s)")
    for x in a.loaded:
        voice = "reporter's words" if x.voice == "reporter" else f"{x.speaker or 'a source'}'s words"
        lines.append(f"  {x.text!r}: {x.category}, {voice}")
        lines.extend(textwrap.wrap(x.why, width, initial_indent="      ", subsequent_indent="      "))
        if x.alternatives:
            lines.append(f"      neutral: {', '.join(x.alternatives)}")

    _section(lines, f"What can be checked: {len(a.figures)} figure(s)")
    for x in a.figures:
        value = "vague" if x.value is None else f"{x.bound} {x.value:g}"
        lines.append(f"  {x.text!r}: {value} {x.unit or ''}; claimed by {x.claimant or 'the reporter'}; {x.verdict}")
        for reason in x.reasons:
            lines.extend(textwrap.wrap(f"- {reason}", width, initial_indent="      ", subsequent_indent="        "))

    _section(lines, f"Claims with no source: {len(a.unattributed)}")
    for c in a.unattributed:
        lines.extend(textwrap.wrap(_short(c.text, 300), width, initial_indent="  * ", subsequent_indent="    "))

    summary = a.summary()
    _section(lines, "Summary")
    for v in summary["voices"]:
        verbs = ", ".join(f"{k} x{n}" for k, n in summary["verbs_by_speaker"][v["speaker"]].items())
        lines.append(f"  {v['speaker']}: {v['words']} words quoted or paraphrased; cues: {verbs}")
    return "\n".join(lines) + "\n"
