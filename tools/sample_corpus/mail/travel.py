"""The Lisbon trip: the e-ticket and the guesthouse booking."""

from __future__ import annotations

from ..records import Attachment, Mail
from .people import GUESTHOUSE, SAM, TRAVEL

MAILS: tuple[Mail, ...] = (
    Mail(
        key="wayfarer-eticket-k7qxrm",
        date="Tue, 20 May 2025 12:31:00 -0700",
        sender=TRAVEL,
        to=SAM,
        subject="Your e-ticket: Portland - Lisbon, booking K7QXRM",
        text="""Dear Sam Rivera,

Thank you for booking with Wayfarer Travel. Your tickets are issued and your e-ticket itinerary
is attached as a PDF. Please check the names and dates carefully.

Booking reference: K7QXRM
Travel dates: 12 September 2025 - 21 September 2025
Total paid: USD 1,148.00

Have a wonderful trip!
Wayfarer Travel
""",
        html="""<html><body>
<p>Dear Sam Rivera,</p>
<p>Thank you for booking with Wayfarer Travel. Your tickets are issued and your e-ticket
itinerary is attached as a PDF. Please check the names and dates carefully.</p>
<p>Booking reference: <b>K7QXRM</b><br>Travel dates: 12 September 2025 - 21 September 2025<br>
Total paid: USD 1,148.00</p>
<p>Have a wonderful trip!<br>Wayfarer Travel</p>
</body></html>
""",
        attachments=(Attachment("itinerary_K7QXRM_RIVERA.pdf", "application/pdf", "ITINERARY"),),
    ),
    Mail(
        key="casa-azulejo-confirmacao-2025",
        date="Thu, 28 Aug 2025 17:22:00 +0100",
        sender=GUESTHOUSE,
        to=SAM,
        subject="Confirmação da sua reserva / Your booking at Casa Azulejo",
        charset="windows-1252",
        cte="8bit",
        text="""Olá Sam,

Obrigada pela sua reserva! Thank you for your booking, we are looking forward to meeting you.

Reserva: 8 noites, de sábado 13 a domingo 21 de setembro de 2025
Quarto: "Limoeiro", nas traseiras, com varanda sobre o jardim
(the quiet room at the back, with a balcony over the garden)

Check-in from 15:00. Because your flight lands at 7:35, you are welcome to leave your luggage
with us in the morning. Breakfast is served from 8:00 to 10:30 in the garden.

Price: 8 nights x 105 € = 840 €. Deposit already paid: 168 €. Balance due on arrival: 672 €.
Lisbon city tax: 2 € per person per night, maximum 7 nights, so 14 €, paid in cash on arrival.

Para chegar do aeroporto: táxi ou Uber (cerca de 20 €), ou metro linha vermelha e depois amarela
até ao Rato, e cinco minutos a pé.

Até breve!
Inês
Casa Azulejo, Príncipe Real, Lisboa
""",
    ),
)
