"""The mechanical, meaning-preserving repairs of what people type, shared by `accel666 fix` and the 附件3 import.

One place, so that a value typed into a YAML file and the same value typed into a sheet's
cell become the same value: `values` reads a typed value as the field its schema describes
(numbers with 万元, commas or %; codes and phones in full width, lower case, with
separators or +86; texts in curly quotes or with invisible formatting characters), and
`encoding` reads a text file saved as UTF-8, UTF-16 or GB18030/GBK.
"""
