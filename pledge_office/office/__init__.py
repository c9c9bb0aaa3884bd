"""Office plumbing: rendering, template checks, OOXML and sheet helpers, LibreOffice, accessibility, atomic outputs, shipped resources."""
