"""HTML reader: main text and metadata via trafilatura."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventscribe.errors import InputError
from eventscribe.ingest.html import parse_html, read_html_file

PAGE = """<html><head><title>Gunmen abduct aid workers | Desk</title>
<meta property="og:title" content="Gunmen abduct aid workers">
{meta}</head><body><nav>Home | World | Sport</nav>
<article><h1>Gunmen abduct aid workers</h1>
{dateline}
<p>Unidentified gunmen abducted three aid workers on Tuesday near the village of Songho in the
Mopti region, colleagues said. The workers were travelling to deliver food to displaced families.</p>
<p>On Wednesday, gendarmes arrested two suspects in Sevare in connection with the kidnapping.</p>
</article><footer>Copyright Desk, all rights reserved</footer></body></html>"""


def _page(meta: str = "", dateline: str = "") -> str:
    return PAGE.format(meta=meta, dateline=dateline)


def test_ingest_html_main_text_title_and_meta_date(tmp_path: Path) -> None:
    path = tmp_path / "mali.html"
    meta = '<meta property="article:published_time" content="2023-05-18T09:30:00+00:00">'
    path.write_text(_page(meta), encoding="utf-8")
    art = read_html_file(path)
    assert art.id == "mali" and art.origin == str(path)
    assert art.title == "Gunmen abduct aid workers"
    assert art.published == dt.date(2023, 5, 18)
    assert "arrested two suspects in Sevare" in art.text
    assert "Copyright" not in art.text and "Sport" not in art.text


def test_ingest_html_date_falls_back_to_dateline_in_text() -> None:
    art = parse_html(_page(dateline="<p>18/05/2023</p>"), doc_id="x")
    assert art.published == dt.date(2023, 5, 18)


def test_ingest_html_published_override_wins() -> None:
    meta = '<meta property="article:published_time" content="2023-05-18">'
    art = parse_html(_page(meta), doc_id="x", published=dt.date(2023, 6, 1))
    assert art.published == dt.date(2023, 6, 1)


@pytest.mark.parametrize("html", ["", "   ", "<html><body></body></html>"])
def test_ingest_html_without_text_is_an_input_error(html: str) -> None:
    with pytest.raises(InputError) as info:
        parse_html(html, doc_id="x", origin="page.html")
    assert info.value.origin == "page.html"
