"""A small synthetic store for the HTTP tests, written through the real writer.

The records are typed ``Doc``/``Event``/``Mention``/``Place`` values, so the API
tests do not depend on how good extraction is at the moment.
"""

from __future__ import annotations

import warnings

with warnings.catch_warnings():  # starlette asks for its httpx fork; plain httpx works the same here
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from flashpoint.records import Article, DateRef, Doc, Event, Mention, Place, Span
from flashpoint.store import db

XSS_TITLE = '<script>window.__xss=1</script>Breaking <img src=x onerror="window.__xss=1">'
XSS_BODY = (
    'Iran <img src=x onerror="window.__xss=1"> attacked Azerbaijan near Baku. '
    "<script>window.__xss=1</script> Officials <b onmouseover=\"window.__xss=1\">said</b> more."
)


__all__ = ["TestClient", "XSS_BODY", "XSS_TITLE", "build_store", "scenario_docs", "synthetic_docs"]


def _find(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def make_doc(key: str, doc: str, title: str, text: str, published: str | None, events: list[dict],
             outlet: str = "Example Wire") -> Doc:
    """A Doc whose facts point at real offsets in ``text``; ``events`` give actors, verb and place by text.

    An actor without a country gives ``source_entity``/``source_kind`` (or ``target_...``) instead.
    """
    sentences, pos = [], 0
    for part in text.split(". "):
        end = min(len(text), pos + len(part) + 1)
        sentences.append(Span(pos, end, text[pos:end]))
        pos = end + 1
    mentions, places, dates, evs = [], [], [], []
    for spec in events:
        s0, s1 = _find(text, spec["source_text"])
        src = Mention(s0, s1, spec["source_text"], spec["source_name"], spec["source"], sector="GOV",
                      entity=spec.get("source_entity"), kind=spec.get("source_kind", "country"), reason="synthetic")
        mentions.append(src)
        tgt_ref = None
        if spec.get("target_text"):
            t0, t1 = _find(text, spec["target_text"], s1)
            tgt = Mention(t0, t1, spec["target_text"], spec["target_name"], spec["target"],
                          entity=spec.get("target_entity"), kind=spec.get("target_kind", "country"), reason="synthetic")
            mentions.append(tgt)
            tgt_ref = tgt.actor()
        place = None
        if spec.get("place"):
            p0, p1 = _find(text, spec["place"])
            place = Place(p0, p1, spec["place"], spec["place"], country=spec["place_country"],
                          lat=spec["lat"], lon=spec["lon"], kind="city", reason="synthetic")
            places.append(place)
        sent = next(s for s in sentences if s.start <= s0 < s.end)
        evs.append(Event(
            start=sent.start, end=sent.end, evidence=text[sent.start:sent.end], source=src.actor(),
            target=tgt_ref, plover=spec["plover"], cameo=spec.get("cameo"), goldstein=spec.get("goldstein"),
            quad_class=spec.get("quad"), modality=spec.get("modality", "asserted"), confidence=0.8,
            reason="synthetic", trigger=spec.get("trigger"), date=spec.get("date", published),
            date_granularity=spec.get("granularity", "day"), location=place,
        ))
    if "October 3" in text:
        d0, d1 = _find(text, "October 3")
        dates.append(DateRef(d0, d1, "October 3", published[:4] + "-10-03", "day", "synthetic"))
    article = Article(key=key, doc=doc, text=text, title=title, outlet=outlet, published=published)
    return Doc(article=article, sentences=tuple(sentences), mentions=tuple(mentions), places=tuple(places),
               dates=tuple(dates), events=tuple(evs))


def synthetic_docs() -> list[Doc]:
    return [
        make_doc(
            "k-border", "border.txt", "Iran drills on the Azerbaijan border",
            "Iran's army launched exercises near Jolfa on October 3. Azerbaijan's ministry condemned Iran on Monday. "
            "Armenia welcomed the Iranian delegation in Yerevan.",
            "2021-10-03",
            [
                dict(source="IRN", source_text="Iran's army", source_name="Iran", target="AZE",
                     target_text="Azerbaijan", target_name="Azerbaijan", plover="MOBILIZE", cameo="152",
                     goldstein=-7.2, quad=4, place="Jolfa", place_country="IRN", lat=38.94, lon=45.63,
                     trigger="launched exercises"),
                dict(source="AZE", source_text="Azerbaijan's ministry", source_name="Azerbaijan", target="IRN",
                     target_text="Iran", target_name="Iran", plover="ACCUSE", cameo="122", goldstein=-2.0,
                     quad=3, modality="asserted", date="2021-10-04"),
                dict(source="ARM", source_text="Armenia", source_name="Armenia", target="IRN",
                     target_text="Iranian delegation", target_name="Iran", plover="CONSULT", cameo="043",
                     goldstein=2.8, quad=1, place="Yerevan", place_country="ARM", lat=40.18, lon=44.51,
                     date="2021-10-21"),
            ],
        ),
        make_doc(
            "k-strike", "strike.txt", "Drone strike reported near Ganja",
            "Armenian forces shelled Ganja, Azerbaijan said. Turkey pledged support to Azerbaijan.",
            "2020-10-11",
            [
                dict(source="ARM", source_text="Armenian forces", source_name="Armenia", target="AZE",
                     target_text="Ganja", target_name="Azerbaijan", plover="ASSAULT", cameo="195",
                     goldstein=-10.0, quad=4, modality="claimed", place="Ganja", place_country="AZE",
                     lat=40.68, lon=46.36),
                dict(source="TUR", source_text="Turkey", source_name="Turkey", target="AZE",
                     target_text="Azerbaijan", target_name="Azerbaijan", plover="SUPPORT", cameo="051",
                     goldstein=3.4, quad=1),
            ],
        ),
        make_doc("k-xss", "xss.txt", XSS_TITLE, XSS_BODY, "2021-10-05",
                 [dict(source="IRN", source_text="Iran", source_name="Iran", target="AZE", target_text="Azerbaijan",
                       target_name="Azerbaijan", plover="ASSAULT", cameo="190", goldstein=-10.0, quad=4,
                       place="Baku", place_country="AZE", lat=40.41, lon=49.87)]),
    ]


HEZ = dict(source=None, source_name="Hezbollah", source_entity="fp:group:hezbollah", source_kind="group")
ROCKETS = dict(HEZ, target="ISR", target_name="Israel", plover="ASSAULT", cameo="190", goldstein=-10.0, quad=4,
               place="Kiryat Shmona", place_country="ISR", lat=33.21, lon=35.57, date="2022-03-04")


def scenario_docs() -> list[Doc]:
    """Articles for the dashboard's harder cases: an armed group without a country, one incident reported by
    two outlets and denied by a third, what was only intended or hypothetical, a place near the date line,
    a date without a year."""
    return [
        make_doc("k-north", "north.txt", "Rockets hit a northern town",
                 "Hezbollah fighters fired rockets at Kiryat Shmona on Friday. "
                 "Israel's army shelled militia positions near Naqoura in reply.",
                 "2022-03-04",
                 [dict(ROCKETS, source_text="Hezbollah fighters", target_text="Kiryat Shmona"),
                  dict(source="ISR", source_text="Israel's army", source_name="Israel", target=None,
                       target_text="militia positions", target_name="Hezbollah", target_entity="fp:group:hezbollah",
                       target_kind="group", plover="ASSAULT", cameo="195", goldstein=-10.0, quad=4,
                       place="Naqoura", place_country="LBN", lat=33.12, lon=35.14, date="2022-03-04")],
                 outlet="North Desk"),
        make_doc("k-north-2", "north-2.txt", "Town shelled overnight, officials say",
                 "Rockets launched by Hezbollah struck Kiryat Shmona, officials said on Saturday.",
                 "2022-03-05",
                 [dict(ROCKETS, source_text="Hezbollah", target_text="Kiryat Shmona", modality="reported")],
                 outlet="Harbour Post"),
        make_doc("k-north-3", "north-3.txt", "Group rejects blame for the rockets",
                 "A Hezbollah spokesman denied that the group fired at Kiryat Shmona.",
                 "2022-03-05",
                 [dict(ROCKETS, source_text="Hezbollah", target_text="Kiryat Shmona", modality="negated")],
                 outlet="Cedar Radio"),
        make_doc("k-plans", "plans.txt", "Exercise plans along the border",
                 "Russia may send troops to Belarus near Gomel next month. Belarus intends to host drills near Brest.",
                 "2022-03-10",
                 [dict(source="RUS", source_text="Russia", source_name="Russia", target="BLR", target_text="Belarus",
                       target_name="Belarus", plover="MOBILIZE", cameo="152", goldstein=-7.2, quad=4,
                       modality="hypothetical", place="Gomel", place_country="BLR", lat=52.44, lon=30.98),
                  dict(source="BLR", source_text="Belarus intends", source_name="Belarus", plover="MOBILIZE",
                       cameo="152", goldstein=-7.2, quad=4, modality="intended", place="Brest", place_country="BLR",
                       lat=52.10, lon=23.69)]),
        make_doc("k-pacific", "pacific.txt", "Navies meet in Suva; a protest over ships",
                 "Fiji's navy met the Tongan coast guard in Suva. Japan protested to China over ships on October 21.",
                 "2021-11-02",
                 [dict(source="FJI", source_text="Fiji's navy", source_name="Fiji", target="TON",
                       target_text="Tongan coast guard", target_name="Tonga", plover="CONSULT", cameo="040",
                       goldstein=1.0, quad=1, place="Suva", place_country="FJI", lat=-18.14, lon=178.44,
                       date="2021-11-01"),
                  dict(source="JPN", source_text="Japan", source_name="Japan", target="CHN", target_text="China",
                       target_name="China", plover="PROTEST", cameo="141", goldstein=-6.5, quad=3,
                       date="--10-21", granularity="month-day")],
                 outlet="Pacific Report"),
    ]



def build_store(path: str) -> str:
    with db.connect(path) as conn:
        db.write_batch(conn, synthetic_docs())
        conn.execute(
            "INSERT INTO incidents (incident_id, source, target, plover, date, docs, events, n_mentions, contested, "
            "summary, record) VALUES ('inc-1', 'ARM', 'AZE', 'ASSAULT', '2020-10-11', ['strike.txt'], "
            "['k-strike:0'], 1, true, 'Armenia shelled Ganja (claimed by Azerbaijan)', NULL)"
        )
    return path
