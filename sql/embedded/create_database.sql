-- The embedded server holds one database, named after the tool.
CREATE DATABASE wfmon
