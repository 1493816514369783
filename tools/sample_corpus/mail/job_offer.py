"""Fernwood Labs' job offer and its negotiation."""

from __future__ import annotations

from ..records import Mail
from .people import MARCUS, SAM

MAILS: tuple[Mail, ...] = (
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
)
