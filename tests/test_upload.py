"""FileUpload values of ipywidgets 7 (dict by name) and 8 (tuple of dicts) read the same way."""
import datetime

import pytest

from kit.errors import KitInputError
from kit.upload import article_from_upload, uploaded_files

TEXT = "Town council approves new bridge\n\nMayor Lena Ortiz said the bridge would cut traffic.\n"
PAGE = ("<!DOCTYPE html><html><head><title>Bridge</title></head><body><article><h1>Town council approves "
        "new bridge</h1><p>Mayor Lena Ortiz said the bridge would cut traffic in the old town by half, "
        "and that work would begin next spring after a vote of the full council.</p></article></body></html>")


def v7(name, data):
    return {name: {"metadata": {"name": name, "type": "text/plain", "size": len(data), "lastModified": 0},
                   "content": data}}


def v8(name, data):
    return ({"name": name, "type": "text/plain", "size": len(data), "content": memoryview(data),
             "last_modified": datetime.datetime(2026, 1, 1)},)


@pytest.mark.parametrize("shape", [v7, v8])
def test_both_shapes_give_name_and_bytes(shape):
    data = TEXT.encode("utf-8")
    assert uploaded_files(shape("story.txt", data)) == [("story.txt", data)]


@pytest.mark.parametrize("value, expected", [(None, []), ({}, []), ((), [])])
def test_nothing_uploaded(value, expected):
    assert uploaded_files(value) == expected


@pytest.mark.parametrize("value", ["story.txt", 42, ({"name": "x"},), {"x": {"metadata": {}}}, ({"content": "text"},)])
def test_other_values_are_refused_with_a_reason(value):
    with pytest.raises(KitInputError):
        uploaded_files(value)


@pytest.mark.parametrize("shape", [v7, v8])
def test_a_text_file_becomes_the_article_exactly(shape):
    article = article_from_upload(shape("story.txt", TEXT.encode("utf-8")))
    assert article.text == TEXT


@pytest.mark.parametrize("shape", [v7, v8])
def test_an_html_file_goes_through_the_extractor(shape):
    article = article_from_upload(shape("page.html", PAGE.encode("utf-8")))
    assert "Lena Ortiz said" in article.text and "<p>" not in article.text


def test_no_upload_is_a_clear_error():
    with pytest.raises(KitInputError, match="no file uploaded"):
        article_from_upload(())


@pytest.mark.parametrize("text, upload, came_from, starts", [
    (TEXT, v8("other.txt", b"Other\n\nSomething else.\n"), "the pasted text", "Town council"),
    ("   ", v7("story.txt", TEXT.encode("utf-8")), "the uploaded file story.txt", "Town council"),
    ("", (), "the seed article (nothing pasted, uploaded or given)", "30.1 C"),
])
def test_choose_article_takes_paste_then_upload_then_default(text, upload, came_from, starts):
    from kit.upload import choose_article

    article, where = choose_article(text=text, upload=upload, url="")
    assert where == came_from and article.text.startswith(starts)


def test_choose_article_uses_the_parameter_when_nothing_else():
    from kit.upload import choose_article

    article, where = choose_article(default=TEXT)
    assert where == "the notebook's ARTICLE parameter" and article.text == TEXT
