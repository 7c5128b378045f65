"""The predicate lexicon and modality cues, read from packaged data files.

``resources/events/predicates.tsv`` says which words announce which event (a
CAMEO code, hence a PLOVER type) and how to find its participants;
``resources/events/cues.tsv`` lists light verbs and the words that make an event
hypothetical, intended, claimed, reported or negated. Both files document their
own format in their header.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ...errors import ResourceError
from ...ontology import lookup

POS_CLASSES = {
    "V": frozenset({"VERB", "AUX"}),
    "N": frozenset({"NOUN", "PROPN"}),
    "A": frozenset({"ADJ", "VERB"}),
    "P": frozenset({"ADP"}),
}
MODALITY_VALUES = frozenset({"hypothetical", "intended", "claimed", "reported", "negated"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon line: a trigger word, its CAMEO code and how to read its arguments."""

    lemma: str
    particle: str | None
    pos: str
    cameo: str | None  # None: an event only when negated
    objects: frozenset[str] = frozenset()
    needs: tuple[str, ...] = ()
    mods: frozenset[str] = frozenset()
    via: tuple[str, ...] = ()
    target_rule: str | None = None
    source_rule: str | None = None
    negated: str | None = None  # a CAMEO code, "drop", or None (emit as negated)
    reciprocal: bool = False
    self_ok: bool = False
    light: frozenset[str] = frozenset()  # a nominal trigger must be carried by one of these verbs
    joint: str | None = None  # code when co-subjects of different countries act together and no target is named
    swap: bool = False  # the subject receives: "received weapons from X" -> X is the source, the subject the target
    line: int = 0
    origin: str = ""  # "" for predicates.tsv; else where a generated entry comes from

    @property
    def where(self) -> str:
        """Where the entry is written, for a reason: its line, or the data it was generated from."""
        return f"line {self.line}" if not self.origin else self.origin

    @property
    def label(self) -> str:
        word = f"{self.lemma} {self.particle}" if self.particle else self.lemma
        return f"{word}/{self.pos}"

    @property
    def specificity(self) -> int:
        return bool(self.objects) + len(self.needs) + bool(self.mods) + bool(self.particle) + bool(self.light)


