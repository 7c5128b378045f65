"""Synthetic stored documents for write-path and store-size benchmarks.

These are *not* pipeline output: they are documents shaped like what the stages
store for a ~600-word news article (sentences, actor mentions, places, dates,
quantities, equipment, events), with unique content hashes. They let
``bench/scale.py`` pre-fill a store with 100k documents in minutes, and let the
write path be timed on its own. Every figure that claims pipeline speed uses the
real pipeline on ``bench/corpus.py`` articles instead.
"""

from __future__ import annotations

import hashlib
import random

from flashpoint.records import ActorRef, Article, DateRef, Doc, Equipment, Event, Mention, Place, Quantity, Span

COUNTRIES = ("IRN", "AZE", "ARM", "TUR", "ISR", "RUS", "USA", "UKR", "SYR", "IRQ")
PLOVER = ("ASSAULT", "THREATEN", "MOBILIZE", "CONSULT", "ACCUSE", "COOPERATE", "DEMAND", "PROTEST")
WORDS = ["the", "minister", "said", "forces", "border", "exercise", "drones", "troops", "government", "talks", "region", "security", "military", "officials", "reported", "artillery", "ceasefire", "negotiations", "statement", "week", "capital", "attack", "villages"]


def synthetic_text(rng: random.Random, n_words: int, tag: str) -> tuple[str, list[Span]]:
    """About ``n_words`` words in sentences of 12-28 words; ``tag`` makes the text unique."""
    sentences: list[Span] = []
    parts: list[str] = []
    cursor = 0
    words = 0
    while words < n_words:
        k = rng.randint(12, 28)
        sent = " ".join(rng.choice(WORDS) for _ in range(k)).capitalize() + "."
        if not parts:
            sent = f"Report {tag}: {sent}"
        sentences.append(Span(cursor, cursor + len(sent), sent))
        parts.append(sent)
        cursor += len(sent) + 1
        words += k
    return " ".join(parts), sentences


def synthetic_doc(i: int, n_words: int = 600, seed: int = 7) -> Doc:
    rng = random.Random(seed * 1_000_003 + i)
    text, sentences = synthetic_text(rng, n_words, f"s{i}")
    key = hashlib.sha256(text.encode()).hexdigest()[:24]
    article = Article(
        key=key,
        doc=f"synthetic/{i}",
        text=text,
        title=f"Synthetic report {i}",
        url=f"https://example.org/{i}",
        outlet="synthetic",
        published=f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        origin=f"synthetic#{i}",
    )

    def span(j: int) -> tuple[int, int, str]:
        s = sentences[j % len(sentences)]
        return s.start, min(s.start + 12, s.end), s.text[:12]

    mentions = tuple(
        Mention(
            *span(j), name=f"Actor {j}", country=rng.choice(COUNTRIES), sector="GOV", kind="country", reason="synthetic"
        )
        for j in range(15)
    )
    places = tuple(
        Place(
            *span(j),
            name=f"Place {j}",
            country=rng.choice(COUNTRIES),
            countries=(rng.choice(COUNTRIES),),
            lat=rng.uniform(-60, 60),
            lon=rng.uniform(-180, 180),
            geonameid=rng.randint(1, 10**7),
            reason="synthetic",
        )
        for j in range(6)
    )
    dates = tuple(DateRef(*span(j), value=article.published, reason="synthetic") for j in range(4))
    quantities = tuple(
        Quantity(*span(j), value=float(rng.randint(1, 5000)), unit="troops", reason="synthetic") for j in range(3)
    )
    equipment = tuple(
        Equipment(*span(j), name="Bayraktar TB2", type="drone", origin="TUR", reason="synthetic") for j in range(2)
    )
    events = []
    for j in range(4):
        s = sentences[(j * 3) % len(sentences)]
        src, tgt = rng.sample(COUNTRIES, 2)
        events.append(
            Event(
                s.start,
                s.end,
                s.text,
                ActorRef(src, "GOV", src, text=src),
                ActorRef(tgt, "GOV", tgt, text=tgt),
                plover=rng.choice(PLOVER),
                cameo="190",
                goldstein=-10.0,
                quad_class=4,
                confidence=0.7,
                reason="synthetic",
                trigger="attack",
                date=article.published,
                date_granularity="day",
                location=places[0],
                quantities=quantities[:1],
                equipment=equipment[:1],
            )
        )
    return Doc(
        article=article,
        sentences=tuple(sentences),
        mentions=mentions,
        places=places,
        dates=dates,
        quantities=quantities,
        equipment=equipment,
        events=tuple(events),
    )
