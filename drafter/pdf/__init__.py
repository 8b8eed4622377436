"""PDF reports: reading into the document model (:mod:`drafter.pdf.reader`) and the annotated
copy for reviewers (:mod:`drafter.pdf.annotate`). pypdf is imported lazily; pdfplumber only for
ruling lines whose coordinates are not finite numbers (:mod:`drafter.pdf.lattice`)."""
