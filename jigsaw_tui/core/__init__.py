"""The pure core: a session, the ops that change it, how it is stored and matched.

No Textual, no fpdf, nothing of the UI, the command line or the exports (checked by the
import-linter contracts in pyproject.toml): everything here is plain Python, tested
with plain pytest. The modules:

    model.py        the frozen Session and its parts; the rules for text
    ops.py          every change as an op with its inverse (undo/redo, history)
    codec.py        TOML <-> Session, with a clear message for a bad file
    store.py        the disk: atomic saves under a lock, drafts, the folder
    matching.py     suggestions and matching; match_words.py its word lists
    semantic.py     the sentence model's scorer; sentence_model.py runs the model
    compare.py      the comparison table of the lids
    changes.py      what changed between two versions, in a few words (live notices)
    lid.py          the lid's geometry and the text lid
    history.py      the log of changes beside each session; op_codec.py stores ops in it;
                    history_undo.py and bring_back.py undo and restore from it
    who.py          the Unix user name, for the history and drafts
"""
