"""Words that look like an event and are not, read the same way by both engines.

Each check takes the trigger token of a parsed sentence (and, where it needs it, the text of the
event's source) and returns why the reading is wrong, or None. The lexicon and the network both fire
on these words because the word alone is an event word; the words around it say otherwise:

* "the FBI agrees with the CIA's assessment that ...": agreeing with a view is an opinion shared, not
  an agreement between parties (AGREE);
* "Russia places importance on reinforcing the strategic partnership": ties, relations and cooperation
  reinforced or boosted are no forces mobilised (MOBILIZE);
* "Russians travelling to the United Kingdom": a people's nationals travelling is no state's visit
  (CONSULT), as "Putin travelled to Beijing" is;
* "welcomed the failure of the prisoner exchange": being glad of a setback (a failure, collapse, defeat, ouster)
  supports no one (SUPPORT);
* "the police arrest report", "a detention hearing", "in charge of the records", "in charge of the jail": a noun
  of legal action that names a kind of document, hearing or place, or a duty, is no arrest (COERCE);
* "Macron called Scholz to congratulate him": a phone call made for a purpose calls no one names (ACCUSE, which
  "called the strikes a crime" is);
* "Islamic State claimed the attack", "claimed responsibility": owning one's own act accuses no one (ACCUSE).
"""

from __future__ import annotations

from typing import Any

# what one agrees with that is a view, not a party: "agrees with the assessment", "concurred with the finding"
OPINIONS = frozenset({"assessment", "view", "conclusion", "analysis", "finding", "findings", "position", "opinion",
                      "statement", "claim", "claims", "estimate", "judgment", "judgement", "verdict", "report",
                      "description", "characterisation", "characterization", "interpretation", "notion", "idea"})
AGREEING = frozenset({"agree", "concur"})
# what is reinforced or boosted that is no force: "reinforcing the partnership", "boost ties"
TIES = frozenset({"relation", "relationship", "tie", "partnership", "cooperation", "co-operation", "friendship",
                  "trade", "dialogue", "alliance", "bond", "link", "contact", "exchange", "understanding", "trust"})
# what a noun of legal action modifies that is itself that action: "arrest warrants", "a detention order"
ACTS_OF_LAW = frozenset({"warrant", "order", "campaign", "operation", "raid", "sweep", "wave", "spree", "drive"})
TRAVELLING = frozenset({"travel", "go", "come", "fly", "holiday", "vacation"})
# what goes wrong for someone: welcoming it is no support of anyone ("welcomed the failure of the prisoner deal")
SETBACKS = frozenset({"failure", "collapse", "breakdown", "defeat", "fall", "downfall", "death", "demise", "ouster",
                      "resignation", "end", "loss"})

# what a group claims that is its own act: "claimed the attack", "claimed responsibility"
OWN_ACTS = frozenset({"responsibility", "credit", "attack", "attacks", "bombing", "killing", "kidnapping", "abduction",
                      "assassination", "strike", "raid", "ambush", "massacre", "blast", "explosion", "shooting",
                      "hijacking", "beheading", "execution"})


def _objects(tok: Any) -> list[Any]:
    """The trigger's objects, through a coordinated verb ("reinforcing and developing the partnership")."""
    verbs = [tok, *tok.conjuncts]
    return [c for v in verbs for c in v.children if c.dep_ in ("dobj", "nsubjpass")]


def misread(tok: Any, plover: str, source_text: str | None = None) -> str | None:
    """Why the event word at ``tok`` (of the PLOVER type ``plover``) is no event, or None."""
    lemma = tok.lemma_.lower()
    if plover == "AGREE" and lemma in AGREEING:
        views = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children
                 if g.dep_ == "pobj" and g.lemma_.lower() in OPINIONS]
        if views:
            return f"'{tok.text} with the {views[0].text}': a view shared, not an agreement between parties"
    if plover == "MOBILIZE":
        ties = [o for o in _objects(tok) if o.lemma_.lower() in TIES]
        if ties:
            return f"'{tok.text} ... {ties[0].text}': ties strengthened, not forces mobilised"
    if plover == "SUPPORT":
        setbacks = [o for o in _objects(tok) if o.lemma_.lower() in SETBACKS]
        if setbacks:
            return f"'{tok.text} the {setbacks[0].text}': glad of a setback, not support of anyone"
    if (plover == "COERCE" and tok.pos_ == "NOUN" and tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN")
            and tok.head.lemma_.lower() not in ACTS_OF_LAW):
        return f"'{tok.text} {tok.head.text}': a noun that only says what kind of {tok.head.text} it is"
    if plover == "COERCE" and tok.lower_ == "charge" and tok.head.lower_ == "in" and tok.head.head.lemma_ in ("be", "put", "remain", "stay", "leave"):
        return "'in charge of': responsible for something, not charged"
    if plover == "COERCE" and lemma == "jail" and tok.pos_ == "NOUN" and tok.head.lower_ in ("of", "at", "in", "from"):
        return f"'{tok.head.text} the {tok.text}': a place, not a jailing"
    if plover == "ACCUSE" and lemma == "call" and not any(c.dep_ in ("oprd", "attr", "ccomp") for c in tok.children) and any(
            c.dep_ in ("xcomp", "advcl") for c in tok.children):
        return f"'{tok.text} ... to': a phone call with a purpose, not calling someone names"
    if plover == "ACCUSE" and lemma == "claim" and any(o.lemma_.lower() in OWN_ACTS for o in _objects(tok)):
        return f"'{tok.text} the {_objects(tok)[0].text}': owning an act, not a charge against anyone"
    if plover == "CONSULT" and lemma in TRAVELLING and source_text:
        words = source_text.split()
        if len(words) == 1 and words[0][:1].isupper() and words[0].endswith(("ans", "ese", "ons", "is")):
            return f"'{source_text} {tok.text}': a people's nationals travelling, not a state's visit"
    return None


__all__ = ["misread"]
