"""Write the learner's notebooks from this one file, and (with --execute) run them.

    .venv/bin/python notebooks/_build.py            # write notebooks/*.ipynb, unexecuted
    .venv/bin/python notebooks/_build.py --execute  # write and run them (commit them executed)

Teachers may edit the notebooks directly; this file is how the kit keeps the five consistent
(the same setup cell, markers for nbval, kernelspec). Cell markers:
- ``# NBVAL_CHECK_OUTPUT`` on deterministic plain-text summary cells: nbval --nbval-lax
  compares them, so an engine change that changes what students see fails loudly;
- tag ``nbval-ignore-output`` on widget and chart cells (their output is not plain text).
"""
from __future__ import annotations

import sys
from pathlib import Path
from textwrap import dedent

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from kit.colab import setup_cell_source  # noqa: E402

CHECK = "# NBVAL_CHECK_OUTPUT"
IGNORE = ["nbval-ignore-output"]

IMPORTS = """\
import kit
from kit import charts
from kit.highlight import render_html
from kit.widgets import Explorer, PredictReveal, Rewrite
from IPython.display import HTML, display
import matplotlib.pyplot as plt

article = kit.load_article(ARTICLE)  # the article (the seed when ARTICLE is None), exactly as it arrived
result = kit.analyze(article)     # everything the kit finds in it"""


def md(text: str):
    return new_markdown_cell(dedent(text).strip("\n"))


def code(text: str, *, tags=None):
    cell = new_code_cell(dedent(text).strip("\n"))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def check(text: str):
    """A deterministic plain-text cell that nbval compares."""
    return code(CHECK + "\n" + dedent(text).strip("\n"))


def widget(text: str):
    return code(text, tags=IGNORE)


PARAMETERS = """\
# Parameters: the article this notebook reads. A teacher can re-run the whole notebook on another
# article by changing this line (or with papermill: papermill IN.ipynb OUT.ipynb -p ARTICLE my.txt).
ARTICLE = None  # None = the seed; or a file path, a URL, or the text itself"""


def parameters():
    """The papermill-style parameters cell (tagged "parameters"), right under the title."""
    return code(PARAMETERS, tags=["parameters"])


