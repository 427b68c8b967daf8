"""Imported once by the forkserver that forks ingest's workers (see fence.py): the
extractor's modules and the NLP models, so that every worker starts with them loaded.
Nothing here may fail the forkserver: a worker loads what is missing itself."""

try:
    from . import extract as _  # noqa: F401  (imports the stages and their data)
    from . import nlp

    nlp.load_models()
except Exception:  # the worker's own start reports the problem, per file
    pass
