"""Hawthorne Animal Clinic: Biscuit's appointment, invoice and vaccinations."""

from __future__ import annotations

from ..records import Attachment, Mail
from .people import CLINIC, SAM

_STYLE_CLINIC = """<style>
  body { font-family: Georgia, serif; color: #23313f; }
  .hac-reminder-card { border: 1px solid #9bc4b8; padding: 16px; border-radius: 8px; }
  .hac-btn-confirm { background: #2f7d6d; color: #fff; padding: 8px 14px; }
</style>"""

_SCRIPT_CLINIC = """<script type="text/javascript">
  window.hacTrack = { campaign: "appt-reminder-q1-7781", pixel: "hac-px-20250203" };
  document.addEventListener("DOMContentLoaded", function () { console.log("hacTrack ready"); });
</script>"""

MAILS: tuple[Mail, ...] = (
    Mail(
        key="hac-reminder-20250203",
        date="Mon, 03 Feb 2025 08:00:00 -0800",
        sender=CLINIC,
        to=SAM,
        subject="Reminder: Biscuit's appointment on Saturday 8 February",
        html=f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Appointment reminder</title>
{_STYLE_CLINIC}
</head><body>
<div class="hac-reminder-card">
<h1>See you on Saturday!</h1>
<p>Hello Sam,</p>
<p>This is a reminder that <b>Biscuit</b> has an appointment with <b>Dr. Anjali Mehta</b> on
<b>Saturday 8 February 2025 at 10:30 a.m.</b> (reason: ear scratching and head shaking).</p>
<p>Please arrive ten minutes early and bring a list of any medicines Biscuit takes. If he has had
ear drops from another clinic, please don't use them in the 24 hours before the visit, so we can
take a clean sample.</p>
<p><a class="hac-btn-confirm" href="https://clinic.example.org/confirm">Confirm</a>
or call us to reschedule at least 24 hours ahead.</p>
<p>Hawthorne Animal Clinic</p>
</div>
{_SCRIPT_CLINIC}
</body></html>
""",
    ),
    Mail(
        key="hac-invoice-20250208",
        date="Sat, 08 Feb 2025 14:05:00 -0800",
        sender=CLINIC,
        to=SAM,
        subject="Biscuit's visit today: invoice and discharge notes",
        text="""Hello Sam,

Thank you for bringing Biscuit in today. Attached are the invoice and Dr. Mehta's discharge
instructions for his left ear.

In short: use the drops twice a day for ten days, keep his ears dry, and we will see him for a
recheck on Saturday 22 February at 10:30. There is no charge for the recheck.

Give him a scratch from all of us (on the right ear).

Hawthorne Animal Clinic
""",
        attachments=(Attachment("invoice_25-00871_biscuit.pdf", "application/pdf", "VET_INVOICE"),),
    ),
    Mail(
        key="hac-vaccines-20250902",
        date="Tue, 02 Sep 2025 08:00:00 -0700",
        sender=CLINIC,
        to=SAM,
        subject="Biscuit is due for his annual vaccinations",
        html=f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
{_STYLE_CLINIC}
{_SCRIPT_CLINIC}
</head><body>
<div class="hac-reminder-card">
<h1>Time for Biscuit's boosters</h1>
<p>Hello Sam,</p>
<p>Our records show that Biscuit is due for his <b>annual DHPP booster and rabies
vaccination by 15 October 2025</b>.</p>
<p>The vaccination visit takes about 20 minutes and includes a weight check and a quick
nose-to-tail examination. Book online or reply to this email with two times that suit you.</p>
<p><a class="hac-btn-confirm" href="https://clinic.example.org/book">Book now</a></p>
<p>Hawthorne Animal Clinic</p>
</div>
</body></html>
""",
    ),
)
