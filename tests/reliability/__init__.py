"""The reliability suite (issue 9 item 11): what must hold under load and attack, kept fast enough for `make test`."""
