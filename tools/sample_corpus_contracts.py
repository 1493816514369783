"""Text of the sample corpus PDFs: four contracts and two PDFs that travel as email attachments.

Each document is a list of pages; a page is lightly marked-up text that the generator wraps:
``# `` is the document title, ``## `` a bold heading, ``> `` a line kept exactly as written
(signature blocks, tables), a blank line separates paragraphs. Page breaks are written by hand so
that tests can say "this fact is on page N".  Everything here is invented.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PdfDoc:
    title: str  # PDF /Title metadata and running footer
    created: str  # PDF date for /CreationDate and /ModDate, fixed so the bytes never change
    pages: tuple[str, ...]


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

EMPLOYMENT = PdfDoc(
    title="Employment Agreement - Fernwood Labs, Inc. and Sam Rivera",
    created="D:20250502150000-07'00'",
    pages=(
        """# EMPLOYMENT AGREEMENT

This Employment Agreement (the "Agreement") is made on 2 May 2025 between Fernwood Labs, Inc., an
Oregon corporation with its office at 1100 SE Water Avenue, Suite 210, Portland, Oregon 97214
(the "Company"), and Sam Rivera (the "Employee").

## 1. POSITION AND DUTIES

1.1 The Company employs the Employee as Senior Product Designer. The Employee reports to the
Head of Design, currently Priya Natarajan.

1.2 The Employee shall perform the duties reasonably assigned by the Company, including the design
of the Company's clinic appointment booking products, user research and design system work.

## 2. START DATE AND PLACE OF WORK

2.1 Employment begins on 2 June 2025 (the "Start Date").

2.2 The position is hybrid. The Employee is expected to work from the Company's Portland office
on Tuesdays and Thursdays and may work remotely on other working days.

## 3. COMPENSATION

3.1 Base salary. The Company shall pay the Employee a base salary of one hundred thirty-two
thousand US dollars ($132,000) per year, less lawful deductions, paid in equal semi-monthly
instalments on the 15th and the last working day of each month.

3.2 Bonus. The Employee is eligible for an annual performance bonus with a target of ten percent
(10%) of base salary, based on company and individual goals, paid in the first quarter of the
following year.

3.3 Equity. Subject to approval by the Board, the Employee will be granted options to purchase
8,000 shares of common stock, vesting over four (4) years with a one-year cliff.

3.4 Salary is reviewed every year in March.""",
        """## 4. PROBATION

4.1 The first ninety (90) days of employment are a probationary period.

4.2 During the probationary period either party may terminate employment by giving one (1)
week's written notice.

## 5. HOURS, LEAVE AND HOLIDAYS

5.1 Normal working hours are forty (40) hours per week, Monday to Friday, with flexible start
and finish times agreed with the Head of Design.

5.2 The Employee is entitled to twenty (20) days of paid time off per calendar year, pro-rated
in the first year, in addition to the ten (10) Company holidays.

5.3 Sick leave is provided in accordance with Oregon law and the Company's sick leave policy.

## 6. BENEFITS

6.1 The Employee may join the Company's medical, dental and vision plans from the first day of
the month following the Start Date. The Company pays ninety percent (90%) of the employee-only
premium.

6.2 The Company matches contributions to its 401(k) plan up to four percent (4%) of base salary.

6.3 The Company provides a learning budget of one thousand five hundred US dollars ($1,500) per
calendar year for courses, conferences and books, and a one-time home office stipend of six
hundred US dollars ($600).

## 7. TERMINATION AND NOTICE

7.1 After the probationary period, either party may terminate employment by giving four (4)
weeks' written notice to the other party.

7.2 The Company may pay the Employee's base salary in lieu of all or part of the notice period.

7.3 The Company may terminate employment without notice for gross misconduct.

7.4 On termination the Employee shall return all Company property, devices and documents.""",
        """## 8. CONFIDENTIALITY

8.1 The Employee shall keep confidential, during and after employment, all non-public
information about the Company, its customers, clinics and patients, and shall use it only to
perform the Employee's duties.

