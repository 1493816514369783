"""The Portland Dog Owners Collective's HTML newsletters."""

from __future__ import annotations

from ..records import Mail
from .people import NEWS, SAM

_STYLE_NEWS = """<style>
  .pdoc-masthead { font: bold 28px/1.2 "Trebuchet MS", sans-serif; color: #b5562a; }
  .pdoc-footer-legal { font-size: 11px; color: #888; }
  @media (max-width: 600px) { .pdoc-col { display: block; width: 100%; } }
</style>"""

_SCRIPT_NEWS = """<script>
  var pdocAnalytics = { list: "pdoc-members", issue: "spring-paws-cmp-4471" };
  (function () { var i = new Image(); i.src = "https://tracker.example.net/o.gif?c=pdoc"; })();
</script>"""

MAILS: tuple[Mail, ...] = (
    Mail(
        key="pdoc-news-202504",
        date="Mon, 07 Apr 2025 07:00:00 -0700",
        sender=NEWS,
        to=SAM,
        subject="April news: Spring Paws 5K, ear care and new off-leash hours",
        html=f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>PDOC April newsletter</title>
{_STYLE_NEWS}
{_SCRIPT_NEWS}
</head><body>
<div class="pdoc-masthead">Portland Dog Owners Collective</div>
<h2>Spring Paws 5K</h2>
<p class="pdoc-col">Our charity run is on <b>Sunday 11 May 2025</b> at Laurelhurst Park, starting
at 9 a.m. Registration is $25 per human; dogs run free. All proceeds go to the shelter on Powell
Boulevard.</p>
<h2>Vet's corner: spring ear care</h2>
<p class="pdoc-col">Wet springs mean ear infections, especially for floppy-eared breeds. Dry your
dog's ears after every swim, and see your vet if you notice head shaking or a yeasty smell.</p>
<h2>New off-leash hours</h2>
<p class="pdoc-col">From 1 May the off-leash area at Sellwood Riverfront is open from 6 a.m. to
10 a.m. and from 5 p.m. to dusk.</p>
<p class="pdoc-footer-legal">You receive this because you joined PDOC.
<a href="https://pdoc.example.org/unsubscribe">Unsubscribe</a></p>
</body></html>
""",
    ),
    Mail(
        key="pdoc-news-202512",
        date="Mon, 01 Dec 2025 07:00:00 -0800",
        sender=NEWS,
        to=SAM,
        subject="December news: the Howliday Market and holiday hazards",
        html=f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
{_STYLE_NEWS}
</head><body>
{_SCRIPT_NEWS}
<div class="pdoc-masthead">Portland Dog Owners Collective</div>
<h2>The Howliday Market</h2>
<p class="pdoc-col">Join us on <b>Saturday 13 December</b> from 10 a.m. to 3 p.m. at the
Community Hall on Belmont for dog-friendly stalls, a photo booth with a very patient Santa, and
the annual ugly-sweater parade.</p>
<h2>Holiday hazards</h2>
<p class="pdoc-col">Keep chocolate, grapes and raisins, and anything sweetened with xylitol out
of reach. Tinsel and ribbon are a choking risk. If your dog eats something it shouldn't, call
your vet straight away.</p>
<p class="pdoc-footer-legal">You receive this because you joined PDOC.
<a href="https://pdoc.example.org/unsubscribe">Unsubscribe</a></p>
</body></html>
""",
    ),
)
