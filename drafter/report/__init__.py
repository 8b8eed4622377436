"""Formatters of check results: text, JSON, HTML, annotated DOCX, spreadsheet."""
