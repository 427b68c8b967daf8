"""Imported once by the forkserver that forks ingest's workers (see fence.py): the
extractor's modules and the NLP models, so that every worker starts with them loaded.
Nothing here may fail the forkserver: a worker loads what is missing itself.

The collector is off while loading (nothing loaded here is garbage: 0.69 instead of
0.76 s) and what was loaded is frozen before the forks, as the `gc` documentation advises
for a process that forks without exec: a worker's collections then never walk the models,
nor write to the pages it shares with the forkserver. Measured with `--jobs 2` on the
ingest benchmark: 10.2-10.6 s frozen, 10.4-11.1 s not."""

import gc

gc.disable()
try:
    from . import extract as _  # noqa: F401  (imports the stages and their data)
    from . import nlp

    nlp.load_models()
except Exception:  # the worker's own start reports the problem, per file
    pass
finally:
    gc.freeze()
    gc.enable()
