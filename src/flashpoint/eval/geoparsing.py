"""The geoparsing gold sets of ``../shared/data/geoparsing-gold``, read into plain records.

GeoWebNews, LGL, TR-News and GeoVirus (see that folder's SOURCE.md): each article as ``(id, text, golds)``
with every gold toponym's span, GeoNames id and point. ``bench/geoparse.py`` scores the places stage on
them; ``flashpoint.training.toponyms`` learns the toponym model from LGL and TR-News (training data) and
never reads GeoWebNews or GeoVirus.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ..errors import ResourceError

REPO = Path(__file__).resolve().parents[3]


def shared_root() -> Path:
    """The shared folder, read at call time: $FLASHPOINT_SHARED, else ``shared`` beside the checkout."""
    return Path(os.environ.get("FLASHPOINT_SHARED") or REPO.parent / "shared")


def gold_dir() -> Path:
    return shared_root() / "data" / "geoparsing-gold"
GWN_NAMED = {
    "Literal",
    "Non_Literal_Modifier",
    "Metonymic",
    "Embedded_Non_Lit",
    "Mixed",
    "Literal_Modifier",
    "Coercion",
    "Embedded_Literal",
}


@dataclass
class Gold:
    start: int
    end: int
    text: str
    geonameid: int | None
    lat: float | None
    lon: float | None

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


def _float(node: ElementTree.Element | None) -> float | None:
    return float(node.text) if node is not None and node.text and node.text.strip() else None


def read_gwn(limit: int | None) -> list[tuple[str, str, list[Gold]]]:
    root = ElementTree.parse(gold_dir() / "GWN.xml").getroot()
    out = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        golds = []
        for t in article.iter("toponym"):
            kind = t.findtext("type") or ""
            gid = t.findtext("geonamesID")
            lat, lon = _float(t.find("latitude")), _float(t.find("longitude"))
            if kind not in GWN_NAMED:
                lat = lon = None
            golds.append(
                Gold(
                    int(t.findtext("start") or 0),
                    int(t.findtext("end") or 0),
                    t.findtext("extractedName") or "",
                    int(gid) if gid and gid.strip().isdigit() else None,
                    lat,
                    lon,
                )
            )
        out.append((f"gwn-{article.get('file')}", text, golds))
    return out[:limit] if limit else out


def read_lgl(limit: int | None) -> list[tuple[str, str, list[Gold]]]:
    root = ElementTree.parse(gold_dir() / "lgl.xml").getroot()
    out = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        golds = []
        for t in article.iter("toponym"):
            tag = t.find("gaztag")
            gid = tag.get("geonameid") if tag is not None else None
            lat = _float(tag.find("lat")) if tag is not None else None
            lon = _float(tag.find("lon")) if tag is not None else None
            golds.append(
                Gold(
                    int(t.findtext("start") or 0),
                    int(t.findtext("end") or 0),
                    t.findtext("phrase") or "",
                    int(gid) if gid and gid.isdigit() else None,
                    lat,
                    lon,
                )
            )
        out.append((f"lgl-{article.get('docid')}", text, golds))
    return out[:limit] if limit else out


def read_trnews(limit: int | None) -> list[tuple[str, str, list[Gold]]]:
    """TR-News: LGL's layout; some offsets are off, so each phrase is taken at its occurrence nearest the offset."""
    root = ElementTree.parse(gold_dir() / "TR-News.xml").getroot()
    out = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        golds = []
        for t in article.iter("toponym"):
            phrase = t.findtext("phrase") or ""
            at = [m.start() for m in re.finditer(re.escape(phrase), text)] if phrase else []
            if not at:
                continue
            start = min(at, key=lambda o: abs(o - int(t.findtext("start") or 0)))
            tag = t.find("gaztag")
            gid = tag.get("geonameid") if tag is not None else None
            lat = _float(tag.find("lat")) if tag is not None else None
            lon = _float(tag.find("lon")) if tag is not None else None
            golds.append(
                Gold(start, start + len(phrase), phrase, int(gid) if gid and gid.isdigit() else None, lat, lon)
            )
        out.append((f"tr-news-{article.get('docid')}", text, golds))
    return out[:limit] if limit else out


def read_geovirus(limit: int | None) -> list[tuple[str, str, list[Gold]]]:
    """GeoVirus: points without GeoNames ids (so "exact" is within 1 km); offsets are shifted by one."""
    root = ElementTree.parse(gold_dir() / "GeoVirus.xml").getroot()
    out = []
    for number, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        golds = [
            Gold(
                int(loc.findtext("start") or 1) - 1,
                int(loc.findtext("end") or 1) - 1,
                loc.findtext("name") or "",
                None,
                _float(loc.find("lat")),
                _float(loc.find("lon")),
            )
            for loc in article.iter("location")
        ]
        out.append((f"geovirus-{number}", text, golds))
    return out[:limit] if limit else out


def development_ids(required: bool = False) -> set[str]:
    """Ids (``gwn-121``, ``lgl-38543491``) of the shared development articles, whose misses were read.

    ``required``: a missing index is an error (training must never learn from these articles by accident);
    otherwise it is an empty set (the benchmark then has no development articles to set apart)."""
    index = shared_root() / "gold" / "dev" / "INDEX.tsv"
    if not index.is_file():
        if required:
            raise ResourceError(f"{index} not found: the development articles cannot be left out (set FLASHPOINT_SHARED)")
        return set()
    rows = [line.split("\t") for line in index.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    return {f"{row[1]}-{row[2]}" for row in rows if len(row) > 2}
