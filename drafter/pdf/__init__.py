"""PDF reports: reading into the document model (:mod:`drafter.pdf.reader`) and the annotated
copy for reviewers (:mod:`drafter.pdf.annotate`). PDFium is pypdfium2's library file, called
through lean ctypes prototypes (:mod:`drafter.pdf._pdfium`; pypdfium2 itself is not imported);
pypdf is imported lazily; pdfplumber only for ruling lines whose coordinates are not finite
numbers (:mod:`drafter.pdf.lattice`)."""
