"""Property tests: every reader and the cleaner take any input and return an Item,
an Article or a Skip, never an exception; what they return is text that can be
stored (no NUL or C0 controls, no lone surrogates), and offsets stay inside it.

Hypothesis runs derandomised (the same examples every run, so CI is stable) with
a bounded number of examples and a deadline. ``python tests/test_fuzz.py --atheris``
runs the same targets under atheris (coverage-guided) when it is installed.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from failures import record
from flashpoint.config import Settings
from flashpoint.ingest.decode import DecodeError, decode_bytes
from flashpoint.ingest.feeds import feed_items
from flashpoint.ingest.readers import parse_bytes, record_item
from flashpoint.records import Article, Doc, Item, Skip
from flashpoint.stages.clean import clean_item, clean_text, content_key
from flashpoint.store import db

FUZZ = settings(
    max_examples=150,
    deadline=timedelta(seconds=5),
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SMALL = Settings(max_bytes=200_000, max_chars=100_000)
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
SUFFIXES = [None, ".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".xml", ".rss", ".atom"]

# text with the characters that break naive code: RTL marks and scripts, zero-width
# joiners, BOMs, combining marks, surrogates-as-escapes, controls, astral planes
TRICKY = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2069\ufeff\u00a0\u0301\u0000\x1b\r\u2028\u2029"
tricky_text = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list(TRICKY)),
        st.sampled_from(list("שלום عربي Тегеран 北京")),
        st.sampled_from([" ", "\n", ".", "Iran", "said", "TEHRAN", " -- ", "<b>", "&amp;", "\ud800", "\udfff", "\U0001f600"]),
    ),
    max_size=120,
).map("".join)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | tricky_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(tricky_text, children, max_size=4),
    max_leaves=12,
)
records = st.fixed_dictionaries(
    {},
    optional={
        name: st.one_of(tricky_text, json_values)
        for name in ("id", "url", "title", "published", "outlet", "text", "html")
    },
)


def encoded(text: str, enc: str) -> bytes:
    raw = text.encode(enc, errors="surrogatepass" if enc.startswith("utf") else "replace")
    return raw


byte_inputs = st.one_of(
    st.binary(max_size=3000),
    st.builds(encoded, tricky_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "cp1252", "latin-1"])),
    st.builds(lambda v: json.dumps(v, ensure_ascii=False).encode("utf-8", "surrogatepass"), st.one_of(records, json_values)),
    st.builds(
        lambda lines: "\n".join(json.dumps(v) if not isinstance(v, str) else v for v in lines).encode("utf-8", "surrogatepass"),
        st.lists(st.one_of(records, tricky_text), max_size=6),
    ),
    st.builds(lambda a, b: a + b"\x00" + b, st.binary(max_size=200), st.binary(max_size=200)),
)


def assert_storable(value: str | None, what: str) -> None:
    if value is None:
        return
    assert isinstance(value, str), what
    assert not UNSAFE.search(value), f"{what} holds a control character or lone surrogate: {value[:80]!r}"


def assert_item_or_skip(out: Item | Skip, label: str) -> None:
    if isinstance(out, Skip):
        assert out.item.startswith(label) and out.code and out.detail and out.stage == "read"
        return
    assert isinstance(out, Item), type(out)
    assert (out.text is None) != (out.html is None), "exactly one of text/html"
    for name in ("text", "html", "id", "url", "title", "published", "outlet"):
        assert_storable(getattr(out, name), name)


seen_codes: Counter[str] = Counter()


@FUZZ
@given(data=byte_inputs)
def test_decode_bytes_any_input(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        assert exc.code in {"binary", "bad_encoding", "empty"}, exc.code
        seen_codes[f"decode:{exc.code}"] += 1
        return
    assert text.strip()
    assert "\r" not in text
    assert_storable(text, "decoded text")
    assert unicodedata.is_normalized("NFC", text)
    seen_codes["decode:text"] += 1


@FUZZ
@given(data=byte_inputs, suffix=st.sampled_from(SUFFIXES))
def test_parse_bytes_any_input(data: bytes, suffix: str | None) -> None:
    out = list(parse_bytes("in", data, suffix, SMALL))
    assert out, "every input yields at least one item or skip"
    for x in out:
        assert_item_or_skip(x, "in")
        seen_codes[f"read:{x.code}" if isinstance(x, Skip) else "read:item"] += 1


@FUZZ
@given(record=st.one_of(records, json_values))
def test_record_item_any_json(record: object) -> None:
    out = record_item("rec", record)
    assert_item_or_skip(out, "rec")
    if isinstance(out, Item):
        assert out.doc.strip() or out.doc == "rec"


xml_names = st.sampled_from(["rss", "channel", "item", "title", "description", "link", "guid", "pubDate", "feed", "entry", "content", "summary", "x"])


@st.composite
def xml_docs(draw: st.DrawFn) -> str:
    def element(depth: int) -> str:
        name = draw(xml_names)
        if depth > 3 or draw(st.booleans()):
            body = draw(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
            body = body.replace("&", "&amp;").replace("<", "&lt;")
        else:
            body = "".join(element(depth + 1) for _ in range(draw(st.integers(0, 3))))
        return f"<{name}>{body}</{name}>"

    prolog = draw(
        st.sampled_from(
            [
                "",
                '<?xml version="1.0"?>',
                '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>',
                '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
                '<!DOCTYPE r SYSTEM "http://127.0.0.1:1/evil.dtd">',
            ]
        )
    )
    tail = draw(st.sampled_from(["", "&b;", "&x;", "<unclosed>", "]]>", "\x00"]))
    return prolog + "<rss><channel>" + element(0) + tail + "</channel></rss>"


@FUZZ
@given(text=st.one_of(xml_docs(), tricky_text))
def test_feed_items_any_xml(text: str) -> None:
    for x in feed_items("feed", text):
        assert isinstance(x, (Item, Skip))
        if isinstance(x, Skip):
            assert x.code in {"unsafe_xml", "bad_feed", "no_body"}, x
            seen_codes[f"feed:{x.code}"] += 1
        else:
            seen_codes["feed:item"] += 1
            assert "root:" not in (x.text or "") + (x.html or ""), "an external entity was expanded"


@FUZZ
@given(text=tricky_text, title=st.none() | tricky_text, guess=st.booleans())
def test_clean_text_any_text(text: str, title: str | None, guess: bool) -> None:
    result = clean_text(text, title=title, guess_title=guess)
    assert isinstance(result.text, str)
    assert "\r" not in result.text and "\u200b" not in result.text and "\ufeff" not in result.text
    assert result.text == result.text.strip()
    assert all(isinstance(r.text, str) and r.reason for r in result.removed)
    assert all(r.line is None or r.line >= 1 for r in result.removed)
    assert result.title is None or isinstance(result.title, str)


@FUZZ
@given(record=records)
def test_clean_item_from_any_record(record: dict[str, object]) -> None:
    item = record_item("rec", record)
    if isinstance(item, Skip):
        return
    out = clean_item(item, SMALL)
    assert isinstance(out, (Article, Skip))
    if isinstance(out, Skip):
        assert out.stage == "clean" and out.code in {"no_text", "too_large", "bad_html"}, out
        seen_codes[f"clean:{out.code}"] += 1
        return
    seen_codes["clean:article"] += 1
    assert out.text.strip() and len(out.text) <= SMALL.max_chars
    assert out.key == content_key(out.text)
    for name in ("text", "title", "doc", "url", "outlet", "published", "dateline"):
        assert_storable(getattr(out, name), name)


@pytest.fixture(scope="module")
def memory_store() -> duckdb.DuckDBPyConnection:
    conn = duckdb.connect(":memory:")
    db.migrate(conn)
    yield conn
    conn.close()


@FUZZ
@given(record=records)
def test_any_cleaned_record_can_be_stored(memory_store: duckdb.DuckDBPyConnection, record: dict[str, object]) -> None:
    """The write path accepts whatever the readers and cleaner let through (surrogates once crashed it)."""
    item = record_item("rec", record)
    article = clean_item(item, SMALL) if isinstance(item, Item) else None
    if not isinstance(article, Article):
        return
    stored, present = db.write_batch(memory_store, [Doc(article=article)])
    assert stored + present == 1
    text = memory_store.execute("SELECT text FROM documents WHERE doc_key = ?", [article.key]).fetchone()[0]
    assert " ".join(text.split()).casefold() == " ".join(article.text.split()).casefold()


@pytest.fixture(scope="module")
def nlp_stage():
    from flashpoint.stages.nlp import NLPStage

    return NLPStage(Settings())


@settings(max_examples=80, deadline=timedelta(seconds=10), derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=tricky_text)
def test_sentence_offsets_valid_on_any_text(nlp_stage, text: str) -> None:
    """RTL, zero-width and combining characters: sentence and entity offsets stay inside the text."""
    cleaned = clean_text(text).text
    if not cleaned:
        return
    doc = nlp_stage(Doc(article=Article(key=content_key(cleaned), doc="x", text=cleaned)))
    previous_end = 0
    for span in doc.sentences:
        assert 0 <= previous_end <= span.start < span.end <= len(cleaned)
        assert cleaned[span.start:span.end] == span.text
        previous_end = span.end
    for ent in doc.entities:
        assert 0 <= ent.start < ent.end <= len(cleaned) and cleaned[ent.start:ent.end] == ent.text


@pytest.fixture(scope="module", autouse=True)
def fuzz_table() -> Iterator[None]:
    """After the module: write what the properties produced into the failure table."""
    yield
    if not seen_codes:
        return
    summary = ", ".join(f"{k}×{v}" for k, v in sorted(seen_codes.items()))
    how = "Hypothesis, derandomised, 150 examples per property"
    test = "tests/test_fuzz.py (properties)"
    record("input", "random bytes, any encoding, NUL-spliced, with/without BOM", f"{how}: decode_bytes and parse_bytes with every suffix", f"no exception; Item or Skip every time ({summary})", test)
    record("input", "arbitrary JSON values and records (wrong types, nesting, NaN, lone surrogates)", f"{how}: record_item, clean_item, write_batch", "no exception; wrong types → Skip bad_field/bad_record/no_body; lone surrogates → U+FFFD; every Article storable", test)
    record("input", "random XML feeds with entity/DTD/XXE prologs", f"{how}: feed_items", "no exception; entity tricks → Skip unsafe_xml, broken XML → bad_feed; no external entity expanded", test)
    record("input", "RTL, bidi controls, zero-width, BOM, combining marks, astral characters", "Hypothesis, 80 examples: clean_text and the NLP stage", "stored as text; U+200B/U+FEFF removed, other marks kept; sentence/entity offsets inside the text and matching it", test)


# ---------------------------------------------------------------- atheris (optional, manual)


def _atheris_target(data: bytes) -> None:  # pragma: no cover - run by atheris only
    import atheris

    fdp = atheris.FuzzedDataProvider(data)
    suffix = SUFFIXES[fdp.ConsumeIntInRange(0, len(SUFFIXES) - 1)]
    blob = fdp.ConsumeBytes(fdp.remaining_bytes())
    for out in parse_bytes("in", blob, suffix, SMALL):
        if isinstance(out, Item):
            result = clean_item(out, SMALL)
            assert isinstance(result, (Article, Skip))
            if isinstance(result, Article):
                assert not UNSAFE.search(result.text)


if __name__ == "__main__":  # pragma: no cover - `python tests/test_fuzz.py --atheris -runs=20000`
    import atheris

    atheris.instrument_all()
    atheris.Setup([a for a in sys.argv if a != "--atheris"], _atheris_target)
    atheris.Fuzz()
