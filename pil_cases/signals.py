"""What the case app tells the apps above it, which it may not import (README "Where things are").

`case_closed` is sent inside the closing transaction (services.case_close), after the case is closed and its
clocks are cancelled, with `case`, `actor` and `closed_on`: a receiver's writes commit or roll back with the
closing itself. oversight ends the case's running supervision on it.
"""

from django.dispatch import Signal

case_closed = Signal()
