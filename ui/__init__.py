"""The desktop app (PySide6). Qt only: no SQL, no HTTP; all work goes through ui.operations."""
