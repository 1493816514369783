"""The residential lease for 2218 SE Alder Street, Unit 4."""

from __future__ import annotations

from ..records import PdfDoc

LEASE = PdfDoc(
    title="Residential Lease Agreement - 2218 SE Alder Street, Unit 4",
    created="D:20250703180000-07'00'",
    pages=(
        """# RESIDENTIAL LEASE AGREEMENT

This Residential Lease Agreement (the "Lease") is made on 3 July 2025 between Gary Holt (the
"Landlord") and Sam Rivera (the "Tenant"), together the "parties".

## 1. PREMISES

1.1 The Landlord lets to the Tenant the residential flat known as Unit 4, 2218 SE Alder Street,
Portland, Oregon 97214 (the "Premises"), together with the use of one lockable bicycle storage
space in the basement and shared use of the rear yard.

1.2 The Premises are let unfurnished, except for the refrigerator, the gas range and oven, the
washer-dryer and the window blinds listed in the move-in condition report.

## 2. TERM

2.1 The Lease begins on 1 August 2025 and ends on 31 July 2026 (the "Term").

2.2 The Tenant has occupied the Premises since 1 August 2022 under an earlier lease. The move-in
condition report signed on that date remains the reference for the condition of the Premises.

## 3. RENT

3.1 The rent is one thousand nine hundred and twenty US dollars ($1,920.00) per month, payable
in advance on or before the first (1st) day of each calendar month.

3.2 Rent is paid by bank transfer to the account the Landlord names in writing. Cash is not
accepted.

3.3 If rent is not received by the end of the fourth (4th) day of the month, the Tenant shall
pay a late charge of fifty US dollars ($50.00) for that month.

3.4 The Landlord may not increase the rent during the Term.""",
        """## 4. RENEWAL AND TERMINATION

4.1 Renewal. At the end of the Term this Lease continues from month to month on the same terms
unless either party gives written notice of termination or the parties sign a new lease.

4.2 Notice period. After the first six (6) months of the Term, either party may terminate this
Lease with two (2) months' written notice to the other party. The notice period runs from the
first day of the month following the day the notice is received.

4.3 Early termination by the Tenant. If the Tenant ends the Lease during the first six (6)
months of the Term, the Tenant remains liable for rent until the Premises are re-let or the
sixth month ends, whichever is earlier, and shall pay an early termination fee equal to one
half of one month's rent ($960.00).

4.4 Termination by the Landlord is only permitted on the grounds and with the notice allowed by
Oregon law (ORS chapter 90).

4.5 On termination the Tenant shall return all keys, leave the Premises clean and in the
condition recorded in the move-in condition report, fair wear and tear excepted.

## 5. SECURITY DEPOSIT

5.1 The Landlord holds a security deposit of one thousand nine hundred and twenty US dollars
($1,920.00), paid under the earlier lease. The Landlord shall return the deposit, less any
lawful deductions itemised in writing, within thirty-one (31) days after the Tenant gives up
possession.

## 6. UTILITIES

6.1 The Landlord pays for water, sewer and garbage collection.

6.2 The Tenant pays for electricity, gas, internet and any television service, and shall keep
these accounts in the Tenant's own name.""",
        """## 7. MAINTENANCE AND REPAIRS

7.1 The Landlord shall keep the Premises in a habitable condition and make repairs within a
reasonable time after written notice from the Tenant; urgent repairs (no heat, no water, a gas
or water leak) within twenty-four (24) hours.

7.2 The parties record that the Landlord replaced the bathroom extractor fan on 30 June 2025,
as agreed before this Lease was signed.

7.3 The building's water heater will be replaced during August 2025. The Landlord shall give at
least seven (7) days' written notice of any interruption to the hot water supply.

7.4 The Tenant shall keep the Premises clean, report damage promptly, replace light bulbs and
smoke alarm batteries, and shall not make repairs above one hundred US dollars ($100.00) without
the Landlord's consent.

## 8. PETS

8.1 The Tenant may keep one (1) dog at the Premises, namely the Tenant's dog "Biscuit", a
beagle cross, provided the dog weighs no more than twenty-five (25) kilograms. No other animal
may be kept without the Landlord's prior written consent.

8.2 The Landlord holds a pet deposit of four hundred US dollars ($400.00), separate from the
security deposit, which is refundable on the same terms as the security deposit.

8.3 The Tenant is responsible for any damage caused by the dog, shall clean up after the dog in
the rear yard and common areas, and shall not leave the dog barking unattended.

8.4 If the dog dies or leaves the household, the Tenant may replace it with one (1) dog of the
same size limit after notifying the Landlord in writing.""",
        """## 9. USE AND OCCUPANCY

9.1 The Premises shall be used only as a private home for the Tenant. Guests may stay no more
than fourteen (14) nights in any six-month period without the Landlord's written consent.

9.2 Quiet hours in the building are from 10 p.m. to 7 a.m. every day.

9.3 Smoking and vaping of any substance are prohibited inside the Premises and the common
areas.

## 10. LANDLORD'S ACCESS

10.1 The Landlord may enter the Premises to inspect, repair or show the Premises to prospective
tenants or buyers after giving at least twenty-four (24) hours' notice, at reasonable times.

10.2 In an emergency the Landlord may enter without notice and shall inform the Tenant in
writing as soon as possible afterwards.

## 11. ALTERATIONS

11.1 The Tenant shall not paint, alter or install fixtures without the Landlord's written
consent. Picture hooks and removable shelving are allowed.

## 12. ASSIGNMENT AND SUBLETTING

12.1 The Tenant may not assign this Lease or sublet all or part of the Premises, including
short-term holiday lets, without the Landlord's prior written consent.

## 13. INSURANCE

13.1 The Tenant shall hold renter's insurance with personal liability cover of at least one
hundred thousand US dollars ($100,000) for the whole Term and show proof of cover on request.

13.2 The Landlord's insurance does not cover the Tenant's belongings.""",
        """## 14. NOTICES

14.1 Notices under this Lease must be in writing and delivered by hand, by post, or by email to
the addresses below. An email notice is received on the day it is sent if sent before 5 p.m.

> Landlord: Gary Holt, 2218 SE Alder Street, Unit 1, Portland, OR 97214
>           gary.holt@example.net
> Tenant:   Sam Rivera, 2218 SE Alder Street, Unit 4, Portland, OR 97214
>           sam.rivera@example.com

## 15. GENERAL

15.1 This Lease is governed by the laws of the State of Oregon, including the Oregon Residential
Landlord and Tenant Act.

15.2 This Lease, together with the move-in condition report, is the whole agreement between the
parties and replaces the lease dated 1 August 2024. Changes must be in writing and signed by both
parties.

15.3 If any clause is unenforceable, the remaining clauses continue in effect.

## SIGNATURES

> Landlord: Gary Holt                      Date: 3 July 2025
>
> Tenant:   Sam Rivera                     Date: 3 July 2025""",
    ),
)
