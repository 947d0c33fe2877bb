"""newsdiff's analysis core: cleaning, segmentation, alignment and framing.

Plain Python only: nothing in this package may import Django, so it can be
benchmarked, reused and replaced on its own. ``compare_texts`` runs the whole
pipeline on two raw texts.
"""

from newsdiff.analysis.compare import compare_texts

__all__ = ["compare_texts"]
