"""Sam's employment agreement with Fernwood Labs."""

from __future__ import annotations

from ..records import PdfDoc

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
