"""Hawthorne Animal Clinic's invoice for Biscuit (an email attachment)."""

from __future__ import annotations

from ..records import PdfDoc

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