8.2 Patient information must be handled in accordance with the Company's privacy and security
policies and applicable law.

## 9. INTELLECTUAL PROPERTY

9.1 All designs, software, documents and other work created by the Employee in the course of
employment belong to the Company. The Employee assigns to the Company all rights in that work.

9.2 This clause does not apply to work the Employee creates entirely on their own time, without
the Company's equipment or confidential information, and unrelated to the Company's business.

## 10. OUTSIDE ACTIVITIES

10.1 The Employee may undertake freelance or other paid work outside employment only if it does
not compete with the Company's business and the Head of Design has given prior written consent.
Consent may be given by email.

## 11. NON-COMPETITION AND NON-SOLICITATION

11.1 For twelve (12) months after employment ends, the Employee shall not work for a direct
competitor of the Company in clinic scheduling or patient booking software in the United States.

11.2 For twelve (12) months after employment ends, the Employee shall not solicit any Company
employee to leave the Company, nor solicit any Company customer for a competing product.

11.3 Clause 11.1 applies only to the extent permitted by ORS 653.295. The Company shall give the
Employee a signed copy of this Agreement within thirty (30) days after employment ends.""",
        """## 12. GENERAL

12.1 This Agreement is governed by the laws of the State of Oregon.

12.2 This Agreement, together with the offer letter dated 1 May 2025, is the entire agreement
between the parties about the employment and replaces all earlier discussions. If the offer
letter and this Agreement conflict, this Agreement prevails.

12.3 Changes to this Agreement must be in writing and signed by both parties.

12.4 Employment with the Company is subject to satisfactory proof of the right to work in the
United States.

## SIGNATURES

> For Fernwood Labs, Inc.: Priya Natarajan, Head of Design      Date: 2 May 2025
>
> Employee: Sam Rivera                                          Date: 2 May 2025""",
    ),
)

FREELANCE = PdfDoc(
    title="Freelance Services Agreement - Harbor & Quill Bookshop LLC",
    created="D:20250115090000-08'00'",
    pages=(
        """# FREELANCE SERVICES AGREEMENT

This Freelance Services Agreement (the "Agreement") is made on 15 January 2025 between Harbor &
Quill Bookshop LLC, 3417 SE Division Street, Portland, Oregon 97202 (the "Client"), represented by
its owner Nadia Brooks, and Sam Rivera, an independent designer (the "Designer").

## 1. SERVICES

1.1 The Designer shall redesign the Client's public website (the "Project"), as follows:

> (a) Discovery: questionnaire, analytics review and one workshop.
> (b) Wireframes for the home, events calendar, book detail and visit-us pages.
> (c) Visual design of those pages for mobile and desktop, with a short style guide.
> (d) Handoff of design files and assets to the Client's web developer.

1.2 Timeline. Wireframes are due by 7 February 2025 and the final handoff by 14 March 2025.
Dates move day for day with any delay in the Client's feedback.

1.3 The Designer decides how and where to perform the Services and uses their own equipment.

## 2. FEES

2.1 The fixed fee for the Project is six thousand four hundred US dollars ($6,400), payable in
two instalments:

> - $3,200 on the Client's written approval of the wireframes; and
> - $3,200 on final handoff.

2.2 The fee includes two (2) rounds of revisions at each stage. Further revisions or work outside
the Project are charged at eighty-five US dollars ($85) per hour, agreed in writing beforehand.

2.3 The fee does not include fonts, stock photography or hosting, which the Client buys
directly.""",
        """## 3. PAYMENT TERMS

3.1 The Designer invoices each instalment when it becomes due. Invoices are payable within thirty
(30) days of the invoice date (net 30), by bank transfer.

3.2 Late payments bear interest at one and a half percent (1.5%) per month, or the maximum rate
allowed by law if lower, from the due date until paid.

3.3 If an invoice is more than thirty (30) days overdue, the Designer may pause work on the
Project after giving seven (7) days' written notice.

## 4. CLIENT RESPONSIBILITIES

