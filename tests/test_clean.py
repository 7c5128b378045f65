"""The cleaner: the seed gold, our own scraped-article fixtures, real prose left alone,
and the extraction benchmark as a quality gate.

"The title appears once" means: ``Article.title`` holds the title and the body does not
repeat it (nor a near copy of it, such as a caption that differs by a word).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from flashpoint.config import Settings
from flashpoint.ingest.readers import iter_items
from flashpoint.records import Article, Item, Skip
from flashpoint.stages.clean import (
    WORD,
    clean_item,
    clean_text,
    content_key,
    normalise_date,
    strip_site_name,
)

FIXTURES = Path(__file__).parent / "data" / "clean"
EXPECTATIONS = json.loads((FIXTURES / "expectations.json").read_text(encoding="utf-8"))
FIXTURE_NAMES = sorted(k for k in EXPECTATIONS if not k.startswith("_"))
BENCH = Path(__file__).resolve().parents[1] / "bench" / "extraction.py"


def clean(text: str, **item: str) -> Article:
    article = clean_item(Item(origin="t", text=text, **item))
    assert isinstance(article, Article), article
    return article


# ---------------------------------------------------------------- gold and fixtures


def test_seed_articles_pass_the_clean_gold(shared_dir: Path, seeds_dir: Path) -> None:
    gold = json.loads((shared_dir / "gold" / "seeds.clean.json").read_text(encoding="utf-8"))
    seen = set()
    for item in iter_items([str(seeds_dir)]):
        assert isinstance(item, Item), item
        name = Path(item.origin).stem
        expect = gold[name]
        article = clean_item(item)
        assert isinstance(article, Article), article
        for text in expect["must_drop"]:
            assert text not in article.text, f"{name}: {text!r} was not dropped"
        for text in expect["must_keep"]:
            assert text in article.text, f"{name}: {text!r} was lost"
        assert article.title == expect["title"]
        if expect.get("title_once"):
            assert expect["title"] not in article.text
        seen.add(name)
    assert seen == set(gold)


def test_seed_dateline_place_is_metadata(seeds_dir: Path) -> None:
    item = next(i for i in iter_items([str(seeds_dir)]) if "000_" in i.origin)
    article = clean_item(item)
    assert isinstance(article, Article)
    assert article.dateline == "Tehran"
    assert article.text.startswith("Iran is not satisfied")


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_scraped_article_fixture(name: str) -> None:
    expect = EXPECTATIONS[name]
    raw = (FIXTURES / name).read_text(encoding="utf-8")
    item = Item(origin=name, html=raw) if name.endswith(".html") else Item(origin=name, text=raw)
    article = clean_item(item)
    assert isinstance(article, Article), article
    for text in expect["must_drop"]:
        assert text not in article.text, f"{text!r} was not dropped"
    for text in expect["must_keep"]:
        assert text in article.text, f"{text!r} was lost"
    assert article.title == expect["title"]
    assert expect["title"] not in article.text
    assert article.dateline == expect.get("dateline")
    if "published" in expect:
        assert article.published == expect["published"]
    assert article.removed, "what was dropped is recorded for audit"


def test_there_are_at_least_ten_fixtures_of_both_kinds() -> None:
    assert len(FIXTURE_NAMES) >= 10
    assert any(n.endswith(".html") for n in FIXTURE_NAMES) and any(n.endswith(".txt") for n in FIXTURE_NAMES)


# ---------------------------------------------------------------- real prose is left alone


def test_clean_news_prose_loses_almost_nothing(shared_dir: Path) -> None:
    """GeoWebNews: 200 real news texts. Cleaning may drop their datelines, credits and
    copyright lines, but not prose: under 0.5% of words, and no long paragraph."""
    root = ET.parse(shared_dir / "data" / "geoparsing-gold" / "GWN.xml").getroot()
    total = dropped = 0
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        result = clean_text(text, title=article.findtext("title"), guess_title=False)
        before, after = len(WORD.findall(text)), len(WORD.findall(result.text))
        total += before
        dropped += before - after
        for piece in result.removed:
            assert len(WORD.findall(piece.text)) < 40 or "rights reserved" in piece.text.lower(), piece
    assert total > 50_000
    assert dropped / total < 0.005


@pytest.mark.parametrize(
    "sentence",
    [
        "Musk said Twitter would stop paying for the data centre after the deal closed.",
        "In its weekly newsletter, the ministry told subscribers that the border would stay closed.",
        "Millions follow the president on Telegram, where he announced the mobilisation.",
        "Users who subscribe to the service can read more than 6,000 posts a day, Musk said.",
        "The app store operator said Google Play and Apple would both review the rules.",
        "Reuters reported that at least 17 civilians were killed, citing local medics.",
    ],
)
def test_prose_that_mentions_furniture_words_is_kept(sentence: str) -> None:
    text = (
        "Talks resume in Geneva\n\n"
        "Negotiators from both sides met on Monday for a third round of talks, officials said.\n\n"
        f"{sentence}\n\n"
        "The next round is expected in December."
    )
    assert sentence in clean(text).text


def test_furniture_sentence_at_the_end_of_a_paragraph_is_trimmed_but_the_prose_stays() -> None:
    body = clean(
        "Title of the story here\n\n"
        "The army said it had repelled the attack near the town. Subscribe to our newsletter for daily updates."
    ).text
    assert body == "The army said it had repelled the attack near the town."


def test_a_lede_that_reuses_the_title_words_is_not_a_title_repeat() -> None:
    title = "Russia launches missile strike on Kyiv"
    lede = "Russia launches missile strike on Kyiv, killing at least 12 people and wounding dozens more overnight."
    article = clean(f"{title}\n\n{lede}\n\nMore text follows here.")
    assert article.title == title
    assert lede in article.text


def test_title_from_metadata_is_removed_from_the_body_even_with_different_spacing() -> None:
    article = clean("Baku and Yerevan   agree on border talks\n\nBoth sides agreed to meet.", title="Baku and Yerevan agree on border talks")
    assert article.text == "Both sides agreed to meet."


def test_a_cdata_wrapper_left_by_an_xml_export_goes_with_its_reason() -> None:
    cleaned = clean_text("<![CDATA[Port strike ends. Dockers in Antwerp returned to work on Monday.\n\nTalks resume next week.]]>")
    assert cleaned.text.startswith("Port strike ends. Dockers in Antwerp") and cleaned.text.endswith("next week.")
    assert [r.text for r in cleaned.removed] == ["<![CDATA[", "]]>"]
    assert all(r.reason.startswith("scraping debris") for r in cleaned.removed)


def test_no_title_is_guessed_from_a_first_line_that_is_a_sentence() -> None:
    article = clean("Iran held drills near the border on Friday.\n\nThe drills lasted three days.")
    assert article.title is None
    assert article.text.startswith("Iran held drills")


# ---------------------------------------------------------------- datelines


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("KYIV, Ukraine (AP) — ", "Kyiv"),
        ("MOSCOW, Nov 3 (Reuters) - ", "Moscow"),
        ("BAKU – ", "Baku"),
        ("WASHINGTON, Oct. 5 — ", "Washington"),
        ("ST. JOSEPH, Mich. (AP) — ", "St. Joseph"),
        ("RIO DE JANEIRO -- ", "Rio de Janeiro"),
        ("Kyiv, Ukraine (AP) — ", "Kyiv"),
        ("TEHRAN, ($1=42,190.00 Iranian Rials) – ", "Tehran"),
    ],
)
def test_dateline_forms(opening: str, place: str) -> None:
    article = clean(f"Title line of the article\n\n{opening}Officials said the talks would resume on Monday.")
    assert article.dateline == place
    assert article.text == "Officials said the talks would resume on Monday."


@pytest.mark.parametrize(
    "opening",
    ["BREAKING - ", "NATO allies met on Monday - ", "The talks - which began in May - "],
)
def test_not_a_dateline(opening: str) -> None:
    article = clean(f"Title line of the article\n\n{opening}officials said the talks would resume.")
    assert article.dateline is None
    assert article.text.startswith(opening.strip())


# ---------------------------------------------------------------- metadata helpers


def test_publication_date_from_a_time_stamp_line_only_when_not_given() -> None:
    text = "Headline of this piece\nUpdated: Nov. 3, 2021 10:15 a.m. ET\n\nThe ministry said so."
    assert clean(text).published == "2021-11-03"
    assert clean(text, published="2021-10-30").published == "2021-10-30"


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Best tech gadgets of 2019 | ZDNet", ["ZDNet", "zdnet.com"], "Best tech gadgets of 2019"),
        ("Gift guide - 9to5Mac", ["9to5Mac"], "Gift guide"),
        ("BBC News - Iran fires missiles", ["BBC News", "bbc.co.uk"], "Iran fires missiles"),
        ("Iran - Azerbaijan tensions grow", ["Caucasus Monitor"], "Iran - Azerbaijan tensions grow"),
        ("No separator here", ["Site"], "No separator here"),
    ],
)
def test_site_name_is_stripped_from_html_titles(title: str, sites: list[str], expected: str) -> None:
    assert strip_site_name(title, sites) == expected


def test_content_key_ignores_case_and_whitespace_only() -> None:
    assert content_key("Iran  held\ndrills.") == content_key("iran held drills.")
    assert content_key("Iran held drills.") != content_key("Iran held drills!")


@pytest.mark.parametrize(
    ("raw", "iso"),
    [("2021-10-01", "2021-10-01"), ("2021-10-01T08:30:00Z", "2021-10-01"), ("2021-10-01 08:30", "2021-10-01"),
     ("yesterday", None), ("", None), (None, None), ("2021-13-45", None)],
)
def test_normalise_date(raw: str | None, iso: str | None) -> None:
    assert normalise_date(raw) == iso


# ---------------------------------------------------------------- skips


def test_html_with_only_scripts_is_skipped_as_no_text() -> None:
    html = "<html><head><script>var a = 'secret';</script></head><body><script>alert(1)</script></body></html>"
    skip = clean_item(Item(origin="s.html", html=html))
    assert isinstance(skip, Skip) and (skip.item, skip.stage, skip.code) == ("s.html", "clean", "no_text")


def test_text_of_only_furniture_is_skipped() -> None:
    skip = clean_item(Item(origin="f.txt", text="Share | Tweet | Email\nAdvertisement\nSubscribe to our newsletter for updates."))
    assert isinstance(skip, Skip) and skip.code == "no_text"


def test_clean_text_over_max_chars_is_skipped() -> None:
    skip = clean_item(Item(origin="big.txt", text="Iran held drills. " * 100), Settings(max_chars=500))
    assert isinstance(skip, Skip) and skip.code == "too_large"


# ---------------------------------------------------------------- the benchmark gate


def test_extraction_beats_trafilatura_on_a_benchmark_subset(shared_dir: Path) -> None:
    """Every 6th page of the article-extraction benchmark: our F1 must be at least the
    benchmark's own trafilatura output, scored with the same metric (bench/extraction.py)."""
    spec = importlib.util.spec_from_file_location("bench_extraction", BENCH)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    root = shared_dir / "data" / "article-extraction-benchmark"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    baseline = json.loads((root / "baseline-outputs" / "trafilatura.json").read_text(encoding="utf-8"))["output"]
    ours, theirs = [], []
    for page in sorted(truth)[::6]:
        html = gzip.decompress((root / "html" / f"{page}.html.gz").read_bytes()).decode("utf-8")
        ours.append(bench.page_counts(truth[page]["articleBody"], bench.ours(page, html), 4))
        theirs.append(bench.page_counts(truth[page]["articleBody"], baseline[page].get("articleBody") or "", 4))
    assert bench.scores(ours)["f1"] >= bench.scores(theirs)["f1"]
