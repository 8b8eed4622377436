"""Lean ctypes prototypes of the few PDFium functions the reader calls once per word or per page
object (tens of thousands of calls on a 60-page report).

pypdfium2's own bindings type every handle as a pointer to an opaque struct: each call converts
its arguments through those pointer types and wraps the returned handle in a new Python object.
Here the same C functions (taken from ``pypdfium2.raw`` by address, so the very library
pypdfium2 loaded) are declared with plain ``void *`` handles: handles are Python ints and out
parameters are passed as addresses, which makes a call several times cheaper. Only functions
whose handles never leave the reader are declared; documents and pages stay pypdfium2 objects.

The small getters called per word or per page object (a field read in C) are declared with
``PYFUNCTYPE``: they keep the GIL, which saves its release and reacquisition (~15% of such a
call). They never call back into Python and never block. The page-sized work (loading a text
page, copying its text) releases the GIL as usual.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as raw

_P = ctypes.c_void_p
_I = ctypes.c_int


def _fn(name: str, restype: Any, *argtypes: Any, small: bool = False) -> Any:
    proto = (ctypes.PYFUNCTYPE if small else ctypes.CFUNCTYPE)(restype, *argtypes)
    return proto(ctypes.cast(getattr(raw, name), ctypes.c_void_p).value)


def handle(obj: Any) -> int | None:
    """The address of a pypdfium2 handle (``page.raw``) as an int."""
    return ctypes.cast(obj, ctypes.c_void_p).value


# text pages
text_load_page = _fn("FPDFText_LoadPage", _P, _P)
text_close_page = _fn("FPDFText_ClosePage", None, _P)
text_count_chars = _fn("FPDFText_CountChars", _I, _P, small=True)
text_get_text = _fn("FPDFText_GetText", _I, _P, _I, _I, _P)
text_get_unicode = _fn("FPDFText_GetUnicode", ctypes.c_uint, _P, _I, small=True)
text_loose_char_box = _fn("FPDFText_GetLooseCharBox", _I, _P, _I, _P, small=True)
text_font_info = _fn("FPDFText_GetFontInfo", ctypes.c_ulong, _P, _I, _P, ctypes.c_ulong, _P, small=True)

# page objects
page_count_objects = _fn("FPDFPage_CountObjects", _I, _P, small=True)
page_get_object = _fn("FPDFPage_GetObject", _P, _P, _I, small=True)
form_count_objects = _fn("FPDFFormObj_CountObjects", _I, _P, small=True)
form_get_object = _fn("FPDFFormObj_GetObject", _P, _P, ctypes.c_ulong, small=True)
obj_get_type = _fn("FPDFPageObj_GetType", _I, _P, small=True)
obj_get_bounds = _fn("FPDFPageObj_GetBounds", _I, _P, _P, _P, _P, _P, small=True)

OBJ_TEXT = raw.FPDF_PAGEOBJ_TEXT
OBJ_PATH = raw.FPDF_PAGEOBJ_PATH
OBJ_IMAGE = raw.FPDF_PAGEOBJ_IMAGE
OBJ_FORM = raw.FPDF_PAGEOBJ_FORM
RectF = raw.FS_RECTF
