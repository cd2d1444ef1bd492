"""An empty `ssl` for python-stdnum in the browser.

`stdnum.util` imports ssl at its top for its online checks (SOAP services), which the
USCC check never makes. Pyodide ships ssl as a separate package with OpenSSL that is
not in the npm runtime; this module lets `stdnum.util` import, and any use of it fails
loudly with AttributeError instead of reaching the network.
"""
