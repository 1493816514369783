"""Wayfarer Travel's e-ticket itinerary (an email attachment)."""

from __future__ import annotations

from ..records import PdfDoc

ITINERARY = PdfDoc(
    title="Wayfarer Travel - E-ticket itinerary K7QXRM",
    created="D:20250520123000-07'00'",
    pages=(
        """# E-TICKET ITINERARY AND RECEIPT

> Wayfarer Travel, Portland, Oregon          Booking reference: K7QXRM
> Passenger: RIVERA / SAM MR                 Issued: 20 May 2025
> Ticket number: 047-2611839054

## OUTBOUND - FRIDAY 12 SEPTEMBER 2025

> Flight TP 1305   Portland (PDX) departs 07:45   Newark (EWR) arrives 16:10
>                  Economy (K), seat 14C
> Flight TP 2208   Newark (EWR) departs 19:30     Lisbon (LIS) arrives 07:35 (+1 day)
>                  Economy (K), seat 22A

Connection time in Newark: 3 hours 20 minutes. You arrive in Lisbon on Saturday 13 September.

## RETURN - SUNDAY 21 SEPTEMBER 2025

> Flight TP 2207   Lisbon (LIS) departs 10:15     Newark (EWR) arrives 13:00
>                  Economy (K), seat 21C
> Flight TP 1306   Newark (EWR) departs 15:20     Portland (PDX) arrives 18:45
>                  Economy (K), seat 15D

Connection time in Newark: 2 hours 20 minutes. You must collect your checked bag in Newark,
clear US customs and re-check it at the transfer desk.

## FARE

> Fare USD 812.00   Taxes and carrier charges USD 336.00   Total paid USD 1,148.00
> Form of payment: card ending in 4417""",
        """## BAGGAGE ALLOWANCE

One checked bag of up to 23 kg (50 lb) is included on every flight of this ticket. One cabin bag
of up to 8 kg plus one personal item that fits under the seat in front.

## CHECK-IN

Online check-in opens 36 hours before departure and closes 90 minutes before departure. At
Portland, the check-in desk closes 60 minutes before departure for international connections.
Bring the passport used to book; it must be valid for at least three months after your return.

## FARE CONDITIONS

Changes are permitted before departure for a fee of USD 150 plus any difference in fare. The
ticket is non-refundable, but unused taxes can be reclaimed. If you miss a flight without telling
us, all later flights on the booking are cancelled.

## CONTACT

Wayfarer Travel, 24-hour support: +1 503 555 0177, bookings@example.net. Please quote booking
reference K7QXRM.""",
    ),
)
