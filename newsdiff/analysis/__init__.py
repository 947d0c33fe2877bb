"""newsdiff's analysis core: cleaning, segmentation, alignment and framing.

Plain Python only: nothing in this package may import Django, so it can be
benchmarked, reused and replaced on its own.
"""
