"""How the NLP models load (nlp.py): one word list for navec and both slovnet taggers."""

from __future__ import annotations

import gzip

from resarchive import nlp

from .conftest import SEEDS


def test_the_taggers_share_navec_word_list() -> None:
    _, morph_tagger, ner_tagger = nlp._natasha()
    morph_words = morph_tagger.infer.encoder.words_vocab
    ner_words = ner_tagger.infer.encoder.words_vocab
    assert morph_words is ner_words
    assert len(morph_words) == 250_002
    assert morph_words.encode("библиотека") == ner_words.item_ids["библиотека"]
    assert morph_words.encode("несуществующееслово") == morph_words.unk_id


def test_the_shared_word_list_has_what_slovnet_sets() -> None:
    from slovnet.vocab import Vocab

    _, morph_tagger, _ = nlp._natasha()
    shared = morph_tagger.infer.encoder.words_vocab
    own = Vocab(["<pad>", "<unk>", "а"])
    assert set(vars(shared)) == set(vars(own))
    assert shared.items[shared.unk_id] == "<unk>"
    assert shared.items[shared.pad_id] == "<pad>"


def test_another_word_list_loads_as_slovnet_loads_it() -> None:
    from slovnet.exec import pack

    class Navec:
        words = ["<pad>", "<unk>", "а", "б"]
        word_ids = {word: i for i, word in enumerate(words)}

    with nlp._one_word_list(Navec):
        same = pack.bytes_vocab(gzip.compress("<pad>\n<unk>\nа\nб".encode()))
        other = pack.bytes_vocab(gzip.compress(b"NOUN\nVERB"))
    assert same.item_ids is Navec.word_ids
    assert other.items == ["NOUN", "VERB"] and other.encode("VERB") == 1
    assert pack.bytes_vocab.__module__ == "slovnet.exec.pack"  # put back


def test_shared_loading_tags_as_slovnet_loading_does() -> None:
    from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    def tags(segmenter, morph_tagger, ner_tagger) -> list:
        found = []
        for path in SEEDS:
            doc = Doc(path.read_text(encoding="utf-8"))
            doc.segment(segmenter)
            doc.tag_morph(morph_tagger)
            doc.tag_ner(ner_tagger)
            found.append([(t.text, t.pos, t.feats) for t in doc.tokens])
            found.append([(s.start, s.stop, s.type) for s in doc.spans])
        return found

    embedding = NewsEmbedding()
    slovnet_own = (Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding))
    shared = tags(*nlp._natasha())
    assert any(span[2] == "PER" for spans in shared[1::2] for span in spans)
    assert shared == tags(*slovnet_own)
