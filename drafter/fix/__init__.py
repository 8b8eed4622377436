"""Mechanical fixes (``lkip check --fix``): rules attach a :class:`~drafter.check.registry.Fix`
to an issue when the correction is unambiguous; :mod:`drafter.fix.apply` writes a corrected
copy (tracked changes for DOCX)."""
