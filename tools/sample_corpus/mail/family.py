"""Friends and family: a sailing Saturday and Thanksgiving."""

from __future__ import annotations

from ..records import Mail
from .people import DANA, LUCIA, SAM

MAILS: tuple[Mail, ...] = (
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
)
