"""Documents: the context and writer of each Word document, workbook and email the tool makes."""
