"""A bureau's intake: application files received from applicants, put where they belong.

`placement` reads each received file (as the site's form or `accel666 new` wrote it, or
as a Windows editor saved it), decides its place from its content and the bureau's
options, checks the lot as the pull request holding them would be checked, and writes
the ones without errors.
"""
