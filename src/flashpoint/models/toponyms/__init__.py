"""The toponym model (``make train-places``): model.json and MODEL_CARD.md."""
