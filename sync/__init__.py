"""Sync with the provincial system: the protocol, the counter-side engine and a reference hub.

Never imports Qt. Talks to the core only through `counter_app.counter.Counter`.
"""
