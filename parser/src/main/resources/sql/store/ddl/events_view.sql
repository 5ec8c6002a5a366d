-- The events view: {selects} is one events_view_part.sql per event table, joined by UNION ALL.
CREATE OR REPLACE VIEW events AS {selects}
