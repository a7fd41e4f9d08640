"""A mail server that is down: the connection fails the way smtplib's does, at the SMTP boundary."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class BrokenSMTPBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RefusingSMTPBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        recipients = {address: (550, b"5.1.1 No such mailbox") for message in email_messages for address in message.to}
        raise smtplib.SMTPRecipientsRefused(recipients)