4.1 The Client shall provide content, photographs, logos and access to analytics in good time,
and give consolidated feedback within five (5) working days of each delivery.

4.2 The Client confirms it has the rights to all material it supplies to the Designer.

## 5. INTELLECTUAL PROPERTY

5.1 Upon receipt of full payment of all fees, the Designer assigns to the Client all copyright
and other intellectual property rights in the final deliverables.

5.2 Until full payment, the Client has a licence to review the deliverables but not to publish
them.

5.3 The Designer keeps all rights in pre-existing materials, tools, templates and rejected
concepts, and grants the Client a perpetual licence to use any pre-existing material included in
the final deliverables.

5.4 The Designer may show the Project in their portfolio and at talks after the Client's new
website is publicly launched.""",
        """## 6. CONFIDENTIALITY

6.1 Each party shall keep confidential the other party's non-public business information,
including sales figures, customer data and analytics, and use it only for the Project.

## 7. WARRANTIES

7.1 The Designer warrants that the deliverables are the Designer's original work, except for
material supplied by the Client or licensed third-party material identified to the Client.

## 8. LIMITATION OF LIABILITY

8.1 The Designer's total liability arising out of or in connection with this Agreement, whether
in contract, tort or otherwise, is limited to the total fees paid by the Client under this
Agreement.

8.2 Neither party is liable for indirect or consequential loss, including lost profits or lost
sales.

## 9. TERM AND TERMINATION

9.1 This Agreement ends when the final handoff is accepted and paid.

9.2 Either party may terminate this Agreement for convenience with fourteen (14) days' written
notice. The Client shall pay for work performed up to the termination date, at the hourly rate
in clause 2.2, up to the fee of the stage in progress.

9.3 Either party may terminate immediately if the other materially breaches this Agreement and
does not cure the breach within ten (10) days of written notice.""",
        """## 10. INDEPENDENT CONTRACTOR

10.1 The Designer is an independent contractor, not an employee of the Client, and is
responsible for their own taxes and insurance.

## 11. GOVERNING LAW AND DISPUTES

11.1 This Agreement is governed by the laws of the State of Oregon.

11.2 The parties shall first try to settle any dispute by mediation in Multnomah County, Oregon,
before starting court proceedings.

## 12. ENTIRE AGREEMENT

12.1 This Agreement is the entire agreement between the parties about the Project. Changes must
be in writing; email is sufficient.

## SIGNATURES

> For Harbor & Quill Bookshop LLC: Nadia Brooks, Owner      Date: 15 January 2025
>
> Designer: Sam Rivera                                      Date: 15 January 2025""",
    ),
)

NDA = PdfDoc(
    title="Mutual Non-Disclosure Agreement - Fernwood Labs, Inc. and Sam Rivera",
    created="D:20250331100000-07'00'",
    pages=(
        """# MUTUAL NON-DISCLOSURE AGREEMENT

This Mutual Non-Disclosure Agreement (the "Agreement") is made on 31 March 2025 between Fernwood
Labs, Inc., 1100 SE Water Avenue, Suite 210, Portland, Oregon 97214 ("Fernwood"), and Sam Rivera
("Candidate"). Each is a "Disclosing Party" when it shares information and a "Receiving Party"
when it receives it.

## 1. PURPOSE

1.1 The parties wish to evaluate a possible employment relationship, including a paid design
exercise in which the Candidate redesigns Fernwood's clinic appointment booking flow (the
"Purpose"). Fernwood shall pay the Candidate an honorarium of five hundred US dollars ($500) for
the exercise, whatever the outcome.

## 2. CONFIDENTIAL INFORMATION

2.1 "Confidential Information" means any non-public information disclosed by a Disclosing Party
for the Purpose, in any form, including product plans, designs, user research, customer names,
metrics and source code, and the Candidate's own unpublished portfolio work.

2.2 Confidential Information does not include information that (a) is or becomes public through
no fault of the Receiving Party, (b) the Receiving Party already knew without a duty of
confidence, (c) is received from a third party without restriction, or (d) is independently
developed without use of the Confidential Information.

