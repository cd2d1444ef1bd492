"""Pure-Python modules the browser archive ships under top-level names, in place of ones Pyodide cannot load.

accel666.browser.bundle writes each module here as a top-level module of the archive
(`rpds.py`, `ssl.py`); in the CLI they are never imported under those names.
"""
