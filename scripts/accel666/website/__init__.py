"""The public site: `collect` (accepted data -> public records), `pages` (records -> Markdown),
`reference` (the annex pages from the schemas), `build` (everything MkDocs adds)."""
