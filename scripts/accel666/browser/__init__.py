"""The validation core in the browser: the functions a Web Worker calls under Pyodide, and the archive it loads."""
