"""The app's vocabularies agree with the library's (labels.py repeats them so models load alone)."""

from ipcity.matching.licensing import FEE_TYPES, KINDS_NEEDING_EVALUATION
from ipcity.matching.needs import MODES
from ipcity.transfer import labels


def test_fee_types_modes_and_kinds_are_the_librarys():
    assert tuple(labels.FEE_TYPES) == FEE_TYPES
    assert tuple(labels.MODES) == MODES
    assert set(KINDS_NEEDING_EVALUATION) <= set(labels.PATENT_KINDS)
