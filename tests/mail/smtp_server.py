"""A real SMTP server for Tact's tests: aiosmtpd (PyPI) on 127.0.0.1, with STARTTLS or implicit TLS and AUTH.

Every message accepted is written to OUT/N.eml (the bytes as received after DATA) with OUT/N.json (the
envelope: MAIL FROM, RCPT TO). The test reads them back and checks them byte by byte.

  python smtp_server.py --port P --out DIR --cert C --key K [--implicit-tls] [--user U --password W]
                        [--stall-data SECONDS] [--refuse-rcpt]

It prints "ready" on stdout once it listens.
"""

import argparse
import asyncio
import json
import os
import ssl
import sys
import time
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, out, stall, refuse_rcpt):
        self.out = out
        self.stall = stall
        self.refuse_rcpt = refuse_rcpt

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_rcpt:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.stall:
            # The message has arrived; the answer does not come in time (a timeout mid-DATA).
            await asyncio.sleep(self.stall)
            return "451 4.3.0 Too late"
        n = len([f for f in os.listdir(self.out) if f.endswith(".eml")]) + 1
        with open(os.path.join(self.out, f"{n}.eml"), "wb") as f:
            f.write(envelope.original_content)
        with open(os.path.join(self.out, f"{n}.json"), "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
        return "250 2.0.0 Message accepted for delivery"


def main():
    # aiosmtpd's deprecation notes are not the test's business.
    warnings.filterwarnings("ignore")
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--implicit-tls", action="store_true")
    p.add_argument("--user")
    p.add_argument("--password")
    p.add_argument("--stall-data", type=float, default=0)
    p.add_argument("--refuse-rcpt", action="store_true")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == a.user
            and auth_data.password.decode() == a.password
        )
        return AuthResult(success=ok, handled=False)

    kwargs = dict(hostname="127.0.0.1", port=a.port, server_hostname="localhost")
    if a.cert:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(a.cert, a.key)
        if a.implicit_tls:
            kwargs["ssl_context"] = ctx
        else:
            kwargs["tls_context"] = ctx
            kwargs["require_starttls"] = True
    if a.user:
        kwargs["authenticator"] = authenticator
        kwargs["auth_required"] = True
        # With implicit TLS the whole session is encrypted; aiosmtpd only counts STARTTLS as TLS for this check.
        kwargs["auth_require_tls"] = bool(a.cert) and not a.implicit_tls
    controller = Controller(Handler(a.out, a.stall_data, a.refuse_rcpt), **kwargs)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
