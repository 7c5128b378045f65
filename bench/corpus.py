"""A realistic benchmark corpus: N news-sized articles built from real news text.

Sources (read from ``../shared`` at run time, never copied into the package):
the English article bodies of the Zyte article-extraction benchmark (``ground-truth.json``),
the news texts of the geoparsing gold sets (GeoWebNews, LGL, TR-News, GeoVirus),
and the two seed articles. Each corpus article starts from one real article and,
when that is shorter than its target length, continues with whole paragraphs of
the next ones, so lengths follow a news-like spread around ~600 words (targets
drawn uniformly from 450-750). The build is deterministic for a given seed.
Article N >= the number of source texts reuses a source with other continuation
paragraphs, and every article ends with a unique dateline-style line, so content
hashes differ and nothing is deduplicated away.

    python bench/corpus.py -n 1000 -o corpus.jsonl      # one JSON record a line
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from defusedxml import ElementTree

REPO = Path(__file__).resolve().parents[1]
MIN_SOURCE_WORDS = 40
# The extraction benchmark holds pages in other languages: keep text whose common-word share looks English.
ENGLISH_WORDS = frozenset(["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "as", "by", "it", "at", "from", "he", "said", "his", "are", "be", "has"])
MIN_ENGLISH_SHARE = 0.18


def shared_dir() -> Path:
    return Path(os.environ.get("FLASHPOINT_SHARED", REPO.parent / "shared")).resolve()


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    title: str | None
    text: str
    published: str | None = None
    url: str | None = None

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in re.split(r"\n\s*\n|\n", self.text) if p.strip()]


def sources(shared: Path | None = None) -> list[Source]:
    """Every usable real news text, in a fixed order."""
    shared = shared or shared_dir()
    found: list[Source] = []
    for seed in sorted((shared / "seeds").glob("*.txt")):
        lines = seed.read_text(encoding="utf-8").split("\n", 1)
        found.append(Source(f"seed:{seed.name}", lines[0].strip(), lines[1] if len(lines) > 1 else ""))
    truth = shared / "data" / "article-extraction-benchmark" / "ground-truth.json"
    if truth.is_file():
        for key, record in sorted(json.loads(truth.read_text(encoding="utf-8")).items()):
            found.append(Source(f"aeb:{key[:12]}", None, record.get("articleBody") or "", url=record.get("url")))
    for name in ("GWN.xml", "lgl.xml", "TR-News.xml", "GeoVirus.xml"):
        path = shared / "data" / "geoparsing-gold" / name
        if path.is_file():
            found.extend(_xml_articles(path))
    return [s for s in found if len(s.text.split()) >= MIN_SOURCE_WORDS and english(s.text)]


def english(text: str) -> bool:
    words = text.lower().split()
    return bool(words) and sum(w in ENGLISH_WORDS for w in words) / len(words) >= MIN_ENGLISH_SHARE


def _xml_articles(path: Path) -> Iterator[Source]:
    root = ElementTree.parse(path).getroot()
    for i, node in enumerate(root.iter("article")):
        text = (node.findtext("text") or "").strip()
        title = (node.findtext("title") or "").strip() or None
        when = (node.findtext("dltime") or "").strip()[:10] or None
        url = (node.findtext("url") or node.findtext("link") or node.findtext("source") or "").strip() or None
        yield Source(f"{path.stem}:{i}", title, text, when, url)


def build(
    n: int, seed: int = 13, shared: Path | None = None, start: int = 0, stream_from: date | None = None,
    per_day: int = 2000,
) -> list[dict[str, str | None]]:
    """``n`` article records (``id``, ``title``, ``text``, ``published``, ``url``): numbers ``start`` to
    ``start + n - 1`` of the corpus for ``seed``, so a big corpus can be built in parts.

    By default each article keeps its source's publication date (about half have none, and the
    sources repeat). With ``stream_from`` the corpus is a news stream instead: article ``i`` is
    published ``i // per_day`` days after that date, as a feed of ``per_day`` articles a day would be.
    """
    pool = sources(shared)
    if not pool:
        raise SystemExit(f"no source texts under {shared or shared_dir()}")
    order = list(range(len(pool)))
    random.Random(seed).shuffle(order)
    records = []
    for i in range(start, start + n):
        rng = random.Random(seed * 1_000_003 + i)
        base = pool[order[i % len(order)]]
        target = rng.randint(450, 750)
        paragraphs = _take(base.paragraphs, target)
        words = sum(len(p.split()) for p in paragraphs)
        step = 1 + i // len(order)  # later cycles continue with other articles
        k = 1
        while words < target and k < len(order):
            more = _take(pool[order[(i + k * step) % len(order)]].paragraphs, target - words)
            paragraphs += more
            words += sum(len(p.split()) for p in more)
            k += 1
        paragraphs.append(f"(Corpus dispatch {i:06d}, seed {seed}.)")
        records.append(
            {
                "id": f"corpus-{seed}-{i:06d}",
                "title": base.title,
                "text": "\n\n".join(paragraphs),
                "published": (stream_from + timedelta(days=i // per_day)).isoformat() if stream_from else base.published,
                "url": base.url,
            }
        )
    return records


def _take(paragraphs: list[str], budget: int) -> list[str]:
    """Whole paragraphs up to ``budget`` words; the one that overflows is cut at a sentence end."""
    out, words = [], 0
    for para in paragraphs:
        n = len(para.split())
        if words + n <= budget + 40:
            out.append(para)
            words += n
            continue
        cut = _sentences_within(para, budget - words)
        if cut:
            out.append(cut)
        break
    return out


def _sentences_within(paragraph: str, budget: int) -> str:
    kept, words = [], 0
    for sentence in re.split(r"(?<=[.!?])\s+", paragraph):
        n = len(sentence.split())
        if words + n > budget:
            break
        kept.append(sentence)
        words += n
    return " ".join(kept)


def write_jsonl(records: list[dict[str, str | None]], path: str | Path) -> Path:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="number of articles")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("-o", "--output", help="JSONL file to write (default: only print the summary)")
    parser.add_argument("--quick", action="store_true", help="50 articles (a check that the sources are readable)")
    args = parser.parse_args(argv)
    records = build(50 if args.quick else args.n, args.seed)
    if args.output:
        write_jsonl(records, args.output)
    words = [len(str(r["text"]).split()) for r in records]
    print(
        f"corpus: {len(records)} articles, {sum(words)} words, mean {sum(words) / len(words):.0f}, "
        f"min {min(words)}, max {max(words)}" + (f" -> {args.output}" if args.output else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
