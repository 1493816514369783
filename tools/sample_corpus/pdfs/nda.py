"""The mutual non-disclosure agreement with Fernwood Labs."""

from __future__ import annotations

from ..records import PdfDoc

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
