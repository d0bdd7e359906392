-- The relevance model `xsell mine` trained, kept so that the engine starts without reading
-- and training on the whole history again: on a million orders that is most of its start.
-- It is only used while it is current, so the store counts every change that would train a
-- different model: a paid sale added, changed or removed, a product added, removed or given
-- another SKU (the model's items are the products in row-id order), an import published or
-- undone. `format` names the layout of `model`; another version of xsell retrains instead.
CREATE TABLE sales_generation (
    one        INTEGER PRIMARY KEY CHECK (one = 1),
    generation INTEGER NOT NULL
);
INSERT INTO sales_generation (one, generation) VALUES (1, 0);

CREATE TABLE model_snapshot (
    one        INTEGER PRIMARY KEY CHECK (one = 1),
    generation INTEGER NOT NULL,
    format     INTEGER NOT NULL,
    made_at    TEXT NOT NULL,
    model      BLOB NOT NULL
);

-- An order counts once it is visible (`visible!`): an import's orders when it is published.
-- So an import that fails, or is still being written, changes nothing here.
CREATE TRIGGER sales_generation_order_added AFTER INSERT ON orders
WHEN NEW.status = 'paid' AND (NEW.import_batch IS NULL OR EXISTS
    (SELECT 1 FROM import_batches WHERE batch = NEW.import_batch AND published = 1))
BEGIN
    UPDATE sales_generation SET generation = generation + 1;
END;
CREATE TRIGGER sales_generation_order_changed
AFTER UPDATE OF status, kind, training, import_batch, customer_id, completed_at ON orders
WHEN OLD.status = 'paid' OR NEW.status = 'paid'
BEGIN
    UPDATE sales_generation SET generation = generation + 1;
END;
CREATE TRIGGER sales_generation_order_removed AFTER DELETE ON orders
WHEN OLD.status = 'paid' AND (OLD.import_batch IS NULL OR EXISTS
    (SELECT 1 FROM import_batches WHERE batch = OLD.import_batch AND published = 1))
BEGIN
    UPDATE sales_generation SET generation = generation + 1;
END;
CREATE TRIGGER sales_generation_product_added AFTER INSERT ON products
BEGIN
    UPDATE sales_generation SET generation = generation + 1;
END;
CREATE TRIGGER sales_generation_product_renamed AFTER UPDATE OF sku ON products
BEGIN
    UPDATE sales_generation SET generation = generation + 1;
END;
CREATE TRIGGER sales_generation_product_removed AFTER DELETE ON products
BEGIN
    UPDATE sales_generation SET generation = generation + 1;
END;
CREATE TRIGGER sales_generation_batch_published AFTER UPDATE OF published ON import_batches
WHEN OLD.published IS NOT NEW.published
BEGIN
    UPDATE sales_generation SET generation = generation + 1;
END;
CREATE TRIGGER sales_generation_batch_removed AFTER DELETE ON import_batches
WHEN OLD.published = 1
BEGIN
    UPDATE sales_generation SET generation = generation + 1;
END;
