-- A capture read from a local copy: its source is the file as the job was given it ($1), not
-- the copy's path ($2), so that the lake says where the capture is.
UPDATE traces SET source = $1 WHERE source = $2
