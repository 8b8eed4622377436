"""Lean ctypes prototypes of the PDFium functions the reader calls: documents and pages, and the
few it calls once per word or per page object (tens of thousands of calls on a 60-page report).

pypdfium2's own bindings type every handle as a pointer to an opaque struct: each call converts
its arguments through those pointer types and wraps the returned handle in a new Python object.
Here the same C functions are declared with plain ``void *`` handles: handles are Python ints
and out parameters are passed as addresses, which makes a call several times cheaper.

The library is the very file pypdfium2 ships (``pypdfium2_raw/libpdfium.so``), loaded directly:
importing ``pypdfium2`` (its bindings of ~500 functions and its helpers) costs ~20 ms, a fifth
of what reading a 60-page report costs outside PDFium. Where that file is not found, the
functions are taken from ``pypdfium2.raw`` by address. Loading the same file twice gives the
same library (and ``FPDF_InitLibraryWithConfig`` does nothing the second time), so pypdfium2
may be used in the same process.

The small getters called per word or per page object (a field read in C) are declared with
``PYFUNCTYPE``: they keep the GIL, which saves its release and reacquisition (~15% of such a
call). They never call back into Python and never block. The page-sized work (loading a
document, a page or a text page, copying its text) releases the GIL as usual.
"""

from __future__ import annotations

import ctypes
import importlib.util
import sys
from pathlib import Path
from typing import Any

_P = ctypes.c_void_p
_I = ctypes.c_int


def _library_file() -> Path | None:
    """pypdfium2's PDFium library file, found without importing pypdfium2 (as its bindings
    name it: ``{prefix}pdfium.{suffix}`` next to ``pypdfium2_raw/__init__.py``)."""
    try:
        spec = importlib.util.find_spec("pypdfium2_raw")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    if sys.platform.startswith(("win32", "cygwin", "msys")):
        name = "pdfium.dll"
    elif sys.platform.startswith(("darwin", "ios")):
        name = "libpdfium.dylib"
    else:
        name = "libpdfium.so"
    path = Path(spec.origin).parent / name
    return path if path.is_file() else None


def _addresses() -> Any:
    """A function from a PDFium function name to its address (and the library initialised)."""
    path = _library_file()
    if path is None:
        import pypdfium2.raw as raw  # initialises the library on import

        return lambda name: ctypes.cast(getattr(raw, name), ctypes.c_void_p).value

    lib = ctypes.CDLL(str(path))

    class Config(ctypes.Structure):  # FPDF_LIBRARY_CONFIG, version 2 (as pypdfium2 passes it)
        _fields_ = [("version", ctypes.c_int), ("m_pUserFontPaths", ctypes.c_void_p),
                    ("m_pIsolate", ctypes.c_void_p), ("m_v8EmbedderSlot", ctypes.c_uint)]

    lib.FPDF_InitLibraryWithConfig.argtypes = [ctypes.POINTER(Config)]
    lib.FPDF_InitLibraryWithConfig.restype = None
    lib.FPDF_InitLibraryWithConfig(ctypes.byref(Config(2, None, None, 0)))
    return lambda name: ctypes.cast(getattr(lib, name), ctypes.c_void_p).value


_address = _addresses()


def _fn(name: str, restype: Any, *argtypes: Any, small: bool = False) -> Any:
    proto = (ctypes.PYFUNCTYPE if small else ctypes.CFUNCTYPE)(restype, *argtypes)
    return proto(_address(name))


def handle(obj: Any) -> int | None:
    """The address of a pypdfium2 handle (``page.raw``) as an int."""
    return ctypes.cast(obj, ctypes.c_void_p).value


# documents and pages
load_document = _fn("FPDF_LoadDocument", _P, ctypes.c_char_p, ctypes.c_char_p)
close_document = _fn("FPDF_CloseDocument", None, _P)
get_last_error = _fn("FPDF_GetLastError", ctypes.c_ulong)
get_page_count = _fn("FPDF_GetPageCount", _I, _P)
load_page = _fn("FPDF_LoadPage", _P, _P, _I)
close_page = _fn("FPDF_ClosePage", None, _P)
page_mediabox = _fn("FPDFPage_GetMediaBox", _I, _P, _P, _P, _P, _P, small=True)

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

# FPDF_PAGEOBJ_* (fpdf_edit.h)
OBJ_TEXT = 1
OBJ_PATH = 2
OBJ_IMAGE = 3
OBJ_FORM = 5


class RectF(ctypes.Structure):
    """FS_RECTF (fpdfview.h)."""

    _fields_ = [("left", ctypes.c_float), ("top", ctypes.c_float), ("right", ctypes.c_float),
                ("bottom", ctypes.c_float)]
