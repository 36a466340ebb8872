"""Settings packages: ``base`` holds everything; ``local``, ``production`` and ``test`` are deltas.

Every value that differs between machines is read from the environment (see ``env.py``).
"""
