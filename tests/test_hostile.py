"""Hostile inputs: each one is refused with a named reason or read as text, in bounded
time and memory, and never stops the good documents next to it from being stored.

The ordinary bad inputs (random bytes, empty, invalid UTF-8, Latin-1, UTF-16 with a
BOM, a 50 MB file, script-laden HTML, wrong JSON types, broken JSONL) are covered by
the readers' own tests; here are the attacks: NUL bytes, UTF-32 and BOM-less wide
encodings, a 36 MB single line, HTML nested 200,000 deep, billion laughs and XXE
feeds, gzip bombs, symlink loops, 100,000 tiny files, bidi and zero-width text,
regex-hostile text, and documents that exhaust the time budget.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from failures import record
from flashpoint.config import Settings
from flashpoint.ingest.readers import iter_items
from flashpoint.ingest.run import ingest, prepare
from flashpoint.limits import TimeLimitExceeded, time_limit
from flashpoint.pipeline import Pipeline
from flashpoint.records import Article, Doc, Item, Skip
from flashpoint.stages.clean import clean_text

REPO = Path(__file__).resolve().parents[1]
GOOD = (
    "KYIV, Ukraine — Ukrainian air defences shot down 14 Russian drones over the Kyiv region overnight, "
    "the air force said on Tuesday. Officials in Moscow did not comment on the strikes.\n\n"
    "The governor of Kharkiv said two people were wounded when a missile hit an apartment block."
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n' for i in range(1, 10))
    + ']>\n<rss><channel><title>x</title><item><title>t</title><description>&lol9;</description></item></channel></rss>\n'
)
XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    "<rss><channel><item><title>t</title><description>&xxe;</description></item></channel></rss>\n"
)
EXTERNAL_DTD = '<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">\n<rss><channel><item><description>x</description></item></channel></rss>\n'


def good_text(i: int) -> str:
    return f"Report {i}. " + GOOD.replace("14", str(14 + i))


def one(items: list[Item | Skip]) -> Item | Skip:
    assert len(items) == 1, items
    return items[0]


def read(path: Path, settings: Settings | None = None) -> list[Item | Skip]:
    return list(iter_items([str(path)], settings or Settings()))


def timed(fn, *args):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


# ---------------------------------------------------------------- encodings and bytes


@pytest.mark.parametrize(
    ("name", "payload", "expect"),
    [
        ("NUL bytes inside text", GOOD.encode()[:80] + b"\x00\x00\x00" + GOOD.encode()[80:], "binary"),
        ("only NUL bytes", b"\x00" * 4096, "empty"),
        ("UTF-32 LE with BOM", b"\xff\xfe\x00\x00" + GOOD.encode("utf-32-le"), "text"),
        ("UTF-32 BE with BOM", b"\x00\x00\xfe\xff" + GOOD.encode("utf-32-be"), "text"),
        ("UTF-32 LE without BOM", GOOD.encode("utf-32-le"), "text"),
        ("UTF-32 BE without BOM", GOOD.encode("utf-32-be"), "text"),
        ("UTF-16 BE without BOM", GOOD.encode("utf-16-be"), "text"),
        ("UTF-16 LE BOM but odd length", b"\xff\xfe" + GOOD.encode("utf-16-le")[:-1], "bad_encoding"),
        ("UTF-8 BOM then invalid bytes", b"\xef\xbb\xbf" + b"abc\xff\xfe\xfd" * 50, "bad_encoding"),
    ],
)
def test_wide_and_nul_encodings(tmp_path: Path, name: str, payload: bytes, expect: str) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(payload)
    out = one(read(path))
    if expect == "text":
        assert isinstance(out, Item) and out.text == GOOD, out
        outcome = "read as text, identical to the original"
    else:
        assert isinstance(out, Skip) and out.code == expect, out
        outcome = f"Skip {out.code}: {out.detail}"
    record("input", name, f"{len(payload)} bytes as .txt", outcome)


def test_rtl_and_zero_width_text_is_stored_with_valid_offsets(tmp_path: Path, pipeline) -> None:
    text = (
        "Officials in \u202bطهران\u202c said\u200b talks with \u05d9\u05e8\u05d5\u05e9\u05dc\u05d9\u05dd would resume. "
        "The minister\u200d\u200c visited Baghdad\u200f on Monday.\ufeff Turkish forces moved to the\u2066 border\u2069 area.\n\n"
        "A second paragraph names Iran and Israel, with an emoji \U0001f1ee\U0001f1f7 and e\u0301 combining marks."
    )
    path = tmp_path / "rtl.txt"
    path.write_text(text, encoding="utf-8")
    item = one(read(path))
    assert isinstance(item, Item)
    (article,) = prepare([item], Settings())
    assert isinstance(article, Article)
    assert "\u200b" not in article.text and "\ufeff" not in article.text
    assert "طهران" in article.text and "\u05d9\u05e8\u05d5\u05e9\u05dc\u05d9\u05dd" in article.text
    assert "\u202b" in article.text and "\u200d" in article.text, "bidi marks and joiners are kept"
    assert "é" in article.text, "combining marks are composed (NFC)"
    doc = pipeline(article)
    spans = [*doc.sentences, *doc.entities, *doc.mentions, *doc.places, *doc.dates, *doc.quantities, *doc.equipment]
    for span in spans:
        assert 0 <= span.start < span.end <= len(article.text)
        assert article.text[span.start:span.end] == span.text, span
    for event in doc.events:
        assert article.text[event.start:event.end] == event.evidence
    record(
        "input",
        "right-to-left, bidi controls, zero-width and combining characters",
        "Arabic and Hebrew names with U+202B/U+2066 bidi marks, U+200B/U+200C/U+200D/U+200F/U+FEFF, e + U+0301",
        f"stored as text; U+200B and U+FEFF removed, bidi marks and joiners kept, NFC; {len(spans)} spans and "
        f"{len(doc.events)} events, every offset slices the text exactly",
    )


# ---------------------------------------------------------------- size limits


def test_36mb_single_line(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    line = (good_text(0).replace("\n", " ") + " ") * (36_000_000 // len(good_text(0)) + 1)
    path.write_text(line[:36_000_000], encoding="utf-8")
    process = psutil.Process()
    rss0 = process.memory_info().rss

    out, seconds = timed(lambda: one(read(path)))
    assert isinstance(out, Skip) and out.code == "too_large" and "max_bytes" in out.detail, out
    assert seconds < 2, "refused from the file size, before reading"
    record("limits", "36 MB single line", "36,000,000-byte .txt, no newline, default max_bytes=20 MB", f"Skip too_large before reading ({seconds * 1000:.0f} ms): {out.detail}")

    raised = Settings(max_bytes=40_000_000, max_seconds=2)
    out, seconds = timed(lambda: list(prepare(iter_items([str(path)], raised), raised)))
    (skip,) = out
    assert isinstance(skip, Skip) and skip.code == "too_slow" and skip.stage == "clean", skip
    assert seconds < 15
    grown = (process.memory_info().rss - rss0) / 2**20
    assert grown < 600, f"RSS grew {grown:.0f} MB"
    record("limits", "36 MB single line, max_bytes raised to 40 MB", "same file, max_seconds=2", f"read, then cleaning interrupted by the time budget: Skip too_slow after {seconds:.1f} s; RSS grew {grown:.0f} MB")


def test_long_line_over_max_chars(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_text(("Iran said talks would resume in Geneva. " * 30_000), encoding="utf-8")
    settings = Settings(max_chars=1_000_000)
    (out,) = prepare(iter_items([str(path)], settings), settings)
    assert isinstance(out, Skip) and out.code == "too_large" and "max_chars" in out.detail, out
    record("limits", "1.2 MB single line of prose", ".txt under max_bytes, max_chars=1,000,000", f"Skip too_large at clean: {out.detail}")


# ---------------------------------------------------------------- markup and feeds


@pytest.mark.parametrize("tag", ["div", "b", "table"])
def test_html_nested_200k_deep(tmp_path: Path, tag: str) -> None:
    depth = 200_000
    html = f"<html><head><title>Deep</title></head><body><p>{GOOD}</p>" + f"<{tag}>" * depth + "buried text" + f"</{tag}>" * depth + "</body></html>"
    path = tmp_path / "deep.html"
    path.write_text(html, encoding="utf-8")
    (out,), seconds = timed(lambda: list(prepare(iter_items([str(path)], Settings()), Settings())))
    assert isinstance(out, (Article, Skip))
    if isinstance(out, Skip):
        assert out.code in {"no_text", "bad_html", "too_slow", "resource_limit"}, out
        outcome = f"Skip {out.code} ({out.detail})"
    else:
        assert "air defences" in out.text
        outcome = f"Article: the real paragraph kept ({len(out.text)} chars), depth ignored"
    assert seconds < 30
    record("input", f"HTML nested 200,000 deep (<{tag}>)", f"{len(html) / 1e6:.1f} MB .html, a real paragraph before the nest", f"{outcome} in {seconds:.1f} s; no RecursionError, no crash")


@pytest.mark.parametrize(
    ("name", "xml"),
    [("billion laughs", BILLION_LAUGHS), ("XXE file:///etc/passwd", XXE), ("external DTD", EXTERNAL_DTD)],
)
def test_xml_entity_attacks_refused(tmp_path: Path, name: str, xml: str) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(xml, encoding="utf-8")
    process = psutil.Process()
    rss0 = process.memory_info().rss
    out, seconds = timed(lambda: read(path))
    grown = (process.memory_info().rss - rss0) / 2**20
    assert all("root:" not in ((x.text or "") + (x.html or "")) for x in out if isinstance(x, Item)), "file contents leaked"
    if name == "external DTD":
        # no entity is declared: the feed is read, and the DTD is never fetched
        assert [type(x) for x in out] == [Item], out
        outcome = "read as a feed; the external DTD is not fetched (no network, no file access)"
    else:
        (skip,) = out
        assert isinstance(skip, Skip) and skip.code == "unsafe_xml", skip
        outcome = f"Skip unsafe_xml: {skip.detail}"
    assert seconds < 1 and grown < 50
    record("input", f"XML feed: {name}", f"{len(xml)}-byte .xml", f"{outcome} ({seconds * 1000:.0f} ms, RSS +{grown:.0f} MB)")


def test_gzip_bomb_is_never_decompressed(tmp_path: Path) -> None:
    bomb = gzip.compress(b"\0" * 200_000_000, compresslevel=9)
    folder = tmp_path / "bombs"
    folder.mkdir()
    for name in ("bomb.html.gz", "bomb.gz", "bomb.html", "bomb.txt", "bomb.json", "bomb.xml"):
        (folder / name).write_bytes(bomb)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    process = psutil.Process()
    rss0 = process.memory_info().rss
    out, seconds = timed(lambda: read(folder))
    grown = (process.memory_info().rss - rss0) / 2**20
    skips = {Path(x.item).name: x.code for x in out if isinstance(x, Skip)}
    assert skips == {n: "binary" for n in ("bomb.html", "bomb.txt", "bomb.json", "bomb.xml")}, skips
    assert [Path(x.origin).name for x in out if isinstance(x, Item)] == ["good.txt"]
    explicit = read(folder / "bomb.html.gz")
    assert [(type(x), x.code) for x in explicit] == [(Skip, "binary")], explicit
    assert grown < 50 and seconds < 2
    record(
        "input",
        "gzip bomb",
        f"200 MB of zeros gzipped to {len(bomb) // 1024} KB, named .html.gz, .gz, .html, .txt, .json, .xml",
        f"never decompressed (RSS +{grown:.0f} MB): .gz files ignored in folders and Skip binary when named; "
        "gzip named .html/.txt/.json/.xml → Skip binary; the good file next to them read",
    )


def test_deeply_nested_json(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    lines = tmp_path / "deep.jsonl"
    lines.write_text('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n" + json.dumps({"text": GOOD}) + "\n", encoding="utf-8")
    (deep,) = read(path)
    assert isinstance(deep, Skip) and deep.code == "bad_json", deep
    bad, good = read(lines)
    assert isinstance(bad, Skip) and bad.code == "bad_json" and isinstance(good, Item)
    record("input", "JSON nested 200,000 deep", "[[[[...]]]] as .json, and as one JSONL line next to a good line", f"Skip bad_json ({deep.detail}); the good JSONL line read")


# ---------------------------------------------------------------- folders


def test_symlink_loops_terminate(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "story.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(root, root / "a" / "b" / "up")  # loop back to the top
    os.symlink(root / "a", root / "a" / "self")  # folder linking to itself
    os.symlink(root / "x1.txt", root / "x2.txt")
    os.symlink(root / "x2.txt", root / "x1.txt")  # a cycle of file links
    os.symlink(root / "a" / "b" / "story.txt", root / "alias.txt")  # a second name for the same file
    os.symlink(tmp_path / "missing.txt", root / "dangling.txt")
    out, seconds = timed(lambda: read(root))
    items = [x for x in out if isinstance(x, Item)]
    assert len(items) == 1 and items[0].text == GOOD, out
    assert seconds < 2
    skips = sorted(f"{Path(x.item).name}:{x.code}" for x in out if isinstance(x, Skip))
    assert all(s.endswith(":unreadable") for s in skips), skips
    record(
        "input",
        "symlink loops",
        "folder linking to its ancestor and to itself, a file-link cycle, a dangling link, two names for one file",
        f"walk ends in {seconds * 1000:.0f} ms; the file read once; loops and dangling links skipped ({', '.join(skips) or 'silently'})",
    )


@pytest.fixture(scope="module")
def tiny_tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    n = int(os.environ.get("FLASHPOINT_TINY_FILES", "100000"))
    root = tmp_path_factory.mktemp("tiny")
    for i in range(n):
        folder = root / f"d{i // 1000:03d}"
        if i % 1000 == 0:
            folder.mkdir()
        (folder / f"{i:06d}.txt").write_text(f"Item {i}: officials in Kyiv said {i} drones were shot down overnight.\n", encoding="utf-8")
    return root, n


def test_folder_of_100k_tiny_files_reader_and_cleaner(tiny_tree: tuple[Path, int]) -> None:
    """Readers and cleaner stream: time grows with the count, memory does not."""
    root, n = tiny_tree
    process = psutil.Process()
    rss0 = process.memory_info().rss
    peak = rss0
    settings = Settings()
    articles = keys = 0
    seen: set[str] = set()
    t0 = time.perf_counter()
    for i, out in enumerate(prepare(iter_items([str(root)], settings), settings)):
        assert isinstance(out, Article), out
        articles += 1
        seen.add(out.key)
        if i % 5000 == 0:
            peak = max(peak, process.memory_info().rss)
    seconds = time.perf_counter() - t0
    keys = len(seen)
    grown = (peak - rss0) / 2**20
    assert articles == keys == n
    assert grown < 100, f"RSS grew {grown:.0f} MB"
    assert seconds < n / 500, f"{seconds:.0f} s for {n} files"
    record("input", f"a folder of {n:,} tiny files", f"{n // 1000} subfolders × 1,000 one-line .txt files; readers + cleaner", f"{articles:,} articles in {seconds:.0f} s ({n / seconds:,.0f} files/s), RSS +{grown:.0f} MB while streaming")


def test_folder_of_tiny_files_end_to_end(tmp_path: Path, tiny_tree: tuple[Path, int]) -> None:
    """The whole ingest (all stages, store) on the first 1,000 tiny files."""
    root, _ = tiny_tree
    part = tmp_path / "part"
    part.mkdir()
    for sub in sorted(root.iterdir())[:1]:
        os.symlink(sub, part / sub.name)
    settings = Settings(db=str(tmp_path / "s.duckdb"))
    report, seconds = timed(lambda: ingest([str(part)], settings))
    assert report.stored == 1000 and not report.skipped, report.summary()
    again = ingest([str(part)], settings)
    assert again.stored == 0 and again.present == 1000
    record("input", "1,000 tiny files end to end", "one-line articles through every stage into the store, then again", f"{report.stored} stored in {seconds:.1f} s ({report.stored / seconds:.0f} docs/s); the re-run stored 0, found 1,000 present")


# ---------------------------------------------------------------- the cleaner's regular expressions


REDOS = {
    "50k spaces": " " * 50_000,
    "50k newlines": "\n" * 50_000,
    "one 200k-char word": "a" * 200_000,
    "PHP warning without an end": "PHP Warning: " + "x in /var " * 20_000,
    "unclosed template braces": "{{ " * 30_000,
    "dateline-like caps run": "TEHRAN " * 30_000 + ", -- " * 1000,
    "caption-like prefix run": "Photo: " * 30_000,
    "currency widget run": "( $1 = " + "1,1." * 30_000,
    "dots and capitals": "A. " * 60_000,
    "sentence-split bait": ".A" * 100_000,
    "JS-like lines": "var x = 1\n" * 20_000,
    "stack-trace-like lines": "  at foo.bar(baz.js:1)\n" * 10_000,
    "related-list heading then short lines": "Related\n" + "short line\n" * 20_000,
}


@pytest.mark.parametrize("name", sorted(REDOS))
def test_cleaner_regexes_are_not_catastrophic(name: str) -> None:
    text = REDOS[name]
    result, seconds = timed(clean_text, text)
    assert isinstance(result.text, str)
    assert seconds < 10, f"{name}: {seconds:.1f} s"
    record("input", f"regex-hostile text: {name}", f"{len(text):,} chars through clean_text", f"cleaned in {seconds:.2f} s, {len(result.text):,} chars kept")


# ---------------------------------------------------------------- time budget


class Spin:
    """A stage that never returns on documents containing SPIN (a stand-in for a pathological bug)."""

    name = "spin"
    reads = ("article",)
    writes = ()

    def __init__(self, swallow: bool = False) -> None:
        self.swallow = swallow

    def __call__(self, doc: Doc) -> Doc:
        if "SPIN" not in doc.article.text:
            return doc
        deadline = time.perf_counter() + 3.0
        while time.perf_counter() < deadline:
            try:
                while time.perf_counter() < deadline:
                    pass
            except Exception:  # noqa: BLE001 - a careless stage that swallows everything
                if not self.swallow:
                    raise
        return doc


class SlowBatch(Spin):
    """The same as a batch stage (``pipe``), like the NLP stage."""

    name = "slow_batch"

    def pipe(self, docs: list[Doc]) -> list[Doc]:
        return [self(d) for d in docs]


def article(text: str, doc: str) -> Article:
    return Article(key=doc, doc=doc, text=text)


STALLS = {
    "hard": (Spin(), "a stage loops forever", 2.0),
    "swallowed": (Spin(swallow=True), "a stage loops 3 s and swallows the timer's exception", 3.5),
    "batch": (SlowBatch(), "a batch (pipe) stage loops on one document", 3.0),
}


@pytest.mark.parametrize("case", sorted(STALLS))
def test_time_budget_turns_a_stuck_document_into_a_skip(case: str) -> None:
    stage, how, limit = STALLS[case]
    pipe = Pipeline([stage], max_seconds=0.5)
    docs = [article("fine one", "a"), article("SPIN forever", "b"), article("fine two", "c")]
    out, seconds = timed(lambda: list(pipe.run(docs, batch_size=3)))
    assert [type(x) for x in out] == [Doc, Skip, Doc], out
    skip = out[1]
    assert skip.item == "b" and skip.code == "too_slow" and skip.stage == stage.name, skip
    assert seconds < limit, f"{seconds:.1f} s"
    record("limits", f"a document that stalls a stage ({how})", "3 documents, max_seconds=0.5", f"the stuck one → Skip too_slow ({skip.detail}); the other two finished; batch done in {seconds:.1f} s")


def test_time_budget_in_ingest_keeps_the_rest(tmp_path: Path, pipeline) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"good{i}.txt").write_text(good_text(i), encoding="utf-8")
    (folder / "stuck.txt").write_text(GOOD + " Officials called it SPIN.", encoding="utf-8")
    settings = Settings(db=str(tmp_path / "s.duckdb"), max_seconds=1.0)
    pipeline(Article(key="warm", doc="warm", text=GOOD))  # stages load their resources on first use
    slow = Pipeline([*pipeline.stages, Spin()], max_seconds=settings.max_seconds)
    report = ingest([str(folder)], settings, pipeline=slow)
    assert report.stored == 3, report.skipped
    assert [(Path(s.item).name, s.code) for s in report.skipped] == [("stuck.txt", "too_slow")]
    record("limits", "one stuck document in an ingest batch", "4 files, a stage that never returns on one, max_seconds=1", "the stuck one stored as skipped (too_slow) with its reason; the 3 good ones stored")


def test_time_limit_nests_and_restores() -> None:
    inner = "inner (an outer limit is running: no new timer)"
    with pytest.raises(TimeLimitExceeded, match="outer"), time_limit(0.2, "outer"), time_limit(5, inner):
        while True:
            pass
    with time_limit(0.5, "quick"):
        pass
    time.sleep(0.6)  # the timer was cancelled: nothing fires after the block


# ---------------------------------------------------------------- the hostile set through the CLI


def build_hostile_set(folder: Path) -> dict[str, str]:
    """Write every hostile file next to good ones; returns file name → expected skip code ('' = stored)."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}

    def put(name: str, data: bytes | str, code: str) -> None:
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expected[name] = code

    for i in range(5):
        put(f"good{i}.txt", good_text(i), "")
    put("nul.txt", b"abc\x00def " * 100, "binary")
    put("utf32.txt", b"\xff\xfe\x00\x00" + good_text(10).encode("utf-32-le"), "")
    put("utf16be.txt", good_text(11).encode("utf-16-be"), "")
    put("line36.txt", "x" * 36_000_000, "too_large")
    put("deep.html", "<html><body>" + "<div>" * 200_000 + "</div>" * 200_000 + "</body></html>", "no_text")
    put("laughs.xml", BILLION_LAUGHS, "unsafe_xml")
    put("xxe.rss", XXE, "unsafe_xml")
    put("bomb.html", gzip.compress(b"\0" * 50_000_000), "binary")
    put("deep.json", "[" * 100_000 + "]" * 100_000, "bad_json")
    put("mixed.jsonl", json.dumps({"id": "j1", "text": good_text(12)}) + "\n{broken\n" + json.dumps({"id": "j3", "text": 7}) + "\n", "")
    expected["mixed.jsonl#2"] = "bad_json"
    expected["mixed.jsonl#3"] = "bad_field"
    put("rtl.txt", "Officials in \u202bطهران\u202c said\u200b talks would resume on Monday. " + good_text(13), "")
    put("surrogate.jsonl", json.dumps({"id": "s1", "title": "bad \ud800 title", "text": good_text(14)}) + "\n", "")
    os.symlink(folder, folder / "loop")
    return expected


