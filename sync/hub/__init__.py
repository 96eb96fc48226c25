"""The reference provincial hub: a Starlette app over a storage layer (SQLite for a pilot)."""
