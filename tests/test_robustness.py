"""The analysis contract on any text: no crash, valid offsets, the same answer twice.

These tests know nothing of what the detectors should find (they are built elsewhere); they
check what every result must satisfy: each span lies inside the exact text it came from.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

import kit
from kit import KitInputError
from kit.fetch import is_url

# Pieces of news English (our own), to reach the detectors more often than random characters do.
PIECES = (
    "The minister", "said", "told reporters", "claimed", "according to", "officials",
    "critics", "allegedly", "so-called", "regime", "at least", "more than", "about", "nearly",
    "40", "1,500", "3.5", "%", "percent", "square kilometers", "million", "dozens of",
    "on Tuesday", "June 20, 2024", "“", "”", "\"", "'", "‘", "’", "«", "»", "—", "–", "-",
    ",", ".", ":", ";", "?", "!", "(", ")", " ", " ", "\u00a0", "\n", "\n\n", "\r\n", "\t",
    "<p>", "</p>", "&nbsp;", "Москва заявила", "Україна", "北京", "😀", "e\u0301", "\u200b",
)

news_like = st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join)
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=400)


def looks_like_a_path(text: str) -> bool:
    """``kit.analyze(str)`` reads short one-line strings that name a file or end in .txt as paths,
    and fetches one-line strings that start with http:// or https:// (see the URL tests below)."""
    return is_url(text) or "\n" not in text and len(text) < 1024 and (
        os.path.exists(text) or text.lower().endswith((".txt", ".md", ".html", ".htm"))
    )


def analyse_and_check(text: str, check_offsets) -> dict:
    data = kit.analyze(text).to_dict()
    assert data["text"] == text, "the analysed text was changed"
    check_offsets(data)
    return data


@given(text=st.one_of(any_text, news_like))
@example(text="")
@example(text=" \n\t ")
@example(text="He said “it is over.")
def test_any_text_analyses_with_valid_offsets_and_the_same_result_twice(text, check_offsets):
    assume(not looks_like_a_path(text))
    if not text.strip():
        with pytest.raises(KitInputError):
            kit.analyze(text)
        return
    first = analyse_and_check(text, check_offsets)
    second = kit.analyze(text).to_dict()
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\t \r\n", "\u00a0\u2009\n"],
                         ids=["empty", "space", "newlines", "tab-crlf", "nbsp-thin"])
def test_empty_or_blank_text_is_an_input_error(text):
    with pytest.raises(KitInputError, match="empty"):
        kit.analyze(text)


@pytest.mark.parametrize("text", ["HTTP://", "https://", "  http:// "])
def test_a_web_address_without_a_host_is_a_clear_input_error(text):
    # hypothesis found "HTTP://": a one-line http(s) string is a web address, never text to analyse
    with pytest.raises(KitInputError, match="names no host; a web address looks like https://"):
        kit.analyze(text)


NAMED_CASES = {
    "cyrillic": "Министр обороны заявил, что войска продвинулись на 880 квадратных километров.\n\n"
                "«Это ложь», — сказал представитель Киева.",
    "html_pasted": "<html><body><h1>Talks collapse</h1><p>The spokesman said &quot;no deal&quot;"
                   " was reached.</p><p>At least 12&nbsp;people were hurt.</p></body></html>",
    "crlf": "Police said 300 people marched.\r\n\r\nThe mayor claimed fewer did.\r\n",
    "unbalanced_quotes": "He said “it is over. She replied \"no. ‘Never’ was the word” and left “",
    "nbsp_and_curly": "The\u00a0minister\u00a0said: “We\u00a0will\u00a0win.” Critics called it ‘absurd’.",
    "only_punctuation": "“”‘’«»—–…!?.,;:",
    "one_long_line": "said " * 5000,
    "combining_and_emoji": "Cafe\u0301 owners 😀 said prices rose 20\u202f% in a year.",
}


@pytest.mark.parametrize("name", sorted(NAMED_CASES))
def test_named_awkward_texts(name, check_offsets):
    text = NAMED_CASES[name]
    analyse_and_check(text, check_offsets)


def test_five_megabytes_of_text_run(tmp_path):
    """A 5 MB paste runs to the end. Time is not part of the contract, but CI must not hang:
    the run happens in a child process with a generous limit."""
    script = textwrap.dedent(
        """
        import sys, time, kit
        base = kit.load_article().text + "\\n\\nThe official said “at least 40 people” were hurt.\\r\\n"
        text = (base * (5_000_000 // len(base) + 1))[:5_000_000]
        started = time.perf_counter()
        data = kit.analyze(text).to_dict()
        assert data["text"] == text
        for key in ("furniture", "loaded", "figures", "unattributed"):
            for r in data[key]:
                assert 0 <= r["start"] <= r["end"] <= len(text) and text[r["start"]:r["end"]] == r["text"]
        print(len(text), round(time.perf_counter() - started, 1))
        """
    )
    limit = 300  # generous: linear work takes well under a minute here
    try:
        proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"analysing 5 MB of text did not finish in {limit} s (work that grows faster than the text?)")
    assert proc.returncode == 0, proc.stderr[-2000:]
    chars, seconds = proc.stdout.split()
    assert int(chars) == 5_000_000


@pytest.mark.parametrize("first, second", [
    ("Police said 300 people marched on Tuesday.", "Police told 300 people marched on Tuesday."),
    ("He said critics claimed 40 were hurt.", "He said critics crossed 40 were hurt."),
])
def test_texts_of_the_same_shape_analysed_one_after_another(first, second, check_offsets):
    """Same length, same token count, same first and last word: nothing of the first text may
    leak into the analysis of the second (found by the property test above)."""
    for _ in range(3):
        for text in (first, second):
            assert analyse_and_check(text, check_offsets)["text"] == text
