"""The freelance agreement with Harbor & Quill Bookshop."""

from __future__ import annotations

from ..records import PdfDoc

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
