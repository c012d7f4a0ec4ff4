-- Asks per resource class: each provider's asks (a JSON object of class -> micro-credits per unit-hour, "cpu" per
-- core-hour and "gpu:MODEL" per GPU-hour; NULL for a provider registered before, whose price_micros is then its ask for
-- every class), and on each attempt the price per hour agreed when it was assigned, which its payment uses whatever the
-- provider asks later (NULL for attempts assigned before: they are paid at the provider's price).
ALTER TABLE providers ADD COLUMN asks TEXT;
ALTER TABLE attempts ADD COLUMN ask_micros BIGINT;
