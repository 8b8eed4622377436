"""Document model and readers."""

from drafter.document.model import Block, Cell, Document, Location, Row, TextUnit

__all__ = ["Block", "Cell", "Document", "Location", "Row", "TextUnit"]
