"""The standalone ``.eml`` files under sample_corpus/mail/eml, by file name."""

from __future__ import annotations

from ..records import Mail
from .people import SAM

EML_FILES: dict[str, Mail] = {
    "2025-03-14_riverside_dental_confirmation.eml": Mail(
        key="rd-confirm-20250314",
        date="Fri, 14 Mar 2025 11:48:00 -0700",
        sender="Riverside Dental <appointments@example.org>",
        to=SAM,
        subject="Appointment confirmed: Wednesday 2 April at 8:15 a.m.",
        text="""Hello Sam,

Your appointment is confirmed:

Date: Wednesday 2 April 2025, 8:15 a.m.
Dentist: Dr. Okonkwo
Treatment: composite (tooth-coloured) filling, lower left molar, about 45 minutes
Estimated cost after insurance: $140.00

Please arrive 10 minutes early. We need 24 hours' notice to change or cancel, otherwise a
missed-appointment fee of $40 applies. To reschedule call +1 503 555 0155.

See you soon,
Riverside Dental
""",
        html="""<html><body>
<p>Hello Sam,</p>
<p>Your appointment is confirmed:</p>
<table>
<tr><td>Date</td><td>Wednesday 2 April 2025, 8:15 a.m.</td></tr>
<tr><td>Dentist</td><td>Dr. Okonkwo</td></tr>
<tr><td>Treatment</td>
<td>composite (tooth-coloured) filling, lower left molar, about 45 minutes</td></tr>
<tr><td>Estimated cost after insurance</td><td>$140.00</td></tr>
</table>
<p>Please arrive 10 minutes early. We need 24 hours' notice to change or cancel, otherwise a
missed-appointment fee of $40 applies. To reschedule call +1 503 555 0155.</p>
<p>See you soon,<br>Riverside Dental</p>
</body></html>
""",
    ),
    "2025-06-14_library_hold_ready.eml": Mail(
        key="epl-hold-20250614",
        date="Sat, 14 Jun 2025 06:30:00 -0700",
        sender="Eastside Public Library <holds@example.org>",
        to=SAM,
        subject="Your hold is ready for pickup",
        text="""Dear Sam Rivera,

The item you placed on hold is ready for pickup at the Belmont branch:

  The Quiet Harbour - Elif Marsh (hardcover)

It will be kept for you until Saturday 21 June 2025. Items not collected by then go to the next
person on the list. Loan period: 21 days, renewable twice unless someone else is waiting.

Belmont branch hours: Monday to Saturday 10:00 to 18:00, Sunday 12:00 to 17:00.

Eastside Public Library
""",
    ),
    "2025-06-18_cedar_loom_order_receipt.eml": Mail(
        key="cl-order-20417",
        date="Wed, 18 Jun 2025 13:02:00 -0700",
        sender="Cedar & Loom Outdoor Supply <orders@example.com>",
        to=SAM,
        subject="Your order CL-20417 has shipped",
        crlf=True,
        text="""Hi Sam,

Good news: your order CL-20417 is on its way.

1 x Dog life jacket, size M, safety orange ......... $54.99
1 x Sailing gloves, half-finger, size L ............ $29.00
Subtotal ........................................... $83.99
Shipping (standard, free over $50) ................. $0.00
Sales tax (Oregon) ................................. $0.00
Total charged ...................................... $83.99

Estimated delivery: Monday 23 June 2025.

Not the right fit? Returns are free within 30 days of delivery.

Cedar & Loom Outdoor Supply
""",
        html="""<html><head><style>.cl-total { font-weight: bold; }</style></head><body>
<p>Hi Sam,</p>
<p>Good news: your order <b>CL-20417</b> is on its way.</p>
<table>
<tr><td>1 x Dog life jacket, size M, safety orange</td><td>$54.99</td></tr>
<tr><td>1 x Sailing gloves, half-finger, size L</td><td>$29.00</td></tr>
<tr><td>Shipping (standard, free over $50)</td><td>$0.00</td></tr>
<tr class="cl-total"><td>Total charged</td><td>$83.99</td></tr>
</table>
<p>Estimated delivery: Monday 23 June 2025.</p>
<p>Not the right fit? Returns are free within 30 days of delivery.</p>
</body></html>
""",
    ),
    "2025-10-01_bike_service_ready.eml": Mail(
        key="ppw-ticket-3318",
        date="Wed, 01 Oct 2025 16:40:00 -0700",
        sender="Portland Pedal Works <service@example.net>",
        to=SAM,
        subject="Your bike is ready (ticket 3318)",
        charset="iso-8859-1",
        cte="quoted-printable",
        text="""Hi Sam,

Your bike is ready to collect. Work done on ticket 3318:

- new chain and rear cassette (the old chain was stretched past 0.75 %)
- front and rear brake pads replaced
- gears indexed, wheels trued, tyres pumped to 55 psi

Total: $112.50 (parts $67.50, labour $45.00). Pay when you collect.

We're open until 19:00 on weekdays. Bikes left more than two weeks incur a storage fee of
$5 a day. Your mechanic was René - he says the bike is in good shape for a daily commuter.

Portland Pedal Works
""",
    ),
}
