"""One filter model for every endpoint: parsing and validation, actor resolution, the happened
default, the analysis views (paged, weeks independent of ``since``), exports and compression."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date

import pytest

from flashpoint.config import Settings
from flashpoint.http import create_app
from flashpoint.http.filters import EventFilter
from test_http_support import TestClient, build_store, make_doc, scenario_docs

FILTERED = ("/api/events", "/api/map", "/api/network", "/api/weeks", "/api/timeline", "/api/incidents",
            "/api/documents", "/api/filters", "/api/dyads", "/api/tension", "/api/alerts", "/api/triads", "/api/brief")


def undated_doc():
    """An article with neither a publication date nor a date in the text: its incident is undated."""
    return make_doc("k-undated", "undated.txt", "Clash at the river",
                    "Armenian troops fired on Azerbaijani posts near the river, the ministry said.", None,
                    [dict(source="ARM", source_text="Armenian troops", source_name="Armenia", target="AZE",
                          target_text="Azerbaijani posts", target_name="Azerbaijan", plover="ASSAULT", cameo="190",
                          goldstein=-10.0, quad=4, date=None)])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    from flashpoint.analysis.incident_store import refresh_incidents
    from flashpoint.store import db

    path = build_store(str(tmp_path_factory.mktemp("filters") / "store.duckdb"))
    with db.connect(path) as conn:
        db.write_batch(conn, [*scenario_docs(), undated_doc()])
        conn.execute("DELETE FROM incidents WHERE incident_id = 'inc-1'")
        refresh_incidents(conn)
    return path


@pytest.fixture(scope="module")
def client(store: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=store)), raise_server_exceptions=False) as c:
        yield c


def get(client: TestClient, path: str, **params: str) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def ids(client: TestClient, **params: str) -> set[str]:
    return {e["id"] for e in get(client, "/api/events", limit="500", **params)["items"]}


def error(client: TestClient, path: str, **params: str) -> str:
    response = client.get(path, params=params)
    assert response.status_code == 422, f"{path} {params}: {response.status_code} {response.text[:200]}"
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == "invalid_request" and body["error"]["status"] == 422
    return str(body["error"]["message"])


# ---------------------------------------------------------------- parsing and validation


@pytest.mark.parametrize("path", FILTERED)
@pytest.mark.parametrize(("params", "says"), [
    ({"since": "2024-99-99"}, "not a real date"),
    ({"until": "yesterday"}, "is not a date"),
    ({"since": "2021-02-30"}, "not a real date"),
    ({"since": "2022", "until": "2021"}, "is after until"),
    ({"type": "NOTATYPE"}, "is not a PLOVER type"),
    ({"modality": "certain"}, "is not a modality"),
    ({"happened": "maybe"}, "is not one of yes, all, no"),
    ({"country": "Iran"}, "is not a country code"),
    ({"colour": "red"}, "is not a parameter of"),
])
def test_every_filtered_endpoint_rejects_the_same_bad_values_the_same_way(client: TestClient, path: str, params: dict,
                                                                           says: str) -> None:
    assert says in error(client, path, **params)


def test_every_endpoint_rejects_unknown_parameters(client: TestClient) -> None:
    for path in ("/api/stats", "/api/facets", "/api/documents/k-border", "/api/events/k-border:0", "/api/actors"):
        message = error(client, path, actors="IRN")
        assert "'actors' is not a parameter" in message


def test_partial_iso_dates_are_accepted_at_their_precision(client: TestClient) -> None:
    assert ids(client, since="2021", until="2021-10") == ids(client, since="2021-01-01", until="2021-10-31")
    assert ids(client, until="2021") and all(e.startswith(("k-border", "k-xss", "k-pacific", "k-strike"))
                                             for e in ids(client, until="2021"))
    # a date without a year is never inside a dated range
    assert "k-pacific:1" in ids(client, actor="JPN") and "k-pacific:1" not in ids(client, actor="JPN", until="2030")


def test_actor_names_and_codes_resolve_through_the_knowledge_base(client: TestClient) -> None:
    code = ids(client, actor="AZE")
    assert code and ids(client, actor="Azerbaijan") == code == ids(client, actor="azerbaijani") == ids(client, actor="Baku")
    assert ids(client, source="Iran") == ids(client, source="IRN") and ids(client, source="Iran")
    summary = get(client, "/api/filters", actor="Iran,Hezbollah")
    assert summary["actors"][0] == {"given": "Iran", "country": "IRN", "entity": None, "label": "Iran (IRN)"}
    assert summary["actors"][1]["entity"] == "fp:group:hezbollah"
    assert summary["applied"][0] == "actor: Iran (IRN) or Hezbollah"
    assert summary["events"] == len(ids(client, actor="Iran,Hezbollah"))
    # a named body matches its entity (and its name), not the country it is based in
    assert ids(client, actor="Hezbollah") == {"k-north:0", "k-north:1", "k-north-2:0"}
    assert not ids(client, actor="Hezbollah") & ids(client, actor="LBN")
    # anything else is a literal part of a name
    assert ids(client, actor="Hezbol") == ids(client, actor="Hezbollah")
    assert ids(client, actor="hizbullah") == ids(client, actor="Hezbollah")  # an alias of the same entity
    assert ids(client, actor="100%") == set()


def test_filter_parse_is_the_library_entry_point() -> None:
    flt = EventFilter.parse(actor="Armenia", type="assault,mobilize", since="2021", happened="ALL")
    assert flt.type == ("ASSAULT", "MOBILIZE") and flt.happened_mode == "all" and flt.actor[0].country == "ARM"
    assert flt.params() == {"actor": "Armenia", "type": "ASSAULT,MOBILIZE", "happened": "all", "since": "2021"}
    assert flt.without_dates().since is None and flt.range[0].isoformat() == "2021-01-01"
    assert EventFilter.parse(until="2024-02").range[1].isoformat() == "2024-02-29"
    where, params = EventFilter.parse(actor="NATO").where()  # a named body matches whole names: "senator" holds "nato"
    assert "ILIKE" not in where and "nato" in params[1]


# ---------------------------------------------------------------- happened or not


def test_what_happened_is_the_default_everywhere_and_the_rest_a_toggle(client: TestClient) -> None:
    happened = ids(client)
    everything = ids(client, happened="all")
    not_happened = ids(client, happened="no")
    assert happened | not_happened == everything and not happened & not_happened
    assert {"k-plans:0", "k-plans:1", "k-north-3:0"} == not_happened  # hypothetical, intended, negated
    assert ids(client, modality="hypothetical") == {"k-plans:0"}  # an explicit modality replaces the default
    assert ids(client, modality="hypothetical", happened="yes") == set()
    assert get(client, "/api/filters")["applied"] == ["only what happened (asserted, reported, claimed)"]
    places = {p["name"]: p for p in get(client, "/api/map", happened="all")["points"]}
    assert places["Gomel"]["happened"] == 0 and "Gomel" not in {p["name"] for p in get(client, "/api/map")["points"]}
    edges = {(e["source"], e["target"]): e for e in get(client, "/api/network", happened="all")["edges"]}
    assert edges[("RUS", "BLR")]["happened"] == 0
    assert ("RUS", "BLR") not in {(e["source"], e["target"]) for e in get(client, "/api/network")["edges"]}


# ---------------------------------------------------------------- every panel's endpoint


def test_map_counts_events_without_a_place_and_types(client: TestClient) -> None:
    data = get(client, "/api/map")
    assert data["events"] == len(ids(client)) and data["unlocated"] == data["events"] - data["located"]
    assert data["located"] == sum(p["events"] for p in data["points"])
    shmona = next(p for p in data["points"] if p["name"] == "Kiryat Shmona")
    assert shmona["types"] == {"ASSAULT": 2} and shmona["type"] == "ASSAULT" and shmona["latest"] == "2022-03-04"
    assert get(client, "/api/map", place="Suva")["points"][0]["lon"] == pytest.approx(178.44)


def test_network_and_timeline_keep_actors_without_a_country(client: TestClient) -> None:
    net = get(client, "/api/network", actor="Hezbollah")
    assert {n["id"] for n in net["nodes"]} == {"Hezbollah", "ISR"}
    assert next(n for n in net["nodes"] if n["id"] == "Hezbollah")["country"] is False
    series = get(client, "/api/timeline", actor="Hezbollah")["series"]
    assert series[0]["dyad"] == ["Hezbollah", "ISR"]
    tension = get(client, "/api/tension", actor="Hezbollah")
    assert [s["dyad"] for s in tension["items"]] == ["Hezbollah-ISR"]


def test_weeks_put_day_dates_in_weeks_and_count_the_rest_apart(client: TestClient) -> None:
    data = get(client, "/api/weeks", happened="all")
    assert data["dated"] + data["coarse"] + data["undated"] == len(ids(client, happened="all"))
    assert {"start": "2022-02-28", "events": 4, "happened": 3} in data["weeks"]  # Monday; one report negated
    assert all(w["start"] <= x["start"] for w, x in zip(data["weeks"], data["weeks"][1:], strict=False))
    assert data["undated"] >= 2  # the article without any date, the date without a year


def test_incidents_follow_every_filter_and_carry_their_reports(client: TestClient) -> None:
    every = get(client, "/api/incidents", happened="all")["total"]
    hez = get(client, "/api/incidents", actor="Hezbollah", happened="all")
    assert 0 < hez["total"] < every
    shmona = next(i for i in hez["items"] if (i.get("location") or {}).get("name") == "Kiryat Shmona")
    assert shmona["contested"] and len(shmona["reports"]) == 3
    assert {r["outlet"] for r in shmona["reports"]} == {"North Desk", "Harbour Post", "Cedar Radio"}
    assert {s["claim"] for s in shmona["sides"]} == {"happened", "denied"}
    assert get(client, "/api/incidents", q="spokesman", happened="all")["total"] == 1
    assert get(client, "/api/incidents", place="Naqoura")["total"] == 1
    assert get(client, "/api/incidents", modality="hypothetical")["total"] == 0  # scenarios are not incidents


def test_documents_follow_the_filter(client: TestClient) -> None:
    assert get(client, "/api/documents", limit="500")["total"] == 9  # every article, whatever its events
    text = get(client, "/api/documents", q="Tongan")  # a word of the text, not of the title
    assert [d["doc"] for d in text["items"]] == ["pacific.txt"]
    hez = get(client, "/api/documents", actor="Hezbollah")
    assert {d["doc"] for d in hez["items"]} == {"north.txt", "north-2.txt"}
    naqoura = get(client, "/api/documents", place="Naqoura")["items"]
    assert [(d["doc"], d["events"], d["matching"]) for d in naqoura] == [("north.txt", 2, 1)]
    assert {d["doc"] for d in get(client, "/api/documents", since="2022-03-05")["items"]} == {"north-2.txt", "north-3.txt", "plans.txt"}


# ---------------------------------------------------------------- analysis views


def test_tension_weeks_do_not_depend_on_since(client: TestClient) -> None:
    whole = {s["dyad"]: {w["end"]: w["tension"] for w in s["weeks"]} for s in get(client, "/api/tension", limit="50")["items"]}
    late = get(client, "/api/tension", limit="50", since="2020-11-01")
    assert late["range"] == {"since": "2020-11-01", "until": None}
    for s in late["items"]:
        for w in s["weeks"]:
            assert w["end"] >= "2020-11-01"
            assert whole[s["dyad"]][w["end"]] == w["tension"], (s["dyad"], w)
    arm_aze = next(s for s in late["items"] if s["dyad"] == "ARM-AZE")
    assert arm_aze["weeks"][0]["tension"] > 0  # the October attack still weighs, although it is before the range
    assert [w["tension"] for w in arm_aze["weeks"]] == sorted((w["tension"] for w in arm_aze["weeks"]), reverse=True)
    assert arm_aze["undated"] == 1  # the article without any date: counted apart, in no week


def test_undated_incidents_are_not_counted_in_dated_weeks(client: TestClient) -> None:
    from flashpoint.analysis import tension
    from flashpoint.analysis.dyads import dyad_table
    from flashpoint.analysis.facts import EventFact
    from flashpoint.analysis.incidents import Matcher

    def fact(i: str, evidence: str, date: str | None) -> EventFact:
        return EventFact(id=i, doc=i, doc_key=i, plover="ASSAULT", evidence=evidence, source="ARM", target="AZE",
                         goldstein=-10.0, quad_class=4, confidence=1.0, date=date)

    matcher = Matcher()
    matcher.add([fact("a", "Shells fell on border villages at dawn.", "2021-01-04"),
                 fact("b", "Troops stormed a hill post overnight.", None)])
    assert len(matcher.incidents) == 2
    week = dyad_table(matcher.incidents, as_of=None)[0]["windows"][0]
    end = date.fromisoformat(week["end"])
    dated = [i for i in matcher.incidents if tension.day_of(i)]
    assert week["incidents"] == 1
    assert week["tension"] == tension.index(tension.raw(dated, end)) < tension.index(tension.raw(matcher.incidents, end))


def test_dyads_tension_and_alerts_are_paged(client: TestClient) -> None:
    dyads = get(client, "/api/dyads", limit="2")
    assert dyads["limit"] == 2 and len(dyads["items"]) == 2 and dyads["total"] > 2
    assert "windows" not in dyads["items"][0] and "windows" in get(client, "/api/dyads", windows="true")["items"][0]
    second = get(client, "/api/dyads", limit="2", offset="2")
    assert not {d["dyad"] for d in dyads["items"]} & {d["dyad"] for d in second["items"]}
    assert len(get(client, "/api/tension", limit="1")["items"]) == 1
    assert [s["dyad"] for s in get(client, "/api/tension", dyad="AZE-ARM")["items"]] == ["ARM-AZE"]
    ranks = {s["dyad"]: s["rank"] for s in get(client, "/api/tension", limit="50")["items"]}
    assert ranks == {s["dyad"]: s["rank"] for s in get(client, "/api/tension", limit="50", actor="ARM")["items"]} | ranks
    alerts = get(client, "/api/alerts")
    contested = next(a for a in alerts["items"] if a["kind"] == "contested")
    assert {i["id"] for i in contested["items"]} == set(contested["events"])
    assert all({"doc_key", "evidence", "plover"} <= set(i) for i in contested["items"])
    assert error(client, "/api/tension", dyad="ARM")


def test_the_brief_follows_the_filters_and_downloads_as_html(client: TestClient) -> None:
    brief = get(client, "/api/brief", actor="Hezbollah")
    assert brief["filters"]["selection"][0] == "actor: Hezbollah" and "Hezbollah" in brief["title"]
    assert {d["dyad"] for d in brief["dyads"]} == {"Hezbollah-ISR"}
    html = client.get("/api/brief", params={"actor": "Hezbollah", "format": "html"})
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "attachment" in html.headers["content-disposition"]
    assert "script-src" not in html.headers["content-security-policy"] and "style-src 'unsafe-inline'" in html.headers["content-security-policy"]
    assert "<script" not in html.text.lower()
    assert client.get("/api/brief", params={"format": "md"}).headers["content-type"].startswith("text/markdown")
    assert "is not one of json, html, md" in error(client, "/api/brief", format="pdf")


# ---------------------------------------------------------------- exports and compression


def test_exports_hold_every_match_with_the_same_filters(client: TestClient) -> None:
    want = ids(client, happened="all", actor="Hezbollah,ISR")
    params = {"happened": "all", "actor": "Hezbollah,ISR"}
    response = client.get("/api/events", params={**params, "format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["x-flashpoint-events"] == str(len(want))
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["id"] for r in rows} == want and rows[0]["place"]
    lines = client.get("/api/events", params={**params, "format": "jsonl"}).text.splitlines()
    assert {json.loads(line)["id"] for line in lines} == want
    geo = client.get("/api/events", params={**params, "format": "geojson"}).json()
    located = {f["properties"]["id"] for f in geo["features"]}
    assert located <= want and len(located) + geo["flashpoint"]["unlocated"] == len(want)
    assert geo["features"][0]["geometry"]["type"] == "Point"
    page = client.get("/api/events", params={**params, "format": "jsonl", "limit": "2", "offset": "1"}).text.splitlines()
    assert len(page) == 2
    assert "is not one of json, csv, geojson, jsonl" in error(client, "/api/events", format="xml")


def test_csv_cells_cannot_run_as_spreadsheet_formulas() -> None:
    from flashpoint.http.routes import _csv_line

    assert _csv_line(["=HYPERLINK(\"x\")", "-10", -10.0, "+1", "@cmd", "plain"]) == \
        '"\'=HYPERLINK(""x"")",\'-10,-10.0,\'+1,\'@cmd,plain\r\n'


def test_large_answers_are_gzipped(client: TestClient) -> None:
    big = client.get("/api/brief", headers={"Accept-Encoding": "gzip"})
    assert big.headers.get("content-encoding") == "gzip"
    assert int(big.headers["content-length"]) < len(json.dumps(big.json()).encode()) / 2
    small = client.get("/api/stats", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers
    raw = client.get("/api/events", params={"format": "csv"}, headers={"Accept-Encoding": "gzip"})
    assert raw.headers.get("content-encoding") == "gzip" and raw.text.startswith("id,date")
    plain = client.get("/api/brief", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.json() == big.json()


# ---------------------------------------------------------------- the force balance in the brief


def test_counted_equipment_reads_as_equipment_in_the_brief(tmp_path) -> None:
    from dataclasses import replace

    from flashpoint.records import Quantity
    from flashpoint.report.brief import build_brief
    from flashpoint.report.brief_html import render_html
    from flashpoint.report.brief_md import render_markdown
    from flashpoint.store import db

    doc = make_doc("k-tanks", "tanks.txt", "Armour moves", "Azerbaijan moved 40 tanks toward Armenia on Monday.",
                   "2021-10-04", [dict(source="AZE", source_text="Azerbaijan", source_name="Azerbaijan", target="ARM",
                                       target_text="Armenia", target_name="Armenia", plover="MOBILIZE", cameo="152",
                                       goldstein=-7.2, quad=4)])
    start = doc.article.text.index("40 tanks")
    doc = replace(doc, quantities=(Quantity(start, start + 8, "40 tanks", 40.0, "tanks", country="AZE", reason="test"),))
    path = str(tmp_path / "tanks.duckdb")
    with db.connect(path) as conn:
        db.write_batch(conn, [doc])
    brief = build_brief(path)
    azerbaijan = next(f for f in brief["forces"]["actors"] if f["actor"] == "AZE")
    assert azerbaijan["equipment"][0]["name"] == "40 tanks" and azerbaijan["equipment"][0]["type"] == "tanks"
    assert "40 tanks" in render_html(brief) and "40 tanks" in render_markdown(brief)