## 3. OBLIGATIONS

3.1 The Receiving Party shall use the Confidential Information only for the Purpose, protect it
with at least reasonable care, and disclose it only to people who need to know it for the Purpose
and are bound by similar duties.

3.2 The Receiving Party may disclose Confidential Information if required by law, after giving
the Disclosing Party prompt notice where lawful.""",
        """## 4. DURATION

4.1 The obligations in this Agreement last for three (3) years from the date each item of
Confidential Information is disclosed.

## 5. RETURN OF MATERIALS

5.1 Within ten (10) days of a written request, the Receiving Party shall return or destroy all
Confidential Information and confirm this in writing.

## 6. OWNERSHIP OF THE DESIGN EXERCISE

6.1 The Candidate keeps ownership of the design exercise. Fernwood may use it only to evaluate
the Candidate unless the Candidate becomes a Fernwood employee, in which case clause 9 of the
employment agreement applies from the start date.

## 7. NO OTHER RIGHTS

7.1 Nothing in this Agreement grants a licence to any patent, copyright or trademark, or obliges
either party to enter into employment or any other relationship.""",
        """## 8. REMEDIES AND GOVERNING LAW

8.1 A breach may cause harm that money cannot fully repair, so the Disclosing Party may seek an
injunction in addition to any other remedy.

8.2 This Agreement is governed by the laws of the State of Oregon.

8.3 This Agreement is the entire agreement between the parties about its subject and may only
be changed in writing signed by both parties.

## SIGNATURES

> For Fernwood Labs, Inc.: Marcus Lee, Talent Partner        Date: 31 March 2025
>
> Candidate: Sam Rivera                                      Date: 31 March 2025""",
    ),
)

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

VET_INVOICE = PdfDoc(
    title="Hawthorne Animal Clinic - Invoice 25-00871",
    created="D:20250208140000-08'00'",
    pages=(
        """# HAWTHORNE ANIMAL CLINIC - INVOICE

> Invoice 25-00871                     Date: 8 February 2025
> Client: Sam Rivera                   Patient: Biscuit (canine, beagle cross, male, neutered)
> Veterinarian: Dr. Anjali Mehta, DVM  Weight today: 14.2 kg

## SERVICES AND PRODUCTS

> Examination, standard consultation ..................... USD  68.00
> Ear cytology (left ear) ................................ USD  42.00
> Ear flush and cleaning under restraint ................. USD  35.00
> Otic suspension, 15 ml (antifungal/antibiotic drops) ... USD  29.40
> Ear cleaning solution, 120 ml .......................... USD  12.00
>                                                         ----------
> Total                                                    USD 186.40
> Paid by card, 8 February 2025                            USD 186.40

## DIAGNOSIS

Otitis externa (mild ear infection), left ear. Cytology shows yeast; no bacteria of concern.
Right ear normal.

## DISCHARGE INSTRUCTIONS

Give 5 drops of the otic suspension in the left ear twice a day for ten days, then massage the
base of the ear for 20 seconds. Dry the ears after swimming or rain. Use the ear cleaning solution
once a week, not daily. Recheck appointment: Saturday 22 February 2025 at 10:30. Call us sooner if
Biscuit tilts his head, loses his balance or stops eating.

> Hawthorne Animal Clinic, Portland, Oregon - phone +1 503 555 0134 - frontdesk@example.org""",
    ),
)

# the PDFs that travel as email attachments, by the name sample_corpus_mail uses
ATTACHMENT_PDFS: dict[str, PdfDoc] = {"ITINERARY": ITINERARY, "VET_INVOICE": VET_INVOICE}

# file name under sample_corpus/contracts -> document
CONTRACTS: dict[str, PdfDoc] = {
    "residential_lease_2025.pdf": LEASE,
    "employment_agreement_fernwood.pdf": EMPLOYMENT,
    "freelance_agreement_harbor_quill.pdf": FREELANCE,
    "mutual_nda_fernwood.pdf": NDA,
}
