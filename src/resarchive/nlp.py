"""Lazy access to the heavy NLP models.

Nothing here is imported by `--help`, `query` or `validate`: natasha loads only
when a document is parsed, pymorphy3 only when a word is inflected or lemmatized.
Each process loads each model once.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pymorphy3
    from natasha import Doc


@lru_cache(maxsize=1)
def morph() -> pymorphy3.MorphAnalyzer:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=1)
def _natasha():
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    embedding = NewsEmbedding()
    return Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding)


def parse(text: str) -> Doc:
    """Segment, morph-tag and NER-tag a text once; every stage reads this one Doc."""
    from natasha import Doc

    segmenter, morph_tagger, ner_tagger = _natasha()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_morph(morph_tagger)
    doc.tag_ner(ner_tagger)
    return doc


def is_known_word(word: str) -> bool:
    return morph().word_is_known(word)
