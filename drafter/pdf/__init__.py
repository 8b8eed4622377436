"""PDF reports: reading into the document model (:mod:`drafter.pdf.reader`) and the annotated
copy for reviewers (:mod:`drafter.pdf.annotate`). pdfplumber and pypdf are imported lazily."""
