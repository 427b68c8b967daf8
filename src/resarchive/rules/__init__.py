"""Rules shared by the stages: one home each (settlement prefixes, quotes, legal forms and
the gazetteer, the genre check), with their word lists kept as data under `data/`."""
