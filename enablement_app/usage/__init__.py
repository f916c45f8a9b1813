"""Usage recording: what reps search, open, read, share and rate, kept as immutable events.

The UI records through ``UsageRecorder`` (fast, never waits on the database); everything else reads the
store through ``queries``. Events land in the ``usage_outbox`` table that sync drains.
"""

from __future__ import annotations
