"""Facts about the installed Qt binding that the whole app relies on."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    happened = Signal(object)


def test_emitting_a_signal_keeps_python_true_alive() -> None:
    """PySide6 6.12.0 drops a reference to ``True`` on every ``emit()`` from Python. On Python 3.11,
    where ``True`` is an ordinary object, the app then crashes ("bool_dealloc: deallocating True") after
    some thousands of signals, or on quitting; pyproject.toml keeps that version out."""
    sender = _Sender()
    received: list[object] = []
    sender.happened.connect(received.append)
    before = sys.getrefcount(True)
    for n in range(1000):
        sender.happened.emit(n)
    lost = before - sys.getrefcount(True)
    assert lost < 100, f"{lost} references to True lost in 1,000 emits"  # 6.12.0 loses exactly 1,000
    assert received == list(range(1000))
