"""Stripe's servers, faked at the SDK's HTTP boundary, answering with payloads shaped like Stripe's documented objects.

Webhook payloads are signed locally with a real HMAC-SHA256 in Stripe's `t=...,v1=...` header format.
"""

import copy
import hashlib
import hmac
import json
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import stripe

PAYLOADS = Path(__file__).parent / "stripe_payloads"
WEBHOOK_SECRET = "whsec_test_fairfield_0123456789abcdef"
SECRET_KEY = "sk_test_fairfield_0123456789abcdef"


def payload(name: str, **changes) -> dict:
    """A stored Stripe object with some fields changed."""
    data = json.loads((PAYLOADS / f"{name}.json").read_text())
    data.update(changes)
    return data


def event(event_type: str, obj: dict, *, event_id: str = "evt_1QxYzAbCdEfGhIjKlMnOpQrS") -> dict:
    return payload("event", id=event_id, type=event_type, data={"object": copy.deepcopy(obj)})


def signature_header(body: str, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def webhook_post(client, evt: dict, **signing):
    body = json.dumps(evt)
    return client.post(
        "/support/stripe/webhook/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature_header(body, **signing),
    )


class FakeStripe(stripe.HTTPClient):
    """Records every request the SDK makes and answers from the routes a test sets."""

    name = "fake-stripe"

    def __init__(self):
        super().__init__()
        self.requests: list[dict] = []
        self.routes: dict[tuple[str, str], object] = {}
        self.sessions_by_key: dict[str, dict] = {}
        self._lock = threading.Lock()

    def route(self, method: str, path: str, response):
        """response: a dict (200), a (status, dict) pair, or a callable(request) returning either."""
        self.routes[(method.upper(), path)] = response

    def calls(self, method: str, path: str) -> list[dict]:
        return [r for r in self.requests if r["method"] == method.upper() and r["path"] == path]

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        parts = urlsplit(url)
        raw = post_data.decode() if isinstance(post_data, bytes) else (post_data or "")
        form = parse_qs(raw, keep_blank_values=True)
        query = parse_qs(parts.query)
        request = {
            "method": method.upper(),
            "path": parts.path,
            "headers": dict(headers or {}),
            "form": {key: values[-1] for key, values in form.items()},
            "query": {key: values[-1] for key, values in query.items()},
        }
        with self._lock:
            self.requests.append(request)
        handler = self.routes.get((request["method"], parts.path))
        if handler is None:
            return json.dumps({"error": {"type": "invalid_request_error", "message": "No such route"}}), 404, {}
        result = handler(request) if callable(handler) else handler
        status, body = result if isinstance(result, tuple) else (200, result)
        return json.dumps(body), status, {"Request-Id": "req_fake", "Content-Type": "application/json"}

    def request_stream(self, method, url, headers, post_data=None, *, _usage=None):
        raise NotImplementedError

    def close(self):
        pass

    def checkout_route(self):
        """Checkout sessions as Stripe makes them: one per idempotency key, answering repeats with the same session."""

        def create(request):
            key = request["headers"].get("Idempotency-Key", "")
            with self._lock:
                if key in self.sessions_by_key:
                    return self.sessions_by_key[key]
                form = request["form"]
                number = len(self.sessions_by_key) + 1
                session = payload(
                    "checkout_session",
                    id=f"cs_test_fairfield{number:04d}",
                    client_reference_id=form.get("client_reference_id"),
                    metadata={
                        key[len("metadata[") : -1]: value for key, value in form.items() if key.startswith("metadata[")
                    },
                    mode=form.get("mode"),
                    amount_total=int(form.get("line_items[0][price_data][unit_amount]", 0)),
                    currency=form.get("line_items[0][price_data][currency]"),
                    customer_email=form.get("customer_email"),
                    success_url=form.get("success_url"),
                    cancel_url=form.get("cancel_url"),
                    url=f"https://checkout.stripe.com/c/pay/cs_test_fairfield{number:04d}",
                )
                self.sessions_by_key[key] = session
                return session

        self.route("POST", "/v1/checkout/sessions", create)
