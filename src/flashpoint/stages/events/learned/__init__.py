"""The learned events model: trigger detection and typing, roles, from features shared with training.

* :mod:`.vectors`  - word vectors distilled from the packaged MiniLM encoder;
* :mod:`.phoenix`  - the Phoenix CAMEO verb dictionary as a lexicon of features;
* :mod:`.features` - candidate triggers and (trigger, actor) pairs of a parsed sentence, as features;
* :mod:`.net`      - a small feed-forward network in NumPy (trained by :mod:`flashpoint.training.events`);
* :mod:`.model`    - the shipped model: loads the weights and decodes events from a parsed sentence.
"""
