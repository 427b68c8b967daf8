"""Lazy access to the heavy NLP models.

Nothing here is imported by `--help`, `query` or `validate`: natasha loads only
when a document is parsed, pymorphy3 only when a word is inflected or lemmatized.
Each process loads each model once.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pymorphy3
    from natasha import Doc


# Natasha's matrices are small: OpenBLAS worker threads only spin and fight the
# ingest workers for the cores. Measured on 2 cores, natasha per seed document:
# 0.29 s with OpenBLAS's default threads, 0.08 s with one. Must be set before numpy
# loads; setdefault leaves an explicit choice alone.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


@lru_cache(maxsize=1)
def morph() -> pymorphy3.MorphAnalyzer:
    import pymorphy3
    import pymorphy3.shapes

    # pymorphy3 asks unicodedata for the name of every letter of a word it does not
    # know, and unicodedata raises for letters it has no name for (Tangut, newer
    # scripts): one such character in a document must not abort its extraction.
    original = pymorphy3.shapes.is_latin_char
    if not getattr(original, "_resarchive_safe", False):

        def is_latin_char(uchr: str) -> bool:
            try:
                return original(uchr)
            except ValueError:
                return False

        is_latin_char._resarchive_safe = True  # type: ignore[attr-defined]
        pymorphy3.shapes.is_latin_char = is_latin_char
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=1)
def _natasha():
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    embedding = _without_similarity_tables(NewsEmbedding)
    with _one_word_list(embedding.vocab):
        return Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding)


def _without_similarity_tables(load):
    """`load()` with navec's `PQ.precompute` skipped: it builds the norms and dot products
    that only `Navec.sim` reads (navec/pq.py), while the taggers read the codes and
    indexes alone (slovnet's InjectNavecVisitor). Measured: 0.18 s of the 0.49 s that
    NewsEmbedding() takes, paid by every process that extracts. If navec's layout ever
    changes, it loads as it always did."""
    try:
        from navec.pq import PQ
    except ImportError:  # pragma: no cover - another navec
        return load()
    precompute = PQ.__dict__.get("precompute")
    if precompute is None:  # pragma: no cover - another navec
        return load()
    PQ.precompute = lambda self: None
    try:
        return load()
    finally:
        PQ.precompute = precompute


@contextmanager
def _one_word_list(navec_vocab):
    """While the taggers load, slovnet's word vocabulary is navec's, built once.

    slovnet's morph and NER packs each carry the word list of the navec they are
    injected with (250 002 words in the same order: a word's id indexes navec's table),
    and slovnet builds a word -> id dict from each; navec has built that dict already.
    Measured on this machine: loading the taggers took 0.36 s and a peak of 202 MB with
    three dicts, 0.26 s and 146 MB with one: a second less of serial start per ingest
    and 56 MB less in every worker. A vocabulary that is not navec's word list (shapes,
    tags, another release's words) loads as slovnet loads it.
    """
    try:
        from slovnet.exec import pack
        from slovnet.vocab import PAD, UNK, Vocab
    except ImportError:  # pragma: no cover - another slovnet
        yield
        return
    words = navec_vocab.words
    joined = "\n".join(words).encode("utf8")
    shared = Vocab.__new__(Vocab)
    ids = navec_vocab.word_ids
    shared.__dict__.update(items=words, item_ids=ids, unk_id=ids.get(UNK), pad_id=ids.get(PAD))
    original = pack.bytes_vocab

    def bytes_vocab(data: bytes):
        return shared if pack.decompress(data) == joined else original(data)

    pack.bytes_vocab = bytes_vocab
    try:
        yield
    finally:
        pack.bytes_vocab = original


def parse(text: str) -> Doc:
    """Segment, morph-tag and NER-tag a text once; every stage reads this one Doc."""
    from natasha import Doc

    segmenter, morph_tagger, ner_tagger = _natasha()
    doc = Doc(text)
    doc.segment(segmenter)
    _tag_morph_by_length(doc, morph_tagger)
    doc.tag_ner(ner_tagger)
    return doc


def _tag_morph_by_length(doc: Doc, tagger) -> None:
    """`doc.tag_morph(tagger)` with the sentences batched by length.

    natasha's `Doc.tag_morph` hands slovnet the sentences in text order, 8 to a batch,
    each batch padded to its longest sentence; a resolution mixes one-word headings with
    long items, so most of the work was padding. Sorted by length, the batches hold
    sentences of like length (the tags are the same: slovnet masks the padding).
    Measured on 120 texts (the benchmark's and tests/real's), 2 cores, one BLAS thread:
    28 ms a document in text order, 21 ms sorted, every token's tag identical; batches of
    16 or 32 were slower (26, 30 ms).
    """
    from natasha.doc import inject_morph, sent_words

    sents = doc.sents
    order = sorted(range(len(sents)), key=lambda i: len(sents[i].tokens))
    markups = tagger.map([sent_words(sents[i]) for i in order])
    for i, markup in zip(order, markups, strict=True):
        inject_morph(sents[i].tokens, markup.tokens)


def is_known_word(word: str) -> bool:
    return morph().word_is_known(word)


def load_models() -> None:
    """Load every model now (an ingest worker does this once, before its first file)."""
    _natasha()
    morph()
