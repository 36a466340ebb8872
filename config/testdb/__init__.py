"""A test-only Django app (installed by config.settings.test alone): what the test database needs."""
