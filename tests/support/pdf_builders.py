"""Small tagged PDFs made with pikepdf, including hostile structure trees."""

from __future__ import annotations

from pathlib import Path


def tagged_pdf(path: Path, make_tree) -> Path:
    """A one-page tagged PDF whose StructTreeRoot /K is what ``make_tree(pdf)`` returns."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    root.K = make_tree(pdf)
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pdf.Root.Lang = pikepdf.String("en-GB")
    pdf.save(path)
    return path


def cycle(pdf):
    """An element whose children are itself: the tree never ends."""
    import pikepdf

    element = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.P))
    element.K = pikepdf.Array([element, element])
    return element


def shared(levels: int):
    """A chain of elements each listing the next one twice: 2**levels paths through one small tree."""
    def make(pdf):
        import pikepdf

        node = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.Span))
        for _ in range(levels):
            node = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.Div, K=pikepdf.Array([node, node])))
        return node
    return make


def chain(levels: int):
    """Elements nested ``levels`` deep, each inside the one before (no sharing)."""
    def make(pdf):
        import pikepdf

        node = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.Span))
        for _ in range(levels):
            node = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.Div, K=pikepdf.Array([node])))
        return node
    return make
