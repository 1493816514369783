"""Text of the sample mailbox (``mail/inbox.mbox``) and the standalone ``.eml`` files.

All people, companies and addresses are invented; addresses use the reserved example.com /
example.org / example.net domains and phone numbers the fictional 555-01xx range. Replies name
the message they answer (``reply_to``); the generator quotes it the way mail clients do.
"""

from __future__ import annotations

from dataclasses import dataclass

SAM = "Sam Rivera <sam.rivera@example.com>"
NADIA = "Nadia Brooks <nadia@example.org>"
CLINIC = "Hawthorne Animal Clinic <frontdesk@example.org>"
GARY = "Gary Holt <gary.holt@example.net>"
NEWS = "Portland Dog Owners Collective <news@example.org>"
MARCUS = "Marcus Lee <marcus.lee@example.net>"
TRAVEL = "Wayfarer Travel <bookings@example.net>"
DANA = "Dana Kowalski <dana.k@example.com>"
LUCIA = "Lucia Rivera <lucia.rivera@example.com>"
GUESTHOUSE = "Casa Azulejo <reservas@example.org>"


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # "application/pdf" (rendered from a PdfDoc) or "text/plain"
    source: str  # for PDFs a key of sample_corpus_contracts.ATTACHMENT_PDFS; else the text


@dataclass(frozen=True)
class Mail:
    key: str  # stable local part of the Message-ID
    date: str  # RFC 5322 date, fixed so the files are byte-stable
    sender: str
    to: str
    subject: str
    text: str | None = None  # plain body (before any quoted reply is appended)
    html: str | None = None  # HTML body: alone (HTML-only) or as the alternative to ``text``
    charset: str = "utf-8"
    cte: str | None = None  # Content-Transfer-Encoding of the plain body; None lets email choose
    reply_to: str | None = None  # key of the message this one answers
    attachments: tuple[Attachment, ...] = ()
    crlf: bool = False  # write with CRLF line endings (as some Windows clients do); .eml only


BUILDING_RULES = """2218 SE ALDER STREET - HOUSE RULES (updated March 2025)

1. Quiet hours are 10 p.m. to 7 a.m. every day. Please keep music and instruments down.
2. Rubbish, recycling and compost bins go out to the kerb on Tuesday night. Collection is early
   Wednesday morning. Glass goes in the yellow crate, not the blue bin.
3. The washer-dryer in the basement is shared by units 1 and 2 only; units 3 and 4 have their own.
4. Bicycles live in the basement bike room, one lockable space per unit. No bikes in the hallway.
5. The rear yard is shared. Dogs are welcome in the yard on a lead; please pick up after them.
6. No smoking anywhere in the building or on the front steps.
7. Report leaks and repairs to Gary by email, or by phone on +1 503 555 0168 for emergencies.
8. The front door closes slowly; please make sure it clicks shut behind you.
"""

_STYLE_CLINIC = """<style>
  body { font-family: Georgia, serif; color: #23313f; }
  .hac-reminder-card { border: 1px solid #9bc4b8; padding: 16px; border-radius: 8px; }
  .hac-btn-confirm { background: #2f7d6d; color: #fff; padding: 8px 14px; }
</style>"""

_SCRIPT_CLINIC = """<script type="text/javascript">
  window.hacTrack = { campaign: "appt-reminder-q1-7781", pixel: "hac-px-20250203" };
  document.addEventListener("DOMContentLoaded", function () { console.log("hacTrack ready"); });
</script>"""

_STYLE_NEWS = """<style>
  .pdoc-masthead { font: bold 28px/1.2 "Trebuchet MS", sans-serif; color: #b5562a; }
  .pdoc-footer-legal { font-size: 11px; color: #888; }
  @media (max-width: 600px) { .pdoc-col { display: block; width: 100%; } }
</style>"""

_SCRIPT_NEWS = """<script>
  var pdocAnalytics = { list: "pdoc-members", issue: "spring-paws-cmp-4471" };
  (function () { var i = new Image(); i.src = "https://tracker.example.net/o.gif?c=pdoc"; })();
</script>"""