@dataclass(frozen=True, slots=True)
class Cues:
    light: frozenset[str]
    aux: dict[str, str]
    gov: dict[str, str]
    mark: dict[str, str]
    adv: dict[str, str]
    nmod: dict[str, str]
    sent: dict[str, str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    entries: dict[str, tuple[Entry, ...]]  # by lemma (lower case), most specific first
    cues: Cues

    @property
    def lemmas(self) -> frozenset[str]:
        return frozenset(self.entries)

    @property
    def attack_nouns(self) -> frozenset[str]:
        """Nouns the lexicon reads as an attack (CAMEO roots 18 to 20): "shelling", "air strike", "raid"."""
        return frozenset(lemma for lemma, entries in self.entries.items()
                         if any(e.pos == "N" and e.cameo and e.cameo[:2] in ("18", "19", "20") for e in entries))

    def candidates(self, lemma: str, pos: str) -> tuple[Entry, ...]:
        found = self.entries.get(lemma.lower(), ())
        return tuple(e for e in found if pos in POS_CLASSES[e.pos])


def _read(name: str) -> list[tuple[int, list[str]]]:
    try:
        text = resources.files("flashpoint.resources").joinpath("events", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ResourceError(f"events lexicon {name} is missing: {exc}") from exc
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        rows.append((number, line.split("\t")))
    return rows


NEED_KINDS = frozenset({"xcomp", "ccomp", "toclause", "objactor", "rebuttal", "modal", "noobj", "noacl"})
NEED_PREFIXES = ("xcomp:", "prep:", "oprd:")


def _needs(value: str, number: int) -> tuple[str, ...]:
    """``need=objactor|xcomp:leave|depart``: required kinds; words after ``xcomp:``/``prep:``/``oprd:`` are alternatives."""
    out: list[str] = []
    for part in (v for v in value.split("|") if v):
        if part in NEED_KINDS or part.startswith(NEED_PREFIXES):
            out.append(part)
        elif out and out[-1].startswith(NEED_PREFIXES):
            out[-1] = f"{out[-1]}|{part}"
        else:
            raise ResourceError(f"predicates.tsv line {number}: unknown need {part!r}")
    return tuple(out)


def parse_entry(number: int, cols: list[str]) -> Entry:
    if len(cols) < 3:
        raise ResourceError(f"predicates.tsv line {number}: expected lemma, pos, cameo")
    words, pos, code = cols[0].strip().lower(), cols[1].strip(), cols[2].strip()
    if pos not in POS_CLASSES:
        raise ResourceError(f"predicates.tsv line {number}: unknown pos {pos!r}")
    cameo = None if code == "-" else code
    if cameo is not None and lookup(cameo) is None:
        raise ResourceError(f"predicates.tsv line {number}: unknown CAMEO code {code!r}")
    lemma, _, particle = words.partition(" ")
    opts: dict[str, str] = {}
    for raw in (cols[3] if len(cols) > 3 else "").split(","):
        key, _, value = raw.strip().partition("=")
        if key:
            opts[key] = value
    if opts.get("target") not in (None, "", "ccomp", "border", "place", "context", "home", "held", "inquiry",
                              "appeal"):
        raise ResourceError(f"predicates.tsv line {number}: unknown target rule {opts['target']!r}")
    negated = opts.get("neg") or None
    if opts.get("joint") and lookup(opts["joint"]) is None:
        raise ResourceError(f"predicates.tsv line {number}: unknown CAMEO code in joint={opts['joint']!r}")
    if negated not in (None, "drop") and lookup(negated) is None:
        raise ResourceError(f"predicates.tsv line {number}: unknown CAMEO code in neg={negated!r}")
    known = {"obj", "need", "mod", "via", "target", "source", "neg", "reciprocal", "self", "light", "joint", "swap"}
    unknown = set(opts) - known
    if unknown:
        raise ResourceError(f"predicates.tsv line {number}: unknown option(s) {', '.join(sorted(unknown))}")
    split = lambda key: tuple(v for v in opts.get(key, "").split("|") if v)  # noqa: E731
    return Entry(
        lemma=lemma,
        particle=particle or None,
        pos=pos,
        cameo=cameo,
        objects=frozenset(split("obj")),
        needs=_needs(opts.get("need", ""), number),
        mods=frozenset(split("mod")),
        via=split("via"),
        target_rule=opts.get("target") or None,
        source_rule=opts.get("source") or None,
        negated=negated,
        reciprocal="reciprocal" in opts,
        swap="swap" in opts,
        self_ok="self" in opts,
        light=frozenset(split("light")),
        joint=opts.get("joint") or None,
        line=number,
    )


def _cues() -> Cues:
    roles: dict[str, dict[str, str]] = defaultdict(dict)
    for number, cols in _read("cues.tsv"):
        word = cols[0].strip().lower()
        role = cols[1].strip() if len(cols) > 1 else ""
        value = cols[2].strip() if len(cols) > 2 else ""
        if role not in {"light", "aux", "gov", "mark", "adv", "nmod", "sent"}:
            raise ResourceError(f"cues.tsv line {number}: unknown role {role!r}")
        if role != "light" and value not in MODALITY_VALUES:
            raise ResourceError(f"cues.tsv line {number}: unknown modality {value!r}")
        roles[role][word] = value
    return Cues(
        light=frozenset(roles["light"]),
        aux=roles["aux"],
        gov=roles["gov"],
        mark=roles["mark"],
        adv=roles["adv"],
        nmod=roles["nmod"],
        sent=roles["sent"],
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    grouped: dict[str, list[Entry]] = defaultdict(list)
    for number, cols in _read("predicates.tsv"):
        entry = parse_entry(number, cols)
        grouped[entry.lemma].append(entry)
    for lemma in _phoenix_criticism():
        if lemma not in grouped:
            grouped[lemma].append(Entry(lemma=lemma, particle=None, pos="V", cameo=CRITICISM, needs=("objactor",),
                                        origin="generated from the Phoenix verb dictionary (111)"))
    for lemma, code in _phoenix_appeals():
        if lemma not in grouped:
            grouped[lemma].append(Entry(lemma=lemma, particle=None, pos="V", cameo=code, needs=("objactor", "toclause"),
                                        origin=f"generated from the Phoenix verb dictionary ({code})"))
    entries = {k: tuple(sorted(v, key=lambda e: (-e.specificity, e.line))) for k, v in grouped.items()}
    return Lexicon(entries=entries, cues=_cues())


CRITICISM = "111"  # CAMEO: criticize or denounce
# Phoenix's criticism verbs that news uses for other things: "lectured students", "savaged by a dog", "a brand", "a mock drill"
NOT_CRITICISM = frozenset({"lecture", "savage", "crucify", "brand", "mock"})


APPEALS = ("020", "100")  # CAMEO: make an appeal or request; demand
# Phoenix appeal verbs that news uses mostly as nouns or without anyone asked ("a bid for", "the need to", "hoped
# to"): their entry would feed the events model's lexicon feature on those words too
NOT_APPEALS = frozenset({"bid", "need", "necessitate", "hope", "desire", "campaign", "crusade", "clamor", "clamour",
                         "apply", "hint", "suggest", "decree", "propose"})


def _phoenix_appeals() -> list[tuple[str, str]]:
    """One-word verbs whose default code in the Phoenix verb dictionary is an appeal or a demand ("advise",
    "implore", "exhort", "beg"), each with its code: read only as "X advised Y to resign" (an actor as the object
    and a "to" clause), where the verb can only ask Y to act."""
    from .learned.phoenix import load_phoenix

    verbs = load_phoenix().verbs
    return sorted((v, code) for v, (code, _) in verbs.items() if code in APPEALS and " " not in v and v not in NOT_APPEALS)


def _phoenix_criticism() -> list[str]:
    """One-word verbs whose default code in the Phoenix verb dictionary is 111 ("chastise", "berate",
    "castigate", "lambaste"): an entry each, read only with an actor as the object ("X berated Y")."""
    from .learned.phoenix import load_phoenix

    verbs = load_phoenix().verbs
    return sorted(v for v, (code, _) in verbs.items() if code == CRITICISM and " " not in v and v not in NOT_CRITICISM)
