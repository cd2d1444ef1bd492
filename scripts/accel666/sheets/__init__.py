"""附件3 to and from Excel: `read` finds the table, `values` and `cells` turn cells into values
and problems, `importer` writes application files, `exporter` writes the batch's sheet."""
