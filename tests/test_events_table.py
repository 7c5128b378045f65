from __future__ import annotations

from flashpoint.report.tables import format_events_table


def test_table_lists_each_event_with_its_actors_type_and_modality():
    rows = [
        {"source": {"country": "IRN", "text": "Iran"}, "target": {"country": "AZE", "text": "Azerbaijan"},
         "plover": "MOBILIZE", "cameo": "150", "modality": "reported", "attribution": "Defense Express",
         "confidence": 0.7, "evidence": "Iran's armed forces have launched military maneuvers " * 3, "date": None},
        {"source_country": "ARM", "source_text": "Armenia", "target_country": "TUR", "target_text": "Turkey",
         "plover": "REJECT", "cameo": "120", "modality": "asserted", "confidence": 0.55, "evidence": "x"},
    ]
    table = format_events_table(rows)
    lines = table.splitlines()
    assert lines[0].startswith("DATE") and "EVIDENCE" in lines[0]
    assert "IRN Iran" in lines[2] and "MOBILIZE" in lines[2] and "reported (Defense" in lines[2]
    assert "…" in lines[2]  # long evidence is cut
    assert "ARM Armenia" in lines[3] and "REJECT" in lines[3]
    assert lines[-1] == "2 events"


def test_empty_table_says_so():
    assert format_events_table([]).splitlines()[-1] == "0 events"
