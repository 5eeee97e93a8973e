-- A running batch's row is written once for every item that ends (its counts, the next item
-- released). With updated_at in an index, each write added an entry to every index of the table,
-- and PostgreSQL could not update the row in place (a HOT update), so a long batch left one dead
-- version of its row and four index entries an item for vacuum to clear. Retention finds ended
-- batches by when they ended instead: no column an item's end writes is indexed.
DROP INDEX hub_bulk_batch_state;
CREATE INDEX hub_bulk_batch_ended ON hub_bulk_batch (state, completed_at);
