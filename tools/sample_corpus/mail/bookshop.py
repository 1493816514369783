"""Harbor & Quill Bookshop: the website project, its payment and a phase two."""

from __future__ import annotations

from ..records import Mail
from .people import NADIA, SAM

MAILS: tuple[Mail, ...] = (
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
)
