"""The shapes of well-known provider tokens: (category, regular expression) per format.

Each pattern has a literal prefix or a fixed shape from the provider's documentation. Sources:
the providers' docs and the rules of open scanners (gitleaks, CredSweeper, detect-secrets).
"""

from __future__ import annotations

_B = r"(?<![A-Za-z0-9_])"  # token start: not glued to a longer word
_E = r"(?![A-Za-z0-9_])"

# (category, pattern) — each pattern has a literal prefix or a fixed shape from the provider's docs.
TOKEN_RULES: tuple[tuple[str, str], ...] = (
    (
        "aws_key",
        _B + r"(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA|A3T[A-Z0-9])"
        r"[A-Z0-9]{16}" + r"(?![A-Z0-9])",
    ),
    ("aws_key", r"amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
    ("aws_key", _B + r"ABSK[A-Za-z0-9+/]{100,}={0,2}"),
    ("aws_key", _B + r"bedrock-api-key-[A-Za-z0-9+/=_-]{20,}"),
    ("aws_key", _B + r"da2-[a-z0-9]{26}" + _E),
    ("github_token", _B + r"(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_.-]{36,}"),
    ("github_token", _B + r"github_pat_[A-Za-z0-9_]{22,}"),
    (
        "gitlab_token",
        _B + r"gl(?:pat|oas|dt|rt|rtr|cbt|ptt|ft|imt|agent|soat|ffct|wt)-"
        r"[A-Za-z0-9_.-]{20,}",
    ),
    ("gitlab_token", _B + r"GR1348941[A-Za-z0-9_-]{20}" + _E),
    ("gitlab_token", r"_gitlab_session=[0-9a-f]{32}"),
    ("slack_token", _B + r"xox[abposrce]-[A-Za-z0-9-]{10,}"),
    ("slack_token", _B + r"xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+"),
    ("slack_token", r"(?<=hooks\.slack\.com/)(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{20,}"),
    ("stripe_key", _B + r"(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}"),
    ("stripe_key", _B + r"whsec_[A-Za-z0-9]{24,}"),
    ("google_key", _B + r"AIza[0-9A-Za-z_-]{35}"),
    ("google_key", _B + r"GOCSPX-[A-Za-z0-9_-]{28}"),
    ("google_key", _B + r"ya29\.[A-Za-z0-9_-]{20,}"),
    ("google_key", _B + r"1//0[A-Za-z0-9_-]{40,}"),
    ("google_key", _B + r"\d{10,14}-[a-z0-9]{32}\.apps\.googleusercontent\.com"),
    ("openai_key", _B + r"sk-(?:proj-|svcacct-|admin-|ant-(?:api|admin)\d\d-)?[A-Za-z0-9_-]{32,}"),
    ("twilio_key", r"(?<![A-Za-z0-9])(?:AC|SK)[0-9a-fA-F]{32}(?![A-Za-z0-9])"),
    ("sendgrid_key", _B + r"SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}"),
    ("npm_token", _B + r"npm_[A-Za-z0-9]{36}" + _E),
    ("pypi_token", _B + r"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}"),
    ("jwt", r"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"),
    # Other well-known providers, one mask category.
    ("api_token", _B + r"ops_eyJ[A-Za-z0-9_-]{100,}"),  # 1Password
    ("api_token", _B + r"AGE-SECRET-KEY-1[0-9A-Z]{58}"),
    ("api_token", _B + r"akab-[a-z0-9]{16}-[a-z0-9]{16}"),  # Akamai
    ("api_token", _B + r"LTAI[A-Za-z0-9]{12,20}" + _E),  # Alibaba
    ("api_token", _B + r"AT(?:ATT|CTT)3[A-Za-z0-9_=-]{100,}"),  # Atlassian / Bitbucket
    ("api_token", _B + r"ATBB[A-Za-z0-9]{32}"),
    ("api_token", _B + r"BBDC-[A-Za-z0-9+/_-]{40,}"),
    ("api_token", _B + r"xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}"),  # Brevo
    ("api_token", _B + r"CLOJARS_[a-f0-9]{60}"),
    ("api_token", _B + r"cf(?:at|ut|k)_[A-Za-z0-9]{40,}"),  # Cloudflare
    ("api_token", _B + r"dapi[a-f0-9]{32}(?:-\d)?" + _E),  # Databricks
    ("api_token", _B + r"dnkey-[A-Z0-9=_-]{26}-[A-Z0-9=_-]{52}"),
    ("api_token", _B + r"do[opr]_v1_[a-f0-9]{64}"),  # DigitalOcean
    ("api_token", _B + r"[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}"),
    ("api_token", r"(?<=/api/webhooks/)\d{10,20}/[A-Za-z0-9_-]{40,}"),  # Discord
    ("api_token", _B + r"dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,}"),
    ("api_token", _B + r"SWM(?:TKN|KEY)-1-[A-Za-z0-9+/-]{40,}"),  # Docker swarm
    ("api_token", _B + r"dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,}"),  # Doppler
    ("api_token", _B + r"sl\.[A-Za-z0-9_-]{130,}"),  # Dropbox
    ("api_token", r"(?<![A-Za-z0-9_+/])EAA[A-Za-z0-9]{80,}"),  # Facebook
    ("api_token", _B + r"EAAA[A-Za-z0-9_-]{60}" + _E),  # Square
    ("api_token", _B + r"[A-Za-z0-9]{11}A{10}[A-Za-z0-9_=-]{43}"),  # Dropbox long-lived
    ("api_token", _B + r"3MVG[A-Za-z0-9._]{70,}"),  # Salesforce connected app
    ("api_token", _B + r"\d{15,16}\|[A-Za-z0-9_-]{27}" + _E),
    ("api_token", _B + r"figd_[A-Za-z0-9_-]{40}"),
    ("api_token", _B + r"(?:glc|glsa)_[A-Za-z0-9_+/]{32,}={0,2}"),  # Grafana
    ("api_token", _B + r"eyJrIjoi[A-Za-z0-9+/_-]{40,}={0,2}"),
    ("api_token", _B + r"gsk_[A-Za-z0-9]{48,}"),  # Groq
    ("api_token", _B + r"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,}"),  # Terraform
    ("api_token", _B + r"hv[sbr]\.[A-Za-z0-9_-]{24,}"),  # Vault
    ("api_token", _B + r"HRKU-[A-Za-z0-9_-]{36,}"),  # Heroku
    ("api_token", _B + r"hf_[A-Za-z]{34}" + _E),  # Hugging Face
    ("api_token", _B + r"IGQV[A-Za-z0-9_-]{100,}"),  # Instagram
    ("api_token", _B + r"AKCp[A-Za-z0-9]{69}" + r"(?![A-Za-z0-9])"),  # JFrog
    ("api_token", _B + r"cmVmdGtuOjAxOj[A-Za-z0-9]{40,}"),
    ("api_token", _B + r"lin_api_[A-Za-z0-9]{40}"),
    ("api_token", _B + r"llx-[A-Za-z0-9_-]{48}"),
    ("api_token", _B + r"[0-9a-zA-Z]{32}-us\d{1,2}" + _E),  # Mailchimp
    ("api_token", _B + r"key-[0-9a-f]{32}" + _E),  # Mailgun
    ("api_token", _B + r"[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}" + _E),
    ("api_token", _B + r"nfp_[A-Za-z0-9]{36}"),  # Netlify
    ("api_token", _B + r"NR(?:AK|II|JS|BR)-[A-Za-z0-9_-]{19,}"),  # New Relic
    ("api_token", _B + r"(?:eu01x)?[a-f0-9]{31,36}NRAL" + _E),
    ("api_token", _B + r"SU[A-Z2-7]{56}" + _E),  # NATS nkey seed
    ("api_token", _B + r"ntn_[A-Za-z0-9]{46}"),  # Notion
    ("api_token", _B + r"TlRMTVNTUAAD[A-Za-z0-9+/=]{20,}"),  # NTLM
    ("api_token", _B + r"oy2[a-z0-9]{43}" + _E),  # NuGet
    ("api_token", r"access_token\$production\$[a-z0-9]{16}\$[a-f0-9]{32}"),  # Braintree
    ("api_token", _B + r"pplx-[A-Za-z0-9]{48}"),
    ("api_token", _B + r"pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,}"),
    ("api_token", _B + r"ph[cxsra]_[A-Za-z0-9]{40,}"),  # PostHog
    ("api_token", _B + r"PMA[KT]-[A-Za-z0-9-]{24,}"),  # Postman
    ("api_token", _B + r"rubygems_[a-f0-9]{48}"),
    ("api_token", _B + r"00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{50,}"),  # Salesforce session
    ("api_token", _B + r"sntry[su]_[A-Za-z0-9+/=_-]{40,}"),  # Sentry
    ("api_token", _B + r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"),  # Shopify
    ("api_token", _B + r"sq[uap]_[a-f0-9]{40}"),  # SonarQube
    ("api_token", _B + r"sq0(?:atp|csp)-[A-Za-z0-9_-]{22,}"),  # Square
    ("api_token", _B + r"sbp_(?:v0_)?[a-f0-9]{40}"),  # Supabase
    ("api_token", _B + r"\d{8,10}:AA[A-Za-z0-9_-]{32,33}" + _E),  # Telegram
    ("api_token", _B + r"tgp_v1_[A-Za-z0-9_-]{43}"),  # Together
    ("api_token", _B + r"tvly-[A-Za-z0-9]{32}"),  # Tavily
    ("api_token", _B + r"A{20,}[A-Za-z0-9%]{30,}"),  # X (Twitter) app bearer
    ("api_token", _B + r"vc[pkiar]_[A-Za-z0-9]{40,}"),  # Vercel
    ("api_token", _B + r"cosmo_[a-f0-9]{32}"),  # WunderGraph
    ("api_token", _B + r"xai-[A-Za-z0-9]{70,}"),
    ("api_token", _B + r"[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}"),  # Azure client secret
    ("api_token", _B + r"[A-Za-z0-9+/]{52}JQQJ99[A-Za-z0-9+/]{19,}={0,2}"),  # Azure storage
)