MAILBOX: tuple[Mail, ...] = (
    Mail(
        key="hq-kickoff-20250110",
        date="Fri, 10 Jan 2025 09:12:00 -0800",
        sender=NADIA,
        to=SAM,
        subject="Website project - kickoff",
        text="""Hi Sam,

Lovely to talk on Monday. To confirm what we discussed: we would like you to redesign the
Harbor & Quill website before the spring author events start in April.

What matters most to us:
- the events calendar and our opening hours, front and centre, on phones;
- a page per book for staff picks, with a short review;
- the feel of the shop: warm, a bit untidy, the bottle-green front door.

I can sign the agreement on Wednesday the 15th if that suits. Could you come by at 9 before we
open? Coffee is on me.

Best,
Nadia

--
Nadia Brooks, Owner
Harbor & Quill Bookshop, Division Street, Portland
+1 503 555 0121
""",
    ),
    Mail(
        key="hq-kickoff-reply-20250113",
        date="Mon, 13 Jan 2025 18:40:00 -0800",
        sender=SAM,
        to=NADIA,
        subject="Re: Website project - kickoff",
        reply_to="hq-kickoff-20250110",
        text="""Hi Nadia,

Wednesday at 9 is perfect, see you then. I will bring two printed copies of the agreement.

On timing: I can deliver the wireframes by Friday 7 February and the final designs and handoff
to your developer by Friday 14 March, which leaves a few weeks of build time before April.

I will send a short discovery questionnaire by this Friday. If you can also give me read access
to your website analytics before Wednesday, I can come with first observations.

Thanks,
Sam
""",
    ),
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
        key="hq-payment-20250228",
        date="Fri, 28 Feb 2025 11:30:00 -0800",
        sender=NADIA,
        to=SAM,
        subject="Payment sent - wireframes invoice HQ-001",
        text="""Hi Sam,

Just to let you know we paid invoice HQ-001 yesterday, $3,200 by bank transfer, for the
approved wireframes. Well within your net 30!

Everyone in the shop loves the new events page. Our Tuesday poetry group asked whether they can
have their own page; I said we would talk about it after launch.

Best,
Nadia
""",
    ),
    Mail(
        key="lease-renewal-20250321",
        date="Fri, 21 Mar 2025 19:02:00 -0700",
        sender=GARY,
        to=SAM,
        subject="Lease renewal for Unit 4",
        text="""Hi Sam,

Your lease ends on 31 July. I'm happy to renew for another 12 months from 1 August.

Because of the increases in property tax and insurance this year, the new rent would be $1,975 a
month. Everything else would stay as it is, including the pet clause for Biscuit.

Could you let me know by 15 April whether you want to renew? I can come by on Saturday the 29th
to look at the bathroom fan at the same time.

Thanks,
Gary
""",
    ),
    Mail(
        key="lease-renewal-reply-20250330",
        date="Sun, 30 Mar 2025 10:15:00 -0700",
        sender=SAM,
        to=GARY,
        subject="Re: Lease renewal for Unit 4",
        reply_to="lease-renewal-20250321",
        text="""Hi Gary,

Thanks for coming by yesterday. To put what we agreed in writing:

- a new 12-month lease from 1 August 2025 at $1,920 a month;
- the bathroom extractor fan is replaced before the new lease starts;
- the pet clause stays as it is, and the $400 pet deposit you already hold carries over;
- either of us can end the lease with two months' notice after the first six months.

If that matches your understanding, I'm happy to sign whenever the lease is ready.

Best,
Sam
""",
    ),
    Mail(
        key="lease-renewal-agreed-20250402",
        date="Wed, 02 Apr 2025 08:47:00 -0700",
        sender=GARY,
        to=SAM,
        subject="Re: Lease renewal for Unit 4",
        reply_to="lease-renewal-reply-20250330",
        text="""Hi Sam,

Yes, that's all correct. $1,920 from 1 August, fan replaced by the end of June, notice as you
wrote. I'll have the new lease ready at the beginning of July.

I've attached the updated house rules for the building. The only real change is that the bins
now go out on Tuesday night instead of Sunday, because the city changed the collection day.

Gary
""",
        attachments=(Attachment("house_rules_2218_alder.txt", "text/plain", BUILDING_RULES),),
    ),
    Mail(
        key="pdoc-news-202504",
        date="Mon, 07 Apr 2025 07:00:00 -0700",
        sender=NEWS,
        to=SAM,
        subject="April news: Spring Paws 5K, ear care and new off-leash hours",
        html=f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>PDOC April newsletter</title>
{_STYLE_NEWS}
{_SCRIPT_NEWS}
</head><body>
<div class="pdoc-masthead">Portland Dog Owners Collective</div>
<h2>Spring Paws 5K</h2>
<p class="pdoc-col">Our charity run is on <b>Sunday 11 May 2025</b> at Laurelhurst Park, starting
at 9 a.m. Registration is $25 per human; dogs run free. All proceeds go to the shelter on Powell
Boulevard.</p>
<h2>Vet's corner: spring ear care</h2>
<p class="pdoc-col">Wet springs mean ear infections, especially for floppy-eared breeds. Dry your
dog's ears after every swim, and see your vet if you notice head shaking or a yeasty smell.</p>
<h2>New off-leash hours</h2>
<p class="pdoc-col">From 1 May the off-leash area at Sellwood Riverfront is open from 6 a.m. to
10 a.m. and from 5 p.m. to dusk.</p>
<p class="pdoc-footer-legal">You receive this because you joined PDOC.
<a href="https://pdoc.example.org/unsubscribe">Unsubscribe</a></p>
</body></html>
""",
    ),
    Mail(
        key="fernwood-offer-20250425",
        date="Fri, 25 Apr 2025 16:20:00 -0700",
        sender=MARCUS,
        to=SAM,
        subject="Your offer from Fernwood Labs",
        text="""Hi Sam,

Congratulations again! As promised on the phone, here is the offer in writing:

Role: Senior Product Designer, reporting to Priya Natarajan, Head of Design
Base salary: $128,000 per year
Bonus: target 10% of base salary
Equity: 8,000 stock options, four-year vesting with a one-year cliff
Paid time off: 15 days per year, plus 10 company holidays
Start date: Monday 2 June 2025
Location: hybrid, Portland office on Tuesdays and Thursdays

We would love an answer by Friday 2 May. Any questions at all, call me on +1 503 555 0190.

Best,
Marcus Lee
Talent Partner, Fernwood Labs
""",
    ),
    Mail(
        key="fernwood-offer-reply-20250430",
        date="Wed, 30 Apr 2025 09:05:00 -0700",
        sender=SAM,
        to=MARCUS,
        subject="Re: Your offer from Fernwood Labs",
        reply_to="fernwood-offer-20250425",
        text="""Hi Marcus,

Thank you, I'm excited about the role and about working with Priya.

Before I accept, I'd like to ask about two things. Based on the market for senior product
designers in Portland and the health-tech experience I'd bring, could the base salary be
$135,000? And could the paid time off be 20 days instead of 15?

I'm also glad to hear that small non-competing freelance projects are fine with the Head of
Design's written consent. Could that be in the contract?

Best,
Sam
""",
    ),
    Mail(
        key="fernwood-offer-final-20250501",
        date="Thu, 01 May 2025 15:45:00 -0700",
        sender=MARCUS,
        to=SAM,
        subject="Re: Your offer from Fernwood Labs",
        reply_to="fernwood-offer-reply-20250430",
        text="""Hi Sam,

Good news. We can offer a base salary of $132,000 and 20 days of paid time off. The bonus target
and the 8,000 options stay the same. The outside-work clause is in the contract (clause 10.1).

If that works for you, I'll send the employment agreement for e-signature tomorrow morning.

Best,
Marcus
""",
    ),
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
        key="wren-saturday-20250708",
        date="Tue, 08 Jul 2025 21:14:00 -0700",
        sender=DANA,
        to=SAM,
        subject="Saturday on Wren",
        text="""Sam!

Saturday is ON. Forecast is 10 to 15 knots from the northwest in the afternoon, which is perfect.

Meet me at the marina on Hayden Island at 8:30, slip C-14, the boat with the green sail covers.
Bring: sunscreen (actually use it), a hat, soft-soled shoes that can get wet, a warm layer, and
lunch for yourself. I have drinks and life jackets for humans. Biscuit brings his own.

We'll practise tacking until you stop apologising to the boat.

D.
""",
    ),
    Mail(
        key="wren-saturday-reply-20250709",
        date="Wed, 09 Jul 2025 07:58:00 -0700",
        sender=SAM,
        to=DANA,
        subject="Re: Saturday on Wren",
        reply_to="wren-saturday-20250708",
        text="""Can't wait. Is there parking at the marina, or should I take the bus and bring
Biscuit on it? His life jacket arrived: it is bright orange and he hates it, so it's perfect.

Sam
""",
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
    Mail(
        key="thanksgiving-20251020",
        date="Mon, 20 Oct 2025 20:11:00 -0700",
        sender=LUCIA,
        to=SAM,
        subject="Thanksgiving!",
        text="""Hi little brother,

Train booked! I'm on the Amtrak Cascades from Seattle on Wednesday 26 November, arriving at
Portland Union Station at 14:20. Leaving on Sunday the 30th after lunch.

I'm bringing the pecan pie (non-negotiable) and the good tablecloth. Remember I'm pescatarian
now, so no turkey for me, I'll eat all the sides. Is Jonah really coming down from Tacoma?

Love,
L.
""",
    ),
    Mail(
        key="thanksgiving-reply-20251021",
        date="Tue, 21 Oct 2025 07:30:00 -0700",
        sender=SAM,
        to=LUCIA,
        subject="Re: Thanksgiving!",
        reply_to="thanksgiving-20251020",
        text="""I'll pick you up at Union Station with Biscuit, who will be beside himself.

Jonah is coming on the Friday, he promised. I'm doing a whole roasted salmon for you and a small
turkey crown for everyone else, so nobody fights.

Sam
""",
    ),
    Mail(
        key="hq-phase-two-20251103",
        date="Mon, 03 Nov 2025 10:02:00 -0800",
        sender=NADIA,
        to=SAM,
        subject="Phase two?",
        text="""Hi Sam,

The website has been a huge success: online event sign-ups are up by more than half since
launch. Would you be up for a phase two next year? We're thinking of a simple online ordering
page for book pre-orders and a new design for our monthly email. Our budget is around $4,000.

No rush, January would be fine to start.

Nadia
""",
    ),
    Mail(
        key="hq-phase-two-reply-20251104",
        date="Tue, 04 Nov 2025 19:45:00 -0800",
        sender=SAM,
        to=NADIA,
        subject="Re: Phase two?",
        reply_to="hq-phase-two-20251103",
        text="""Hi Nadia,

I'd love to. My employment contract asks me to get my manager's written consent for outside
work, so I'll ask Priya this week and then send you an estimate. January works well.

Sam
""",
    ),
    Mail(
        key="pdoc-news-202512",
        date="Mon, 01 Dec 2025 07:00:00 -0800",
        sender=NEWS,
        to=SAM,
        subject="December news: the Howliday Market and holiday hazards",
        html=f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
{_STYLE_NEWS}
</head><body>
{_SCRIPT_NEWS}
<div class="pdoc-masthead">Portland Dog Owners Collective</div>
<h2>The Howliday Market</h2>
<p class="pdoc-col">Join us on <b>Saturday 13 December</b> from 10 a.m. to 3 p.m. at the
Community Hall on Belmont for dog-friendly stalls, a photo booth with a very patient Santa, and
the annual ugly-sweater parade.</p>
<h2>Holiday hazards</h2>
<p class="pdoc-col">Keep chocolate, grapes and raisins, and anything sweetened with xylitol out
of reach. Tinsel and ribbon are a choking risk. If your dog eats something it shouldn't, call
your vet straight away.</p>
<p class="pdoc-footer-legal">You receive this because you joined PDOC.
<a href="https://pdoc.example.org/unsubscribe">Unsubscribe</a></p>
</body></html>
""",
    ),
)

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
