"""The attribute ruler and the rule lemmatizer of a spaCy pipeline, applied to a parsed sentence from tables.

:func:`~flashpoint.stages.nlp.parse_sentences` runs spaCy's ``attribute_ruler`` (coarse ``pos_`` and
``morph`` from the tag, plus its exceptions) and ``lemmatizer`` on every candidate sentence. Both are
per-token look-ups, but spaCy pays for them in Python per token: the ruler runs a ``Matcher`` of all its
patterns over every token, the lemmatizer reads each token's attributes through its Python object. On
news they were a tenth of a worker's time.

:class:`TokenAttributes` gives the same answers from the same components' own data:

* the ruler's patterns that look at one token depend only on its lower-case form, tag, dependency
  label and whether it is white space, so which of them match is computed once per such key and kept;
  the few patterns over two tokens ("there is", "gon na") are checked where their first token is;
  matches apply in the ruler's own order (later patterns win), as ``AttributeRuler.set_annotations`` does;
* a lemma depends only on the token's form, coarse tag and morphology: the lemmatizer is asked once per
  such key (its own ``lemmatize``) and the answer kept.

A ruler with patterns whose predicates it does not know (anything beyond equality, ``IN``, ``NOT_IN`` and
``REGEX``, or over more than two tokens), or a lemmatizer in another mode, is left to spaCy's components
themselves. ``tests/test_nlp.py`` compares both, attribute by attribute, on sentences written to reach
the ruler's exceptions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Token4 = tuple[str, str, str, bool]  # lower-case form, fine tag, dependency label, is white space
Predicate = Callable[[Token4], bool]
Final = tuple[int, int, int, int, int]  # tag, dependency label, coarse tag, morphology, lemma

KNOWN_LIMIT = 50_000  # token kinds remembered (about 650 bytes each: 33 MB at most)
_FIELDS = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}


def _value_test(field: int, spec: Any) -> Predicate | None:
    if isinstance(spec, (str, bool)):
        return lambda t: t[field] == spec
    if not isinstance(spec, dict) or len(spec) != 1:
        return None
    (op, arg), = spec.items()
    if op == "IN":
        allowed = frozenset(arg)
        return lambda t: t[field] in allowed
    if op == "NOT_IN":
        banned = frozenset(arg)
        return lambda t: t[field] not in banned
    if op == "REGEX":
        rx = re.compile(arg)
        return lambda t: isinstance(t[field], str) and rx.search(t[field]) is not None
    return None


def _token_test(pattern: dict[str, Any]) -> Predicate | None:
    """A predicate over :data:`Token4` for one token of a Matcher pattern, or None if it reads more."""
    tests = []
    for attr, spec in pattern.items():
        field = _FIELDS.get(attr)
        test = None if field is None else _value_test(field, spec)
        if test is None:
            return None
        tests.append(test)
    return lambda t: all(test(t) for test in tests)


class TokenAttributes:
    """``attribute_ruler`` then ``lemmatizer`` of ``nlp`` on a parsed Doc, from cached tables (see the module)."""

    def __init__(self, nlp: Any) -> None:
        self.ruler = nlp.get_pipe("attribute_ruler")
        self.lemmatizer = nlp.get_pipe("lemmatizer")
        self.vocab = nlp.vocab
        # single-token patterns by the form or the tag they require (most name one), the rest tried on every token
        self.by_form: dict[str, list[tuple[int, Predicate]]] = {}
        self.by_tag: dict[str, list[tuple[int, Predicate]]] = {}
        self.anywhere: list[tuple[int, Predicate]] = []
        self.pairs: list[tuple[int, Predicate, Predicate, int]] = []
        self.usable = self.lemmatizer.mode == "rule" and not self.lemmatizer.overwrite
        for attr_id, entry in enumerate(self.ruler.patterns):
            for pattern in entry["patterns"]:
                tests = [_token_test(tok) for tok in pattern]
                if any(test is None for test in tests) or len(tests) > 2:
                    self.usable = False
                elif len(tests) == 1:
                    self._index(attr_id, pattern[0], tests[0])  # type: ignore[arg-type]
                else:
                    self.pairs.append((attr_id, tests[0], tests[1], entry["index"] % 2))  # type: ignore[arg-type]
        # (orth, tag, dep, pos, morph, lemma) -> what the ruler and the lemmatizer leave, in that order;
        # with the token's Token4 and the two-token patterns it can start
        self._known: dict[tuple[int, ...], tuple[Final, Token4, tuple[int, ...]]] = {}

    def _index(self, attr_id: int, pattern: dict[str, Any], test: Predicate) -> None:
        if isinstance(pattern.get("LOWER"), str):
            self.by_form.setdefault(pattern["LOWER"], []).append((attr_id, test))
        elif isinstance(pattern.get("TAG"), str):
            self.by_tag.setdefault(pattern["TAG"], []).append((attr_id, test))
        else:
            self.anywhere.append((attr_id, test))

    def _matching(self, token: Token4) -> set[int]:
        tried = (*self.by_form.get(token[0], ()), *self.by_tag.get(token[1], ()), *self.anywhere)
        return {attr_id for attr_id, test in tried if test(token)}

    def __call__(self, sdoc: Any) -> Any:
        if self.usable:
            self._annotate(sdoc)
        else:
            self.lemmatizer(self.ruler(sdoc))
        return sdoc

    def _annotate(self, sdoc: Any) -> None:
        import numpy
        from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG

        if not len(sdoc):
            return
        rows = sdoc.to_array([ORTH, TAG, DEP, POS, MORPH, LEMMA]).tolist()
        known = [self._known.get(tuple(row)) or self._learn(sdoc, i, row) for i, row in enumerate(rows)]
        extra: dict[int, list[int]] = {}
        for i, (_, _, starts) in enumerate(known):
            for k in starts:
                attr_id, _, second, index = self.pairs[k]
                if i + 1 < len(known) and second(known[i + 1][1]):
                    extra.setdefault(i + index, []).append(attr_id)
        out = [self._final(sdoc, i, rows[i], known[i][1], extra[i]) if i in extra else known[i][0]
               for i in range(len(known))]
        sdoc.from_array([POS, MORPH, LEMMA], numpy.asarray([row[2:] for row in out], dtype="uint64"))
        for i, (tag, dep, *_) in enumerate(out):  # white space: the ruler sets its tag and label too
            if tag != rows[i][1]:
                sdoc[i].tag = tag
            if dep != rows[i][2]:
                sdoc[i].dep = dep

    def _learn(self, sdoc: Any, i: int, row: list[int]) -> tuple[Final, Token4, tuple[int, ...]]:
        strings = self.vocab.strings
        tok = sdoc[i]
        token = (tok.lower_, strings[row[1]] if row[1] else "", strings[row[2]] if row[2] else "", tok.is_space)
        starts = tuple(k for k, (_, first, _, _) in enumerate(self.pairs) if first(token))
        entry = (self._final(sdoc, i, row, token, []), token, starts)
        if len(self._known) >= KNOWN_LIMIT:  # a long ingest meets ever more rare words: start again
            self._known.clear()
        self._known[tuple(row)] = entry
        return entry

    def _final(self, sdoc: Any, i: int, row: list[int], token: Token4, more: list[int]) -> Final:
        """(tag, dep, pos, morph, lemma) of token ``i`` after the ruler's matches (its own and ``more``, in the
        ruler's order) and the lemmatizer (which fills only a lemma the ruler left empty)."""
        from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

        value = {TAG: row[1], DEP: row[2], POS: row[3], MORPH: row[4], LEMMA: row[5]}
        for attr_id in sorted(self._matching(token) | set(more)):
            value.update(self.ruler.attrs[attr_id])
        if value[LEMMA] == 0:
            tok = sdoc[i]
            saved = tok.pos, tok.morph.key
            tok.pos = value[POS]
            tok.set_morph(value[MORPH])
            value[LEMMA] = self.vocab.strings.add(self.lemmatizer.lemmatize(tok)[0])
            tok.pos = saved[0]
            tok.set_morph(saved[1])
        return value[TAG], value[DEP], value[POS], value[MORPH], value[LEMMA]
