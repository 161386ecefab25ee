-- One page of a list: a short transaction that never writes, ended as soon as
-- the page is read, so a list on screen holds no snapshot and no lock.
BEGIN READ ONLY
