"""Access hardening: login form, lock-out (django-axes), two-factor (django-otp), headers (CSP)."""
