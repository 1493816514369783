"""Gary, the landlord: renewing the lease, and the house rules."""

from __future__ import annotations

from ..records import Attachment, Mail
from .people import GARY, SAM

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

MAILS: tuple[Mail, ...] = (
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
)