def test_hostile_set_through_the_cli(tmp_path: Path) -> None:
    """Every hostile file named with its reason, every good one stored, peak RSS bounded, no traceback."""
    folder = tmp_path / "hostile"
    expected = build_hostile_set(folder)
    db_file = tmp_path / "h.duckdb"
    cmd = [sys.executable, "-m", "flashpoint.cli", "ingest", str(folder), "--db", str(db_file), "-q"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    watcher = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, watcher.memory_info().rss)
        except psutil.Error:
            break
        time.sleep(0.05)
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - t0
    assert proc.returncode == 1, (proc.returncode, stderr[-2000:])  # 1: some items skipped, the rest stored
    assert "Traceback" not in stderr, stderr[-3000:]
    for name, code in expected.items():
        if code:
            assert any(name in line and f"[{code}]" in line for line in stderr.splitlines()), f"{name} [{code}] not named:\n{stderr}"
    import duckdb

    with duckdb.connect(str(db_file), read_only=True) as conn:
        origins = {Path(r[0]).name.split("#")[0] for r in conn.execute("SELECT origin FROM documents").fetchall()}
        skipped = conn.execute("SELECT count(*) FROM skipped").fetchone()[0]
    stored_expected = {n.split("#")[0] for n, c in expected.items() if not c}
    assert stored_expected <= origins, stored_expected - origins
    peak_mb = peak / 2**20
    assert peak_mb < 1500, f"peak RSS {peak_mb:.0f} MB"
    record(
        "input",
        "the whole hostile set in one ingest",
        f"{len(expected)} items: 5 good files, NUL, UTF-32, BOM-less UTF-16, 36 MB line, 200k-deep HTML, billion laughs, XXE, gzip bomb, deep JSON, broken JSONL, RTL, lone surrogate, symlink loop; CLI subprocess",
        f"exit 1 (skips reported), no traceback; {len(origins)} origins stored, {skipped} skips each named with its reason on stderr and in the skipped table; {seconds:.0f} s, peak RSS {peak_mb:.0f} MB",
    )
