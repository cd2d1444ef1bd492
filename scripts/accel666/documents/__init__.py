"""Office documents: the notice's forms as layouts (forms/), written as Word, Excel and PDF.

`forms/` defines each annex once, worded by the schemas; `word` and `excel` write a
layout or a table; `export` makes the bytes reproducible; `render` fills one
application's form for the printed copies; `pdf` converts with LibreOffice.
"""
