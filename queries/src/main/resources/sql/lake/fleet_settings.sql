-- A fleet question reads the traces of many days at once: more memory than the analysis of
-- one trace (whose cap keeps the tool small), and no order kept but the query's ORDER BY.
SET memory_limit = '1GB';
SET preserve_insertion_order = false