def notebook(cells):
    first_md = next(i for i, c in enumerate(cells) if c.cell_type == "markdown")
    cells = cells[:first_md + 1] + [parameters()] + cells[first_md + 1:]
    nb = new_notebook(cells=[code(setup_cell_source())] + cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


NB00 = [
    md("""
    # 0 · Start here: stop before you read

    **Time:** about 10 minutes.

    **Goals.** After this notebook you can
    - run a notebook cell and find your way around this kit;
    - say what a web page *is* before you believe what it says: who published it, who wrote it, when;
    - tell the *article* apart from the page's *furniture* (weather, menus, teasers, timestamps).

    **How notebooks work.** Grey boxes are *code cells*. Click one and press **Shift + Enter** to run it;
    its output appears below. Run the cells from top to bottom. The first cell set things up (on Google
    Colab it installs the kit; here it does nothing). Nothing you do here can break the article.

    The path: **0** the page · **1** who says so · **2** how it is said · **3** what can be checked ·
    **4** how the machine reads. About two class hours in all (100 minutes).
    """),
    code(IMPORTS),
    md("""
    ## Step 1 · Stop. What is this page?

    Below is the page exactly as it was saved: every character, including the odd bits. **Before you
    read the story, look at the page.** Who published it? Who wrote it? When?
    """),
    check("""
    print(article.text)
    """),
    md("""
    **Look for yourself (2 minutes).**
    1. Is there an outlet's name anywhere? A byline (the reporter's name)?
    2. Find **three** dates or times on the page. Which one could be the date the article was published?
       Can they all be right?
    3. What do "30.1 C" and "Most Popular Articles" have to do with the story?

    Now compare with what the kit found. It sorts the page into *furniture* (parts of the web page) and
    the *article* (headline, standfirst, paragraphs), and lists every date with the role it plays.
    """),
    check("""
    print("Page furniture (not the article):")
    for f in result.furniture:
        print(f"  {f.kind:<14} {f.text!r}")
    print()
    print("Dates and times on the page:")
    for d in result.dates:
        print(f"  {d.role:<14} {d.text!r}  (in: {d.region})" + (f"  = {d.value}" if d.value else ""))
    for note in result.notes:
        print("NOTE:", note)
    """),
    md("""
    Here is the page with the furniture marked. Every highlight in this kit has a **text label** like
    `[PAGE]` and its own border style, so you can read it without colour and a screen reader can say it.
    """),
    code("""
    display(HTML(render_html(result, layers=["furniture"])))
    """, tags=IGNORE),
    md("""
    ## Step 2 · A first look with the explorer

    The explorer shows everything the kit marks. Switch layers on and off with the buttons, then choose a
    flag from the list to read **why** the kit marked it. You will meet each layer in the next notebooks.
    (If you see no buttons, you are in a viewer that cannot run widgets: the static picture above is the
    same information.)
    """),
    widget("""
    Explorer(result, visible=["furniture"])
    """),
    md("""
    ## Your turn

    In the cell below, write which date you think is the publication date, and why, as a Python string.
    There is no single right answer: what matters is the reason.
    """),
    code("""
    my_publication_date = ""   # e.g. "..., because ..."
    my_publication_date
    """, tags=IGNORE),
    md("""
    ## Summary
    - Before reading, **stop**: who published this, who wrote it, when? Here the page shows no outlet and
      no byline, and its dates disagree.
    - A saved web page mixes the article with *furniture*; a careful reader separates them.
    - "On Friday" only means something if you know the publication date.

    ## Check yourself
    1. Name two kinds of page furniture on this page.
    2. Why can "on Friday" not be turned into a calendar date from this page alone?
    3. The teaser "Ukraine lost over 35,000 troops in May – Moscow" is not part of the article. Where
       does the same number appear again? (Notebook 3 comes back to it.)
    4. What would you search for to find out who published this article?
    """),
]

NB01 = [
    md("""
    # 1 · Who says so?

    **Time:** about 25 minutes.

    **Goals.** After this notebook you can
    - find the sentences that report someone else's claim (an *attribution*: a source, a reporting verb,
      what they said);
    - count who gets to speak, and how much;
    - notice when a reporter's verb takes a side ("said" vs "claimed", "alleged");
    - spot claims that come with no source at all.
    """),
    code(IMPORTS),
    md("""
    ## Step 1 · Predict first

    Before the kit shows anything: read the numbered sentences and **pick every sentence that reports what
    someone else says or claims** in the list below them (Ctrl-click or Cmd-click to pick several). Then
    press **Reveal**.
    """),
    widget("""
    predict = PredictReveal(result, layer="attribution")
    predict
    """),
    md("""
    Where you and the kit disagree, look again: is there a speaker? A reporting verb ("said", "according
    to")? The kit can be wrong too — notebook 4 measures how often.

    ## Step 2 · The attributions, marked

    `[ATTR:SOURCE]` is who speaks, `[ATTR:CUE]` the reporting words, `[ATTR:CONTENT]` what they say.
    `[NOSRC]` marks facts the reporter states with no source.
    """),
    code("""
    display(HTML(render_html(result, layers=["attribution", "unattributed"])))
    """, tags=IGNORE),
    widget("""
    Explorer(result, layers=["attribution", "unattributed", "loaded", "figures"], visible=["attribution"])
    """),
    md("""
    ## Step 3 · Voices: who speaks, and how much?

    A story can quote many people or one. Count the words the article gives to each source.
    """),
    check("""
    summary = result.summary()
    print(f"{summary['counts']['attributions']} attributions")
    for v in summary["voices"]:
        print(f"  {v['speaker']}: {v['words']} words, {v['attributions']} time(s)")
    """),
    code("""
    charts.voices(result)
    plt.show()
    """, tags=IGNORE),
    md("""
    **Think.** Whose side of the story do we hear? Whose do we not hear at all? Is that a problem for
    a report on a war, or just what the story is about (a minister's speech)?

    ## Step 4 · Verbs: "said" or "claimed"?

    "Said" only reports. "Claimed" and "alleged" hint that the claim may be false; "revealed" or "noted"
    suggest it is true. Which sources get which verbs?
    """),
    check("""
    for speaker, stances in summary["stance_by_speaker"].items():
        verbs = summary["verbs_by_speaker"][speaker]
        print(f"{speaker}: " + ", ".join(f"{verb} x{n}" for verb, n in verbs.items())
              + "  |  " + ", ".join(f"{stance} {n}" for stance, n in stances.items()))
    """),
    code("""
    charts.verb_stance(result)
    plt.show()
    """, tags=IGNORE),
    md("""
    **Think.** Are the distancing verbs spread evenly, or do they cluster on one side? What effect does
    that have on a reader who skims?

    ## Step 5 · Unnamed sources

    "Officials said", "according to reports": who exactly? An unnamed source can be real and important,
    but the reader cannot check it.
    """),
    check("""
    for a in result.attributions:
        if a.source_kind in (None, "unnamed"):
            source = a.source.text if a.source else "(no source)"
            print(f"{source!r} -> {a.cue.text!r} ({a.source_kind or 'no source'})")
    print(summary["attributions_without_named_source"], "attribution(s) without a named source")
    """),
    md("""
    ## Step 6 · Claims in the reporter's own voice

    Some sentences state facts without saying who says so. They are the reporter's own claims: the
    reporter vouches for them.
    """),
    check("""
    for c in result.unattributed:
        print("*", " ".join(c.text.split()))
        print("  why:", c.why)
    """),
    md("""
    ## Your turn

    Pick one `[NOSRC]` sentence. Who could be the source of that information? Write a version that says
    who says so.
    """),
    code("""
    my_sentence = ""
    my_sentence
    """, tags=IGNORE),
    md("""
    ## Summary
    - An **attribution** has a source, a reporting verb and content. Always ask: *who says so?*
    - Count the voices: one voice dominating is a fact about the story worth noticing.
    - The reporter's choice of verb ("claimed" vs "said") can take sides without saying so.
    - Sentences with no source are the reporter's own claims.

    ## Check yourself
    1. In "X said Y", which part is the source, the cue and the content?
    2. Which source gets the most words here? Which sides are not heard?
    3. Which sources get "claim"? Does the article use "claim" for the minister?
    4. Rewrite "Officials had previously claimed they did not consent" with a neutral verb.
    """),
]

NB02 = [
    md("""
    # 2 · How is it said? Loaded words

    **Time:** about 25 minutes.

    **Goals.** After this notebook you can
    - name kinds of loaded wording: **naming** (which name for a place or a side), **euphemism** (a soft
      word that hides what happened or who did it), **distancing** ("so-called", scare quotes),
      **presupposition** (a claim smuggled in as given), **labels**, **intensifiers**, **motive** (the
      reporter tells us why someone acted);
    - tell the reporter's own words from a source's words;
    - suggest neutral alternatives, and check a rewrite with the kit.
    """),
    code(IMPORTS + """
from kit import resources"""),
    md("""
    ## Step 1 · The flags

    Every flag says what kind it is, *whose words these are*, why it matters, what to ask, and (where one
    exists) a more neutral wording.
    """),
    code("""
    display(HTML(render_html(result, layers=["loaded"])))
    """, tags=IGNORE),
    widget("""
    Explorer(result, layers=["loaded", "attribution"], visible=["loaded"])
    """),
    check("""
    for x in result.loaded:
        voice = "reporter" if x.voice == "reporter" else f"source: {x.speaker or '?'}"
        alternatives = ", ".join(x.alternatives) or "-"
        print(f"{x.text!r:<32} {x.category:<15} {voice:<26} neutral: {alternatives}")
    """),
    code("""
    charts.loaded_by_category(result)
    plt.show()
    """, tags=IGNORE),
    md("""
    ## Step 2 · The reporter's voice or a source's?

    A minister calling something "terrorism" is news: it tells you how he sees it. The *reporter* using
    the same word is a choice the reporter makes for you. Look at the voice column above.

    **Think.** Which loaded words are the reporter's own? Would a reporter from the other side have
    chosen the same ones?

    ## Step 3 · Even-handed? The same method on the other side

    The text below was **written for this kit — it is not news**. It retells the same events from the
    opposite side's point of view, with loaded wording on purpose. If the method is fair, it should
    flag loaded wording in *both* texts.
    """),
    code("""
    other = kit.analyze(kit.load_article(resources.read_text("seeds/opposite_framing.txt")))
    display(HTML(render_html(other, layers=["loaded", "attribution"])))
    """, tags=IGNORE),
    check("""
    from collections import Counter
    mine, theirs = Counter(x.category for x in result.loaded), Counter(x.category for x in other.loaded)
    print(f"{'category':<16}{'seed article':>14}{'opposite text':>15}")
    for category in sorted(set(mine) | set(theirs)):
        print(f"{category:<16}{mine[category]:>14}{theirs[category]:>15}")
    print(f"{'total':<16}{sum(mine.values()):>14}{sum(theirs.values()):>15}")
    """),
    md("""
    **Think.** "Kiev" or "Kyiv", "Kharkov" or "Kharkiv": what does each spelling signal? Which distancing
    verbs does each text use, and for whom?

    ## Step 4 · Rewrite it neutrally

    Here is one paragraph of the article. Rewrite it so that it keeps **every fact, every figure and every
    "who says so"**, but drops the loaded wording. Press **Check my version**: the kit tells you at once
    what is left, and whether you lost an attribution or a figure.
    """),
    widget("""
    if ARTICLE is None:  # the seed: its paragraph on the Crimean Bridge strike
        paragraph = next(line.strip() for line in article.text.splitlines() if "Western backers" in line)
    else:  # another article: its paragraph with the most loaded wording
        most = max(result.article.paragraphs, default=None,
                   key=lambda p: sum(p.start <= x.start < p.end for x in result.loaded))
        paragraph = most.text if most is not None else article.text.strip()
    rewrite = Rewrite(paragraph)
    rewrite
    """),
    md("""
    When you are happy with your version, run the next cell to keep it.
    """),
    code("""
    my_rewrite = rewrite.editor.value
    rewrite.report
    """, tags=IGNORE),
    md("""
    ## Summary
    - Loaded wording judges or hides: naming, euphemism, distancing, presupposition, labels, intensifiers,
      motives.
    - Whose words they are matters: a source's loaded word is a quote; the reporter's is a choice.
    - The same method flags loaded wording on either side: fairness means applying it to every story.

    ## Check yourself
    1. Give one example each of a euphemism and of a label from the seed article.
    2. Why is "the peninsula's population having voted overwhelmingly to join Russia" more than a fact?
       What does it take for granted?
    3. Find one word the opposite-side text uses that the seed would never use, and vice versa.
    4. Your rewrite: did you keep all figures and attributions? What was hardest to say neutrally?
    """),
]

NB03 = [
    md("""
    # 3 · What can be checked? Numbers

    **Time:** about 20 minutes.

    **Goals.** After this notebook you can
    - list every figure in a story with **who claims it**, its **bound** (exactly, about, more than, less
      than) and whether a reader could check it;
    - say what it would take to check a figure;
    - notice vague quantities ("dozens") and numbers that appear twice.
    """),
    code(IMPORTS),
    md("""
    ## Step 1 · Every figure

    `[FIG]` marks a figure. In the table: `=` exact, `~` about, `>` more than, `<` less than.
    """),
    code("""
    display(HTML(render_html(result, layers=["figures", "attribution"])))
    """, tags=IGNORE),
    widget("""
    Explorer(result, layers=["figures", "attribution"], visible=["figures"])
    """),
    check("""
    print(f"{'figure':<34}{'bound':<10}{'claimed by':<24}verdict")
    for f in result.figures:
        amount = "vague" if f.value is None else f"{f.value:g}"
        print(f"{f.text!r:<34}{f.bound + ' ' + amount:<10}{(f.claimant or 'the reporter'):<24}{f.verdict}")
    """),
    code("""
    charts.figures_by_claimant(result)
    plt.show()
    """, tags=IGNORE),
    md("""
    ## Step 2 · What would it take to check?

    For each figure, the kit gives its reasons. Read them, then decide: who else could know this number?
    Which ones could *you* check this week, and how?
    """),
    check("""
    for f in result.figures:
        print(f"{f.text!r} ({f.verdict})")
        for reason in f.reasons:
            print("   -", reason)
    """),
    md("""
    ## Step 3 · Vague quantities

    "Dozens", "some", "nearly": vague amounts cannot be wrong — and cannot be checked either.
    """),
    check("""
    vague = [f for f in result.figures if f.value is None or f.bound != "="]
    for f in vague:
        print(f"{f.text!r}: {'no number at all' if f.value is None else 'bound ' + f.bound}")
    print(len(vague), "of", len(result.figures), "figures are vague or bounded")
    """),
    md("""
    ## Step 4 · The number that appears twice

    Some numbers appear more than once on the page — once perhaps in a teaser for another article. When
    the same number shows up in two places, ask: is it the same claim, by the same person? Does
    repeating it make it more true?
    """),
    check("""
    import re
    from collections import defaultdict
    places = defaultdict(list)
    for m in re.finditer(r"\\d[\\d,.]*", article.text):
        places[m.group().replace(",", "").rstrip(".")].append(m.start())
    for number, starts in sorted(places.items()):
        if len(starts) > 1:
            where = [article.region_at(s) or "article" for s in starts]
            print(f"{number}: {len(starts)} times, in: {', '.join(where)}")
    """),
    md("""
    ## Your turn

    Choose one figure. Write down (1) who claims it, (2) who else could know it, (3) where you would look.
    """),
    code("""
    my_check_plan = ""
    my_check_plan
    """, tags=IGNORE),
    md("""
    ## Summary
    - Every figure has a claimant. "Ukraine lost 35,000 troops" is one side's number about the other.
    - Check the bound: "over", "nearly", "some" make a number hard to be wrong — and hard to check.
    - A number repeated (in a teaser, a headline) is still one claim.

    ## Check yourself
    1. Which figures come from the minister? Are any stated by the reporter alone?
    2. What is the difference between "880 square kilometers" and "some 880 square kilometers"?
    3. Who, besides the two armies, publishes estimates of territory gained or lost?
    4. Where does the 35,000 appear twice, and is it the same claim both times?
    """),
]

NB04 = [
    md("""
    # 4 · How the machine reads

    **Time:** about 20 minutes.

    **Goals.** After this notebook you can
    - explain how the kit finds what it finds: tokens, rules and word lists (no artificial "intelligence");
    - read a precision and recall score, comparing the kit with a teacher's reading;
    - say what the kit misses and why a human reader is still needed.
    """),
    code(IMPORTS + """
from kit import resources
from kit.pipeline import get_nlp"""),
    md("""
    ## Step 1 · Tokens

    The kit uses **spaCy**, a library for processing text. First it cuts the text into *tokens*: words,
    numbers and punctuation.
    """),
    check("""
    nlp = get_nlp()
    doc = nlp("Belousov alleged that Kiev had fired ten US-donated missiles.")
    print([token.text for token in doc])
    print("pipeline steps:", nlp.pipe_names)
    """),
    md("""
    ## Step 2 · Rules and word lists

    Then each step applies **rules** ("a name, then a reporting verb, then *that*") and **word lists**
    (lexicons) written by people. Every entry carries its explanation for students. Here are the lists:
    """),
    code("""
    for area in ("attribution", "loaded", "figures"):
        folder = resources.data_path(area)
        names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".jsonl"))
        counts = [f"{name[:-6]} ({len(resources.load_jsonl(area + '/' + name))})" for name in names]
        print(f"{area}: " + ", ".join(counts))
    """),
    md("""
    Try the machine on your own sentence. Change the text and run the cell again.
    """),
    code("""
    mine = kit.analyze("Officials claimed the so-called referendum was a triumph, according to local media.")
    print(mine.report())
    """, tags=IGNORE),
    md("""
    ## Step 3 · How good is it? The kit against the teacher's key

    A teacher read the article and marked every attribution, loaded word, figure and unsourced claim by
    hand: the **key**. `kit.answer_key.compare` counts a kit finding as a *hit* when it overlaps a key
    finding of the same kind (one key item to at most one finding).
    - **precision**: of what the kit marked, how much the teacher marked too;
    - **recall**: of what the teacher marked, how much the kit found.
    """),
    check("""
    from kit.answer_key import compare, load_key

    # The teacher's key exists for the seed only (notebook 05 shows how to write one for another article).
    key = load_key() if ARTICLE is None else {}
    scores = compare(result, key)   # the key leaves page furniture out, so compare() does too
    if ARTICLE is not None:
        print("No teacher's key for this article: every finding counts as extra (build one in notebook 05).")
    print(f"{'layer':<14}{'kit':>5}{'key':>5}{'precision':>11}{'recall':>8}{'labels agree':>14}")
    for layer in ("attributions", "loaded", "figures", "unattributed"):
        s = scores[layer]
        print(f"{layer:<14}{s.found_count:>5}{s.key_count:>5}{s.precision:>11.0%}{s.recall:>8.0%}{s.agreement:>14.0%}")
    """),
    md("""
    *Labels agree*: when both marked the same words, how often they also agree on the details (the
    stance of a verb, the category of a loaded word, who the speaker is).

    ## Step 4 · What it misses, what it adds, where it disagrees

    Read each line. Why could a rule or a word list not catch it? Is the kit wrong, or is the key?
    """),
    check("""
    for layer in ("attributions", "loaded", "figures", "unattributed"):
        for d in scores[layer].differences:
            print(f"[{d.kind}] {d.message}")
    """),
    md("""
    ## Rules or a trained model?

    The kit can also run after a *trained* spaCy pipeline (`kit.analyze(text, model="en_core_web_sm")`),
    which parses each sentence's grammar and uses the parse to draw sources and reported contents. Both
    were measured on the same annotated news (84 articles of the PolNeAR corpus, 2,192 attributions;
    overlap matching; measured 2026-12-01 on a 2-core machine):

    | reader | cue found (F1) | source found too (recall) | content found too (recall) | time for the 84 articles |
    | --- | --- | --- | --- | --- |
    | rules and word lists (default) | 0.767 | 0.704 | 0.676 | about 2 s |
    | trained pipeline + the same rules | 0.767 | 0.705 | 0.679 | about 18 s |

    On these articles the trained parse changes almost nothing the scores can see, and it takes about
    ten times as long (start-up included). The rules also give the same answer on every computer, which graded exercises need:
    that is why they are the default. Notebook 05 lets you compare the two readings on your own article.

    ## Why a human reader is still needed

    - Word lists only know the words someone wrote into them; irony, context and new slogans slip through.
    - A rule cannot know what is *missing*: the voices not quoted, the context not given.
    - "Loaded" depends on who speaks and about what: the kit shows evidence, **you** make the judgement.
    - The teacher's key is one careful reading, not the truth; two teachers would disagree on some flags.

    ## Summary
    - The kit = tokens + rules + word lists, all readable in `kit/data/`.
    - It is measured against a human reading, and its score is shown honestly — it is good at some
      layers and poor at others.
    - Use it as a second reader that points; never as a judge.

    ## Check yourself
    1. What is a token? How many tokens does "US-donated" become?
    2. If the kit has high precision but low recall on loaded wording, what does that mean in practice?
    3. Pick one thing the kit missed. Write the rule or word-list entry that would catch it — and one
       sentence where that rule would be wrong.
    4. Why is it important that the same word lists are used for articles from every side?
    """),
]

NB05 = [
    md("""
    # 5 · Your own article

    **Time:** about 20 minutes.

    **Goals.** After this notebook you can
    - run the whole kit on an article you chose: pasted, uploaded, or from a web address;
    - read two articles about the same event side by side: who speaks, which verbs each source gets,
      which loaded words, whose figures;
    - (teachers) review the kit's findings and save an answer key, from which the kit makes graded
      exercises for that article.

    The kit's rules were written for English news. On your own article they will miss things and flag
    things wrongly — finding those mistakes is part of the exercise.
    """),
    code("""
    import kit
    from kit import charts, resources
    from kit.highlight import render_html
    from kit.widgets import Explorer
    from kit.upload import choose_article
    from kit.side_by_side import side_by_side_table, side_by_side_charts
    from kit.annotate import Annotator
    from IPython.display import HTML, display
    import ipywidgets as W
    import matplotlib.pyplot as plt
    """),
    md("""
    ## Step 1 · Choose an article

    Do **one** of these, then run the cell after the boxes:
    - **paste** the article's text into the box (headline first, then the paragraphs);
    - **upload** a file: a `.txt` or `.md` file, or a web page you saved (`.html`);
    - type a **web address** (this needs the internet; the kit fetches the page and keeps only the article).

    With nothing chosen, the notebook keeps the `ARTICLE` at the top (the seed article unless your
    teacher changed it).
    """),
    widget("""
    paste = W.Textarea(placeholder="Paste the article's text here", layout=W.Layout(width="100%", height="10em"))
    upload = W.FileUpload(accept=".txt,.md,.html,.htm", multiple=False)
    url = W.Text(placeholder="https://… (needs the internet)", layout=W.Layout(width="100%"))
    W.VBox([W.HTML("<b>Paste the text</b>"), paste, W.HTML("<b>or upload a file</b>"), upload,
            W.HTML("<b>or give a web address</b>"), url])
    """),
    check("""
    article, came_from = choose_article(text=paste.value, upload=upload.value, url=url.value, default=ARTICLE)
    result = kit.analyze(article)
    print("Reading:", came_from)
    print("Headline:", result.article.headline.text if result.article.headline else "(none found)")
    print(f"{len(result.article.text.split())} words, {len(result.article.paragraphs)} paragraphs")
    """),
    md("""
    ### Optional: a trained reader

    The kit's default is its rules and word lists: the same result on every computer. Where a trained
    English pipeline is installed (Google Colab ships `en_core_web_sm`), the kit can also use its
    grammar parse to draw sources and reported contents. Run the cell to compare the two readings of
    your article; notebook 04 shows how the two compare on hundreds of annotated articles.
    """),
    code("""
    import importlib.util

    MODEL = "en_core_web_sm"   # the trained pipeline to try, if it is installed here
    if importlib.util.find_spec(MODEL) is None:
        print(f"{MODEL} is not installed here, so the kit reads with its rules only (the default).")
    else:
        trained = kit.analyze(article, model=MODEL)
        for layer in ("attributions", "loaded", "figures", "unattributed"):
            print(f"{layer:<14} rules {len(getattr(result, layer)):>3}   trained {len(getattr(trained, layer)):>3}")
        rule_sources = {a.source.text for a in result.attributions if a.source}
        parse_sources = {a.source.text for a in trained.attributions if a.source}
        print("sources only the trained reader drew:", sorted(parse_sources - rule_sources) or "none")
        print("sources only the rules drew:", sorted(rule_sources - parse_sources) or "none")
    """, tags=IGNORE),
    md("""
    ## Step 2 · What the kit finds

    The same views as for the seed: the highlighted text, the explorer (pick a flag to read why it was
    flagged), and the summary. Where the kit is wrong about your article, note it: you will need it in
    Step 4.
    """),
    code("""
    display(HTML(render_html(result)))
    """, tags=IGNORE),
    widget("""
    Explorer(result, layers=["attribution", "unattributed", "loaded", "figures"], visible=["attribution"])
    """),
    check("""
    summary = result.summary()
    print("Found:", ", ".join(f"{n} {what}" for what, n in summary["counts"].items()))
    for v in summary["voices"]:
        print(f"  {v['speaker']}: {v['attributions']} attribution(s), {v['words']} words")
    print("Loaded wording by category:", summary["loaded_by_category"] or "none")
    print("Figures by verdict:", summary["figures_by_verdict"] or "none")
    """),
    code("""
    fig, axes = plt.subplots(2, 2, figsize=(15, 9))
    charts.voices(result, ax=axes[0][0])
    charts.verb_stance(result, ax=axes[0][1])
    charts.loaded_by_category(result, ax=axes[1][0])
    charts.figures_by_claimant(result, ax=axes[1][1])
    fig.tight_layout()
    plt.show()
    """, tags=IGNORE),
    md("""
    ## Step 3 · Two articles on the same event, side by side

    The same method on two texts: a difference in the numbers is a difference in the texts. By default
    the second text is the one **written for this kit — it is not news** — that retells the seed's events
    from the opposite side's point of view. To compare two real reports of one event, set `OTHER` to the
    second article (a path, a web address, or the text) and choose the first one in Step 1.
    """),
    check("""
    OTHER = None  # None = the kit's opposite-framing text; or a file path, a URL, or the text itself
    other = kit.analyze(kit.load_article(resources.read_text("seeds/opposite_framing.txt") if OTHER is None else OTHER))
    print(side_by_side_table(result, other, names=("your article", "the other text")))
    """),
    code("""
    side_by_side_charts(result, other, names=("your article", "the other text"))
    plt.show()
    """, tags=IGNORE),
    md("""
    **Think.** Who speaks in one text and not in the other? Does the same person get "said" in one and
    "claimed" in the other? Which loaded words does each text use — and would you have noticed them
    without the other text next to it?

    ## Step 4 · (Teachers) Build the answer key

    The annotator starts from the kit's findings. Pick a layer and an item, then **Accept** it,
    **Reject** it, or set its label (and who says it) and **Relabel**. To add what the kit missed, copy
    the words exactly into *Words* (with *Occurrence* 2 for the second time they appear), choose a label
    and press **Add**. **Save key** writes the answer key (the same format as the seed's key).

    Every button has a Python twin, for a script: `ann.accept("loaded", 0)`, `ann.reject(...)`,
    `ann.relabel("figures", 1, claimant="the union")`, `ann.add_loaded("gamble", "label")`,
    `ann.save("my_article.key.json")`.
    """),
    widget("""
    ann = Annotator(result)
    ann
    """),
    md("""
    Then, in a terminal in the kit's folder, make the graded exercise for your article and grade it as
    the seed's exercises (see `exercises/README.md`):

    ```
    python -m kit release --article my_article.txt --key my_article.key.json --out my-class
    python -m kit grade submissions/*.ipynb --keys my-class/solutions --out grading-out
    ```

    ## Summary
    - The kit reads any English article the same way: pasted, uploaded or fetched from the web.
    - Two texts on one event, side by side, show choices you would not see in one: voices, verbs,
      loaded words, figures.
    - The kit's reading is a draft: a teacher's key corrects it, and the exercises are made from the key.

    ## Check yourself
    1. Name one thing the kit got wrong in your article. Was it a missed flag, an extra one, or a wrong label?
    2. In the side-by-side table, find one source whose verbs differ between the two texts. What does the
       difference suggest?
    3. Why must a comparison use the *same* method on both texts?
    """),
]

NOTEBOOKS = {
    "00_start_here": NB00,
    "01_who_says_so": NB01,
    "02_loaded_words": NB02,
    "03_numbers": NB03,
    "04_how_the_machine_reads": NB04,
    "05_your_own_article": NB05,
}


def build(execute: bool = False, names=None) -> None:
    for name, cells in NOTEBOOKS.items():
        if names and name not in names:
            continue
        nb = notebook(cells)
        if execute:
            from nbclient import NotebookClient

            NotebookClient(nb, kernel_name="python3", timeout=300, record_timing=False,
                           resources={"metadata": {"path": str(HERE)}}).execute()
        path = HERE / f"{name}.ipynb"
        nbformat.write(nb, path)
        print("wrote", path.relative_to(HERE.parent), "(executed)" if execute else "")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    build(execute="--execute" in sys.argv, names=args or None)
